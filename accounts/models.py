"""ProDou@ne accounts: a person's personal, lifelong account, and what happens to it."""

import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

USERNAME_RULE = RegexValidator(
    r"^[a-z0-9._-]{3,30}$",
    "L'identifiant doit comporter de 3 à 30 caractères : lettres minuscules sans accent, chiffres, "
    "point, tiret ou tiret bas.",
)


class SecurityLevel(models.TextChoices):
    PASSWORD = "password", "Identifiant + Mot de Passe"  # the seed's default level
    PASSWORD_OTP = "password_otp", "Identifiant + Mot de Passe + code à usage unique (jeton)"  # TOTP


class ClaimStatus(models.TextChoices):
    """The account's link to its company (the SIRET typed at registration or in « Mon compte ») is
    a claim until the company's correspondent or the customs office confirms it."""

    CLAIMED = "claimed", "à confirmer"  # typed by the user; gives nothing of the company yet
    CONFIRMED = "confirmed", "confirmé"  # by the company's correspondent, or by the office (adhesion)
    REFUSED = "refused", "refusé"  # by the company's correspondent
    WITHDRAWN = "withdrawn", "retiré"  # by the user, while it was waiting


class AccountManager(UserManager):
    def get_by_natural_key(self, username):
        # Identifiants are unique case-insensitively: "JDupont" logs in as "jdupont".
        return self.get(username__iexact=username)


class User(AbstractUser):
    """A person's ProDou@ne account. ``username`` is the "identifiant": chosen at registration,
    unique case-insensitively, never changed afterwards. ``is_active`` stays false until the
    person activates the account from the link e-mailed to them."""

    username = models.CharField(
        "identifiant",
        max_length=30,
        unique=True,
        validators=[USERNAME_RULE],
        error_messages={"unique": "Cet identifiant est déjà pris : choisissez-en un autre."},
    )
    email = models.EmailField("adresse courriel", blank=True)
    security_level = models.CharField(
        "niveau de sécurité du compte", max_length=20, choices=SecurityLevel.choices, default=SecurityLevel.PASSWORD
    )
    sms_number = models.CharField("numéro SMS", max_length=20, blank=True)
    phone_number = models.CharField("numéro de téléphone", max_length=20, blank=True)
    professional_address = models.CharField("adresse professionnelle", max_length=255, blank=True)
    siret = models.CharField("SIRET de l'entreprise de rattachement", max_length=14, blank=True)
    company_name = models.CharField("entreprise de demande de rattachement", max_length=120, blank=True)
    # The company link is a claim: only a confirmed one lets the account see or act for the company.
    siret_status = models.CharField(
        "état du rattachement", max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.CLAIMED
    )
    siret_claimed_at = models.DateTimeField("rattachement demandé le", default=timezone.now)
    siret_decided_at = models.DateTimeField("rattachement confirmé ou refusé le", null=True, blank=True)
    # « Demander à rejoindre l'entreprise »: the requester's optional word to the administrator,
    # and the administrator's optional reason when refusing.
    siret_claim_message = models.TextField("message joint à la demande de rattachement", max_length=500, blank=True)
    siret_refusal_reason = models.TextField("motif du refus du rattachement", max_length=500, blank=True)
    siret_decided_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rattachement confirmé ou refusé par",
    )
    infos_douane = models.BooleanField("inscrit à la liste de diffusion Infos Douane", default=False)
    activated_at = models.DateTimeField("activé le", null=True, blank=True)
    # Customs office agents: the office whose requests they instruct.
    customs_office = models.ForeignKey(
        "register.CustomsOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agents",
        verbose_name="bureau de douane (agents des douanes)",
    )

    objects = AccountManager()

    class Meta:
        verbose_name = "compte utilisateur"
        verbose_name_plural = "comptes utilisateurs"
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="accounts_user_email_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def claim_confirmed(self) -> bool:
        return bool(self.siret) and self.siret_status == ClaimStatus.CONFIRMED

    @property
    def claim_pending(self) -> bool:
        return bool(self.siret) and self.siret_status == ClaimStatus.CLAIMED

    @property
    def display_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip() or self.username


class ActivationToken(models.Model):
    """The single-use link of the activation e-mail. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activation_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lien d'activation"
        verbose_name_plural = "liens d'activation"

    def __str__(self) -> str:
        return f"Lien d'activation de {self.user} (créé le {self.created_at:%d/%m/%Y %H:%M})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class ConnectionEvent(models.Model):
    """One login attempt, successful or not, kept for the account's "Situation" tab."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, related_name="connection_events")
    succeeded = models.BooleanField("réussie")
    ip_address = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    user_agent = models.CharField("navigateur", max_length=255, blank=True)
    at = models.DateTimeField("date", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "connexion"
        verbose_name_plural = "connexions"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} — {'réussie' if self.succeeded else 'échouée'} le {self.at:%d/%m/%Y %H:%M:%S}"


class TeleserviceEntry(models.Model):
    """A person entered a teleservice from their personal space (the seed's "suivi des accès")."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="teleservice_entries")
    service = models.CharField("téléservice", max_length=120)
    at = models.DateTimeField("date", default=timezone.now)

    class Meta:
        verbose_name = "accès à un téléservice"
        verbose_name_plural = "accès aux téléservices"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} → {self.service} le {self.at:%d/%m/%Y %H:%M:%S}"


class NotificationPreferences(models.Model):
    """What a person wants to be told by e-mail (« Mon compte > Notifications »); every event is on
    until the person turns it off. A person without a row gets every notification
    (``accounts.notifications``)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="notification_preferences"
    )
    # GAMMA: what happens to the movements of the excise numbers the person sees.
    movement_arrived = models.BooleanField("Un document (DAE, DAES, DSA) m'est adressé", default=True)
    movement_rejected = models.BooleanField(
        "Un document que j'ai expédié est refusé par son destinataire", default=True
    )
    movement_cancelled = models.BooleanField("Un document qui m'était adressé est annulé", default=True)
    movement_diverted = models.BooleanField("La destination d'un document qui m'était adressé change", default=True)
    movement_discharged = models.BooleanField(
        "Un document que j'ai expédié est apuré (accusé de réception du destinataire)", default=True
    )
    # ProDou@ne: the company's adhesions.
    adhesion_submitted = models.BooleanField("Une demande d'adhésion est transmise au bureau de douane", default=True)
    adhesion_approved = models.BooleanField("Une demande d'adhésion est acceptée", default=True)
    adhesion_rejected = models.BooleanField("Une demande d'adhésion est refusée", default=True)
    # Customs office agents.
    adhesion_to_instruct = models.BooleanField("Une demande d'adhésion est transmise à mon bureau", default=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "préférences de notification"
        verbose_name_plural = "préférences de notification"

    def __str__(self) -> str:
        return f"Notifications de {self.user}"
