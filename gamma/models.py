"""Excise movements (DAE, DAES, DSA): the IE815 / IE801 data groups as tables.

``Movement`` holds the single-valued groups (attributes, header, e-AD, transport mode, guarantee
type, offices …), ``MovementTrader`` the traders (one row per role), then the repeated groups:
``MovementDocument`` (DocumentCertificate), ``MovementLine`` (BodyEadEsad, with its wine data),
``LinePackage`` (Package) and ``TransportDetail`` (TransportDetails). ``MovementEvent`` is the
timeline: every transition of the lifecycle (``gamma.lifecycle``) leaves one row.

A draft is filled in progressively, section by section: every field a draft may lack is blank or
null, and the business rules (``gamma.rules``) decide at validation what is missing. Free texts
keep their EMCS ``language`` attribute next to them (``*_language``) so that a message read from
outside is written back unchanged. Codes of the EMCS code lists (EPC, CN code, packages …) are
stored as their code: the rules check them against the lists."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

LANGUAGE_DEFAULT = "fr"


class MovementKind(models.TextChoices):
    DAE = "DAE", "DAE (droits suspendus)"  # under duty suspension: IE815 submission type 1
    DAES = "DAES", "DAES (droits acquittés, entre États membres)"  # type 3, ARC movement type P, never cancelled
    DSA = "DSA", "DSA (droits acquittés, en France)"  # national simplified document, printed


class MovementStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"  # being prepared by the consignor; no ARC yet
    ACCEPTED = "accepted", "Validé"  # IE905 X01: validated (IE801 issued), goods may travel
    CANCELLED = "cancelled", "Annulé"  # X02: cancelled by the consignor (IE810) before dispatch
    DELIVERED = "delivered", "Apuré"  # X03: receipt accepted by the consignee (IE818 conclusion 1 or 2)
    DIVERTED = "diverted", "Dérouté"  # X04: the destination was changed while another one was expected
    REJECTED = "rejected", "Rejeté"  # X05: rejected by the consignee before arrival (IE819)
    REPLACED = "replaced", "Remplacé"  # X06: split into new movements (IE825)
    MANUALLY_CLOSED = "manually_closed", "Clôturé manuellement"  # X07: closed by the customs office
    REFUSED = "refused", "Refusé"  # X08: receipt refused by the consignee (IE818 conclusion 3)
    PARTIALLY_REFUSED = "partially_refused", "Partiellement refusé"  # X10: IE818 conclusion 4
    EXPORTING = "exporting", "En cours d'exportation"  # X11: export declaration lodged
    STOPPED = "stopped", "Arrêté"  # X13: interrupted by the authorities (IE807)


# The IE905 status code of each status (a draft has none).
IE905_CODES = {
    MovementStatus.ACCEPTED: "X01",
    MovementStatus.CANCELLED: "X02",
    MovementStatus.DELIVERED: "X03",
    MovementStatus.DIVERTED: "X04",
    MovementStatus.REJECTED: "X05",
    MovementStatus.REPLACED: "X06",
    MovementStatus.MANUALLY_CLOSED: "X07",
    MovementStatus.REFUSED: "X08",
    MovementStatus.PARTIALLY_REFUSED: "X10",
    MovementStatus.EXPORTING: "X11",
    MovementStatus.STOPPED: "X13",
}


# Validated movements not yet discharged (« non apurés »): travelling, or refused, rejected or
# diverted and waiting for a new destination, or being exported. The others have ended.
NOT_DISCHARGED_STATUSES = (
    MovementStatus.ACCEPTED,
    MovementStatus.DIVERTED,
    MovementStatus.REJECTED,
    MovementStatus.REFUSED,
    MovementStatus.PARTIALLY_REFUSED,
    MovementStatus.EXPORTING,
)


class MovementAction(models.TextChoices):
    VALIDATE = "validate", "Validation"  # IE815 accepted: the IE801 is issued with its ARC
    CANCEL = "cancel", "Annulation"  # IE810
    CHANGE_DESTINATION = "change_destination", "Changement de destination"  # IE813
    REPORT_OF_RECEIPT = "report_of_receipt", "Accusé de réception"  # IE818
    ALERT_OR_REJECTION = "alert_or_rejection", "Alerte ou refus avant réception"  # IE819
    EXPLAIN_DELAY = "explain_delay", "Explication d'un retard"  # IE837
    EXPLAIN_SHORTAGE = "explain_shortage", "Explication d'un manquant ou d'un excédent"  # IE871
    REMINDER = "reminder", "Relance : réception en retard"  # IE802, sent by the portal (remind_overdue_receipts)


class SubmissionMessageType(models.IntegerChoices):
    STANDARD = 1, "Envoi standard"
    RESERVED = 2, "Réservé (exportation avec domiciliation)"
    DUTY_PAID_B2B = 3, "Droits acquittés entre professionnels (DAES)"


class OriginType(models.IntegerChoices):
    TAX_WAREHOUSE = 1, "Entrepôt fiscal"
    IMPORT = 2, "Importation"
    DUTY_PAID = 3, "Droits acquittés"


class DestinationType(models.IntegerChoices):
    TAX_WAREHOUSE = 1, "Entrepôt fiscal"
    REGISTERED_CONSIGNEE = 2, "Destinataire enregistré"
    TEMPORARY_REGISTERED_CONSIGNEE = 3, "Destinataire enregistré à titre temporaire"
    DIRECT_DELIVERY = 4, "Livraison directe"
    EXEMPTED_CONSIGNEE = 5, "Destinataire exonéré"
    EXPORT = 6, "Exportation"
    RESERVED = 7, "Réservé"
    UNKNOWN = 8, "Destination inconnue (destinataire non connu)"
    CERTIFIED_CONSIGNEE = 9, "Destinataire certifié"
    TEMPORARY_CERTIFIED_CONSIGNEE = 10, "Destinataire certifié à titre temporaire"
    RETURN_TO_PLACE_OF_DISPATCH = 11, "Retour au lieu d'expédition de l'expéditeur"


class TransportArrangement(models.IntegerChoices):
    CONSIGNOR = 1, "Expéditeur"
    CONSIGNEE = 2, "Destinataire"
    OWNER = 3, "Propriétaire des marchandises"
    OTHER = 4, "Autre"


class GuarantorType(models.TextChoices):
    # Who guarantees the movement; a combination lists each party's digit (1 consignor, 2 transporter,
    # 3 owner of the goods, 4 consignee).
    CONSIGNOR = "1", "Expéditeur"
    TRANSPORTER = "2", "Transporteur"
    OWNER = "3", "Propriétaire des produits"
    CONSIGNEE = "4", "Destinataire"
    NONE = "5", "Aucune garantie (article 17, directive 2020/262)"
    CONSIGNOR_TRANSPORTER = "12", "Expéditeur et transporteur"
    CONSIGNOR_TRANSPORTER_OWNER = "123", "Expéditeur, transporteur et propriétaire"
    CONSIGNOR_TRANSPORTER_OWNER_CONSIGNEE = "1234", "Expéditeur, transporteur, propriétaire et destinataire"
    CONSIGNOR_TRANSPORTER_CONSIGNEE = "124", "Expéditeur, transporteur et destinataire"
    CONSIGNOR_OWNER = "13", "Expéditeur et propriétaire"
    CONSIGNOR_OWNER_CONSIGNEE = "134", "Expéditeur, propriétaire et destinataire"
    CONSIGNOR_CONSIGNEE = "14", "Expéditeur et destinataire"
    TRANSPORTER_OWNER = "23", "Transporteur et propriétaire"
    TRANSPORTER_OWNER_CONSIGNEE = "234", "Transporteur, propriétaire et destinataire"
    TRANSPORTER_CONSIGNEE = "24", "Transporteur et destinataire"
    OWNER_CONSIGNEE = "34", "Propriétaire et destinataire"


class WineProductCategory(models.IntegerChoices):
    WITHOUT_PDO_PGI = 1, "Vin sans AOP ni IGP"
    VARIETAL_WITHOUT_PDO_PGI = 2, "Vin de cépage sans AOP ni IGP"
    WITH_PDO_PGI = 3, "Vin avec AOP ou IGP"
    IMPORTED = 4, "Vin importé"
    OTHER = 5, "Autre"


def _text(label: str, max_length: int) -> models.CharField:
    return models.CharField(label, max_length=max_length, blank=True)


def _language() -> models.CharField:
    # EMCS language code (BC12) of the text beside it; blank when the message had none.
    return models.CharField("langue", max_length=2, blank=True, default=LANGUAGE_DEFAULT)


class Movement(models.Model):
    """One excise movement, from its draft (IE815) to its end; the IE801 once validated."""

    kind = models.CharField("nature", max_length=4, choices=MovementKind.choices, default=MovementKind.DAE)
    status = models.CharField(
        "état", max_length=20, choices=MovementStatus.choices, default=MovementStatus.DRAFT, db_index=True
    )
    # The portal's excise number the movement is issued under (the consignor's); null only for a
    # movement received from another member state, whose consignor the register does not know.
    consignor = models.ForeignKey(
        "register.ExciseNumber",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
        verbose_name="numéro d'accise de l'expéditeur",
    )
    # The consignee's identifier (its Traderid: excise number, VAT number …), copied from the
    # consignee trader so that "movements I receive" is one indexed look-up.
    consignee_identifier = models.CharField("identifiant du destinataire", max_length=16, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # Attributes (IE815).
    submission_message_type = models.PositiveSmallIntegerField(
        "type de soumission", choices=SubmissionMessageType.choices, null=True, blank=True
    )
    # Null when the message said nothing; True for a paper document of the fallback procedure re-entered.
    deferred_submission = models.BooleanField("soumission différée", null=True, blank=True, default=None)

    # ExciseMovement and HeaderEadEsad (IE801).
    # Null, not blank, until validation: the unique constraint must let many drafts wait for theirs.
    arc = models.CharField("ARC", max_length=21, null=True, blank=True, default=None)  # noqa: DJ001
    sequence_number = models.PositiveSmallIntegerField("numéro de séquence", null=True, blank=True)
    validated_at = models.DateTimeField("date et heure de validation", null=True, blank=True)
    validation_updated_at = models.DateTimeField("date et heure de validation de la mise à jour", null=True, blank=True)
    # The date of arrival the latest report of receipt (IE818) states, kept by
    # ``gamma.lifecycle.transition`` with the event: the search by date of receipt reads it from the
    # indexes below instead of matching the events' payloads against a number's whole history.
    received_on = models.DateField("date d'arrivée (accusé de réception)", null=True, blank=True)
    # The texts of the date-times and times a message gave (``{"validated_at": "2026-03-29T02:30:00.1234567"}``),
    # kept as received (``emcs.times``): the fields above hold the instant to the microsecond, and a
    # message written again says the text as long as its field still holds that instant.
    received_times = models.JSONField("dates et heures telles que reçues", default=dict, blank=True)

    # EadEsadDraft / EadEsad.
    local_reference_number = models.CharField("numéro de référence local (LRN)", max_length=22, blank=True)
    invoice_number = _text("numéro de facture", 35)
    invoice_date = models.DateField("date de facture", null=True, blank=True)
    origin_type_code = models.PositiveSmallIntegerField(
        "type d'origine", choices=OriginType.choices, null=True, blank=True
    )
    dispatch_date = models.DateField("date d'expédition", null=True, blank=True, db_index=True)
    dispatch_time = models.TimeField("heure d'expédition", null=True, blank=True)
    upstream_arc = models.CharField("ARC amont (fractionnement)", max_length=21, blank=True)
    import_customs_declarations = models.JSONField(
        "déclarations douanières d'importation", default=list, blank=True
    )  # up to 9 numbers, in order

    # HeaderEadEsad.
    destination_type_code = models.PositiveSmallIntegerField(
        "type de destination", choices=DestinationType.choices, null=True, blank=True
    )
    journey_time = models.CharField("durée du transport", max_length=3, blank=True)  # H01…H24, D01…D92
    transport_arrangement = models.PositiveSmallIntegerField(
        "organisation du transport", choices=TransportArrangement.choices, null=True, blank=True
    )

    # TransportMode.
    transport_mode_code = models.CharField("mode de transport", max_length=2, blank=True)  # code list BC67
    transport_mode_complementary_information = _text("informations complémentaires sur le transport", 350)
    transport_mode_complementary_information_language = _language()

    # MovementGuarantee (its traders are MovementTrader rows, roles guarantor_1 and guarantor_2).
    guarantor_type_code = models.CharField("garant", max_length=4, choices=GuarantorType.choices, blank=True)

    # Offices, by their 8-character reference (they may be another member state's).
    dispatch_office_code = models.CharField("bureau d'expédition", max_length=8, blank=True)
    delivery_place_customs_office_code = models.CharField("bureau du lieu de livraison", max_length=8, blank=True)
    dispatch_import_office_code = models.CharField("bureau d'importation", max_length=8, blank=True)

    # ComplementConsigneeTrader.
    complement_consignee_member_state = models.CharField("État membre du destinataire", max_length=2, blank=True)
    complement_consignee_exemption_certificate = _text("numéro de série du certificat d'exonération", 255)

    class Meta:
        verbose_name = "mouvement"
        verbose_name_plural = "mouvements"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["arc"], name="gamma_movement_arc_unique"),
            # BR001: a consignor never uses one LRN twice (drafts may share one until validated).
            models.UniqueConstraint(
                fields=["consignor", "local_reference_number"],
                condition=~Q(status="draft") & ~Q(local_reference_number=""),
                name="gamma_movement_lrn_unique_per_consignor",
            ),
            models.CheckConstraint(
                condition=~Q(status="draft") | Q(arc__isnull=True), name="gamma_movement_draft_has_no_arc"
            ),
            models.CheckConstraint(
                condition=Q(sequence_number__isnull=True) | Q(sequence_number__gte=1),
                name="gamma_movement_sequence_number_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["local_reference_number"], name="gamma_movement_lrn_idx"),
            # Search (gamma.search): a number's movements, dispatched (consignor) or received
            # (consignee), newest first or by date of dispatch, filtered from the index alone (status,
            # consignor, dispatch date and journey time as trailing keys: the filters and the overdue
            # test read no row); the partial ones serve « non apurés uniquement » without reading the
            # discharged ones. Measured by bench/gamma_search.py over a million movements.
            models.Index(
                fields=["consignor", "-validated_at", "-id", "status", "dispatch_date"],
                name="gamma_mvt_consignor_valid_idx",
            ),
            models.Index(
                fields=["consignee_identifier", "-validated_at", "-id", "status", "consignor", "dispatch_date"],
                name="gamma_mvt_consignee_valid_idx",
            ),
            models.Index(
                fields=["consignor", "-validated_at", "-id", "status", "dispatch_date", "journey_time"],
                condition=Q(status__in=NOT_DISCHARGED_STATUSES),
                name="gamma_mvt_consignor_open_idx",
            ),
            models.Index(
                fields=[
                    "consignee_identifier",
                    "-validated_at",
                    "-id",
                    "status",
                    "consignor",
                    "dispatch_date",
                    "journey_time",
                ],
                condition=Q(status__in=NOT_DISCHARGED_STATUSES),
                name="gamma_mvt_consignee_open_idx",
            ),
            models.Index(fields=["consignor", "-dispatch_date", "-id", "status"], name="gamma_mvt_consignor_disp_idx"),
            models.Index(
                fields=["consignee_identifier", "-dispatch_date", "-id", "status", "consignor"],
                name="gamma_mvt_consignee_disp_idx",
            ),
            # Search by date of receipt: a range of dates of arrival on each side, then the sort keys
            # and the filters' columns, so that the count and the page's sort read the index alone.
            models.Index(
                fields=["consignor", "received_on", "-validated_at", "-id", "status", "dispatch_date"],
                condition=Q(received_on__isnull=False),
                name="gamma_mvt_consignor_recv_idx",
            ),
            models.Index(
                fields=[
                    "consignee_identifier",
                    "received_on",
                    "-validated_at",
                    "-id",
                    "status",
                    "consignor",
                    "dispatch_date",
                ],
                condition=Q(received_on__isnull=False),
                name="gamma_mvt_consignee_recv_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.arc or self.local_reference_number or f"{self.get_kind_display()} n° {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == MovementStatus.DRAFT

    @property
    def ie905_code(self) -> str | None:
        return IE905_CODES.get(self.status)

    def trader(self, role: str) -> "MovementTrader | None":
        """The trader of ``role``, from the prefetched traders when there are."""
        return next((t for t in self.traders.all() if t.role == role), None)


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

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="traders", verbose_name="mouvement")
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

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents", verbose_name="mouvement")
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

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="lines", verbose_name="mouvement")
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
        Movement, on_delete=models.CASCADE, related_name="transport_details", verbose_name="mouvement"
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


class MovementEvent(models.Model):
    """One step of the movement's life (the timeline): who did what, when, from which status to
    which, and the message it carried. Written by ``gamma.lifecycle.transition`` only."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="events", verbose_name="mouvement")
    at = models.DateTimeField("date et heure", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )  # null: the system or another member state
    action = models.CharField("action", max_length=30, choices=MovementAction.choices)
    from_status = models.CharField("état avant", max_length=20, choices=MovementStatus.choices)
    to_status = models.CharField("état après", max_length=20, choices=MovementStatus.choices)
    message_type = models.CharField("message", max_length=5, blank=True)  # IE815, IE810 …
    payload = models.JSONField("données", default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "événement du mouvement"
        verbose_name_plural = "événements du mouvement"
        ordering = ["movement", "at", "id"]

    def __str__(self) -> str:
        return f"{self.movement} : {self.action} ({self.from_status} → {self.to_status})"


class InboxVisit(models.Model):
    """When a user last opened the messages (``gamma.inbox``) of one excise number: the events of
    its movements since then are shown as new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="utilisateur"
    )
    excise_number = models.CharField("numéro d'accise", max_length=13)
    seen_at = models.DateTimeField("consultés le", default=timezone.now)

    class Meta:
        verbose_name = "consultation des messages"
        verbose_name_plural = "consultations des messages"
        constraints = [
            models.UniqueConstraint(fields=["user", "excise_number"], name="gamma_inboxvisit_one_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.excise_number} : {self.seen_at:%d/%m/%Y %H:%M}"


class MovementTemplate(models.Model):
    """A draft kept under a name to start new drafts from (« modèle »): the data of its task-list
    sections, by section, as the draft's forms hold them — without LRN, dates or invoice, which
    belong to one movement only. Written and read by ``gamma.services`` only."""

    excise_number = models.ForeignKey(
        "register.ExciseNumber",
        on_delete=models.CASCADE,
        related_name="movement_templates",
        verbose_name="numéro d'accise de l'expéditeur",
    )
    kind = models.CharField("nature", max_length=4, choices=MovementKind.choices, default=MovementKind.DAE)
    name = models.CharField("nom du modèle", max_length=80)
    data = models.JSONField("données", default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "modèle de mouvement"
        verbose_name_plural = "modèles de mouvement"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["excise_number", "name"], name="gamma_template_name_unique_per_number")
        ]

    def __str__(self) -> str:
        return self.name


class MessageDirection(models.TextChoices):
    SENT = "sent", "émis par GAMMA"  # built by the portal (IE801, IE810 … of an action on the web or EDI)
    RECEIVED = "received", "reçu"  # as an operator's software or another member state sent it


class MovementMessage(models.Model):
    """An EMCS message of a movement, kept byte for byte as it was validated against the V3.23
    schema: the IE801 of a validation, the IE810, IE813, IE818, IE819, IE837, IE871 of each
    lifecycle action. Written by ``gamma.messages.store`` only, in the transaction of the change
    that causes it; never changed afterwards."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="messages", verbose_name="mouvement")
    event = models.ForeignKey(
        MovementEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="événement",
    )
    message_type = models.CharField("message", max_length=5)  # IE801, IE810 …
    message_identifier = models.CharField("identifiant du message", max_length=44)
    direction = models.CharField("sens", max_length=10, choices=MessageDirection.choices)
    xml = models.BinaryField("message XML")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    created_at = models.DateTimeField("enregistré le", default=timezone.now)

    class Meta:
        verbose_name = "message EMCS du mouvement"
        verbose_name_plural = "messages EMCS du mouvement"
        ordering = ["movement", "created_at", "id"]
        indexes = [models.Index(fields=["message_identifier"], name="gamma_message_identifier")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.message_identifier}"


class FeedEntry(models.Model):
    """One stored message addressed to one excise number: a line of that operator's feed
    (``gamma.feed``: the EDI pull ``GET /edi/v1/messages?after=…``). Written by ``gamma.feed.publish``
    only, in the transaction of the message, under the feed's lock: the id is the entry's position,
    and positions are given in the order their transactions commit (``gamma.feed``)."""

    message = models.ForeignKey(
        MovementMessage, on_delete=models.CASCADE, related_name="feed_entries", verbose_name="message"
    )
    excise_number = models.CharField("numéro d'accise destinataire", max_length=16)
    published_at = models.DateTimeField("publié le", default=timezone.now)

    class Meta:
        verbose_name = "message du fil d'un opérateur"
        verbose_name_plural = "messages du fil des opérateurs"
        constraints = [
            models.UniqueConstraint(fields=["message", "excise_number"], name="gamma_feed_once_per_recipient"),
        ]
        indexes = [models.Index(fields=["excise_number", "id"], name="gamma_feed_by_recipient")]

    def __str__(self) -> str:
        return f"{self.excise_number} ← {self.message}"
