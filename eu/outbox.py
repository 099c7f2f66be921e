"""The outbox of messages to the other member states: a row written in the transaction of the
change that causes the message (``hand_over``, called where the message is stored), delivered
afterwards through ``eu.gateway.send`` by ``deliver_due`` (``manage.py deliver_eu_outbox``, or
``run_eu_simulator``): a connection that is down loses nothing, the row waits for the next run.

The messages handed over: the IE801 of a movement whose destination is another member state, and
the IE818 of a movement received from one (its consignor's state)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from eu.models import Direction, Exchange, ExchangeState

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
    return Exchange.objects.create(
        direction=Direction.OUT,
        message_type=stored.message_type,
        message_identifier=stored.message_identifier,
        member_state=state,
        movement=movement,
        xml=bytes(stored.xml),
    )


def deliver_due() -> tuple[int, int]:
    """Send every waiting message through ``eu.gateway.send``, oldest first: (sent, failing). A
    failure is kept on its row (error, attempts) and retried at the next run."""
    from eu import gateway

    sent = failing = 0
    pending = Exchange.objects.filter(direction=Direction.OUT, state=ExchangeState.PENDING).order_by("id")
    for pk in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            row = Exchange.objects.select_for_update().filter(pk=pk, state=ExchangeState.PENDING).first()
            if row is None:  # another run sent it meanwhile
                continue
            row.attempts += 1
            try:
                with transaction.atomic():
                    gateway.send(row.message_type, bytes(row.xml), row.member_state, row.movement)
            except gateway.ImproperlyConfigured:
                raise
            except Exception as error:
                logger.warning("EU outbox: %s %s to %s not sent: %s", row.message_type, row.pk, row.member_state, error)
                row.error = str(error)[:1000]
                row.save(update_fields=["attempts", "error"])
                failing += 1
                continue
            row.state, row.done_at, row.error = ExchangeState.SENT, timezone.now(), ""
            row.save(update_fields=["attempts", "state", "done_at", "error"])
            sent += 1
    return sent, failing
