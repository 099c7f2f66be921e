"""EMCS reference code lists, loaded from ``emcs/data/codelists.json`` by ``load_emcs_codelists``.

The lists the business rules query (excise products, CN codes, their correspondence, kinds of
packages) have their own tables; every other list (transport modes, member states, reasons …)
lives in the generic :class:`CodeListEntry`. Each row keeps the official English value as it is
published and, where one is known, a French label shown to users."""

from django.db import models


class CodeListEntry(models.Model):
    """One entry of a small EMCS code list (BC11 member states, BC67 transport modes, BC43
    cancellation reasons …), keyed by the list's code and the entry's key."""

    list_code = models.CharField("liste", max_length=8)
    key = models.CharField("code", max_length=16)
    value = models.CharField("libellé officiel (anglais)", max_length=400)
    label = models.CharField("libellé français", max_length=400, blank=True)
    properties = models.JSONField("propriétés", default=dict, blank=True)

    class Meta:
        verbose_name = "entrée de liste de codes EMCS"
        verbose_name_plural = "entrées des listes de codes EMCS"
        ordering = ["list_code", "key"]
        constraints = [models.UniqueConstraint(fields=["list_code", "key"], name="emcs_codelistentry_unique_key")]

    def __str__(self) -> str:
        return f"{self.list_code} {self.key} : {self.display}"

    @property
    def display(self) -> str:
        """The French label when there is one, otherwise the official value."""
        return self.label or self.value


class ExciseProductCode(models.Model):
    """An excise product code (EPC, list BC36) with the flags that decide which line fields apply:
    alcoholic strength (C047), degree Plato (C048) and density (C049)."""

    code = models.CharField("code", max_length=4, unique=True)
    description = models.CharField("libellé officiel (anglais)", max_length=400)
    label = models.CharField("libellé français", max_length=400, blank=True)
    category = models.CharField("catégorie (BC66)", max_length=1)
    unit_of_measure = models.CharField("unité de mesure (BC52)", max_length=1)
    alcoholic_strength_applicable = models.BooleanField("titre alcoométrique requis", default=False)
    degree_plato_applicable = models.BooleanField("degré Plato applicable", default=False)
    density_applicable = models.BooleanField("masse volumique requise", default=False)

    class Meta:
        verbose_name = "code produit d'accise"
        verbose_name_plural = "codes produits d'accise"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} : {self.display}"

    @property
    def display(self) -> str:
        return self.label or self.description


class CnCode(models.Model):
    """A code of the combined nomenclature (8 digits, list BC37) used for excise goods."""

    code = models.CharField("code NC", max_length=8, unique=True)
    description = models.CharField("libellé officiel (anglais)", max_length=400)
    label = models.CharField("libellé français", max_length=600, blank=True)

    class Meta:
        verbose_name = "code de la nomenclature combinée"
        verbose_name_plural = "codes de la nomenclature combinée"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} : {self.display}"

    @property
    def display(self) -> str:
        return self.label or self.description


class EpcCnCode(models.Model):
    """The correspondence between CN codes and excise product codes (list E200, rule BR018): a
    line's CN code must be one of its EPC's. A CN code may belong to several EPCs."""

    epc = models.ForeignKey(
        ExciseProductCode,
        verbose_name="code produit d'accise",
        to_field="code",
        on_delete=models.CASCADE,
        related_name="cn_links",
    )
    cn = models.ForeignKey(
        CnCode, verbose_name="code NC", to_field="code", on_delete=models.CASCADE, related_name="epc_links"
    )

    class Meta:
        verbose_name = "correspondance code NC / code produit"
        verbose_name_plural = "correspondances codes NC / codes produits"
        ordering = ["epc", "cn"]
        constraints = [models.UniqueConstraint(fields=["epc", "cn"], name="emcs_epccncode_unique_pair")]

    def __str__(self) -> str:
        return f"{self.epc_id} ↔ {self.cn_id}"


class PackageKind(models.Model):
    """A kind of packages (list BC17, UN/ECE recommendation 21); when countable, the number of
    packages is required (C073)."""

    code = models.CharField("code", max_length=2, unique=True)
    description = models.CharField("libellé officiel (anglais)", max_length=400)
    label = models.CharField("libellé français", max_length=400, blank=True)
    countable = models.BooleanField("dénombrable", default=True)

    class Meta:
        verbose_name = "type de colis"
        verbose_name_plural = "types de colis"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} : {self.display}"

    @property
    def display(self) -> str:
        return self.label or self.description
