"""The outbox: every e-mail is written in the transaction of the change that causes it, and sent
after commit; a failed send is retried later, so a message is never lost with an SMTP outage."""

from django.db import models
from django.utils import timezone

from mail.fields import EncryptedTextField


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "À envoyer"  # written, not sent yet (or waiting for a retry)
    SENT = "sent", "Envoyé"  # accepted by the mail server
    FAILED = "failed", "Abandonné"  # every attempt failed; needs a person to look at it


class OutboxMessage(models.Model):
    to = models.JSONField("destinataires", default=list)
    subject = models.CharField("objet", max_length=255)
    # Encrypted at rest (links to activate an account or reset a password): read only when sent.
    body_text = EncryptedTextField("texte")
    body_html = EncryptedTextField("HTML", blank=True)
    from_email = models.CharField("expéditeur", max_length=255)
    status = models.CharField("état", max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    next_attempt_at = models.DateTimeField("prochaine tentative", default=timezone.now)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "courriel"
        verbose_name_plural = "courriels"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
