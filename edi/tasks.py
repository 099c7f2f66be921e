"""The EDI notifications' Celery tasks (queue ``edi``): one delivery by its row id, handed over
after the commit that wrote it, and the sweep of the due ones (beat, every minute)."""

from celery import shared_task

from edi import webhooks
from edi.models import DeliveryStatus


@shared_task(name="edi.deliver_webhook")
def deliver_webhook(delivery_id: int) -> bool:
    delivery = webhooks.deliver_one(delivery_id)
    return delivery is not None and delivery.status == DeliveryStatus.DELIVERED


@shared_task(name="edi.sweep_webhooks")
def sweep_webhooks() -> tuple[int, int]:
    return webhooks.deliver_due()
