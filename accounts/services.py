"""Use cases of an account's life: register, activate, resend the activation link, purge.

Views and commands call these functions; they hold the rules and write the outbox mails in the
same transaction as the change that causes them."""

import datetime
import re
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActivationToken, ConnectionEvent, SecurityLevel, TeleserviceEntry, User
from mail.services import queue_mail


class AccountError(Exception):
    """A refused account operation; ``message`` is French and safe to show, ``field`` names the
    form field it belongs to (None for the whole form)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Registration:
    username: str
    password: str
    security_level: str
    first_name: str
    last_name: str
    email: str
    siret: str
    company_name: str
    sms_number: str = ""
    phone_number: str = ""
    professional_address: str = ""
    infos_douane: bool = False


def register_account(*, registration: Registration, base_url: str) -> User | None:
    """Create the (inactive) account and e-mail its activation link, atomically; None when the
    e-mail address already belongs to an account.

    The answer never says whether an address has an account: when it has one, nothing is created
    and its owner is told by e-mail (``_tell_owner_of_existing_account``); the caller shows the
    same « check your e-mail » page either way. The identifiant, chosen by the person and unique,
    is the only thing refused openly (the view throttles registrations per IP and per address).
    Two registrations racing for one identifiant or e-mail: the database's unique constraints
    let exactly one through; the other gets the same outcome as if it had come second."""
    username = registration.username.strip().lower()
    email = registration.email.strip().lower()
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=username).exists():
                raise AccountError(USERNAME_TAKEN, field="username")
            if User.objects.filter(email__iexact=email).exists():
                _tell_owner_of_existing_account(email=email, base_url=base_url)
                return None
            user = User(
                username=username,
                email=email,
                first_name=registration.first_name.strip(),
                last_name=registration.last_name.strip(),
                security_level=registration.security_level,
                sms_number=registration.sms_number,
                phone_number=registration.phone_number,
                professional_address=registration.professional_address.strip(),
                siret=registration.siret,
                company_name=registration.company_name,
                infos_douane=registration.infos_douane,
                is_active=False,
            )
            user.set_password(registration.password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
            send_activation_link(user=user, base_url=base_url)
    except IntegrityError as exc:
        # Lost a race with a concurrent registration.
        if "email" not in str(exc).lower():
            raise AccountError(USERNAME_TAKEN, field="username") from exc
        with transaction.atomic():
            _tell_owner_of_existing_account(email=email, base_url=base_url)
        return None
    return user


USERNAME_TAKEN = "Cet identifiant est déjà pris : choisissez-en un autre."


def _tell_owner_of_existing_account(*, email: str, base_url: str) -> None:
    """Someone registered with an address that already has an account: its owner, and only them,
    learns it, with their own identifiant and how to get back in. Nothing the registering person
    typed goes into the message."""
    owner = User.objects.filter(email__iexact=email).first()
    if owner is None:
        return
    base = base_url.rstrip("/")
    queue_mail(
        to=[owner.email],
        subject="Inscription sur ProDou@ne : vous avez déjà un compte",
        template="accounts/email/existing_account",
        context={
            "username": owner.username,
            "activated": owner.activated_at is not None or owner.is_active,
            "reset_link": base + reverse("account_reset_password"),
            "resend_link": base + reverse("accounts:resend_activation"),
        },
    )


NAME_CHARACTERS = re.compile(r"[^\w '\u2019-]|[\d_]")
NAME_MAX_LENGTH = 60


def plain_name(value: str) -> str:
    """A person's name as it may appear in a mail: letters, spaces, apostrophes and hyphens
    only, at most 60 characters (the registration form refuses anything else; this also
    covers names entered elsewhere)."""
    return " ".join(NAME_CHARACTERS.sub(" ", value).split())[:NAME_MAX_LENGTH].strip()


def send_activation_link(*, user: User, base_url: str) -> None:
    """Replace any previous link by a new one and e-mail it. Only the token's hash is stored."""
    now = timezone.now()
    ActivationToken.objects.filter(user=user, used_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    ActivationToken.objects.create(
        user=user,
        token_hash=ActivationToken.hash(token),
        created_at=now,
        expires_at=now + datetime.timedelta(hours=settings.ACTIVATION_LINK_VALIDITY_HOURS),
    )
    link = base_url.rstrip("/") + reverse("accounts:activate", args=[token])
    queue_mail(
        to=[user.email],
        subject="Inscription sur ProDou@ne : activez votre compte",
        template="accounts/email/activation",
        # The person's own name, reduced to letters (attacker-chosen text must not reach a mail
        # sent to someone else's address); not the identifiant.
        context={
            "name": plain_name(f"{user.first_name} {user.last_name}"),
            "link": link,
            "validity_hours": settings.ACTIVATION_LINK_VALIDITY_HOURS,
        },
    )


def check_activation_token(*, token: str) -> ActivationToken:
    """The token's record if the link may still be used, else AccountError with the reason."""
    record = ActivationToken.objects.select_related("user").filter(token_hash=ActivationToken.hash(token)).first()
    if record is None:
        raise AccountError(
            "Ce lien d'activation n'est pas valide. Vérifiez que vous avez copié le lien complet "
            "reçu par courriel, ou demandez un nouveau lien."
        )
    if record.used_at is not None or record.user.is_active:
        raise AccountError("Ce lien d'activation a déjà été utilisé : votre compte est activé, connectez-vous.")
    if record.expires_at <= timezone.now():
        raise AccountError("Ce lien d'activation a expiré. Demandez un nouveau lien d'activation.")
    return record


def activate_account(*, token: str, username: str, password: str) -> User:
    """The seed's activation: the link, then the identifiant and password typed again."""
    with transaction.atomic():
        record = check_activation_token(token=token)
        record = ActivationToken.objects.select_for_update().select_related("user").get(pk=record.pk)
        user = record.user
        # Same message whatever is wrong, like the login: no hint at which part failed.
        if user.username != username.strip().lower() or not user.check_password(password):
            raise AccountError("Identifiant ou mot de passe incorrect.")
        now = timezone.now()
        record.used_at = now
        record.save(update_fields=["used_at"])
        user.is_active = True
        user.activated_at = now
        user.save(update_fields=["is_active", "activated_at"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True, primary=True)
    return user


def resend_activation_link(*, login: str, base_url: str) -> None:
    """Send a new link to a not-yet-activated account named by its identifiant or e-mail.
    Says nothing about whether such an account exists (the view shows the same message)."""
    login = login.strip().lower()
    if not login:
        return
    with transaction.atomic():
        user = (
            User.objects.filter(is_active=False, activated_at__isnull=True).filter(username__iexact=login).first()
            or User.objects.filter(is_active=False, activated_at__isnull=True, email__iexact=login).first()
        )
        if user is not None:
            send_activation_link(user=user, base_url=base_url)


def purge_unactivated_accounts(*, older_than_days: int, now: datetime.datetime | None = None) -> int:
    """Delete the accounts never activated, registered more than ``older_than_days`` days ago."""
    limit = (now or timezone.now()) - datetime.timedelta(days=older_than_days)
    stale = User.objects.filter(is_active=False, activated_at__isnull=True, date_joined__lt=limit)
    count = stale.count()
    stale.delete()
    return count


def record_connection(*, user: User | None, succeeded: bool, ip_address: str | None, user_agent: str) -> None:
    ConnectionEvent.objects.create(
        user=user, succeeded=succeeded, ip_address=ip_address or None, user_agent=user_agent[:255]
    )


def security_level_label(user: User) -> str:
    return SecurityLevel(user.security_level).label


def send_test_email(*, email: str) -> None:
    """The registration form's "Tester": one e-mail to the typed address, nothing else created."""
    queue_mail(
        to=[email],
        subject="Test de votre adresse courriel",
        template="accounts/email/test_email",
        context={"email": email},
    )


def enter_teleservice(*, user: User, service_name: str) -> str | None:
    """Record that ``user`` enters a teleservice of their personal space; its URL, or None when
    that service is not one this person may use (the view answers 404)."""
    from portal.selectors import accessible_services

    for link in accessible_services(user=user):
        if link.name == service_name:
            TeleserviceEntry.objects.create(user=user, service=link.name)
            return link.url
    return None
