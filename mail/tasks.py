"""The mail outbox's Celery tasks (queue ``mail``): one message by its row id, handed over after
the commit that wrote it, and the sweep of the due ones (beat, every minute)."""

from celery import shared_task

from mail import services


@shared_task(name="mail.deliver")
def deliver_mail(message_id: int) -> bool:
    return services.deliver(message_id=message_id)


@shared_task(name="mail.sweep_outbox")
def sweep_outbox() -> tuple[int, int]:
    return services.deliver_due()
