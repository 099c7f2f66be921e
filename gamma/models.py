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
stored as their code: the rules check them against the lists.

The repeated groups are defined in ``gamma.movement_parts``, what a report of receipt says of each
line (``ReceiptLineReport``, ``ReceiptLineReason``) in ``gamma.receipt_parts``, and the field helpers in
``gamma.fields``; every model of the app is imported from here."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gamma.fields import LANGUAGE_DEFAULT, _language, _text
from gamma.movement_parts import (
    LinePackage,
    MovementDocument,
    MovementLine,
    MovementTrader,
    TraderRole,
    TransportDetail,
    WineProductCategory,
)
from gamma.receipt_parts import ReceiptLineReason, ReceiptLineReport, ShortageOrExcess
from identifiers import check_code

__all__ = [
    "IE905_CODES",
    "LANGUAGE_DEFAULT",
    "NOT_DISCHARGED_STATUSES",
    "DestinationType",
    "FeedEntry",
    "GuarantorType",
    "InboxMark",
    "InboxVisit",
    "LinePackage",
    "MessageDirection",
    "Movement",
    "MovementAction",
    "MovementDocument",
    "MovementEvent",
    "MovementKind",
    "MovementLine",
    "MovementMessage",
    "MovementStatus",
    "MovementTemplate",
    "MovementTrader",
    "OriginType",
    "ReceiptLineReason",
    "ReceiptLineReport",
    "ShortageOrExcess",
    "SubmissionMessageType",
    "TraderRole",
    "TransportArrangement",
    "TransportDetail",
    "WineProductCategory",
]


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
    STOPPED = "stopped", "Interrompu"  # X13: interrupted by the customs office (IE807)


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
    INTERRUPT = "interrupt", "Interruption du mouvement"  # IE807, by the customs office in charge
    MANUAL_CLOSURE = "manual_closure", "Clôture manuelle"  # by the customs office in charge; no trader message


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

    # The check code printed under the QR code of the copy (public page ``/verifier/<code>/``,
    # ``gamma.verification``): random, never derived from the ARC.
    verification_code = models.CharField(
        "code de vérification", max_length=20, unique=True, default=check_code.new, editable=False
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
        # The inbox reads the newest events first (``gamma.inbox_state``), migration 0013.
        indexes = [models.Index(fields=["-at", "-id"], name="gamma_event_newest_idx")]

    def __str__(self) -> str:
        return f"{self.movement} : {self.action} ({self.from_status} → {self.to_status})"


class InboxVisit(models.Model):
    """When a user last marked every message of one excise number as read (« Tout marquer comme
    lu », ``gamma.inbox_state``): the events since then are unread unless marked one by one
    (``InboxMark``)."""

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


class InboxMark(models.Model):
    """One person's state of one message (an event of the inbox, ``gamma.inbox_state``): read or
    unread, archived or not. Without a mark, a message is read when it is older than the person's
    « Tout marquer comme lu » (``InboxVisit``), unread otherwise."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="utilisateur"
    )
    event = models.ForeignKey(MovementEvent, on_delete=models.CASCADE, related_name="+", verbose_name="message")
    read = models.BooleanField("lu", default=True)
    archived_at = models.DateTimeField("archivé le", null=True, blank=True)

    class Meta:
        verbose_name = "état d'un message"
        verbose_name_plural = "états des messages"
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="gamma_inboxmark_one_per_person")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event_id} : {'lu' if self.read else 'non lu'}"


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
