"""EMCS date-times and times: one rule, the official schemas'.

EMCS writes ``2026-03-29T02:30:00`` (``DateTimeType``) and ``02:30:00`` (``TimeType``) without an
offset; ``types.xsd`` says of both « time zone although not included UTC is implied ». So:

- **received**: a date-time is UTC. ``2026-03-29T02:30:00`` is 02:30 UTC (04:30 in Paris), never
  read as Paris time — that hour does not exist in Paris that day (the clocks go from 02:00 to
  03:00), and ``2026-10-25T02:30:00`` happens twice there. ``from_emcs`` gives the aware instant;
- **kept as received**: the text of a received date-time or time is kept whole
  (``ReceivedDateTime``, ``ReceivedTime``), fractions of a second beyond the microsecond included,
  which Python and the database cannot hold: the instant is stored to the microsecond and the text
  beside it (``gamma.models.Movement.received_times``), and the message is written again with that
  text, unchanged, as long as the stored value is still the one it says;
- **written**: the portal's own instants (validation, cancellation, the header's date and time of
  preparation) are converted to UTC and written without offset (``to_emcs``, ``now``);
- **shown**: people read the instant in the portal's time zone (Paris), as every other date-time.

The date and time of dispatch are the exception the consignor makes: a date and a time of day he
declares, stored and written as he gives them, without conversion (a conversion could move the
date)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

_FRACTION = re.compile(r"\.(\d+)$")


def _readable(text: str) -> str:
    """``"02:30:00.1234567"`` → ``"02:30:00.123456"``: Python reads 6 digits at most (and 3.11
    drops the others without a word); the caller keeps the whole text."""
    match = _FRACTION.search(text)
    if not match or len(match.group(1)) <= 6:
        return text
    return text[: match.start(1) + 6]


class ReceivedDateTime(dt.datetime):
    """A naive date-time read from a message (UTC, by the rule above), with its text as received."""

    text: str

    @classmethod
    def parse(cls, text: str) -> ReceivedDateTime:
        value = dt.datetime.fromisoformat(_readable(text))
        if value.tzinfo is not None:
            raise ValueError(f"an EMCS date-time carries no offset: {text}")
        received = cls(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
        received.text = text
        return received

    # Immutable: copies (dataclasses.asdict deep-copies) and pickles keep the text.
    def __copy__(self) -> ReceivedDateTime:
        return self

    def __deepcopy__(self, memo: dict) -> ReceivedDateTime:
        return self

    def __reduce_ex__(self, protocol):
        return (ReceivedDateTime.parse, (self.text,))


class ReceivedTime(dt.time):
    """A time read from a message, with its text as received."""

    text: str

    @classmethod
    def parse(cls, text: str) -> ReceivedTime:
        value = dt.time.fromisoformat(_readable(text))
        if value.tzinfo is not None:
            raise ValueError(f"an EMCS time carries no offset: {text}")
        received = cls(value.hour, value.minute, value.second, value.microsecond)
        received.text = text
        return received

    def __copy__(self) -> ReceivedTime:
        return self

    def __deepcopy__(self, memo: dict) -> ReceivedTime:
        return self

    def __reduce_ex__(self, protocol):
        return (ReceivedTime.parse, (self.text,))


def text_of(value: dt.datetime | dt.time | None) -> str | None:
    """The text a value was received as, if it was read from a message."""
    return getattr(value, "text", None)


def from_emcs(value: dt.datetime | None) -> dt.datetime | None:
    """An EMCS date-time (naive, UTC) → the aware instant, in UTC."""
    if value is None:
        return None
    if timezone.is_aware(value):
        return value
    return dt.datetime(
        value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond, tzinfo=dt.UTC
    )


def to_emcs(value: dt.datetime | None) -> dt.datetime | None:
    """An aware instant → the naive UTC date-time EMCS writes; a naive value is already one."""
    if value is None or timezone.is_naive(value):
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def now() -> dt.datetime:
    """Now, as EMCS writes it: naive UTC, to the millisecond."""
    value = to_emcs(timezone.now())
    return value.replace(microsecond=(value.microsecond // 1000) * 1000)


def same_instant(text: str, value: dt.datetime | dt.time | None) -> bool:
    """Whether a stored value (aware date-time, or time) is still the one ``text`` says."""
    if value is None:
        return False
    if isinstance(value, dt.datetime):
        return from_emcs(ReceivedDateTime.parse(text)) == value
    return ReceivedTime.parse(text) == value
