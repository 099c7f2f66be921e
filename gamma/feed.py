"""The operator's feed: the stored EMCS messages addressed to an excise number, oldest first, read
page by page with an opaque cursor (the EDI pull, ``GET /edi/v1/messages?after=CURSOR``).

    feed.publish(stored, feed.recipients_of(movement, "IE801"))   # in the message's transaction
    entries, cursor = feed.read(["FR009990F0005"], after=None, limit=100)
    entries, cursor = feed.read(["FR009990F0005"], after=cursor, limit=100)   # what came since

**No entry is ever skipped**, even when the transactions that publish commit in another order
than they started. A reader keeps the position of the last entry it saw and asks for the ones
after it; an entry that became visible *below* that position after the read would be lost for
good. So positions are given in commit order: an entry's position is its id, drawn only while
holding the feed's lock, which is held until the transaction ends —

- on PostgreSQL a transaction-scoped advisory lock (``pg_advisory_xact_lock``): a second
  publisher waits until the first has committed (or rolled back), then draws a higher id; the lock
  is released after the commit is visible, so whoever sees an entry sees every lower one;
- on SQLite the database lets one writing transaction at a time (``BEGIN IMMEDIATE``, the
  settings' ``transaction_mode``): the same order, for free.

The lock serialises the publishers' ends of transactions only: ``publish`` is the last write of
its transaction, so the lock is held for the time of the commit. An id drawn by a transaction that
rolls back leaves a gap, never a hole a reader could pass over.

Who gets what (``recipients_of``): the IE801 and the office's interruption (IE807) go to the
consignor and the consignee, each trader's lifecycle message to the other party, the reminder
(IE802) to the consignee who must answer it. A change of destination (IE813) goes to the new
consignee, with the updated IE801; the consignee it leaves gets the diversion notice (IE803)
instead, as EMCS sends it (see ``recipients_of``).
Only French excise numbers have a feed here. A message addressed to two numbers an operator reads
together (a transfer between two of its own warehouses) comes once, at its first position.

The cursor is signed (``django.core.signing``, ``SECRET_KEY``): a cursor the portal did not give,
or altered, is ``BadCursor`` (the endpoint's 400), never a position read from the client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.dispatch import Signal

from gamma.models import FeedEntry, Movement, MovementMessage, TraderRole
from identifiers import excise

# Key of the PostgreSQL advisory lock under which positions are drawn ("gamma.fe" in ASCII).
POSITION_LOCK = int.from_bytes(b"gamma.fe", "big") & 0x7FFF_FFFF_FFFF_FFFF
CURSOR_SALT = "gamma.feed.cursor"
CURSOR_MAX_LENGTH = 200
MAX_LIMIT = 500
# Sent by ``publish`` with ``entries`` (the new FeedEntry rows), inside the message's transaction:
# the EDI notifications (``edi.webhooks``) write their rows there without gamma knowing of them.
published = Signal()

CONSIGNOR, CONSIGNEE = "consignor", "consignee"
# Lifecycle message → who receives it (the other party of its author).
# Reminder of the receipt due; cancellation; change of destination (to the new consignee).
TO_CONSIGNEE = frozenset({"IE802", "IE810", "IE813"})
TO_CONSIGNOR = frozenset({"IE818", "IE819"})  # report of receipt; alert or rejection
FROM_EITHER = frozenset({"IE837", "IE871"})  # explanations: to the party that did not write them
TO_BOTH = frozenset({"IE807"})  # the office's interruption: to the consignor and the consignee


class FeedError(Exception):
    """The request cannot be answered; the message is French and may be shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadCursor(FeedError):
    """The cursor is not one the portal gave (altered, truncated, made up)."""

    def __init__(self) -> None:
        super().__init__(
            "Curseur invalide : reprenez la lecture avec le curseur renvoyé par la réponse précédente, "
            "ou sans curseur pour repartir du premier message."
        )


@dataclass(frozen=True)
class Entry:
    """One message of the feed: ``cursor`` reads on after it; ``excise_number`` is the number it is
    addressed to (one of those read)."""

    cursor: str
    message: MovementMessage
    excise_number: str
    published_at: dt.datetime


# --- Who gets what ----------------------------------------------------------------------------


def _consignor_number(movement: Movement) -> str:
    if movement.consignor_id is not None:
        return movement.consignor.number
    trader = movement.trader(TraderRole.CONSIGNOR)
    return (trader.trader_excise_number or "") if trader else ""


def _french(numbers: Iterable[str | None]) -> list[str]:
    """The French excise numbers among ``numbers``, each once, in order."""
    return list(dict.fromkeys(number for number in numbers if number and excise.is_valid(number)))


def recipients_of(
    movement: Movement, message_type: str, *, role: str | None = None, previous_consignee: str | None = None
) -> list[str]:
    """The excise numbers a message of ``movement`` is addressed to, as the movement stands once
    the message's change is made. ``role``: the author's (``consignor`` / ``consignee``), for the
    explanations (IE837, IE871) either may send; ``previous_consignee``: for the diversion notice
    (IE803), the consignee a change of destination leaves.

    The consignee a change of destination leaves gets the IE803 and no longer the IE813, as in
    EMCS: the IE813 names the new consignee, the place of delivery and the transport, the
    consignor's business with another trader, which the one left out has no need to read; the
    IE803 tells him all that concerns him (this e-AD, this version, is no longer his to receive).
    One message for one event also spares his software a diversion read twice. The new consignee
    gets the IE813 and the updated IE801."""
    consignor, consignee = _consignor_number(movement), movement.consignee_identifier
    if message_type == "IE801" or message_type in TO_BOTH:
        return _french([consignor, consignee])
    if message_type == "IE803":
        if not previous_consignee:
            raise ValueError("An IE803 goes to the consignee the change of destination leaves: say which.")
        return _french([previous_consignee])
    if message_type in TO_CONSIGNEE:
        return _french([consignee])
    if message_type in TO_CONSIGNOR:
        return _french([consignor])
    if message_type in FROM_EITHER:
        if role not in (CONSIGNOR, CONSIGNEE):
            raise ValueError(f"{message_type} is sent by either party: say whose (role=consignor or consignee).")
        return _french([consignee if role == CONSIGNOR else consignor])
    raise ValueError(f"No feed recipients for a {message_type}.")


# --- Writing ----------------------------------------------------------------------------------


def publish(message: MovementMessage, recipients: Iterable[str]) -> list[FeedEntry]:
    """Put the stored ``message`` in the feed of each of ``recipients`` (French excise numbers).
    Called in the message's transaction, as its last write: the feed's lock is held from here
    until the commit."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("gamma.feed.publish is called in the transaction that stores the message.")
    numbers = list(dict.fromkeys(recipients))
    invalid = [number for number in numbers if not excise.is_valid(number)]
    if invalid:
        raise ValueError(f"Only French excise numbers have a feed: {invalid}.")
    if not numbers:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [POSITION_LOCK])
    elif connection.vendor != "sqlite":  # SQLite: one writing transaction at a time already
        raise NotImplementedError(
            f"The feed's positions are ordered on PostgreSQL and SQLite, not {connection.vendor}."
        )
    entries = FeedEntry.objects.bulk_create(FeedEntry(message=message, excise_number=number) for number in numbers)
    published.send(sender=FeedEntry, entries=entries)  # still in the transaction: edi.webhooks' rows
    return entries


# --- Reading ----------------------------------------------------------------------------------


def _cursor(position: int) -> str:
    return signing.dumps(position, salt=CURSOR_SALT)


def _position(cursor: str) -> int:
    if not isinstance(cursor, str) or not cursor or len(cursor) > CURSOR_MAX_LENGTH:
        raise BadCursor
    try:
        position = signing.loads(cursor, salt=CURSOR_SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise BadCursor from None
    if type(position) is not int or position < 0:
        raise BadCursor
    return position


def read(excise_numbers: Iterable[str], after: str | None, limit: int) -> tuple[list[Entry], str]:
    """The messages addressed to ``excise_numbers`` after the cursor ``after`` (from the first when
    None), oldest first, ``limit`` at most; and the cursor to read on from (the same place when
    nothing came). ``BadCursor`` for a cursor the portal did not give, ``FeedError`` for a limit
    outside 1 … ``MAX_LIMIT``."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise FeedError(f"Le nombre de messages demandés va de 1 à {MAX_LIMIT}.")
    position = 0 if after is None else _position(after)
    numbers = list(dict.fromkeys(excise_numbers))
    if not numbers:
        return [], _cursor(position)
    # A message addressed to two of the numbers read comes once, at its first entry.
    earlier_copy = FeedEntry.objects.filter(
        message_id=OuterRef("message_id"), excise_number__in=numbers, id__lt=OuterRef("id")
    )
    rows = list(
        FeedEntry.objects.filter(excise_number__in=numbers, id__gt=position)
        .filter(~Exists(earlier_copy))
        .select_related("message")
        .order_by("id")[:limit]
    )
    entries = [
        Entry(
            cursor=_cursor(row.id), message=row.message, excise_number=row.excise_number, published_at=row.published_at
        )
        for row in rows
    ]
    return entries, (entries[-1].cursor if entries else _cursor(position))
