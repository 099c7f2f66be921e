"""Reads of the fallback procedure, as the pages, the services and the commands need them."""

import datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from fallback.models import (
    FALLBACK_LEVELS,
    OFFICE_STATUSES,
    AssistanceRequest,
    AssistanceStatus,
    DocumentStatus,
    FallbackAuthorisation,
    FallbackDocument,
    Incident,
    IncidentLevel,
)
from habilitations import catalogue, rights

# The teleservice whose red or black alert opens the fallback procedure to every operator.
FALLBACK_TELESERVICE = catalogue.GAMMA

_SEVERITY = Case(
    When(level=IncidentLevel.BLACK, then=Value(0)),
    When(level=IncidentLevel.RED, then=Value(1)),
    When(level=IncidentLevel.ORANGE, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


# --- Incidents -----------------------------------------------------------------------------------------


def current_incidents(*, teleservice: str | None = None) -> QuerySet[Incident]:
    """The open incidents (in progress or announced), the most severe first: the « météo »."""
    incidents = Incident.objects.filter(closed_at__isnull=True).select_related("teleservice")
    if teleservice:
        incidents = incidents.filter(teleservice__slug=teleservice)
    return incidents.annotate(severity=_SEVERITY).order_by("severity", "starts_at", "pk")


def closed_incidents() -> QuerySet[Incident]:
    """The history: closed incidents, the latest closed first."""
    return Incident.objects.filter(closed_at__isnull=False).select_related("teleservice").order_by("-closed_at", "-pk")


def covering_incident(*, moment: datetime.datetime, now: datetime.datetime) -> Incident | None:
    """A red or black alert on GAMMA in force at ``moment`` (seed, case 1)."""
    candidates = Incident.objects.filter(
        teleservice__slug=FALLBACK_TELESERVICE, level__in=FALLBACK_LEVELS, starts_at__lte=moment
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=moment))
    return next(
        (incident for incident in candidates.order_by("starts_at", "pk") if incident.covers(moment, now=now)), None
    )


def covering_authorisation(*, excise_number, moment: datetime.datetime) -> FallbackAuthorisation | None:
    """The office's individual authorisation for ``excise_number`` in force at ``moment`` (case 2)."""
    return (
        FallbackAuthorisation.objects.filter(
            excise_number=excise_number, valid_from__lte=moment, valid_until__gte=moment
        )
        .order_by("valid_from", "pk")
        .first()
    )


def fallback_ground(*, excise_number, moment: datetime.datetime, now: datetime.datetime):
    """(incident, authorisation) that open the fallback procedure for ``excise_number`` at
    ``moment``: the alert when there is one, else the individual authorisation; (None, None) when
    the procedure is closed."""
    incident = covering_incident(moment=moment, now=now)
    if incident is not None:
        return incident, None
    return None, covering_authorisation(excise_number=excise_number, moment=moment)


def open_grounds(*, user, now: datetime.datetime | None = None):
    """What opens the fallback procedure to ``user`` now or later: the red or black alerts on
    GAMMA still open, and the individual authorisations of their excise numbers not yet ended."""
    now = now or timezone.now()
    numbers = rights.rights_by_excise_number(user, catalogue.GPS)
    incidents = current_incidents(teleservice=FALLBACK_TELESERVICE).filter(level__in=FALLBACK_LEVELS)
    authorisations = (
        FallbackAuthorisation.objects.filter(excise_number__number__in=numbers, valid_until__gte=now)
        .select_related("excise_number", "customs_office")
        .order_by("valid_from", "pk")
    )
    return list(incidents), list(authorisations)


# --- Assistance requests -----------------------------------------------------------------------------


def requests_of(user) -> QuerySet[AssistanceRequest]:
    return AssistanceRequest.objects.filter(requester=user).select_related("excise_number", "teleservice")


def sau_queue(*, status: str | None = None) -> QuerySet[AssistanceRequest]:
    """The SAU's queue: all requests, those waiting for a diagnosis by default, oldest first."""
    requests = AssistanceRequest.objects.select_related("excise_number", "requester", "teleservice", "customs_office")
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("created_at", "pk")


def office_requests(office) -> QuerySet[AssistanceRequest]:
    """The requests the SAU passed to ``office`` (waiting for its decision or decided)."""
    return AssistanceRequest.objects.filter(customs_office=office, status__in=OFFICE_STATUSES).select_related(
        "excise_number__operator", "requester", "diagnosed_by", "decided_by"
    )


def office_waiting_requests(office) -> QuerySet[AssistanceRequest]:
    return office_requests(office).filter(status=AssistanceStatus.ESCALATED).order_by("created_at", "pk")


def office_authorisations(office) -> QuerySet[FallbackAuthorisation]:
    return FallbackAuthorisation.objects.filter(customs_office=office).select_related(
        "excise_number__operator", "granted_by", "request"
    )


# --- Fallback documents --------------------------------------------------------------------------------


def documents_for(user) -> QuerySet[FallbackDocument]:
    """The fallback documents of the excise numbers ``user`` may issue GPS numbers for."""
    numbers = rights.rights_by_excise_number(user, catalogue.GPS)
    return FallbackDocument.objects.filter(excise_number__number__in=numbers).select_related(
        "excise_number", "issued_by", "incident__teleservice", "authorisation"
    )


def office_documents(office) -> QuerySet[FallbackDocument]:
    return FallbackDocument.objects.filter(excise_number__customs_office=office).select_related(
        "excise_number__operator", "issued_by", "incident__teleservice", "authorisation"
    )


def documents_due_for_regularisation(*, now: datetime.datetime, delay: datetime.timedelta):
    """Documents still « émis » whose alert closed, or whose authorisation ended, more than
    ``delay`` ago."""
    limit = now - delay
    return list(
        FallbackDocument.objects.filter(status=DocumentStatus.ISSUED)
        .filter(Q(incident__closed_at__lte=limit) | Q(authorisation__valid_until__lte=limit))
        .select_related("excise_number__customs_office", "issued_by")
        .order_by("issued_at", "pk")
    )


def document_for_regularisation(*, consignor, local_reference_number: str) -> FallbackDocument | None:
    """For GAMMA: the fallback document a deferred movement of ``consignor`` regularises, by its
    LRN (the GPS number), when it is not regularised yet."""
    return (
        FallbackDocument.objects.filter(
            excise_number=consignor,
            number=(local_reference_number or "").strip().upper(),
            status__in=[DocumentStatus.ISSUED, DocumentStatus.LATE],
        )
        .select_related("excise_number")
        .first()
    )
