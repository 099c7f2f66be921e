"""Queue and deliver e-mails through the outbox (see ``mail.models``)."""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from mail.fields import UNREADABLE
from mail.models import OutboxMessage, OutboxStatus
from portal import instance

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


def queue_mail(
    *,
    to: Iterable[str],
    subject: str,
    template: str | None = None,
    context: dict | None = None,
    body_text: str | None = None,
    body_html: str = "",
    at_once: bool = True,
) -> OutboxMessage:
    """Write a message in the outbox, inside the caller's transaction; it is sent once that
    transaction commits (and not at all if it rolls back) — or, ``at_once=False``, by the next
    ``manage.py send_outbox``: the caller's request waits for no mail server.

    ``template`` names ``<template>.txt`` (required) and ``<template>.html`` (optional)."""
    if template is not None:
        body_text = render_to_string(f"{template}.txt", context or {})
        try:
            body_html = render_to_string(f"{template}.html", context or {})
        except TemplateDoesNotExist:  # the HTML part is optional
            body_html = ""
    if body_text is None:
        raise ValueError("queue_mail needs a template or a body_text")
    message = OutboxMessage.objects.create(
        to=list(to),
        subject=subject.strip(),
        body_text=body_text,
        body_html=body_html,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if at_once:
        transaction.on_commit(lambda: deliver(message_id=message.pk))
    return message


def _retry_delay(attempts: int) -> datetime.timedelta:
    return FIRST_RETRY_DELAY * (2 ** (attempts - 1))


def deliver(*, message_id: int) -> bool:
    """Send one message if it is still due; record the failure and plan a retry otherwise."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id, status=OutboxStatus.PENDING).first()
        if message is None:
            return False
        if UNREADABLE in (message.body_text, message.body_html):
            # Encrypted under a key no longer configured: sending it would mail the placeholder.
            message.status = OutboxStatus.FAILED
            message.last_error = (
                "Contenu illisible : la clé qui l\u2019a chiffré n\u2019est plus dans SECRET_KEY_FALLBACKS."
            )
            message.save(update_fields=["status", "last_error"])
            logger.error("Mail %s abandoned: its body cannot be decrypted", message.pk)
            return False
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=message.from_email,
            to=message.to,
            connection=instance.mail_connection(),  # the training instance's: the development mailbox
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        message.attempts += 1
        try:
            email.send()
        except Exception as exc:  # any transport failure (SMTP down, refused, timeout) is retried
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                logger.error("Mail %s abandoned after %s attempts: %s", message.pk, message.attempts, exc)
            else:
                message.next_attempt_at = timezone.now() + _retry_delay(message.attempts)
                logger.warning("Mail %s not sent (attempt %s), retry planned: %s", message.pk, message.attempts, exc)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        message.status = OutboxStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return True


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 500) -> tuple[int, int]:
    """Send the pending messages whose time has come; returns (sent, still failing)."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for pk in due if deliver(message_id=pk))
    return sent, len(due) - sent
