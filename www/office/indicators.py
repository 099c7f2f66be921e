"""The figures of an office's dashboard (issue 12, item 15): one aggregated query per panel, counted
in the database, over the excise numbers the office is in charge of (as ``fallback.selectors.
office_documents`` and ``habilitations.rights.managed_excise_numbers`` do: a company with a number
elsewhere shows only this office's number here).

Days are Paris days (``Europe/Paris``): a movement validated at 23:30 in Paris counts on that day,
whatever the offset of the season. An age is counted in whole Paris days from the date it starts
(« 0 à 5 jours » holds today and the five days before, and the dates to come)."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import formats

from fallback import selectors as fallback_selectors
from fallback.models import NOT_REGULARISED, DocumentStatus
from gamma.models import NOT_DISCHARGED_STATUSES, Movement
from gamma.search import overdue_q
from habilitations import rights
from habilitations.models import Adhesion, AdhesionStatus

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DAYS_SHOWN = 30
# (label, the oldest age in days the bucket holds; None: no limit), youngest first.
AGE_BUCKETS = (("0 à 5 j", 5), ("6 à 10 j", 10), ("11 à 30 j", 30), ("plus de 30 j", None))
AGE_LABELS = ("0 à 5 jours", "6 à 10 jours", "11 à 30 jours", "plus de 30 jours")


@dataclass(frozen=True)
class Point:
    """One bar: its short label under the axis, its full label in the table, its count, and the
    part of it a second column details (« dont en retard »), if any."""

    label: str
    long_label: str
    value: int
    detail: int | None = None


def paris_midnight(day: dt.date) -> dt.datetime:
    """The instant a Paris day begins (aware; 23:00 or 22:00 UTC the day before)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=PARIS)


def _age_bucket(field: str, *, today: dt.date, instant: bool) -> Case:
    """The index in ``AGE_BUCKETS`` of the age of ``field`` (a date, or an instant read as its
    Paris day) on ``today``: compared with the first day of each bucket, so any index serves."""
    whens = []
    for index, (_label, oldest) in enumerate(AGE_BUCKETS):
        if oldest is None:
            continue
        first_day = today - dt.timedelta(days=oldest)
        bound = paris_midnight(first_day) if instant else first_day
        whens.append(When(**{f"{field}__gte": bound}, then=Value(index)))
    return Case(*whens, default=Value(len(AGE_BUCKETS) - 1), output_field=IntegerField())


def _by_bucket(rows, *, detail: str | None = None) -> list[Point]:
    found = {row["bucket"]: row for row in rows}
    points = []
    for index, (label, _oldest) in enumerate(AGE_BUCKETS):
        row = found.get(index, {})
        points.append(
            Point(
                label=label,
                long_label=AGE_LABELS[index],
                value=row.get("n", 0),
                detail=row.get(detail, 0) if detail else None,
            )
        )
    return points


def office_movements(office):
    """The movements issued under the excise numbers ``office`` is in charge of."""
    return Movement.objects.filter(consignor__customs_office=office)


def movements_per_day(office, *, today: dt.date) -> list[Point]:
    """The movements validated (IE801 issued) each Paris day of the last ``DAYS_SHOWN`` days,
    today included, with the days without any."""
    first = today - dt.timedelta(days=DAYS_SHOWN - 1)
    counts = dict(
        office_movements(office)
        .filter(validated_at__gte=paris_midnight(first), validated_at__lt=paris_midnight(today + dt.timedelta(days=1)))
        .annotate(day=TruncDate("validated_at", tzinfo=PARIS))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
        .values_list("day", "n")
    )
    days = [first + dt.timedelta(days=offset) for offset in range(DAYS_SHOWN)]
    return [
        Point(
            label=formats.date_format(day, "d/m"),
            long_label=formats.date_format(day, "l j F Y"),
            value=counts.get(day, 0),
        )
        for day in days
    ]


def undischarged_by_age(office, *, today: dt.date) -> list[Point]:
    """The movements not yet discharged by age from their date of dispatch; the detail counts those
    whose report of receipt is overdue (``gamma.search.overdue_q``, as the daily reminders)."""
    rows = (
        office_movements(office)
        .filter(status__in=NOT_DISCHARGED_STATUSES, dispatch_date__isnull=False)
        .annotate(bucket=_age_bucket("dispatch_date", today=today, instant=False))
        .values("bucket")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
        .order_by("bucket")
    )
    return _by_bucket(rows, detail="overdue")


def fallback_not_regularised(office, *, today: dt.date) -> list[Point]:
    """The fallback documents not regularised in GAMMA yet, by age from their dispatch; the detail
    counts those already late (past the delay after the fallback ended)."""
    rows = (
        fallback_selectors.office_documents(office)
        .filter(status__in=NOT_REGULARISED)
        .annotate(bucket=_age_bucket("dispatch_at", today=today, instant=True))
        .values("bucket")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(status=DocumentStatus.LATE)))
        .order_by("bucket")
    )
    return _by_bucket(rows, detail="late")


def adhesions_waiting(user, *, today: dt.date) -> list[Point]:
    """The adhesions transmitted to the agent's office and not decided yet, by age from their
    transmission (``habilitations.rights.visible_adhesions``: their office's only; nothing for
    anybody but an agent, whose company's adhesions are no office's figures)."""
    adhesions = rights.visible_adhesions(user) if rights.office_of(user) is not None else Adhesion.objects.none()
    rows = (
        adhesions.filter(status=AdhesionStatus.SUBMITTED, submitted_at__isnull=False)
        .annotate(bucket=_age_bucket("submitted_at", today=today, instant=True))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by("bucket")
    )
    return _by_bucket(rows)
