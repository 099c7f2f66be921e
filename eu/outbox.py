"""The outbox of messages to the other member states: a row written in the transaction of the
change that causes the message (``hand_over``, called where the message is stored), delivered
afterwards through ``eu.gateway.send``: handed to the Celery task ``eu.deliver_exchange`` (queue
``edi``) by its row id after commit, and swept every minute by beat (``eu.sweep_outbox``:
``deliver_due``; ``manage.py deliver_eu_outbox`` or ``run_eu_simulator`` by hand). A connection that
is down loses nothing: the row is retried with an exponential backoff and jitter
(``prodouane.backoff``) until 72 h after it was written, then abandoned (``failed``). Each attempt
claims its row under ``SELECT … FOR UPDATE SKIP LOCKED`` with a lease, so a task run twice, or a
sweep racing it, sends it once.

The messages handed over: the IE801 of a movement whose destination is another member state, and
the IE818 of a movement received from one (its consignor's state)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from eu.models import Direction, Exchange, ExchangeState
from prodouane import backoff
from prodouane.celery import hand_over as hand_to_queue

logger = logging.getLogger(__name__)

FRANCE = "FR"
HANDED_OVER = {"consignor": ("IE801",), "consignee": ("IE818",)}


def partner_state(movement, role: str) -> str:
    """The member state of the movement's other party than ``role``'s, when it is not France."""
    from gamma.draft_checks import destination_member_state
    from gamma.models import TraderRole

    if role == "consignor":
        state = destination_member_state(movement)
    else:
        if movement.consignor is not None:
            state = movement.consignor.number[:2]
        else:
            trader = movement.trader(TraderRole.CONSIGNOR)
            state = (trader.trader_excise_number or "")[:2] if trader else ""
    return state if state and state != FRANCE else ""


def hand_over(stored, movement, *, role: str) -> Exchange | None:
    """Queue the stored message ``stored`` (a ``gamma.MovementMessage``) for the other member
    state, when the movement's other party is there; inside the caller's transaction."""
    if stored is None or stored.message_type not in HANDED_OVER.get(role, ()):
        return None
    state = partner_state(movement, role)
    if not state:
        return None
    exchange = Exchange.objects.create(
        direction=Direction.OUT,
        message_type=stored.message_type,
        message_identifier=stored.message_identifier,
        member_state=state,
        movement=movement,
        xml=bytes(stored.xml),
    )
    from eu.tasks import deliver_exchange

    hand_to_queue(deliver_exchange, exchange.pk)
    return exchange


def _pending():
    return Exchange.objects.filter(direction=Direction.OUT, state=ExchangeState.PENDING)


def _claim(now, pk: int | None = None) -> Exchange | None:
    """A due outgoing message, locked and leased (``prodouane.backoff.claim``)."""
    return backoff.claim(_pending(), now, pk)


def _attempt(row: Exchange, now) -> bool:
    from eu import gateway

    row.attempts += 1
    try:
        with transaction.atomic():
            gateway.send(row.message_type, bytes(row.xml), row.member_state, row.movement)
    except gateway.ImproperlyConfigured:
        row.attempts -= 1
        row.next_attempt_at = now
        row.save(update_fields=["next_attempt_at"])
        raise
    except Exception as error:
        row.error = str(error)[:1000]
        retry_at = backoff.next_attempt(row.created_at, row.attempts, now)
        if retry_at is None:
            row.state = ExchangeState.FAILED
            logger.error("EU outbox: %s %s abandoned after %s attempts", row.message_type, row.pk, row.attempts)
        else:
            row.next_attempt_at = retry_at
            logger.warning("EU outbox: %s %s to %s not sent: %s", row.message_type, row.pk, row.member_state, error)
        row.save(update_fields=["attempts", "error", "state", "next_attempt_at"])
        return False
    row.state, row.done_at, row.error = ExchangeState.SENT, timezone.now(), ""
    row.save(update_fields=["attempts", "state", "done_at", "error"])
    return True


def deliver(pk: int, *, now=None) -> bool:
    """Send the row ``pk`` if it is pending, due and nobody else is at it."""
    now = now or timezone.now()
    row = _claim(now, pk)
    return False if row is None else _attempt(row, now)


def deliver_due(*, now=None, limit: int = 500) -> tuple[int, int]:
    """Send the waiting messages whose time has come through ``eu.gateway.send``, oldest due first:
    (sent, failing). A failure is kept on its row (error, attempts) and retried later."""
    now = now or timezone.now()
    return backoff.drain(_pending(), now, lambda row: _attempt(row, now), limit)
