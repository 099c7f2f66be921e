"""Connection log and login time, fed by Django's authentication signals (allauth emits them)."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from accounts import known_devices
from accounts.models import SecurityLevel
from accounts.services import record_connection
from prodouane.client_ip import client_ip

LOGIN_AT_SESSION_KEY = "accounts.login_at"


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return client_ip(request), request.META.get("HTTP_USER_AGENT", "")


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    ip, agent = _client(request)
    record_connection(user=user, succeeded=True, ip_address=ip, user_agent=agent)
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = timezone.now().timestamp()
    if request is not None:
        known_devices.remember_login(request, user.username)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only failures on an existing account are kept, for that account's "Situation" tab.
    username = credentials.get("username") or credentials.get("login") or ""
    user = get_user_model().objects.filter(username__iexact=username).first() if username else None
    if user is not None:
        ip, agent = _client(request)
        record_connection(user=user, succeeded=False, ip_address=ip, user_agent=agent)


@receiver(authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.TOTP:
        user.security_level = SecurityLevel.PASSWORD_OTP
        user.save(update_fields=["security_level"])
        if request is not None and hasattr(request, "session"):
            # Typing a valid code to activate it proves the device: the session counts as
            # authenticated with TOTP (what staff pages ask, see accounts.middleware).
            from allauth.account.internal.flows.login import record_authentication

            record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


@receiver(authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.TOTP:
        user.security_level = SecurityLevel.PASSWORD
        user.save(update_fields=["security_level"])
