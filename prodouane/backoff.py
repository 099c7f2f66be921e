"""The outboxes' one retry rule (mails, EDI notifications, exchanges with the other member
states): a row is claimed under ``SELECT … FOR UPDATE SKIP LOCKED`` with a short lease, attempted,
and when the attempt fails it is tried again after an exponential delay with jitter, until 72 h
after it was written; then it is abandoned (``failed``) for a person to look at."""

import datetime as dt
import secrets

from django.db import transaction

LEASE = dt.timedelta(minutes=2)  # an attempt never lasts that long (short network timeouts)
RETRY_FOR = dt.timedelta(hours=72)
FIRST_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(hours=6)
_random = secrets.SystemRandom()


def delay(attempts: int) -> dt.timedelta:
    """Exponential (30 s, 1 min, 2 min … at most 6 h), with up to 20 % less at random (jitter)."""
    base = min(FIRST_DELAY * (2 ** min(max(attempts, 1) - 1, 20)), MAX_DELAY)
    return base * _random.uniform(0.8, 1.0)


def next_attempt(created_at: dt.datetime, attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When to try again after ``attempts`` failed attempts, or None: 72 h have passed, give up."""
    deadline = created_at + RETRY_FOR
    if now >= deadline:
        return None
    return min(now + delay(attempts), deadline)


def claim(pending, now: dt.datetime, pk: int | None = None):
    """A due row of ``pending`` (an outbox's pending rows; ``pk``'s, or the oldest due), locked with
    ``SKIP LOCKED`` and leased: its next attempt pushed ``LEASE`` ahead, so that no other worker or
    sweep takes it meanwhile. None when there is none."""
    with transaction.atomic():
        due = pending.select_for_update(skip_locked=True).filter(next_attempt_at__lte=now)
        if pk is not None:
            due = due.filter(pk=pk)
        row = due.order_by("next_attempt_at", "id").first()
        if row is None:
            return None
        row.next_attempt_at = now + LEASE
        row.save(update_fields=["next_attempt_at"])
    return row


def drain(pending, now: dt.datetime, attempt, limit: int) -> tuple[int, int]:
    """Claim and attempt the due rows of ``pending`` one by one, oldest due first, ``limit`` at
    most: (succeeded, failed). ``attempt(row)`` says whether the row went out."""
    succeeded = failed = 0
    for _ in range(limit):
        row = claim(pending, now)
        if row is None:
            break
        if attempt(row):
            succeeded += 1
        else:
            failed += 1
    return succeeded, failed
