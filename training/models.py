"""The training instance's own records (issue 14): each person's training company, and the feed
reads of the EDI credentials the certification checklist (« cahier de recette EDI ») counts.

Everything else of a training company (its operator, excise numbers, adhesion, movements,
credentials) is an ordinary row of the other apps: the journey practised is the real one."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TrainingCompany(models.Model):
    """The fictitious company ``owner`` made in one click on the training instance."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_company",
        verbose_name="titulaire",
    )
    operator = models.OneToOneField(
        "register.Operator", on_delete=models.PROTECT, related_name="+", verbose_name="opérateur"
    )
    warehousekeeper = models.ForeignKey(
        "register.ExciseNumber", on_delete=models.PROTECT, related_name="+", verbose_name="entrepositaire agréé"
    )
    consignee = models.ForeignKey(
        "register.ExciseNumber", on_delete=models.PROTECT, related_name="+", verbose_name="destinataire enregistré"
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    reset_at = models.DateTimeField("réinitialisée le", null=True, blank=True)

    class Meta:
        verbose_name = "entreprise de formation"
        verbose_name_plural = "entreprises de formation"

    def __str__(self) -> str:
        return self.operator.name

    @property
    def numbers(self) -> list[str]:
        return [self.warehousekeeper.number, self.consignee.number]


class FeedRead(models.Model):
    """One ``GET /edi/v1/messages`` answered to a credential, on the training instance only (the
    pull is otherwise recorded nowhere: ``edi.Credential.last_used_at`` is rounded and shared with
    the posts)."""

    credential = models.ForeignKey(
        "edi.Credential", on_delete=models.CASCADE, related_name="+", verbose_name="identifiant EDI"
    )
    read_at = models.DateTimeField("lu le", default=timezone.now)
    count = models.PositiveIntegerField("messages rendus", default=0)

    class Meta:
        verbose_name = "lecture du fil EDI (formation)"
        verbose_name_plural = "lectures du fil EDI (formation)"
        ordering = ["read_at", "id"]

    def __str__(self) -> str:
        return f"{self.credential} : {self.count} message(s)"
