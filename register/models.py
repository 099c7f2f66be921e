"""The company register: INSEE's SIRENE (legal units, establishments) and the customs' own
register of operators (ROSA): their excise numbers and the customs offices in charge."""

from django.db import models
from django.utils import timezone


class AdministrativeState(models.TextChoices):
    ACTIVE = "A", "Actif"  # open in SIRENE
    CLOSED = "C", "Fermé"  # ceased ("cessé") in SIRENE; for a legal unit too


class Diffusion(models.TextChoices):
    PUBLIC = "O", "Diffusible"
    PARTIAL = "P", "Partiellement diffusible"  # personal data masked ("[ND]" in the stock files)
    NONE = "N", "Non diffusible"


class LegalUnit(models.Model):
    """A company or sole trader, identified by its SIREN (INSEE ``StockUniteLegale``)."""

    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    denomination = models.CharField("dénomination", max_length=120, blank=True)
    acronym = models.CharField("sigle", max_length=20, blank=True)
    # For sole traders, SIRENE has no denomination: the person's names stand instead.
    last_name = models.CharField("nom", max_length=100, blank=True)
    first_name = models.CharField("prénom usuel", max_length=40, blank=True)
    legal_category = models.CharField("catégorie juridique", max_length=4, blank=True)
    main_activity = models.CharField("activité principale", max_length=6, blank=True)
    activity_nomenclature = models.CharField("nomenclature de l'activité", max_length=8, blank=True)
    headcount_band = models.CharField("tranche d'effectif", max_length=2, blank=True)
    created_on = models.DateField("date de création", null=True, blank=True)
    head_office_nic = models.CharField("NIC du siège", max_length=5, blank=True)
    diffusion = models.CharField("statut de diffusion", max_length=1, choices=Diffusion.choices, blank=True)
    state = models.CharField(
        "état administratif", max_length=1, choices=AdministrativeState.choices, default=AdministrativeState.ACTIVE
    )
    updated_at = models.DateTimeField("mis à jour le", default=timezone.now)

    class Meta:
        verbose_name = "unité légale"
        verbose_name_plural = "unités légales"

    def __str__(self) -> str:
        return f"{self.name} ({self.siren})"

    @property
    def name(self) -> str:
        return self.denomination or " ".join(part for part in (self.first_name, self.last_name) if part)


class Establishment(models.Model):
    """One establishment of a legal unit, identified by its SIRET (INSEE ``StockEtablissement``)."""

    siret = models.CharField("SIRET", max_length=14, primary_key=True)
    # No database foreign key: SIRENE's two files are imported independently and in any order.
    legal_unit = models.ForeignKey(
        LegalUnit,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="siren",
        related_name="establishments",
        verbose_name="unité légale",
    )
    nic = models.CharField("NIC", max_length=5)
    signboard = models.CharField("enseigne", max_length=50, blank=True)
    usual_name = models.CharField("dénomination usuelle", max_length=100, blank=True)
    created_on = models.DateField("date de création", null=True, blank=True)
    headcount_band = models.CharField("tranche d'effectif", max_length=2, blank=True)
    is_head_office = models.BooleanField("siège", default=False)
    main_activity = models.CharField("activité principale", max_length=6, blank=True)
    activity_nomenclature = models.CharField("nomenclature de l'activité", max_length=8, blank=True)
    street_number = models.CharField("numéro de voie", max_length=10, blank=True)
    street_number_suffix = models.CharField("indice de répétition", max_length=4, blank=True)  # B (bis), T…
    street_type = models.CharField("type de voie", max_length=10, blank=True)
    street_name = models.CharField("libellé de voie", max_length=100, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=38, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    city_code = models.CharField("code commune", max_length=5, blank=True)  # INSEE's (COG), not the postal code
    foreign_city = models.CharField("commune à l'étranger", max_length=100, blank=True)
    country_code = models.CharField("code pays étranger", max_length=5, blank=True)
    country_name = models.CharField("pays étranger", max_length=70, blank=True)
    diffusion = models.CharField("statut de diffusion", max_length=1, choices=Diffusion.choices, blank=True)
    state = models.CharField(
        "état administratif", max_length=1, choices=AdministrativeState.choices, default=AdministrativeState.ACTIVE
    )
    updated_at = models.DateTimeField("mis à jour le", default=timezone.now)

    class Meta:
        verbose_name = "établissement"
        verbose_name_plural = "établissements"

    def __str__(self) -> str:
        return f"{self.siret}"


class CustomsOffice(models.Model):
    """A customs office (bureau de douane, PAE), by its 8-character reference (``FR000690``)."""

    code = models.CharField("code", max_length=8, unique=True)
    name = models.CharField("nom", max_length=120)
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=10, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    class Meta:
        verbose_name = "bureau de douane"
        verbose_name_plural = "bureaux de douane"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ProductCategory(models.Model):
    """Excise product category (EMCS code list BC66: B beer, E energy, I intermediate, S spirits,
    T tobacco, W wine)."""

    code = models.CharField("code", max_length=1, unique=True)
    label = models.CharField("libellé", max_length=100)

    class Meta:
        verbose_name = "catégorie de produits soumis à accise"
        verbose_name_plural = "catégories de produits soumis à accise"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class Operator(models.Model):
    """A company as the customs register (ROSA) knows it: the holder of excise numbers."""

    siren = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("raison sociale", max_length=120)
    address = models.CharField("adresse", max_length=200)
    postal_code = models.CharField("code postal", max_length=10)
    city = models.CharField("commune", max_length=100)

    class Meta:
        verbose_name = "opérateur"
        verbose_name_plural = "opérateurs"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.siren})"


class ExciseStatus(models.TextChoices):
    AUTHORISED_WAREHOUSEKEEPER = "EA", "Entrepositaire agréé"  # dispatches under duty suspension
    REGISTERED_CONSIGNEE = "DE", "Destinataire enregistré"  # receives under duty suspension
    TEMPORARY_REGISTERED_CONSIGNEE = "DT", "Destinataire enregistré à titre temporaire"  # one movement
    REGISTERED_CONSIGNOR = "EE", "Expéditeur enregistré"  # dispatches on importation
    CERTIFIED_CONSIGNOR = "EC", "Expéditeur certifié"  # duty-paid, intra-EU (DAES)
    CERTIFIED_CONSIGNEE = "DC", "Destinataire certifié"  # duty-paid, intra-EU (DAES)


class ExciseNumber(models.Model):
    """An excise number (``FR008777E0001``) held by an operator, with what it authorises."""

    number = models.CharField("numéro d'accise", max_length=13, unique=True)
    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, related_name="excise_numbers", verbose_name="opérateur"
    )
    status = models.CharField("statut", max_length=2, choices=ExciseStatus.choices)
    tax_warehouse_reference = models.CharField("référence de l'entrepôt fiscal", max_length=13, blank=True)
    product_categories = models.ManyToManyField(
        ProductCategory, verbose_name="catégories de produits autorisées", related_name="excise_numbers"
    )
    customs_office = models.ForeignKey(
        CustomsOffice,
        on_delete=models.PROTECT,
        related_name="excise_numbers",
        verbose_name="bureau de douane de rattachement",
    )
    valid_from = models.DateField("valide à partir du")
    valid_until = models.DateField("valide jusqu'au", null=True, blank=True)

    class Meta:
        verbose_name = "numéro d'accise"
        verbose_name_plural = "numéros d'accise"
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="register_excisenumber_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
