"""Queue and deliver e-mails through the outbox (see ``mail.models``)."""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from mail.fields import UNREADABLE
from mail.models import OutboxMessage, OutboxStatus
from portal import instance
from prodouane import backoff
from prodouane.celery import hand_over

logger = logging.getLogger(__name__)

MESSAGE_ID = "<outbox-{pk}@prodouane.douane.gouv.fr>"


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
    """Write a message in the outbox, inside the caller's transaction; once that transaction
    commits (and not at all if it rolls back) it is handed to the Celery task ``mail.deliver``
    (queue ``mail``; eager, in the process, without a broker) — or, ``at_once=False`` without a
    broker, left to the sweep (``mail.sweep_outbox``, every minute under beat; ``manage.py
    send_outbox`` by hand). The caller's request waits for no mail server once a broker is
    configured.

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
    if at_once or not settings.CELERY_TASK_ALWAYS_EAGER:
        # With a broker the request only publishes a message (the worker talks to the mail server):
        # even ``at_once=False`` is handed over after commit. Eager, ``at_once=False`` waits for the
        # sweep, so that the request never waits for the mail server.
        from mail.tasks import deliver_mail

        hand_over(deliver_mail, message.pk)
    return message


def _pending():
    return OutboxMessage.objects.filter(status=OutboxStatus.PENDING)


def _claim(now: datetime.datetime, pk: int | None = None) -> OutboxMessage | None:
    """A due pending message, locked and leased (``prodouane.backoff.claim``)."""
    return backoff.claim(_pending(), now, pk)


def _attempt(message: OutboxMessage, now: datetime.datetime) -> bool:
    """Send a claimed message once and record what came of it."""
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
        headers={"Message-ID": MESSAGE_ID.format(pk=message.pk)},  # the same on every attempt
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    message.attempts += 1
    try:
        email.send()
    except Exception as exc:  # any transport failure (SMTP down, refused, timeout) is retried
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        retry_at = backoff.next_attempt(message.created_at, message.attempts, now)
        if retry_at is None:
            message.status = OutboxStatus.FAILED
            logger.error("Mail %s abandoned after %s attempts: %s", message.pk, message.attempts, exc)
        else:
            message.next_attempt_at = retry_at
            logger.warning("Mail %s not sent (attempt %s), retry planned: %s", message.pk, message.attempts, exc)
        message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


def deliver(*, message_id: int, now: datetime.datetime | None = None) -> bool:
    """Send one message if it is still due and nobody else is at it (claimed under ``SKIP
    LOCKED``): a second run, or a sweep racing the task, sends nothing. Records a failure and plans
    the next attempt (exponential, with jitter) until 72 h after it was written, then ``failed``."""
    now = now or timezone.now()
    message = _claim(now, message_id)
    return False if message is None else _attempt(message, now)


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 500) -> tuple[int, int]:
    """Send the pending messages whose time has come, oldest due first, ``limit`` at most;
    returns (sent, still failing)."""
    now = now or timezone.now()
    return backoff.drain(_pending(), now, lambda message: _attempt(message, now), limit)
