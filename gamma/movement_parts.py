"""The repeated data groups of a movement (IE815 / IE801), one row each: its traders, one per role
(``MovementTrader``), its documents (DocumentCertificate), its lines (BodyEadEsad, with their wine
data), the lines' packages (Package) and its transport units (TransportDetails). Models of the
``gamma`` app, imported from ``gamma.models`` like the others; ``Movement`` is named as
``"gamma.Movement"`` so that this module does not import ``gamma.models``."""

from django.db import models
from django.db.models import F, Q

from gamma.fields import _language, _text


class WineProductCategory(models.IntegerChoices):
    WITHOUT_PDO_PGI = 1, "Vin sans AOP ni IGP"
    VARIETAL_WITHOUT_PDO_PGI = 2, "Vin de cépage sans AOP ni IGP"
    WITH_PDO_PGI = 3, "Vin avec AOP ou IGP"
    IMPORTED = 4, "Vin importé"
    OTHER = 5, "Autre"


class TraderRole(models.TextChoices):
    CONSIGNEE = "consignee", "Destinataire"
    CONSIGNOR = "consignor", "Expéditeur"
    PLACE_OF_DISPATCH = "place_of_dispatch", "Lieu d'expédition"
    DELIVERY_PLACE = "delivery_place", "Lieu de livraison"
    TRANSPORT_ARRANGER = "transport_arranger", "Organisateur du transport"
    FIRST_TRANSPORTER = "first_transporter", "Premier transporteur"
    GUARANTOR_1 = "guarantor_1", "Garant"
    GUARANTOR_2 = "guarantor_2", "Second garant"


class MovementTrader(models.Model):
    """One trader group of the movement; which identifiers apply depends on the role: consignor
    and guarantors have an excise number, consignee and delivery place a Traderid, the place of
    dispatch the reference of its tax warehouse, transporters and guarantors a VAT number."""

    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.CASCADE, related_name="traders", verbose_name="mouvement"
    )
    role = models.CharField("rôle", max_length=20, choices=TraderRole.choices)
    trader_excise_number = models.CharField("numéro d'accise", max_length=13, blank=True)
    traderid = models.CharField("identifiant", max_length=16, blank=True)
    reference_of_tax_warehouse = models.CharField("référence de l'entrepôt fiscal", max_length=13, blank=True)
    vat_number = models.CharField("numéro de TVA", max_length=14, blank=True)
    eori_number = models.CharField("numéro EORI", max_length=17, blank=True)
    trader_name = models.CharField("nom", max_length=182, blank=True)
    street_name = models.CharField("rue", max_length=65, blank=True)
    street_number = models.CharField("numéro", max_length=11, blank=True)
    postcode = models.CharField("code postal", max_length=10, blank=True)
    city = models.CharField("ville", max_length=50, blank=True)
    language = _language()

    class Meta:
        verbose_name = "opérateur du mouvement"
        verbose_name_plural = "opérateurs du mouvement"
        constraints = [models.UniqueConstraint(fields=["movement", "role"], name="gamma_trader_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} : {self.trader_name}"


class MovementDocument(models.Model):
    """A document certificate accompanying the goods (up to 9)."""

    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.CASCADE, related_name="documents", verbose_name="mouvement"
    )
    position = models.PositiveSmallIntegerField("rang", default=1)
    document_type = models.CharField("type de document", max_length=4, blank=True)  # code list BC106
    document_reference = models.CharField("référence du document", max_length=35, blank=True)
    document_description = _text("description du document", 350)
    document_description_language = _language()
    reference_of_document = _text("référence du document (texte)", 350)
    reference_of_document_language = _language()

    class Meta:
        verbose_name = "document d'accompagnement"
        verbose_name_plural = "documents d'accompagnement"
        ordering = ["movement", "position", "id"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.document_type, self.document_reference) if part) or "Document"


class MovementLine(models.Model):
    """One goods line (BodyEadEsad), with its wine data when the product is wine."""

    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.CASCADE, related_name="lines", verbose_name="mouvement"
    )
    body_record_unique_reference = models.PositiveSmallIntegerField("numéro de ligne")
    excise_product_code = models.CharField("code produit d'accise", max_length=4, blank=True)  # BC36
    cn_code = models.CharField("code NC", max_length=8, blank=True)  # BC37
    # Precisions wide enough for every value the schema admits (total digits + fraction digits).
    quantity = models.DecimalField("quantité", max_digits=18, decimal_places=3, null=True, blank=True)
    gross_mass = models.DecimalField("masse brute (kg)", max_digits=22, decimal_places=6, null=True, blank=True)
    net_mass = models.DecimalField("masse nette (kg)", max_digits=22, decimal_places=6, null=True, blank=True)
    alcoholic_strength = models.DecimalField(
        "titre alcoométrique volumique (% vol.)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    degree_plato = models.DecimalField("degré Plato", max_digits=7, decimal_places=2, null=True, blank=True)
    fiscal_mark = _text("marque fiscale", 350)
    fiscal_mark_language = _language()
    fiscal_mark_used = models.BooleanField("marque fiscale utilisée", null=True, blank=True, default=None)
    designation_of_origin = _text("appellation d'origine", 350)
    designation_of_origin_language = _language()
    size_of_producer = models.PositiveBigIntegerField("taille du producteur (hl)", null=True, blank=True)
    density = models.DecimalField("densité à 15 °C", max_digits=7, decimal_places=2, null=True, blank=True)
    commercial_description = _text("désignation commerciale", 350)
    commercial_description_language = _language()
    brand_name = _text("marque", 350)
    brand_name_language = _language()
    maturation_period = _text("durée de vieillissement ou âge", 350)
    maturation_period_language = _language()
    independent_small_producers_declaration = _text("déclaration de petit producteur indépendant", 350)
    independent_small_producers_declaration_language = _language()
    # WineProduct: present when the category is set.
    wine_product_category = models.PositiveSmallIntegerField(
        "catégorie de vin", choices=WineProductCategory.choices, null=True, blank=True
    )
    wine_growing_zone_code = models.CharField("zone viticole", max_length=2, blank=True)  # BC40
    wine_third_country_of_origin = models.CharField("pays tiers d'origine", max_length=2, blank=True)
    wine_other_information = _text("autres informations sur le vin", 350)
    wine_other_information_language = _language()
    wine_operations = models.JSONField("opérations vitivinicoles", default=list, blank=True)  # BC41 codes, in order

    class Meta:
        verbose_name = "ligne de marchandises"
        verbose_name_plural = "lignes de marchandises"
        ordering = ["movement", "body_record_unique_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "body_record_unique_reference"], name="gamma_line_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(body_record_unique_reference__gte=1) & Q(body_record_unique_reference__lte=999),
                name="gamma_line_reference_range",
            ),
            # R219 at the database level; the rule itself (with its French message) is in gamma.rules.
            models.CheckConstraint(
                condition=Q(gross_mass__isnull=True) | Q(net_mass__isnull=True) | Q(gross_mass__gte=F("net_mass")),
                name="gamma_line_gross_mass_at_least_net_mass",
            ),
        ]
        # Search by product (gamma.search): does this movement carry that EPC, read from the index alone.
        indexes = [models.Index(fields=["movement", "excise_product_code"], name="gamma_line_movement_epc_idx")]

    def __str__(self) -> str:
        return f"Ligne {self.body_record_unique_reference} : {self.excise_product_code} {self.cn_code}"

    @property
    def is_wine(self) -> bool:
        return self.wine_product_category is not None


class LinePackage(models.Model):
    """A package of a goods line (1 to 99)."""

    line = models.ForeignKey(MovementLine, on_delete=models.CASCADE, related_name="packages", verbose_name="ligne")
    position = models.PositiveSmallIntegerField("rang", default=1)
    kind_of_packages = models.CharField("type d'emballage", max_length=2, blank=True)  # BC17
    number_of_packages = models.PositiveBigIntegerField("nombre de colis", null=True, blank=True)
    shipping_marks = models.CharField("marques d'expédition", max_length=999, blank=True)
    commercial_seal_identification = models.CharField("scellé commercial", max_length=35, blank=True)
    seal_information = _text("informations sur le scellé", 350)
    seal_information_language = _language()

    class Meta:
        verbose_name = "emballage"
        verbose_name_plural = "emballages"
        ordering = ["line", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number_of_packages or ''} {self.kind_of_packages}".strip()


class TransportDetail(models.Model):
    """A transport unit (1 to 99): container, vehicle, trailer …"""

    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.CASCADE, related_name="transport_details", verbose_name="mouvement"
    )
    position = models.PositiveSmallIntegerField("rang", default=1)
    transport_unit_code = models.CharField("unité de transport", max_length=2, blank=True)  # BC35
    identity_of_transport_units = models.CharField("identité de l'unité de transport", max_length=35, blank=True)
    commercial_seal_identification = models.CharField("scellé commercial", max_length=35, blank=True)
    complementary_information = _text("informations complémentaires", 350)
    complementary_information_language = _language()
    seal_information = _text("informations sur le scellé", 350)
    seal_information_language = _language()

    class Meta:
        verbose_name = "unité de transport"
        verbose_name_plural = "unités de transport"
        ordering = ["movement", "position", "id"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.transport_unit_code, self.identity_of_transport_units) if part)
