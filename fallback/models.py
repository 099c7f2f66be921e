"""The fallback procedure (seed, part IV): the incidents the CID declares on a teleservice, the
operators' assistance requests to the SAU and the office's individual authorisations, and the
paper documents issued under a GPS number until they are regularised in GAMMA.

Every change of status goes through ``fallback.services`` and is logged in the model's events."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from identifiers import check_code

# --- Incidents (« météo des téléservices ») ------------------------------------------------------------


class IncidentLevel(models.TextChoices):
    GREEN = "vert", "Vert"  # information: the service works (planned work announced, slowness)
    ORANGE = "orange", "Orange"  # disturbed: some functions unavailable, the service still usable
    RED = "rouge", "Rouge"  # unavailable: operators may use the fallback procedure
    BLACK = "noire", "Noire"  # unavailable for long: operators may use the fallback procedure


# Seed, case 1: a red or black alert on GAMMA opens the fallback procedure to every operator.
FALLBACK_LEVELS = frozenset({IncidentLevel.RED, IncidentLevel.BLACK})
LEVEL_DESCRIPTIONS = {
    IncidentLevel.GREEN: "information, le service fonctionne",
    IncidentLevel.ORANGE: "service perturbé",
    IncidentLevel.RED: "service indisponible, procédure de secours autorisée",
    IncidentLevel.BLACK: "service indisponible durablement, procédure de secours autorisée",
}


class Incident(models.Model):
    """An alert declared by the CID on one teleservice, from ``starts_at`` to its closure."""

    teleservice = models.ForeignKey(
        "portal.Teleservice", on_delete=models.PROTECT, related_name="incidents", verbose_name="téléservice"
    )
    level = models.CharField("niveau d'alerte", max_length=10, choices=IncidentLevel.choices)
    message = models.TextField("message aux usagers")
    starts_at = models.DateTimeField("début")
    expected_end_at = models.DateTimeField("fin prévue")
    closed_at = models.DateTimeField("clos le", null=True, blank=True)
    closing_message = models.TextField("message de clôture", blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="déclaré par"
    )
    declared_at = models.DateTimeField("déclaré le", default=timezone.now)

    class Meta:
        verbose_name = "incident"
        verbose_name_plural = "incidents"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_end_at__gt=models.F("starts_at")), name="fallback_incident_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["closed_at", "starts_at"], name="fallback_incident_open_idx")]

    def __str__(self) -> str:
        return f"Alerte {self.get_level_display().lower()} — {self.teleservice.name} — {self.starts_at:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def opens_fallback(self) -> bool:
        return self.level in FALLBACK_LEVELS

    @property
    def alert_label(self) -> str:
        """« Alerte rouge », « Alerte noire », « Alerte orange », « Information » (green)."""
        if self.level == IncidentLevel.GREEN:
            return "Information"
        return f"Alerte {self.get_level_display().lower()}"

    @property
    def level_description(self) -> str:
        return LEVEL_DESCRIPTIONS[IncidentLevel(self.level)]

    def window_end(self, *, now: datetime.datetime) -> datetime.datetime:
        """Until when the incident lasts: its closure; while open, its expected end, or now when
        that has passed (an incident lasts until the CID closes it)."""
        if self.closed_at is not None:
            return self.closed_at
        return max(self.expected_end_at, now)

    def covers(self, moment: datetime.datetime, *, now: datetime.datetime) -> bool:
        return self.starts_at <= moment <= self.window_end(now=now)


class IncidentEvent(models.Model):
    """One line of an incident's history: declared, updated (what changed), closed."""

    class Action(models.TextChoices):
        DECLARED = "declared", "Déclaration"
        UPDATED = "updated", "Mise à jour"
        CLOSED = "closed", "Clôture"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events", verbose_name="incident")
    action = models.CharField("action", max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="par")
    at = models.DateTimeField("le", default=timezone.now)
    level = models.CharField("niveau", max_length=10, choices=IncidentLevel.choices)
    changes = models.JSONField("modifications", default=dict, blank=True)  # field -> [before, after]

    class Meta:
        verbose_name = "événement d'incident"
        verbose_name_plural = "événements d'incident"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.at:%d/%m/%Y %H:%M}"


# --- Assistance requests (SAU) and individual authorisations (office) -----------------------------------


class AssistanceStatus(models.TextChoices):
    OPEN = "open", "En attente du diagnostic du SAU"  # sent by the user
    SOLVED = "solved", "Résolue par le SAU"  # the SAU's diagnosis solved it: no fallback
    ESCALATED = "escalated", "Transmise au bureau de douane"  # unsolved: the office decides on the fallback
    AUTHORISED = "authorised", "Procédure de secours autorisée"  # the office granted an authorisation
    REFUSED = "refused", "Procédure de secours refusée"  # the office refused, with a reason


# The lifecycle: status -> statuses it may move to (fallback.services enforces it).
ASSISTANCE_TRANSITIONS = {
    AssistanceStatus.OPEN: {AssistanceStatus.SOLVED, AssistanceStatus.ESCALATED},
    AssistanceStatus.ESCALATED: {AssistanceStatus.AUTHORISED, AssistanceStatus.REFUSED},
    AssistanceStatus.SOLVED: set(),
    AssistanceStatus.AUTHORISED: set(),
    AssistanceStatus.REFUSED: set(),
}
# The statuses the customs office sees (a request solved by the SAU never reached it).
OFFICE_STATUSES = (AssistanceStatus.ESCALATED, AssistanceStatus.AUTHORISED, AssistanceStatus.REFUSED)


class AssistanceRequest(models.Model):
    """« Demande d'assistance »: a user cannot issue or print a DAA/DSA for one excise number
    (seed, case 2). The SAU diagnoses; unsolved, the office in charge decides on the fallback."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assistance_requests", verbose_name="demandeur"
    )
    excise_number = models.ForeignKey(
        "register.ExciseNumber",
        on_delete=models.PROTECT,
        related_name="assistance_requests",
        verbose_name="numéro d'accise",
    )
    # The office in charge of the excise number when the request was made: it decides.
    customs_office = models.ForeignKey(
        "register.CustomsOffice",
        on_delete=models.PROTECT,
        related_name="assistance_requests",
        verbose_name="bureau de douane",
    )
    teleservice = models.ForeignKey(
        "portal.Teleservice", on_delete=models.PROTECT, related_name="+", verbose_name="téléservice concerné"
    )
    problem = models.TextField("description du problème")
    occurred_at = models.DateTimeField("constaté le")
    contact_phone = models.CharField("téléphone pour vous joindre", max_length=20, blank=True)
    status = models.CharField(
        "état", max_length=12, choices=AssistanceStatus.choices, default=AssistanceStatus.OPEN, db_index=True
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    diagnosis = models.TextField("diagnostic du SAU", blank=True)
    diagnosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diagnostic par",
    )
    diagnosed_at = models.DateTimeField("diagnostic le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décision par",
    )
    decided_at = models.DateTimeField("décision le", null=True, blank=True)
    refusal_reason = models.TextField("motif du refus", blank=True)

    class Meta:
        verbose_name = "demande d'assistance"
        verbose_name_plural = "demandes d'assistance"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(diagnosis=""), name="fallback_assistance_diagnosed_when_handled"
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="fallback_assistance_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Demande d'assistance n° {self.pk} — {self.excise_number.number}"


class AssistanceEvent(models.Model):
    """One step of a request: who moved it from which status to which, when, with what note."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="events", verbose_name="demande"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="par")
    at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField("de", max_length=12, choices=AssistanceStatus.choices, blank=True)
    to_status = models.CharField("à", max_length=12, choices=AssistanceStatus.choices)
    note = models.TextField("note", blank=True)

    class Meta:
        verbose_name = "étape de demande d'assistance"
        verbose_name_plural = "étapes de demande d'assistance"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} — {self.at:%d/%m/%Y %H:%M}"


class FallbackAuthorisation(models.Model):
    """The office's individual authorisation to use the fallback procedure for one excise number,
    from ``valid_from`` to ``valid_until`` (seed, case 2)."""

    excise_number = models.ForeignKey(
        "register.ExciseNumber",
        on_delete=models.PROTECT,
        related_name="fallback_authorisations",
        verbose_name="numéro d'accise",
    )
    customs_office = models.ForeignKey(
        "register.CustomsOffice",
        on_delete=models.PROTECT,
        related_name="fallback_authorisations",
        verbose_name="bureau de douane",
    )
    request = models.OneToOneField(
        AssistanceRequest,
        on_delete=models.PROTECT,
        related_name="authorisation",
        verbose_name="demande d'assistance",
    )
    valid_from = models.DateTimeField("valable à partir du")
    valid_until = models.DateTimeField("valable jusqu'au")
    note = models.TextField("observations du bureau", blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="accordée par"
    )
    granted_at = models.DateTimeField("accordée le", default=timezone.now)

    class Meta:
        verbose_name = "autorisation individuelle de procédure de secours"
        verbose_name_plural = "autorisations individuelles de procédure de secours"
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="fallback_authorisation_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"Autorisation {self.excise_number.number} du {timezone.localtime(self.valid_from):%d/%m/%Y %H:%M}"

    def covers(self, moment: datetime.datetime) -> bool:
        return self.valid_from <= moment <= self.valid_until


# --- Fallback documents and their GPS numbers -----------------------------------------------------------


class DocumentNature(models.TextChoices):
    DAA = "DAA", "DAA"  # document administratif d'accompagnement (duty suspension)
    DSA = "DSA", "DSA"  # document simplifié d'accompagnement (duty paid)


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", "Émis"  # a number was given; the paper document travels
    REGULARISED = "regularised", "Régularisé"  # re-entered in GAMMA as a deferred e-AD with this LRN
    LATE = "late", "En retard"  # not regularised within the delay after the fallback ended


DOCUMENT_TRANSITIONS = {
    DocumentStatus.ISSUED: {DocumentStatus.REGULARISED, DocumentStatus.LATE},
    DocumentStatus.LATE: {DocumentStatus.REGULARISED},
    DocumentStatus.REGULARISED: set(),
}
NOT_REGULARISED = (DocumentStatus.ISSUED, DocumentStatus.LATE)


class NumberSeries(models.Model):
    """The last order number given for one excise number in one year. Its row is locked while
    a number is taken, in the transaction that writes the document: numbers follow each other
    without gaps, and one rolled back is given again."""

    excise_number = models.ForeignKey(
        "register.ExciseNumber", on_delete=models.PROTECT, related_name="+", verbose_name="numéro d'accise"
    )
    year = models.PositiveSmallIntegerField("année")
    last_order = models.PositiveIntegerField("dernier numéro d'ordre", default=0)

    class Meta:
        verbose_name = "série de numéros de secours"
        verbose_name_plural = "séries de numéros de secours"
        constraints = [
            models.UniqueConstraint(fields=["excise_number", "year"], name="fallback_one_series_per_number_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.excise_number} {self.year} : {self.last_order}"


class FallbackDocument(models.Model):
    """A paper DAA/DSA of the fallback procedure, under its GPS number (the « Récapitulatif »)."""

    number = models.CharField("numéro de document", max_length=21, unique=True)
    excise_number = models.ForeignKey(
        "register.ExciseNumber",
        on_delete=models.PROTECT,
        related_name="fallback_documents",
        verbose_name="numéro d'accise",
    )
    year = models.PositiveSmallIntegerField("année")
    order = models.PositiveIntegerField("numéro d'ordre")
    nature = models.CharField("nature du document", max_length=3, choices=DocumentNature.choices)
    vehicle_registration = models.CharField("immatriculation du moyen de transport", max_length=20)
    dispatch_at = models.DateTimeField("date d'expédition", db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fallback_documents", verbose_name="émis par"
    )
    issued_at = models.DateTimeField("émis le", default=timezone.now)
    # What opened the procedure: a red or black alert on GAMMA, or the office's authorisation.
    incident = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="alerte",
    )
    authorisation = models.ForeignKey(
        FallbackAuthorisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="autorisation individuelle",
    )
    status = models.CharField(
        "état", max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED, db_index=True
    )
    late_since = models.DateTimeField("en retard depuis", null=True, blank=True)
    # The GAMMA movement that regularised it (its LRN is this number); both ways: movement.fallback_document.
    movement = models.OneToOneField(
        "gamma.Movement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fallback_document",
        verbose_name="mouvement GAMMA de régularisation",
    )
    regularised_at = models.DateTimeField("régularisé le", null=True, blank=True)
    # The check code printed under the QR code of the paper (public page ``/verifier/<code>/``,
    # ``gamma.verification``): random, never derived from the GPS number.
    verification_code = models.CharField(
        "code de vérification", max_length=20, unique=True, default=check_code.new, editable=False
    )

    class Meta:
        verbose_name = "document de secours"
        verbose_name_plural = "documents de secours"
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["excise_number", "year", "order"], name="fallback_one_document_per_order"),
            models.CheckConstraint(condition=Q(order__gte=1), name="fallback_document_order_positive"),
            models.CheckConstraint(
                condition=Q(incident__isnull=False, authorisation__isnull=True)
                | Q(incident__isnull=True, authorisation__isnull=False),
                name="fallback_document_has_one_ground",
            ),
            models.CheckConstraint(
                condition=~Q(status="regularised") | Q(movement__isnull=False, regularised_at__isnull=False),
                name="fallback_document_regularised_has_movement",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def ground_label(self) -> str:
        if self.incident_id:
            return f"Alerte {self.incident.get_level_display().lower()} sur {self.incident.teleservice.name}"
        return "Autorisation individuelle du bureau de douane"

    def ground_end(self, *, now: datetime.datetime) -> datetime.datetime | None:
        """When the fallback that allowed this document ended, or None while it goes on."""
        if self.incident_id:
            return self.incident.closed_at
        end = self.authorisation.valid_until
        return end if end <= now else None


class DocumentEvent(models.Model):
    """A change of a fallback document's status: issued, late, regularised."""

    document = models.ForeignKey(
        FallbackDocument, on_delete=models.CASCADE, related_name="events", verbose_name="document"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField("de", max_length=12, choices=DocumentStatus.choices, blank=True)
    to_status = models.CharField("à", max_length=12, choices=DocumentStatus.choices)
    note = models.CharField("note", max_length=255, blank=True)

    class Meta:
        verbose_name = "événement de document de secours"
        verbose_name_plural = "événements de documents de secours"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} — {self.at:%d/%m/%Y %H:%M}"
