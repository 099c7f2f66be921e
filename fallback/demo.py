"""Demo incidents for `make run`: the history of the « météo des téléservices » holds the red
alert on GAMMA of the seed's example (10 April 2009, when the GPS number 09FR009990F0005000141 was
given) and a recent orange one, both closed, so the portal starts with every service working.
Idempotent (keyed on teleservice, level and message); never in production."""

import datetime

from django.conf import settings
from django.utils import timezone

from fallback.models import Incident, IncidentEvent, IncidentLevel

PARIS = timezone.get_default_timezone()


def _incidents():
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    recent = now - datetime.timedelta(days=6)
    return [
        (
            IncidentLevel.RED,
            datetime.datetime(2009, 4, 10, 13, 30, tzinfo=PARIS),
            datetime.datetime(2009, 4, 10, 18, 0, tzinfo=PARIS),
            datetime.datetime(2009, 4, 10, 17, 40, tzinfo=PARIS),
            "GAMMA est indisponible : les opérateurs sont autorisés à utiliser la procédure de secours (GPS).",
            "GAMMA est rétabli. Saisissez vos documents de secours dans GAMMA en soumission différée.",
        ),
        (
            IncidentLevel.ORANGE,
            recent.replace(hour=9),
            recent.replace(hour=12),
            recent.replace(hour=11, minute=15),
            "Lenteurs à l'impression des DAA dans GAMMA : l'impression aboutit après quelques minutes.",
            "L'impression des DAA fonctionne normalement.",
        ),
    ]


def load(stdout) -> None:
    if settings.PRODUCTION:
        return
    from accounts.models import User
    from portal.models import Teleservice

    gamma = Teleservice.objects.get(slug="gamma")
    cid = User.objects.get(username="agent.cid")
    for level, starts_at, expected_end_at, closed_at, message, closing_message in _incidents():
        if Incident.objects.filter(teleservice=gamma, level=level, message=message).exists():
            continue
        incident = Incident.objects.create(
            teleservice=gamma,
            level=level,
            message=message,
            starts_at=starts_at,
            expected_end_at=expected_end_at,
            closed_at=closed_at,
            closing_message=closing_message,
            declared_by=cid,
            declared_at=starts_at,
        )
        IncidentEvent.objects.create(
            incident=incident, action=IncidentEvent.Action.DECLARED, actor=cid, at=starts_at, level=level
        )
        IncidentEvent.objects.create(
            incident=incident, action=IncidentEvent.Action.CLOSED, actor=cid, at=closed_at, level=level
        )
    stdout.write("Incidents de démonstration : deux alertes closes sur GAMMA dans l'historique de la météo.")
