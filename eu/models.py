"""The messages exchanged with the other member states.

``Exchange``: one message, as it left France (``OUT``: the outbox, written in the transaction of
the change that causes it, handed to the Celery task ``eu.deliver_exchange`` after commit and swept by
``eu.outbox.deliver_due``, so that nothing is lost if the
connection is down) or as it came in (``IN``: applied by ``eu.gateway.receive``, once — its
MessageIdentifier is unique). ``SimulatedMessage``: what the simulated member states received
(``eu.simulator``), with the time its answer is due."""

from django.db import models
from django.utils import timezone


class Direction(models.TextChoices):
    OUT = "out", "émis vers un autre État membre"
    IN = "in", "reçu d'un autre État membre"


class ExchangeState(models.TextChoices):
    PENDING = "pending", "en attente d'envoi"
    SENT = "sent", "envoyé"
    APPLIED = "applied", "appliqué"
    REFUSED = "refused", "refusé"
    FAILED = "failed", "abandonné"  # not sent within 72 h: needs a person to look at it


class Exchange(models.Model):
    direction = models.CharField("sens", max_length=3, choices=Direction.choices)
    message_type = models.CharField("type de message", max_length=5)
    message_identifier = models.CharField("identifiant du message", max_length=44)
    member_state = models.CharField("État membre", max_length=2)
    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="mouvement"
    )
    xml = models.BinaryField("message")
    state = models.CharField("état", max_length=10, choices=ExchangeState.choices, default=ExchangeState.PENDING)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    done_at = models.DateTimeField("traité le", null=True, blank=True)
    # OUT, pending: when it may be attempted (again); pushed a short lease ahead while a worker
    # sends it (``eu.outbox``).
    next_attempt_at = models.DateTimeField("prochaine tentative", default=timezone.now)

    class Meta:
        verbose_name = "message échangé"
        verbose_name_plural = "messages échangés"
        constraints = [
            models.UniqueConstraint(fields=["direction", "message_identifier"], name="eu_exchange_identifier_unique")
        ]
        indexes = [models.Index(fields=["direction", "state", "id"], name="eu_exchange_due_idx")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.get_direction_display()} ({self.member_state})"


class SimulatedMessage(models.Model):
    message_type = models.CharField("type de message", max_length=5)
    message_identifier = models.CharField("identifiant du message", max_length=44, unique=True)
    member_state = models.CharField("État membre", max_length=2)
    xml = models.BinaryField("message")
    received_at = models.DateTimeField("reçu le", auto_now_add=True)
    answer_due_at = models.DateTimeField("réponse prévue le", null=True, blank=True)
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)

    class Meta:
        verbose_name = "message reçu par le simulateur"
        verbose_name_plural = "messages reçus par le simulateur"

    def __str__(self) -> str:
        return f"{self.message_type} → {self.member_state}"
