"""EDI notifications, configured by whoever manages the credential (``edi.credentials``' rights:
``habilitations.rights.may_manage_edi_credentials``): set the HTTPS address, renew the signing
key, remove the notifications, send a test event. The signing key (``whsec_…``) is returned once,
when it is made, for the page to show; it is kept encrypted and never shown again.

    configured = configure(actor=admin, credential=credential, url="https://edi.exemple.fr/hook")
    configured.secret       # "whsec_…" the first time, None when only the address changes
    rotate_secret(actor=admin, credential=credential).secret
    send_test(actor=admin, credential=credential)       # the Delivery, attempted once, now
    remove(actor=admin, credential=credential)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from edi import credentials, signatures, webhooks
from edi.credentials import CredentialError
from edi.models import Credential, Delivery, DeliveryKind, DeliveryStatus, Webhook
from edi.webhook_addresses import AddressRefused, check


class AddressError(CredentialError):
    """The address is refused (``edi.webhook_addresses``): the message belongs next to the field."""


@dataclass(frozen=True)
class Configured:
    webhook: Webhook
    secret: str | None  # the signing key, only when just made: show it once


def _locked(actor, credential: Credential, what: str) -> Credential:
    locked = Credential.objects.select_for_update().get(pk=credential.pk)
    return credentials._manageable(actor, locked, what)


def configure(*, actor, credential: Credential, url: str) -> Configured:
    """Set the address (checked: HTTPS, public network); a first address gets a signing key."""
    credentials._manageable(actor, credential, "configure the webhook of")
    try:
        target = check(url)
    except AddressRefused as refused:
        raise AddressError(refused.message) from None
    now = timezone.now()
    with transaction.atomic():
        credential = _locked(actor, credential, "configure the webhook of")
        webhook = Webhook.objects.filter(credential=credential).first()
        secret = None
        if webhook is None:
            secret = signatures.new_secret()
            webhook = Webhook.objects.create(
                credential=credential,
                url=target.url,
                secret_encrypted=webhooks.encrypt_secret(secret),
                created_by=actor,
                created_at=now,
                updated_at=now,
            )
        else:
            webhook.url = target.url
            webhook.updated_at = now
            webhook.save(update_fields=["url", "updated_at"])
        credentials._audit(
            credential,
            actor=actor,
            action="edi_webhook_configured",
            summary=f"Notifications de l'identifiant EDI {credential.client_id} envoyées à {target.url}",
        )
    return Configured(webhook=webhook, secret=secret)


def rotate_secret(*, actor, credential: Credential) -> Configured:
    """A new signing key; the notifications sent from now on are signed with it only."""
    with transaction.atomic():
        credential = _locked(actor, credential, "rotate the webhook key of")
        webhook = Webhook.objects.select_for_update().filter(credential=credential).first()
        if webhook is None:
            raise CredentialError("Cet identifiant n'a pas d'adresse de notification.")
        secret = signatures.new_secret()
        webhook.secret_encrypted = webhooks.encrypt_secret(secret)
        webhook.secret_rotated_at = timezone.now()
        webhook.save(update_fields=["secret_encrypted", "secret_rotated_at"])
        credentials._audit(
            credential,
            actor=actor,
            action="edi_webhook_key_rotated",
            summary=f"Clé de signature des notifications de l'identifiant EDI {credential.client_id} renouvelée",
        )
    return Configured(webhook=webhook, secret=secret)


def remove(*, actor, credential: Credential) -> None:
    """No more notifications; those not delivered yet are abandoned (the feed still has them)."""
    with transaction.atomic():
        credential = _locked(actor, credential, "remove the webhook of")
        deleted, _ = Webhook.objects.filter(credential=credential).delete()
        if not deleted:
            raise CredentialError("Cet identifiant n'a pas d'adresse de notification.")
        Delivery.objects.filter(credential=credential, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED, last_error="Notifications supprimées par un gestionnaire."
        )
        credentials._audit(
            credential,
            actor=actor,
            action="edi_webhook_removed",
            summary=f"Notifications de l'identifiant EDI {credential.client_id} supprimées",
        )


def send_test(*, actor, credential: Credential) -> Delivery:
    """A ``webhook.test`` event, attempted once at once (no retry): the page shows what came of it."""
    with transaction.atomic():
        credential = _locked(actor, credential, "test the webhook of")
        if not Webhook.objects.filter(credential=credential).exists():
            raise CredentialError("Indiquez d'abord l'adresse de notification.")
        delivery = Delivery.objects.create(credential=credential, kind=DeliveryKind.TEST)
    return webhooks.deliver_one(delivery.pk, final=True) or delivery


def recent_deliveries(credential: Credential, limit: int = 20) -> list[Delivery]:
    return list(
        Delivery.objects.filter(credential=credential)
        .select_related("feed_entry__message__movement")
        .order_by("-created_at", "-id")[:limit]
    )
