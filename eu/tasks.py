"""The exchanges with the other member states' Celery tasks (queue ``edi``): one outgoing message
by its row id, handed over after the commit that wrote it, the sweep of the due ones, and the
simulated member states' answers that are due (beat, every minute)."""

from celery import shared_task

from eu import outbox


@shared_task(name="eu.deliver_exchange")
def deliver_exchange(exchange_id: int) -> bool:
    return outbox.deliver(exchange_id)


@shared_task(name="eu.sweep_outbox")
def sweep_outbox() -> tuple[int, int]:
    return outbox.deliver_due()


@shared_task(name="eu.run_simulator")
def run_simulator() -> int:
    """The simulated member states' answers that are due (only with ``EU_GATEWAY=simulator``)."""
    from django.conf import settings

    from eu import gateway, simulator

    if (settings.EU_GATEWAY or gateway.default_name()) != "simulator":
        return 0
    return simulator.run_due()
