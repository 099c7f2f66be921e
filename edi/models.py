"""The Guichet EDI's credentials and its evidence of every message received.

A :class:`Credential` lets a piece of software call ``/edi/v1/``: an EDI provider's (a company
named by its SIRET on its clients' adhesions) or an operator's own. Its secret is shown once and
only its SHA-256 is kept (``edi.credentials`` says why). Each credential acts through its own
*channel account* (``actor``): a user row nobody can log in with (inactive, no usable password,
an identifiant the registration form refuses), so the timelines, the drafts' « créé par » and the
rights function (``habilitations.rights.rights_for``) see the EDI channel as one more actor.

An :class:`InboundMessage` is the evidence of one request: the bytes as received, their SHA-256,
the moment (UTC), who sent them and the answer given, byte for byte. Rows are only added.

A :class:`Webhook` is where a credential's software wants to be told that a message waits in its
feed; a :class:`Delivery` is one such notification, sent and retried by ``edi.webhooks``."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Credential(models.Model):
    client_id = models.CharField("identifiant client", max_length=40, unique=True)
    # SHA-256 (hex) of the secret, a 32-byte random token: see edi.credentials.
    secret_sha256 = models.CharField("empreinte du secret", max_length=64)
    label = models.CharField("libellé", max_length=120, blank=True)
    # Exactly one of the two: an EDI provider (as the adhesions name it), or an operator itself.
    provider_siret = models.CharField("SIRET du prestataire EDI", max_length=14, blank=True, db_index=True)
    operator = models.ForeignKey(
        "register.Operator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="edi_credentials",
        verbose_name="opérateur",
    )
    actor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="edi_credential",
        verbose_name="compte du canal EDI",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="créé par"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    rotated_at = models.DateTimeField("secret renouvelé le", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="révoqué par",
    )
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        verbose_name = "identifiant EDI"
        verbose_name_plural = "identifiants EDI"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(operator__isnull=True) & ~models.Q(provider_siret=""))
                | (models.Q(operator__isnull=False) & models.Q(provider_siret="")),
                name="edi_credential_provider_or_operator",
            ),
        ]

    def __str__(self) -> str:
        return self.client_id

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def holder(self) -> str:
        """Whom the credential belongs to, in French."""
        if self.operator_id:
            return f"opérateur {self.operator.name} (SIREN {self.operator.siren})"
        return f"prestataire EDI SIRET {self.provider_siret}"


class Channel(models.TextChoices):
    EDI = "edi", "Guichet EDI"  # /edi/v1/messages, with a credential
    UPLOAD = "upload", "Dépôt de messages XML"  # the web page, by a logged-in user


class InboundMessage(models.Model):
    received_at = models.DateTimeField("reçu le", default=timezone.now, db_index=True)
    channel = models.CharField("canal", max_length=10, choices=Channel.choices)
    credential = models.ForeignKey(
        Credential,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="identifiant EDI",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="déposé par",
    )
    # "credential:<id>" or "user:<id>": the scope in which a MessageIdentifier is unique.
    sender_key = models.CharField("émetteur", max_length=40)
    data = models.BinaryField("message reçu")  # empty when refused unread (too large, rate limit)
    size = models.PositiveBigIntegerField("taille reçue (octets)", default=0)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    message_identifier = models.CharField("identifiant du message", max_length=44, blank=True)
    message_type = models.CharField("type de message", max_length=10, blank=True)
    status = models.PositiveSmallIntegerField("code de réponse HTTP")
    answer = models.BinaryField("réponse")
    answer_content_type = models.CharField("type de la réponse", max_length=60, default="application/xml")
    movement = models.ForeignKey(
        "gamma.Movement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="mouvement",
    )
    # The row whose answer is final for its MessageIdentifier: its replays give that answer again.
    holds_identifier = models.BooleanField("réponse de référence", default=False)
    replay_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="rejeu de"
    )

    class Meta:
        verbose_name = "message reçu"
        verbose_name_plural = "messages reçus (preuves)"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender_key", "message_identifier"],
                condition=models.Q(holds_identifier=True),
                name="edi_one_answer_per_message_identifier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_type or '?'} {self.message_identifier or '?'} → {self.status}"


class Webhook(models.Model):
    """Where the portal tells a credential's software that a message is waiting (the « push »):
    one HTTPS address per credential, and the signing key of the Standard Webhooks signature
    (``whsec_…``). The key is shown once when made; the HMAC needs the key itself (a hash would not
    sign), so it is kept encrypted (``prodouane.crypto``, purpose ``edi.webhook``) and decrypted
    only to sign. The pull feed stays the source of truth: a notification only says « come and read »."""

    credential = models.OneToOneField(
        Credential, on_delete=models.CASCADE, related_name="webhook", verbose_name="identifiant EDI"
    )
    url = models.URLField("adresse de notification", max_length=500)
    secret_encrypted = models.TextField("clé de signature (chiffrée)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="configurée par"
    )
    created_at = models.DateTimeField("configurée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now)
    secret_rotated_at = models.DateTimeField("clé renouvelée le", null=True, blank=True)

    class Meta:
        verbose_name = "notification EDI (webhook)"
        verbose_name_plural = "notifications EDI (webhooks)"

    def __str__(self) -> str:
        return f"{self.credential} → {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "En attente"  # not delivered yet: due now, or waiting for its next attempt
    DELIVERED = "delivered", "Remise"  # the receiver answered 2xx
    FAILED = "failed", "Abandonnée"  # 72 h of attempts without a 2xx, or nowhere to send it any more


class DeliveryKind(models.TextChoices):
    MESSAGE = "message.available", "Message disponible"  # a feed entry for one of the numbers
    TEST = "webhook.test", "Événement de test"  # « Envoyer un événement de test »


class Delivery(models.Model):
    """One notification to one credential's webhook, written in the transaction of the feed entry
    it announces (``edi.webhooks``), then sent and retried by ``send_webhooks``. ``event_id`` is the
    ``webhook-id`` header, the same on every attempt, so the receiver can ignore a repeat. Only a
    short excerpt of the receiver's answer is kept."""

    event_id = models.UUIDField("identifiant de l'événement", default=uuid.uuid4, unique=True, editable=False)
    credential = models.ForeignKey(
        Credential, on_delete=models.PROTECT, related_name="deliveries", verbose_name="identifiant EDI"
    )
    kind = models.CharField("type", max_length=20, choices=DeliveryKind.choices, default=DeliveryKind.MESSAGE)
    feed_entry = models.ForeignKey(
        "gamma.FeedEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="message du fil",
    )
    status = models.CharField("état", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    # Due from then; while an attempt runs, pushed a short lease ahead (another worker skips it).
    next_attempt_at = models.DateTimeField("prochaine tentative", default=timezone.now)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_attempt_at = models.DateTimeField("dernière tentative", null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField("dernier code HTTP", null=True, blank=True)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)
    delivered_at = models.DateTimeField("remise le", null=True, blank=True)

    class Meta:
        verbose_name = "notification EDI envoyée"
        verbose_name_plural = "notifications EDI envoyées"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "feed_entry"],
                condition=models.Q(feed_entry__isnull=False),
                name="edi_one_delivery_per_entry_and_credential",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="edi_delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id} → {self.credential} ({self.status})"
