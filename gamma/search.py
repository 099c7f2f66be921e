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
import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import DateField, Exists, F, Func, OrderBy, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone

from emcs import codelists, labels
from gamma.models import (
    NOT_DISCHARGED_STATUSES,
    Movement,
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
    "arc": ("ARC, par ordre croissant", ("arc", "id")),
    "-arc": ("ARC, par ordre décroissant", ("-arc", "-id")),
}
DEFAULT_SORT = "-validated_at"
SEARCHABLE_STATUSES = [status for status in MovementStatus if status != MovementStatus.DRAFT]
MAX_JOURNEY_DAYS = 92  # R054: D01 … D92
SHOWN_AT_MOST = 1000  # rows the pages show (50 pages of 20); the export has them all


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
    transporter: str = ""  # the first transporter's name (a part of it) or identifier
    destination_country: str = ""  # a member state's code (BC11)
    dispatch_country: str = ""
    not_discharged_only: bool = True
    overdue_only: bool = False
    sort: str = DEFAULT_SORT

    @property
    def by_reference(self) -> bool:
        """An ARC or an LRN names one document: it is found whatever its status, « non apurés
        uniquement » aside (an explicit status still applies)."""
        return bool(self.arc or self.lrn)


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


class ExpectedArrival(Func):
    """``expected_arrival`` in SQL: the date of dispatch plus the journey time's whole days (``D03``
    → 3, ``H12`` → 1), NULL for a journey time R054 would refuse. Date arithmetic differs between
    the databases, hence one SQL text for each."""

    output_field = DateField()
    # {j}: the journey time column; {days} / {hours}: its test for days / hours on each database.
    _DAYS = "CASE WHEN {days} THEN CAST(SUBSTR({j}, 2) AS INTEGER) WHEN {hours} THEN 1 END"
    POSTGRESQL = ("({d} + (%s))", "{j} ~ '^D(0[1-9]|[1-9][0-9])$'", "{j} ~ '^H(0[1-9]|[1-9][0-9])$'")
    SQLITE = (
        "date({d}, '+' || (%s) || ' days')",
        "{j} GLOB 'D[0-9][0-9]' AND {j} != 'D00'",
        "{j} GLOB 'H[0-9][0-9]' AND {j} != 'H00'",
    )

    def __init__(self):
        super().__init__(F("dispatch_date"), F("journey_time"))

    def _sql(self, compiler, texts):
        dispatch, dispatch_params = compiler.compile(self.source_expressions[0])
        journey, journey_params = compiler.compile(self.source_expressions[1])
        if dispatch_params or journey_params:
            raise ValueError("Columns only.")
        outer, days, hours = texts
        case = self._DAYS.format(days=days.format(j=journey), hours=hours.format(j=journey), j=journey)
        return outer.format(d=dispatch) % case, []

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._sql(compiler, self.POSTGRESQL)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self._sql(compiler, self.SQLITE)


def overdue_q(today: dt.date) -> Q:
    """``is_overdue`` in SQL: still travelling, expected before today."""
    return Q(status=MovementStatus.ACCEPTED) & Q(LessThan(ExpectedArrival(), Value(today)))


def member_states() -> list[tuple[str, str]]:
    """The member states (BC11) a search may name, by French name: (code, « Allemagne (DE) »)."""
    states = labels.LABELS[codelists.MEMBER_STATES]
    return sorted(
        ((code, f"{name} ({code})") for code, name in states.items()),
        key=lambda choice: unicodedata.normalize("NFKD", choice[1]).casefold(),
    )


def _transporter_q(text: str) -> Exists:
    """The first transporter named ``text`` (a part of its name, any case) or identified by it (its
    VAT number or identifier, blanks aside)."""
    name = " ".join(text.split())
    identifier = _compact(text)
    return Exists(
        MovementTrader.objects.filter(movement=OuterRef("pk"), role=TraderRole.FIRST_TRANSPORTER).filter(
            Q(trader_name__icontains=name) | Q(vat_number=identifier) | Q(traderid=identifier)
        )
    )


def _destination_country_q(code: str) -> Q:
    """Bound for the member state ``code``: the consignee's identifier (an excise or VAT number)
    starts with it, or the exempted consignee's member state is it (as
    ``gamma.draft_checks.destination_member_state`` reads a draft)."""
    return Q(consignee_identifier__startswith=code) | Q(complement_consignee_member_state=code)


def _dispatch_country_q(code: str) -> Q:
    """Dispatched from the member state ``code``: the consignor's excise number starts with it (the
    portal's number, or the consignor trader's for a movement another member state sent)."""
    sent_from_abroad = Exists(
        MovementTrader.objects.filter(
            movement=OuterRef("pk"), role=TraderRole.CONSIGNOR, trader_excise_number__startswith=code
        )
    )
    return Q(consignor__number__startswith=code) | (Q(consignor__isnull=True) & sent_from_abroad)


def filtered(movements: QuerySet[Movement], filters: Filters, today: dt.date) -> QuerySet[Movement]:
    """Every filter but the number's side (see ``search``)."""
    movements = movements.exclude(status=MovementStatus.DRAFT)
    if filters.arc:
        movements = movements.filter(arc=_compact(filters.arc))
    if filters.lrn:
        movements = movements.filter(local_reference_number=" ".join(filters.lrn.split()))
    if filters.status:
        movements = movements.filter(status=filters.status)
    if filters.not_discharged_only and not filters.by_reference:
        movements = movements.filter(status__in=NOT_DISCHARGED_STATUSES)
    if filters.overdue_only:
        movements = movements.filter(overdue_q(today))
    if filters.epc:
        movements = movements.filter(
            Exists(MovementLine.objects.filter(movement=OuterRef("pk"), excise_product_code=filters.epc.upper()))
        )
    if filters.transporter:
        movements = movements.filter(_transporter_q(filters.transporter))
    if filters.destination_country:
        movements = movements.filter(_destination_country_q(filters.destination_country))
    if filters.dispatch_country:
        movements = movements.filter(_dispatch_country_q(filters.dispatch_country))
    if filters.dispatched_from:
        movements = movements.filter(dispatch_date__gte=filters.dispatched_from)
    if filters.dispatched_to:
        movements = movements.filter(dispatch_date__lte=filters.dispatched_to)
    # The date of arrival the latest report of receipt states, kept on the movement: one range of
    # the indexes by side and date of arrival.
    if filters.received_from:
        movements = movements.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        movements = movements.filter(received_on__lte=filters.received_to)
    return movements


@contextmanager
def _without_parallel_workers():
    """The statements inside planned without parallel workers on PostgreSQL. A count or a page
    reads a few thousand index entries at most: starting two workers for it costs more than it
    saves, all the more on a busy server (the product filter on the busiest number, 3,400 probes of
    the lines' index to count: a page in 27 ms with workers, 15 ms without). The setting is the
    transaction's own (``SET LOCAL``) and put back after, should the caller's transaction go on."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_parallel_workers_per_gather')")
        (previous,) = cursor.fetchone()
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield
        cursor.execute("SELECT set_config('max_parallel_workers_per_gather', %s, true)", [previous])


class Found:
    """The result of a search: its count and its slices (what ``Paginator`` needs) and an ordered
    iterator (what the export needs). Each side of the number (dispatched, received) is its own
    query, read in the order of its index and merged here: a page costs the rows up to its end on
    each side, never a sort of the number's whole history."""

    def __init__(self, sides: list[QuerySet], ordering: tuple[str, ...], *, set_first: bool = False) -> None:
        if len({name.startswith("-") for name in ordering}) != 1:
            raise ValueError("The sort keys must all go the same way.")
        keys = [name.lstrip("-") for name in ordering]
        columns = list(dict.fromkeys(["id", *keys]))  # the id first: what the pages need
        self.positions = [columns.index(key) for key in keys]
        self.descending = ordering[0].startswith("-")
        self.ordering = ordering
        self.set_first = set_first
        if set_first:
            # A range of dates of receipt is one range of its own index (by side, then date of
            # arrival), to be sorted; walking the number's index in the page's order instead and
            # filtering on the date would read its history back to the range, which may be years (the
            # planner does not know that receipts follow validations). Sorting by an expression of the
            # keys (equal to them) makes PostgreSQL find the set first.
            ordering = [
                OrderBy(Coalesce(F(key), F(key)), descending=name.startswith("-"))
                for name, key in zip(ordering, keys, strict=True)
            ]
        self.unordered = [side.values_list("id").order_by() for side in sides]
        self.sides = [side.values_list(*columns).order_by(*ordering) for side in sides]
        self._count: int | None = None
        self.more = False

    def _key(self, row: tuple) -> tuple:
        # NULL ranks above any value, as in PostgreSQL.
        return tuple((1, 0) if row[i] is None else (0, row[i]) for i in self.positions)

    def _merge(self, parts: list[Iterable[tuple]]) -> Iterable[tuple]:
        return parts[0] if len(parts) == 1 else heapq.merge(*parts, key=self._key, reverse=self.descending)

    def count(self) -> int:
        """How many rows, up to ``SHOWN_AT_MOST`` (``more`` says if there are more): counting a busy
        number's whole history for the pages' numbers is the search's biggest cost, and nobody reads
        past page 50 (the CSV export has them all)."""
        if self._count is None:  # one query: the sides' first rows counted by the database
            rows = (
                self.unordered[0].union(*self.unordered[1:], all=True) if len(self.unordered) > 1 else self.unordered[0]
            )
            with _without_parallel_workers():
                counted = rows[: SHOWN_AT_MOST + 1].count()
            self.more = counted > SHOWN_AT_MOST
            self._count = min(counted, SHOWN_AT_MOST)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice | int):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        if stop <= start:
            return []
        parts = [side[:stop] for side in self.sides]
        with _without_parallel_workers():
            if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
                # One query (PostgreSQL): each side's first rows, read in its index order, sorted
                # together by the database, which returns the page's rows only (page 50 of a busy
                # number: 20 rows instead of 2,000 to convert and sort in Python).
                rows = parts[0].union(*parts[1:], all=True).order_by(*self.ordering)
                return list(rows[start:stop])
            return list(itertools.islice(self._merge([list(part) for part in parts]), start, stop))

    def __iter__(self):
        return iter(self[: self.count()])

    def iterator(self, *, chunk_size: int) -> Iterator[tuple]:
        """Every row in order, each side read in chunks (server-side cursors on PostgreSQL)."""
        return iter(self._merge([side.iterator(chunk_size=chunk_size) for side in self.sides]))


def search(*, excise_number, kinds: Iterable[str], filters: Filters, today: dt.date | None = None) -> Found:
    """The movements matching ``filters``, sorted, as rows whose first value is the movement's id
    (``ids``), ready to paginate or export.

    The number's two sides are two queries rather than one ``OR``: each is one range of its index
    (``consignor`` or ``consignee_identifier``, then the sort keys, then status and consignor), so
    that PostgreSQL counts from the indexes alone and reads a page in index order, whatever the
    number's volume (``Found`` merges them)."""
    today = today or timezone.localdate()
    ordering = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])[1]
    base = filtered(Movement.objects.all(), filters, today)
    kinds = list(kinds)
    if set(kinds) != set(MovementKind.values):
        base = base.filter(kind__in=kinds)
    partner = _compact(filters.partner)
    dispatched = base.filter(consignor_id=excise_number.pk)
    received = base.filter(consignee_identifier=excise_number.number).exclude(consignor_id=excise_number.pk)
    if partner:
        dispatched = dispatched.filter(consignee_identifier=partner)
        received = received.filter(consignor__number=partner)
    sides = {DISPATCHED: [dispatched], RECEIVED: [received]}.get(filters.direction, [dispatched, received])
    return Found(sides, ordering, set_first=bool(filters.received_from or filters.received_to))


def ids(rows: Iterable) -> list[int]:
    """The movement ids of rows of ``search``."""
    return [row[0] for row in rows]


LIST_FIELDS = (
    "id",
    "kind",
    "status",
    "arc",
    "local_reference_number",
    "consignor__number",
    "consignee_identifier",
    "dispatch_date",
    "journey_time",
    "validated_at",
    "sequence_number",
)


def with_details(ids: Iterable[int]) -> list[Movement]:
    """The movements ``ids`` (one page), in that order, with what the list shows: the two traders
    and the products — three light queries (the columns shown only, no model machinery for the
    related rows)."""
    ids = list(ids)
    traders: dict[int, dict[str, MovementTrader]] = {}
    for trader in MovementTrader.objects.filter(
        movement_id__in=ids, role__in=[TraderRole.CONSIGNOR, TraderRole.CONSIGNEE]
    ).only("movement_id", "role", "trader_name", "traderid", "trader_excise_number"):
        traders.setdefault(trader.movement_id, {})[trader.role] = trader
    products: dict[int, set[str]] = {}
    for movement_id, code in MovementLine.objects.filter(movement_id__in=ids).values_list(
        "movement_id", "excise_product_code"
    ):
        products.setdefault(movement_id, set()).add(code)
    by_id = {}
    for movement in Movement.objects.filter(pk__in=ids).select_related("consignor").only(*LIST_FIELDS):
        movement.list_traders = traders.get(movement.pk, {})
        movement.list_products = sorted(code for code in products.get(movement.pk, ()) if code)
        by_id[movement.pk] = movement
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
    """``movement`` as ``with_details`` read it, seen from ``number``."""
    dispatched = movement.consignor_id is not None and movement.consignor.number == number
    partner = movement.list_traders.get(TraderRole.CONSIGNEE if dispatched else TraderRole.CONSIGNOR)
    partner_number = (
        movement.consignee_identifier if dispatched else (movement.consignor.number if movement.consignor else "")
    )
    if partner is not None and not partner_number:
        partner_number = partner.traderid or partner.trader_excise_number
    return Row(
        movement=movement,
        direction=DISPATCHED if dispatched else RECEIVED,
        partner_number=partner_number,
        partner_name=partner.trader_name if partner else "",
        products=", ".join(movement.list_products),
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


def csv_lines(rows: Found, *, number: str, today: dt.date | None = None) -> Iterator[str]:
    """The export, line by line (to stream): a BOM and ``;`` so that a French spreadsheet opens it
    as is; read in batches, never the whole result in memory."""
    today = today or timezone.localdate()
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    batch: list[int] = []
    for row in rows.iterator(chunk_size=CSV_BATCH):
        batch.append(row[0])
        if len(batch) == CSV_BATCH:
            yield from _csv_batch(batch, number=number, today=today, writer=writer)
            batch = []
    if batch:
        yield from _csv_batch(batch, number=number, today=today, writer=writer)


def _csv_batch(batch_ids: list[int], *, number: str, today: dt.date, writer) -> Iterator[str]:
    for movement in with_details(batch_ids):
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
