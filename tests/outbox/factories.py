"""The three outboxes filled for build_world (tests.factories.habilitations): for each company, a
validated movement, its message in the feed, an EDI credential of its own with a webhook whose
address carries a secret, a pending and a failed notification, and a message to another member
state; and mails (a pending one with an activation link in its body, a failed one)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from edi import credentials
from edi.models import Delivery, DeliveryStatus, Webhook
from edi.webhooks import encrypt_secret
from eu.models import Direction, Exchange, ExchangeState
from gamma.models import FeedEntry, MessageDirection, MovementMessage
from mail.models import OutboxMessage, OutboxStatus
from tests.factories.gamma import MovementFactory

ACTIVATION_LINK = "https://prodouane.example/compte/activer/Mg-cle-tres-secrete-123/"
MAIL_BODY = f"Bonjour, activez votre compte : {ACTIVATION_LINK}"
WEBHOOK_SECRET = "whsec_tres-secret-du-webhook"
WEBHOOK_TOKEN = "jeton-dans-l-adresse-42"


@dataclass
class Side:
    movement: object
    credential: object
    pending: Delivery
    failed: Delivery
    exchange: Exchange
    failing_exchange: Exchange


@dataclass
class Outboxes:
    a: Side
    b: Side
    mail_pending: OutboxMessage
    mail_failed: OutboxMessage


def _side(world, excise, agent, host: str, state: str) -> Side:
    now = timezone.now()
    movement = MovementFactory(consignor=excise, validated=True)
    message = MovementMessage.objects.create(
        movement=movement,
        message_type="IE801",
        message_identifier=f"MSG-{movement.pk}",
        direction=MessageDirection.SENT,
        xml=b"<IE801/>",
        sha256=hashlib.sha256(b"<IE801/>").hexdigest(),
    )
    entry = FeedEntry.objects.create(message=message, excise_number=excise.number)
    credential = credentials.issue(actor=agent, operator=excise.operator, label="ERP").credential
    Webhook.objects.create(
        credential=credential,
        url=f"https://{host}:8443/crochets/prodouane?token={WEBHOOK_TOKEN}",
        secret_encrypted=encrypt_secret(WEBHOOK_SECRET),
        created_by=agent,
    )
    pending = Delivery.objects.create(
        credential=credential,
        feed_entry=entry,
        created_at=now - dt.timedelta(hours=3),
        next_attempt_at=now + dt.timedelta(minutes=20),
        attempts=2,
        last_status_code=503,
        last_error="Réponse HTTP 503 : Service Unavailable",
    )
    failed = Delivery.objects.create(
        credential=credential,
        kind="webhook.test",
        status=DeliveryStatus.FAILED,
        created_at=now - dt.timedelta(hours=80),
        attempts=30,
        last_error="connexion refusée",
    )
    exchange = Exchange.objects.create(
        direction=Direction.OUT,
        message_type="IE801",
        message_identifier=f"EU-{movement.pk}",
        member_state=state,
        movement=movement,
        xml=b"<IE801/>",
    )
    failing = Exchange.objects.create(
        direction=Direction.OUT,
        message_type="IE818",
        message_identifier=f"EU-818-{movement.pk}",
        member_state=state,
        movement=movement,
        xml=b"<IE818/>",
        attempts=4,
        error="passerelle CCN injoignable",
        state=ExchangeState.FAILED,  # not sent within 72 h (eu.outbox)
    )
    return Side(movement, credential, pending, failed, exchange, failing)


def build_outboxes(world) -> Outboxes:
    now = timezone.now()
    a = _side(world, world.excise_a, world.agent_a, "erp-a.example.com", "DE")
    b = _side(world, world.excise_b, world.agent_b, "erp-b.example.net", "BE")
    mail_pending = OutboxMessage.objects.create(
        to=["marie.dupont@example.org"],
        subject="Activez votre compte ProDou@ne",
        body_text=MAIL_BODY,
        body_html=f"<p>{MAIL_BODY}</p>",
        from_email="ne-pas-repondre@douane.gouv.fr",
        created_at=now - dt.timedelta(hours=2, minutes=5),
        next_attempt_at=now + dt.timedelta(minutes=10),
        attempts=1,
        last_error="SMTP 421 service not available",
    )
    mail_failed = OutboxMessage.objects.create(
        to=["paul@example.com", "anne@example.net"],
        subject="Réinitialisation de votre mot de passe",
        body_text=MAIL_BODY,
        from_email="ne-pas-repondre@douane.gouv.fr",
        status=OutboxStatus.FAILED,
        created_at=now - dt.timedelta(days=2),
        attempts=8,
        last_error="SMTP 550 mailbox unavailable",
    )
    # Sent or delivered items are not shown.
    OutboxMessage.objects.create(
        to=["vu@example.org"], subject="Courriel déjà parti", body_text="x", from_email="a@b.fr", status="sent"
    )
    return Outboxes(a, b, mail_pending, mail_failed)
