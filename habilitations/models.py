"""Adhesions to a teleservice (one per excise number), the habilitations they grant, the
delegations of the customs office to a company's users, and the append-only audit trail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from habilitations import catalogue


class AdhesionStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"  # being prepared by the company; only its preparer sees it
    SUBMITTED = "submitted", "Transmise au bureau"  # waiting for the customs office's instruction
    APPROVED = "approved", "Acceptée"  # in force: its habilitations are granted
    REJECTED = "rejected", "Refusée"  # refused by the office, with a reason
    WITHDRAWN = "withdrawn", "Retirée"  # abandoned by the company before the decision


# An excise number has at most one adhesion "active" (waiting for or in force) per teleservice.
ACTIVE_STATUSES = (AdhesionStatus.SUBMITTED, AdhesionStatus.APPROVED)

# The lifecycle: status -> statuses it may move to (habilitations.services enforces it).
TRANSITIONS = {
    AdhesionStatus.DRAFT: {AdhesionStatus.SUBMITTED, AdhesionStatus.WITHDRAWN},
    AdhesionStatus.SUBMITTED: {AdhesionStatus.APPROVED, AdhesionStatus.REJECTED, AdhesionStatus.WITHDRAWN},
    AdhesionStatus.APPROVED: set(),
    AdhesionStatus.REJECTED: set(),
    AdhesionStatus.WITHDRAWN: set(),
}


def validate_teleservice(value: str) -> None:
    if value not in catalogue.RIGHTS:
        raise ValidationError(f"Le téléservice « {value} » ne s'ouvre pas sur habilitation.")


class Adhesion(models.Model):
    """The seed's "formulaire de demande d'adhésion": one per excise number and teleservice."""

    teleservice = models.CharField(
        "téléservice", max_length=30, default=catalogue.GAMMA, validators=[validate_teleservice]
    )
    excise_number = models.ForeignKey(
        "register.ExciseNumber", on_delete=models.PROTECT, related_name="adhesions", verbose_name="numéro d'accise"
    )
    operator = models.ForeignKey(
        "register.Operator", on_delete=models.PROTECT, related_name="adhesions", verbose_name="opérateur"
    )
    customs_office = models.ForeignKey(
        "register.CustomsOffice", on_delete=models.PROTECT, related_name="adhesions", verbose_name="bureau de douane"
    )
    status = models.CharField("état", max_length=10, choices=AdhesionStatus.choices, default=AdhesionStatus.DRAFT)
    # 1 — the signing company, as typed (checked against the register when submitted).
    siren = models.CharField("N° SIREN", max_length=9)
    company_name = models.CharField("raison sociale", max_length=120)
    company_address = models.CharField("adresse", max_length=255)
    # 2 — software (DTI+ case).
    software_name = models.CharField("nom du logiciel utilisé (cas du DTI+)", max_length=120, blank=True)
    # 3 — EDI mode.
    edi_enabled = models.BooleanField("tous les messages entrants transmis sous forme de message EDI", default=False)
    edi_provider_siret = models.CharField("N° SIRET du prestataire EDI", max_length=14, blank=True)
    edi_software = models.CharField("éditeur du logiciel / logiciel et n° de version", max_length=120, blank=True)
    edi_provider_name_address = models.CharField(
        "raison sociale et adresse du prestataire EDI", max_length=255, blank=True
    )
    # 4 — signature waiver ("dispense de signature").
    signature_waiver = models.BooleanField("engagement de dispense de signature", default=False)
    signed_at_place = models.CharField("fait à", max_length=100, blank=True)
    signed_on = models.DateField("le", null=True, blank=True)
    legal_representative = models.CharField("nom et prénom du représentant légal", max_length=150, blank=True)

    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="prepared_adhesions",
        verbose_name="préparée par",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    submitted_at = models.DateTimeField("transmise le", null=True, blank=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_adhesions",
        verbose_name="décidée par",
    )
    rejection_reason = models.TextField("motif du refus", blank=True)

    class Meta:
        verbose_name = "adhésion"
        verbose_name_plural = "adhésions"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["teleservice", "excise_number"],
                condition=models.Q(status__in=["submitted", "approved"]),
                name="habilitations_one_active_adhesion_per_excise_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="habilitations_rejection_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Adhésion {self.get_teleservice_display()} — {self.excise_number.number}"

    def get_teleservice_display(self) -> str:
        return self.teleservice.upper()


class AdhesionLine(models.Model):
    """Section 2 of the form: one user account to habilitate (identifiant + e-mail) and the
    rights ticked for it."""

    adhesion = models.ForeignKey(Adhesion, on_delete=models.CASCADE, related_name="lines", verbose_name="adhésion")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="adhesion_lines", verbose_name="compte"
    )
    rights = models.JSONField("droits demandés", default=list)

    class Meta:
        verbose_name = "compte à habiliter"
        verbose_name_plural = "comptes à habiliter"
        constraints = [models.UniqueConstraint(fields=["adhesion", "user"], name="habilitations_one_line_per_user")]

    def __str__(self) -> str:
        return f"{self.user} : {', '.join(self.rights)}"

    def right_labels(self) -> list[str]:
        return [catalogue.label_of(self.adhesion.teleservice, code) for code in self.rights]


class Habilitation(models.Model):
    """One right of one user on one teleservice for one excise number. Revoking deletes the row
    (the audit trail keeps the history)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habilitations", verbose_name="compte"
    )
    teleservice = models.CharField("téléservice", max_length=30, validators=[validate_teleservice])
    excise_number = models.ForeignKey(
        "register.ExciseNumber", on_delete=models.CASCADE, related_name="habilitations", verbose_name="numéro d'accise"
    )
    right = models.CharField("droit", max_length=30)
    adhesion = models.ForeignKey(
        Adhesion, on_delete=models.PROTECT, related_name="habilitations", verbose_name="adhésion"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="accordé par"
    )
    granted_at = models.DateTimeField("accordé le", default=timezone.now)

    class Meta:
        verbose_name = "habilitation"
        verbose_name_plural = "habilitations"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "teleservice", "excise_number", "right"], name="habilitations_one_row_per_right"
            )
        ]
        indexes = [models.Index(fields=["user", "teleservice"], name="habilitations_user_service_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {catalogue.label_of(self.teleservice, self.right)} — {self.excise_number.number}"


class DelegationKind(models.TextChoices):
    CORRESPONDENT = "correspondent", "Correspondant Prodou@ne"  # the company's contact, granted by the office
    TELESERVICE_ADMIN = "admin", "Administrateur téléservice"  # manages the company's habilitations on one service


class Delegation(models.Model):
    """The office delegates the management of a company's habilitations: first the status of
    correspondent, then that of administrator of one teleservice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations", verbose_name="compte"
    )
    operator = models.ForeignKey(
        "register.Operator", on_delete=models.CASCADE, related_name="delegations", verbose_name="opérateur"
    )
    kind = models.CharField("statut", max_length=15, choices=DelegationKind.choices)
    teleservice = models.CharField("téléservice", max_length=30, blank=True)  # for administrators only
    may_appoint_admins = models.BooleanField("peut nommer d'autres administrateurs", default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="accordé par"
    )
    granted_at = models.DateTimeField("accordé le", default=timezone.now)

    class Meta:
        verbose_name = "délégation"
        verbose_name_plural = "délégations"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "operator", "kind", "teleservice"], name="habilitations_one_delegation"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="admin") & ~models.Q(teleservice=""))
                | (models.Q(kind="correspondent") & models.Q(teleservice="")),
                name="habilitations_admin_names_its_teleservice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.operator}"


class AuditEvent(models.Model):
    """Append-only trail of every adhesion and habilitation change: who, when, what, before →
    after, from which screen. Never updated nor deleted (see ``save`` and ``delete``)."""

    at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="auteur"
    )
    action = models.CharField("action", max_length=60)
    summary = models.CharField("résumé", max_length=255)
    operator = models.ForeignKey(
        "register.Operator", on_delete=models.PROTECT, related_name="audit_events", verbose_name="opérateur"
    )
    customs_office = models.ForeignKey(
        "register.CustomsOffice", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="bureau"
    )
    adhesion = models.ForeignKey(
        Adhesion, on_delete=models.PROTECT, null=True, related_name="audit_events", verbose_name="adhésion"
    )
    before = models.JSONField("avant", null=True, blank=True)
    after = models.JSONField("après", null=True, blank=True)
    screen = models.CharField("écran", max_length=100, blank=True)

    class Meta:
        verbose_name = "événement du journal"
        verbose_name_plural = "journal des adhésions et habilitations"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} — {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Le journal est en ajout seul : un événement ne se modifie pas.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Le journal est en ajout seul : un événement ne se supprime pas.")
