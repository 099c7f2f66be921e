"""Search of the validated movements of one excise number (« Rechercher DAA / DSA »): those it
dispatched (it is their consignor) and those it receives (it is their consignee), by reference
(ARC, LRN, the other trader's excise number) and filters; sorted; exported as CSV.

Which kinds a user may search (DAE and DAES with « Rechercher DAA », DSA with « Rechercher DSA »)
is the caller's ``kinds`` (``gamma.actions.searchable_kinds``). The indexes the common searches
rely on are declared on ``Movement`` (a number's movements newest first, all and not yet
discharged); ``bench/gamma_search.py`` measures them over a million movements."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from gamma.models import (
    NOT_DISCHARGED_STATUSES,
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementLine,
    MovementStatus,
    MovementTrader,
    TraderRole,
)

ALL, DISPATCHED, RECEIVED = "all", "dispatched", "received"
DIRECTIONS = {ALL: "Expédiés et reçus", DISPATCHED: "Expédiés", RECEIVED: "Reçus"}
# Sort key → (label, ordering); the id breaks ties so that pages never overlap.
SORTS = {
    "-validated_at": ("Date de validation, la plus récente d'abord", ("-validated_at", "-id")),
    "validated_at": ("Date de validation, la plus ancienne d'abord", ("validated_at", "id")),
    "-dispatch_date": ("Date d'expédition, la plus récente d'abord", ("-dispatch_date", "-id")),
    "dispatch_date": ("Date d'expédition, la plus ancienne d'abord", ("dispatch_date", "id")),
    "arc": ("ARC", ("arc", "id")),
}
DEFAULT_SORT = "-validated_at"
SEARCHABLE_STATUSES = [status for status in MovementStatus if status != MovementStatus.DRAFT]
MAX_JOURNEY_DAYS = 92  # R054: D01 … D92


@dataclass(frozen=True)
class Filters:
    """What the user asked for; blank values do not filter. ``not_discharged_only`` is the page's
    default: what still needs following up."""

    arc: str = ""
    lrn: str = ""
    partner: str = ""  # the other trader's excise number
    direction: str = ALL
    status: str = ""
    epc: str = ""
    dispatched_from: dt.date | None = None
    dispatched_to: dt.date | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    not_discharged_only: bool = True
    overdue_only: bool = False
    sort: str = DEFAULT_SORT


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def journey_days(journey_time: str) -> int | None:
    """Whole days of a journey time (``D03`` → 3; ``H12`` → 1: hours end the next day at the
    latest); None for a value R054 would refuse."""
    match = re.fullmatch(r"([HD])([0-9]{2})", journey_time or "")
    if not match or int(match.group(2)) == 0:
        return None
    return 1 if match.group(1) == "H" else int(match.group(2))


def expected_arrival(movement: Movement) -> dt.date | None:
    """The date the goods should have arrived by: date of dispatch + journey time."""
    days = journey_days(movement.journey_time)
    if movement.dispatch_date is None or days is None:
        return None
    return movement.dispatch_date + dt.timedelta(days=days)


def is_overdue(movement: Movement, *, today: dt.date) -> bool:
    """Still travelling after its expected arrival: the consignee's report of receipt is late."""
    arrival = expected_arrival(movement)
    return movement.status == MovementStatus.ACCEPTED and arrival is not None and arrival < today


def overdue_q(today: dt.date) -> Q:
    """``is_overdue`` in SQL, portable: for each journey time, the dispatch dates that are late."""
    late = Q(journey_time__regex=r"^H(0[1-9]|[1-9][0-9])$", dispatch_date__lt=today - dt.timedelta(days=1))
    for days in range(1, MAX_JOURNEY_DAYS + 1):
        late |= Q(journey_time=f"D{days:02d}", dispatch_date__lt=today - dt.timedelta(days=days))
    return Q(status=MovementStatus.ACCEPTED) & late


def _receipt_between(start: dt.date | None, end: dt.date | None) -> Exists:
    """Movements whose (latest or any) report of receipt gives a date of arrival in the range."""
    key = "payload__report_of_receipt_export__date_of_arrival_of_excise_products"
    reports = MovementEvent.objects.filter(movement=OuterRef("pk"), action=MovementAction.REPORT_OF_RECEIPT)
    if start:
        reports = reports.filter(**{f"{key}__gte": start.isoformat()})
    if end:
        reports = reports.filter(**{f"{key}__lte": end.isoformat()})
    return Exists(reports)


def scope(*, excise_number, kinds: Iterable[str], direction: str = ALL) -> QuerySet[Movement]:
    """The validated movements of ``excise_number`` (an ExciseNumber) of the given kinds."""
    dispatched = Q(consignor_id=excise_number.pk)
    received = Q(consignee_identifier=excise_number.number)
    where = {DISPATCHED: dispatched, RECEIVED: received}.get(direction, dispatched | received)
    movements = Movement.objects.filter(where).exclude(status=MovementStatus.DRAFT)
    kinds = list(kinds)
    if set(kinds) != set(MovementKind.values):
        movements = movements.filter(kind__in=kinds)
    return movements


def search(
    *, excise_number, kinds: Iterable[str], filters: Filters, today: dt.date | None = None
) -> QuerySet[Movement]:
    """The movements matching ``filters``, sorted, ready to paginate or export."""
    today = today or timezone.localdate()
    movements = scope(excise_number=excise_number, kinds=kinds, direction=filters.direction)
    if filters.arc:
        movements = movements.filter(arc=_compact(filters.arc))
    if filters.lrn:
        movements = movements.filter(local_reference_number=" ".join(filters.lrn.split()))
    if filters.partner:
        partner = _compact(filters.partner)
        as_consignee = Q(consignor_id=excise_number.pk, consignee_identifier=partner)
        as_consignor = Q(consignee_identifier=excise_number.number, consignor__number=partner)
        movements = movements.filter(
            {DISPATCHED: as_consignee, RECEIVED: as_consignor}.get(filters.direction, as_consignee | as_consignor)
        )
    if filters.status:
        movements = movements.filter(status=filters.status)
    if filters.not_discharged_only:
        movements = movements.filter(status__in=NOT_DISCHARGED_STATUSES)
    if filters.overdue_only:
        movements = movements.filter(overdue_q(today))
    if filters.epc:
        movements = movements.filter(
            Exists(MovementLine.objects.filter(movement=OuterRef("pk"), excise_product_code=filters.epc.upper()))
        )
    if filters.dispatched_from:
        movements = movements.filter(dispatch_date__gte=filters.dispatched_from)
    if filters.dispatched_to:
        movements = movements.filter(dispatch_date__lte=filters.dispatched_to)
    if filters.received_from or filters.received_to:
        movements = movements.filter(_receipt_between(filters.received_from, filters.received_to))
    ordering = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])[1]
    return movements.select_related("consignor").order_by(*ordering)


def with_details(ids: Iterable[int]) -> list[Movement]:
    """The movements ``ids`` (one page), in that order, with what the list shows: the two traders
    and the products."""
    ids = list(ids)
    rows = (
        Movement.objects.filter(pk__in=ids)
        .select_related("consignor")
        .prefetch_related(
            Prefetch(
                "traders",
                queryset=MovementTrader.objects.filter(role__in=[TraderRole.CONSIGNOR, TraderRole.CONSIGNEE]),
            ),
            Prefetch("lines", queryset=MovementLine.objects.only("movement_id", "excise_product_code")),
        )
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


@dataclass(frozen=True)
class Row:
    """One movement as the list and the CSV show it, from the point of view of ``number``."""

    movement: Movement
    direction: str
    partner_number: str
    partner_name: str
    products: str
    overdue: bool


def row(movement: Movement, *, number: str, today: dt.date) -> Row:
    dispatched = movement.consignor_id is not None and movement.consignor.number == number
    partner_role = TraderRole.CONSIGNEE if dispatched else TraderRole.CONSIGNOR
    partner = movement.trader(partner_role)
    partner_number = (
        movement.consignee_identifier if dispatched else (movement.consignor.number if movement.consignor else "")
    )
    if partner is not None and not partner_number:
        partner_number = partner.traderid or partner.trader_excise_number
    products = sorted({line.excise_product_code for line in movement.lines.all() if line.excise_product_code})
    return Row(
        movement=movement,
        direction=DISPATCHED if dispatched else RECEIVED,
        partner_number=partner_number,
        partner_name=partner.trader_name if partner else "",
        products=", ".join(products),
        overdue=is_overdue(movement, today=today),
    )


# --- CSV export ---------------------------------------------------------------------------------

CSV_HEADER = [
    "ARC",
    "LRN",
    "Nature",
    "État",
    "Code état (IE905)",
    "Sens",
    "Autre opérateur (n° d'accise)",
    "Autre opérateur (nom)",
    "Produits",
    "Date d'expédition",
    "Validé le",
    "Numéro de séquence",
    "Réception en retard",
]
CSV_BATCH = 2000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A spreadsheet must not take a trader's text for a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(movements: QuerySet[Movement], *, number: str, today: dt.date | None = None) -> Iterator[str]:
    """The export, line by line (to stream): a BOM and ``;`` so that a French spreadsheet opens it
    as is; read in batches, never the whole result in memory."""
    today = today or timezone.localdate()
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    ids = movements.values_list("pk", flat=True)
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=CSV_BATCH):
        batch.append(pk)
        if len(batch) == CSV_BATCH:
            yield from _csv_batch(batch, number=number, today=today, writer=writer)
            batch = []
    if batch:
        yield from _csv_batch(batch, number=number, today=today, writer=writer)


def _csv_batch(ids: list[int], *, number: str, today: dt.date, writer) -> Iterator[str]:
    for movement in with_details(ids):
        line = row(movement, number=number, today=today)
        validated = (
            timezone.localtime(movement.validated_at).strftime("%d/%m/%Y %H:%M") if movement.validated_at else ""
        )
        yield writer.writerow(
            [
                _cell(movement.arc),
                _cell(movement.local_reference_number),
                movement.kind,
                movement.get_status_display(),
                movement.ie905_code or "",
                DIRECTIONS[line.direction],
                _cell(line.partner_number),
                _cell(line.partner_name),
                line.products,
                movement.dispatch_date.strftime("%d/%m/%Y") if movement.dispatch_date else "",
                validated,
                movement.sequence_number or "",
                "oui" if line.overdue else "non",
            ]
        )
