"""One person's « Messages » of an excise number: each message (an event of the number's movements,
``gamma.inbox.events_of``) read or unread and archived or not for that person only (``InboxMark``);
the list in one view (inbox, unread, archived) and one sort (date, type, ARC); one message by its
id, only among the number's messages a person may see; and the count of unread messages the menu
shows.

Without a mark of its own, a message is read when it is older than the person's last « Tout marquer
comme lu » (``InboxVisit``), unread otherwise; opening a message marks it read, archiving too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BooleanField, Case, DateTimeField, Exists, F, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone

from gamma import inbox, timeline
from gamma.models import InboxMark, InboxVisit, MovementAction, MovementEvent
from register.models import ExciseNumber

INBOX, UNREAD, ARCHIVED = "boite", "non-lus", "archives"
VIEWS = {INBOX: "Boîte de réception", UNREAD: "Non lus", ARCHIVED: "Archivés"}
DEFAULT_VIEW = INBOX

# Sort key (a GET parameter) → its label; « -» first: descending. The column's default direction is
# the one its header offers first (newest first for the date, A to Z otherwise).
SORTS = {
    "-date": "Date, la plus récente d'abord",
    "date": "Date, la plus ancienne d'abord",
    "type": "Type de message, de A à Z",
    "-type": "Type de message, de Z à A",
    "arc": "ARC, par ordre croissant",
    "-arc": "ARC, par ordre décroissant",
}
DEFAULT_SORT = "-date"
COLUMNS = {"date": "-date", "type": "type", "arc": "arc"}  # a column → the sort its header offers first


def view_of(value: str | None) -> str:
    """The view asked for, the inbox for anything else."""
    return value if value in VIEWS else DEFAULT_VIEW


def sort_of(value: str | None) -> str:
    """The sort asked for, newest first for anything else (a hostile value included)."""
    return value if value in SORTS else DEFAULT_SORT


def _type_rank() -> Case:
    """The message's type in the order of its French label (what the « Type » column shows)."""
    labels = sorted(MovementAction.choices, key=lambda choice: choice[1].casefold())
    return Case(
        *[When(action=code, then=Value(rank)) for rank, (code, _) in enumerate(labels)],
        default=Value(len(labels)),
    )


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column == "date":
        return ["-at", "-id"] if descending else ["at", "id"]
    key = _type_rank() if column == "type" else F("movement__arc")
    return [key.desc() if descending else key.asc(), "-at", "-id"]


def _read_until(*, user, number: str) -> dt.datetime | None:
    return InboxVisit.objects.filter(user=user, excise_number=number).values_list("seen_at", flat=True).first()


def _with_state(events: QuerySet[MovementEvent], *, user, number: str) -> QuerySet[MovementEvent]:
    """``events`` with the person's state: ``is_read`` and ``archived_at``."""
    marks = InboxMark.objects.filter(user=user, event=OuterRef("pk"))
    read_until = _read_until(user=user, number=number)
    older = [When(at__lte=read_until, then=Value(True))] if read_until else []
    return events.annotate(
        mark_read=Subquery(marks.values("read")[:1], output_field=BooleanField()),
        archived_at=Subquery(marks.values("archived_at")[:1], output_field=DateTimeField()),
    ).annotate(
        is_read=Case(
            When(mark_read__isnull=False, then="mark_read"),
            *older,
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def messages(
    *, user, excise_number: ExciseNumber, kinds: list[str], view: str = DEFAULT_VIEW, sort: str = DEFAULT_SORT
) -> QuerySet[MovementEvent]:
    """The person's messages of ``excise_number`` in ``view``, sorted by ``sort``."""
    events = _with_state(
        inbox.events_of(excise_number=excise_number, kinds=kinds), user=user, number=excise_number.number
    )
    # Archived or not as an (anti-)join on the person's marks, which PostgreSQL estimates (a
    # subquery's value compared to NULL it takes for 1 % of the rows, and plans the page badly).
    archived = Exists(InboxMark.objects.filter(user=user, event=OuterRef("pk"), archived_at__isnull=False))
    if view == ARCHIVED:
        events = events.filter(archived)
    else:
        events = events.filter(~archived)
        if view == UNREAD:
            events = events.filter(is_read=False)
    return events.order_by(*_ordering(sort_of(sort)))


# Messages the list counts and pages at most (50 pages of 20), as the search (``gamma.search``):
# counting a busy number's whole history (a million events) costs seconds; the list says « plus de ».
SHOWN_AT_MOST = 1000
# Unread messages the menu counts at most: it shows « 99+ » beyond (on every GAMMA page).
UNREAD_AT_MOST = 99


class Listed:
    """``messages`` as the list pages it: its slices, and its count up to ``SHOWN_AT_MOST`` (``more``
    says if there are more). A count with a limit lets PostgreSQL read the newest events and stop
    (``gamma_event_newest_idx``) instead of joining every event of the number."""

    def __init__(self, events: QuerySet[MovementEvent]) -> None:
        self.events = events
        self._count: int | None = None
        self.more = False

    def count(self) -> int:
        if self._count is None:
            counted = self.events.order_by()[: SHOWN_AT_MOST + 1].count()
            self.more = counted > SHOWN_AT_MOST
            self._count = min(counted, SHOWN_AT_MOST)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return self.events[item]


def message(*, user, excise_number: ExciseNumber, kinds: list[str], pk: int) -> MovementEvent | None:
    """One message, with the person's state; None when it is not one of the number's messages the
    person may see (another number's, a kind the rights do not show)."""
    events = _with_state(
        inbox.events_of(excise_number=excise_number, kinds=kinds), user=user, number=excise_number.number
    )
    return events.filter(pk=pk).first()


def unread_count(*, user, excise_number: ExciseNumber, kinds: list[str] | None = None) -> int:
    """The person's unread messages of ``excise_number``, archived ones aside, up to
    ``UNREAD_AT_MOST`` + 1 (the menu shows « 99+ » from there: ``unread_label``).

    Counted as two sets, not message by message (the menu shows it on every GAMMA page): the
    messages the person never marked that are newer than his « Tout marquer comme lu », and those he
    marked unread and did not archive."""
    events = inbox.events_of(excise_number=excise_number, kinds=kinds).order_by()
    marks = InboxMark.objects.filter(user=user, event__in=events.values("pk"))
    unmarked = events.exclude(pk__in=InboxMark.objects.filter(user=user).values("event"))
    read_until = _read_until(user=user, number=excise_number.number)
    if read_until:
        unmarked = unmarked.filter(at__gt=read_until)
    # Each set counted up to the menu's « 99+ »: a limit lets PostgreSQL stop at the hundredth.
    at_most = UNREAD_AT_MOST + 1
    counted = unmarked[:at_most].count() + marks.filter(read=False, archived_at__isnull=True)[:at_most].count()
    return min(counted, at_most)


def unread_label(count: int) -> str:
    """The menu's count: « 99+ » beyond ``UNREAD_AT_MOST``."""
    return f"{UNREAD_AT_MOST}+" if count > UNREAD_AT_MOST else str(count)


def _mark(*, user, event: MovementEvent, **state) -> None:
    InboxMark.objects.update_or_create(user=user, event=event, defaults=state)


def set_read(*, user, event: MovementEvent, read: bool = True) -> None:
    _mark(user=user, event=event, read=read)


def archive(*, user, event: MovementEvent) -> None:
    """Out of the inbox, into « Archivés »; read, since it was dealt with."""
    _mark(user=user, event=event, read=True, archived_at=timezone.now())


def unarchive(*, user, event: MovementEvent) -> None:
    InboxMark.objects.filter(user=user, event=event).update(archived_at=None)


def mark_all_read(*, user, excise_number: ExciseNumber, at: dt.datetime | None = None) -> None:
    """Every message of the number read for the person, up to ``at`` (now)."""
    at = at or timezone.now()
    with transaction.atomic():
        InboxVisit.objects.update_or_create(user=user, excise_number=excise_number.number, defaults={"seen_at": at})
        InboxMark.objects.filter(
            user=user,
            read=False,
            event__in=inbox.events_of(excise_number=excise_number).filter(at__lte=at).values("pk"),
        ).update(read=True)


@dataclass(frozen=True)
class Message:
    """A message as the list and its page show it."""

    event: MovementEvent
    headline: str
    title: str  # its type: « Accusé de réception (IE818) »
    details: list[str]
    actor: str
    is_read: bool
    archived_at: dt.datetime | None

    @property
    def movement(self):
        return self.event.movement


def shown(events, *, number: str) -> list[Message]:
    """``events`` read by ``messages`` or ``message``, as the person sees them."""
    return [
        Message(
            event=event,
            headline=inbox.headline(event, number=number),
            title=timeline.title(event),
            details=timeline.details(event),
            actor=timeline.actor_label(event),
            is_read=event.is_read,
            archived_at=event.archived_at,
        )
        for event in events
    ]
