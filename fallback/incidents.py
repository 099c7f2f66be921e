"""The incidents of the teleservices (« météo des téléservices »), declared, updated and closed by
the CID: each change written with its event in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from fallback.errors import FallbackError, _refuse_forged
from fallback.models import Incident, IncidentEvent, IncidentLevel
from habilitations import rights
from portal.models import Teleservice

MESSAGE_MAX_LENGTH = 2000


def _check_incident(*, level: str, starts_at, expected_end_at, message: str) -> str:
    if level not in IncidentLevel.values:
        raise FallbackError("Choisissez le niveau d'alerte : vert, orange, rouge ou noire.", field="level")
    if expected_end_at <= starts_at:
        raise FallbackError("La fin prévue doit être postérieure au début de l'incident.", field="expected_end_at")
    message = (message or "").strip()
    if not message:
        raise FallbackError("Rédigez le message affiché aux usagers.", field="message")
    if len(message) > MESSAGE_MAX_LENGTH:
        raise FallbackError(f"Le message comporte {MESSAGE_MAX_LENGTH} caractères au plus.", field="message")
    return message


def incident_declare(
    *,
    actor,
    teleservice: Teleservice,
    level: str,
    starts_at: datetime.datetime,
    expected_end_at: datetime.datetime,
    message: str,
) -> Incident:
    if not rights.is_cid_agent(actor):
        raise _refuse_forged(actor, "declare an incident")
    message = _check_incident(level=level, starts_at=starts_at, expected_end_at=expected_end_at, message=message)
    with transaction.atomic():
        incident = Incident.objects.create(
            teleservice=teleservice,
            level=level,
            message=message,
            starts_at=starts_at,
            expected_end_at=expected_end_at,
            declared_by=actor,
        )
        IncidentEvent.objects.create(incident=incident, action=IncidentEvent.Action.DECLARED, actor=actor, level=level)
    return incident


def _lock_incident(incident: Incident) -> None:
    Incident.objects.select_for_update().filter(pk=incident.pk).exists()
    incident.refresh_from_db()


def incident_update(
    *,
    actor,
    incident: Incident,
    level: str,
    starts_at: datetime.datetime,
    expected_end_at: datetime.datetime,
    message: str,
) -> Incident:
    """Change the level, dates or message of an open incident; the history keeps what changed."""
    if not rights.is_cid_agent(actor):
        raise _refuse_forged(actor, f"update incident {incident.pk}")
    message = _check_incident(level=level, starts_at=starts_at, expected_end_at=expected_end_at, message=message)
    with transaction.atomic():
        _lock_incident(incident)
        if not incident.is_open:
            raise FallbackError("Cet incident est clos : déclarez-en un nouveau si le problème revient.")
        changes, fields = {}, []
        for field, value in (
            ("level", level),
            ("starts_at", starts_at),
            ("expected_end_at", expected_end_at),
            ("message", message),
        ):
            before = getattr(incident, field)
            if before != value:
                changes[str(Incident._meta.get_field(field).verbose_name)] = [
                    _shown(field, before),
                    _shown(field, value),
                ]
                fields.append(field)
                setattr(incident, field, value)
        if changes:
            incident.save(update_fields=fields)
            IncidentEvent.objects.create(
                incident=incident,
                action=IncidentEvent.Action.UPDATED,
                actor=actor,
                level=incident.level,
                changes=changes,
            )
    return incident


def _shown(field: str, value) -> str:
    """A value as the history shows it, in French."""
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if field == "level":
        return IncidentLevel(value).label
    return str(value)


def incident_close(*, actor, incident: Incident, closing_message: str = "", now=None) -> Incident:
    """The service is back: the incident moves to the history, and the fallback it opened ends now."""
    if not rights.is_cid_agent(actor):
        raise _refuse_forged(actor, f"close incident {incident.pk}")
    closing_message = (closing_message or "").strip()
    if len(closing_message) > MESSAGE_MAX_LENGTH:
        raise FallbackError(f"Le message comporte {MESSAGE_MAX_LENGTH} caractères au plus.", field="closing_message")
    with transaction.atomic():
        _lock_incident(incident)
        if not incident.is_open:
            raise FallbackError("Cet incident est déjà clos.")
        incident.closed_at = now or timezone.now()
        incident.closing_message = closing_message
        incident.save(update_fields=["closed_at", "closing_message"])
        IncidentEvent.objects.create(
            incident=incident, action=IncidentEvent.Action.CLOSED, actor=actor, level=incident.level
        )
    return incident
