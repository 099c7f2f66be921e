"""EDI notifications (« webhooks »): when a message enters an operator's feed, each credential
acting for that excise number and with a notification address is told « a message is waiting »,
with its URL; its software then reads it through the feed, which stays the source of truth (a lost
notification loses nothing).

- **Written with the change**: ``gamma.feed.publish`` sends ``gamma.feed.published`` as its last
  step; ``enqueue`` answers it with one ``Delivery`` row per (credential, message), in the same
  transaction — a rolled-back message notifies nobody. Only for the credentials that read that
  number's feed (as the pull: acting for it, with « Rechercher DAA »), checked again at sending.
- **Sent after**: each row is handed to the Celery task ``edi.deliver_webhook`` after commit
  (``prodouane.celery.hand_over``), and beat's ``edi.sweep_webhooks`` runs ``deliver_due`` every
  minute for the rest (a broker down at commit, the retries; ``manage.py send_webhooks`` by hand):
  a thin JSON payload, Standard Webhooks headers (``edi.signatures``), 5 s timeout, no redirect
  followed, only an excerpt of the answer kept. A 2xx delivers; anything else is retried with an exponential backoff and
  jitter until 72 h after the row was written, then the row is abandoned (``failed``).
- **Once per row**: a worker claims a due row under ``SELECT … FOR UPDATE SKIP LOCKED`` and pushes
  its next attempt a short lease ahead before posting, so two workers never post the same row at
  the same time (on SQLite, one writer at a time gives the same). The ``webhook-id`` is the row's
  ``event_id``, the same on every attempt: the receiver ignores a repeat.

    payload: {"type": "message.available", "timestamp": "2026-12-04T13:45:00Z",
              "data": {"id": 42, "url": "https://…/edi/v1/messages/42", "message_type": "IE801",
                       "arc": "26FR…", "excise_number": "FR…"}}
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import ssl
from collections.abc import Iterable
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils import timezone

from edi import signatures
from edi.models import Credential, Delivery, DeliveryKind, DeliveryStatus, Webhook
from edi.pull import reads
from edi.webhook_addresses import AddressRefused, Target, check
from gamma.models import FeedEntry
from habilitations import catalogue, rights
from prodouane import backoff, crypto
from prodouane.celery import hand_over

logger = logging.getLogger(__name__)

SECRET_PURPOSE = "edi.webhook"  # noqa: S105 - the encryption's purpose, not a secret
MESSAGE_PATH = "/edi/v1/messages/{id}"
TIMEOUT_SECONDS = 5.0
EXCERPT_BYTES = 200
# The outboxes' retry rule (``prodouane.backoff``): a lease of 2 min (an attempt never lasts that
# long: 5 s timeouts), 30 s, 1 min … at most 6 h between attempts, abandoned 72 h after the row.
LEASE = backoff.LEASE
RETRY_FOR = backoff.RETRY_FOR
FIRST_DELAY = backoff.FIRST_DELAY
MAX_DELAY = backoff.MAX_DELAY


def message_url(message_id: int) -> str:
    """The absolute URL of a message of the feed (``GET /edi/v1/messages/{id}``, ``id`` the stored
    MovementMessage's, as the pull gives it), the one place it is written."""
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + MESSAGE_PATH.format(id=message_id)


def encrypt_secret(secret: str) -> str:
    return crypto.encrypt(secret, purpose=SECRET_PURPOSE)


def decrypt_secret(webhook: Webhook) -> str:
    return crypto.decrypt(webhook.secret_encrypted, purpose=SECRET_PURPOSE)


# --- Writing the rows, in the feed's transaction ---------------------------------------------------


def enqueue(entries: Iterable[FeedEntry], *, now: dt.datetime | None = None) -> list[Delivery]:
    """One pending delivery per credential with a webhook acting for an entry's excise number, once
    per message (a message to two numbers of one credential is announced once)."""
    entries = sorted(entries, key=lambda entry: entry.pk)
    if not entries:
        return []
    hooks = list(
        Webhook.objects.filter(credential__revoked_at__isnull=True).values_list(
            "credential_id", "credential__operator_id", "credential__provider_siret"
        )
    )
    if not hooks:
        return []
    numbers = {entry.excise_number for entry in entries}
    # A first sieve without a query per credential (the adhesions opening the EDI channel on these
    # numbers, matched to the credentials' holders); ``reads`` (habilitations.rights) then decides.
    covering: dict[str, set[int]] = {}
    opened = rights.edi_open_adhesions(catalogue.GAMMA).filter(excise_number__number__in=numbers)
    for number, operator_id, provider_siret in opened.values_list(
        "excise_number__number", "operator_id", "edi_provider_siret"
    ):
        for credential_id, credential_operator, credential_siret in hooks:
            if (credential_operator and credential_operator == operator_id) or (
                credential_siret and credential_siret == provider_siret
            ):
                covering.setdefault(number, set()).add(credential_id)
    # Only where it reads the feed: a notification names the message's type and ARC.
    by_id = {
        credential_id: Credential(pk=credential_id, operator_id=operator_id, provider_siret=provider_siret)
        for credential_id, operator_id, provider_siret in hooks
    }
    covering = {
        number: {credential_id for credential_id in found if reads(by_id[credential_id], number)}
        for number, found in covering.items()
    }
    now = now or timezone.now()
    seen: set[tuple[int, int]] = set()
    rows = []
    for entry in entries:
        for credential_id in sorted(covering.get(entry.excise_number, ())):
            if (credential_id, entry.message_id) in seen:
                continue
            seen.add((credential_id, entry.message_id))
            rows.append(Delivery(credential_id=credential_id, feed_entry=entry, created_at=now, next_attempt_at=now))
    created = Delivery.objects.bulk_create(rows)
    from edi.tasks import deliver_webhook

    for delivery in created:  # handed to the queue after commit; the sweep catches what is not
        hand_over(deliver_webhook, delivery.pk)
    return created


def on_published(sender, *, entries: list[FeedEntry], **kwargs) -> None:
    """Receiver of ``gamma.feed.published`` (connected in ``edi.apps``)."""
    enqueue(entries)


# --- Sending --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    status_code: int | None = None
    error: str = ""


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def payload(delivery: Delivery) -> bytes:
    if delivery.kind == DeliveryKind.TEST:
        data: dict = {"client_id": delivery.credential.client_id}
    else:
        entry = delivery.feed_entry
        message = entry.message
        data = {
            "id": message.pk,
            "url": message_url(message.pk),
            "message_type": message.message_type,
            "arc": message.movement.arc,
            "excise_number": entry.excise_number,
        }
    document = {"type": delivery.kind, "timestamp": _iso(delivery.created_at), "data": data}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def _verify() -> ssl.SSLContext | bool:
    if settings.EDI_WEBHOOK_CA_FILE:
        return ssl.create_default_context(cafile=settings.EDI_WEBHOOK_CA_FILE)
    return True


def _excerpt(data: bytes) -> str:
    text = data[:EXCERPT_BYTES].decode("utf-8", errors="replace")
    return " ".join(text.split())[:EXCERPT_BYTES]


def _send(client: httpx.Client, target: Target, address, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    extensions = {"sni_hostname": target.host} if target.is_name else {}
    request = client.build_request(
        "POST", target.pinned_url(address), content=body, headers=headers, extensions=extensions
    )
    response = client.send(request, stream=True)
    try:
        data = b""
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) >= EXCERPT_BYTES:
                break  # the rest is never read
    finally:
        response.close()
    return response.status_code, data


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """One POST to ``url``, checked again and sent to the addresses checked (the next one when a
    connection is refused), never to a second answer of the DNS."""
    try:
        target = check(url)
    except AddressRefused as refused:
        return Outcome(delivered=False, error=refused.message)
    all_headers = {
        **headers,
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": "ProDouane-Guichet-EDI/1",
    }
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False, verify=_verify()) as client:
            for index, address in enumerate(target.addresses):
                try:
                    code, data = _send(client, target, address, body, all_headers)
                    break
                except httpx.ConnectError:
                    if index == len(target.addresses) - 1:
                        raise
    except httpx.TimeoutException:
        return Outcome(delivered=False, error=f"Pas de réponse en {TIMEOUT_SECONDS:g} secondes.")
    except httpx.HTTPError as error:
        return Outcome(delivered=False, error=f"Connexion impossible ({type(error).__name__}).")
    if 200 <= code < 300:
        return Outcome(delivered=True, status_code=code)
    excerpt = _excerpt(data)
    return Outcome(
        delivered=False, status_code=code, error=f"Réponse HTTP {code}" + (f" : {excerpt}" if excerpt else "")
    )


_delay = backoff.delay


def _pending():
    return Delivery.objects.filter(status=DeliveryStatus.PENDING)


def _claim(now: dt.datetime, pk: int | None = None) -> Delivery | None:
    """A due notification, locked and leased (``prodouane.backoff.claim``)."""
    return backoff.claim(_pending(), now, pk)


def _record(delivery: Delivery, outcome: Outcome, now: dt.datetime, *, final: bool = False) -> Delivery:
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error[:300]
    deadline = delivery.created_at + RETRY_FOR
    if outcome.delivered:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
    elif final or now >= deadline:
        delivery.status = DeliveryStatus.FAILED
        logger.warning("EDI webhook delivery %s abandoned after %s attempts", delivery.pk, delivery.attempts)
    else:
        delivery.next_attempt_at = min(now + _delay(delivery.attempts), deadline)
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery


def _abandon(delivery: Delivery, reason: str, now: dt.datetime) -> Delivery:
    delivery.status = DeliveryStatus.FAILED
    delivery.last_error = reason
    delivery.last_attempt_at = now
    delivery.save(update_fields=["status", "last_error", "last_attempt_at"])
    return delivery


def attempt(delivery: Delivery, *, now: dt.datetime, final: bool = False) -> Delivery:
    """Post a claimed ``delivery`` once and record what came of it."""
    credential = delivery.credential
    webhook = Webhook.objects.filter(credential=credential).first()
    if credential.revoked_at is not None:
        return _abandon(delivery, "Identifiant EDI révoqué : notification abandonnée.", now)
    if webhook is None:
        return _abandon(delivery, "Plus d'adresse de notification pour cet identifiant.", now)
    if delivery.kind == DeliveryKind.MESSAGE and not reads(credential, delivery.feed_entry.excise_number):
        return _abandon(
            delivery, "L'identifiant ne lit plus le fil de ce numéro d'accise (droit « Rechercher DAA »).", now
        )
    try:
        secret = decrypt_secret(webhook)
    except crypto.Unreadable:
        return _abandon(delivery, "Clé de signature illisible (SECRET_KEY changée) : renouvelez-la.", now)
    body = payload(delivery)
    timestamp = int(now.timestamp())
    headers = signatures.headers(secret, msg_id=str(delivery.event_id), timestamp=timestamp, body=body)
    outcome = post(webhook.url, body, headers)
    logger.info(
        "EDI webhook delivery %s attempt %s: %s",
        delivery.pk,
        delivery.attempts + 1,
        outcome.status_code or outcome.error[:80],
    )
    return _record(delivery, outcome, now, final=final)


def deliver_one(pk: int, *, now: dt.datetime | None = None, final: bool = False) -> Delivery | None:
    """Attempt the delivery ``pk`` now if it is pending and nobody else is at it."""
    now = now or timezone.now()
    delivery = _claim(now, pk)
    return None if delivery is None else attempt(delivery, now=now, final=final)


def deliver_due(*, now: dt.datetime | None = None, limit: int = 200) -> tuple[int, int]:
    """Attempt the due deliveries, oldest due first, ``limit`` at most; (delivered, not delivered)."""
    now = now or timezone.now()
    return backoff.drain(
        _pending(), now, lambda delivery: attempt(delivery, now=now).status == DeliveryStatus.DELIVERED, limit
    )
