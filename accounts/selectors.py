"""Reads about accounts, used by the views."""

from allauth.mfa.models import Authenticator

from accounts.models import ConnectionEvent, User
from register.services import LookupRefused, establishment_sheet


def company_name_for_siret(siret: str) -> str:
    """The company name the register's sheet gives this SIRET (same rule as the « eye »), or ""."""
    try:
        return establishment_sheet(siret=siret).name
    except LookupRefused:
        return ""


def last_connections(*, user: User, limit: int = 10):
    return ConnectionEvent.objects.filter(user=user)[:limit]


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def current_login_time(request):
    """When this session logged in (the seed's "Connecté à")."""
    import datetime

    from django.utils import timezone

    from accounts.signals import LOGIN_AT_SESSION_KEY

    stamp = request.session.get(LOGIN_AT_SESSION_KEY)
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone())
