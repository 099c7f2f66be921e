"""Reads about accounts, used by the views."""

from allauth.mfa.models import Authenticator

from accounts.models import ConnectionEvent, User
from register.models import Establishment


def company_name_for_siret(siret: str) -> str:
    establishment = Establishment.objects.select_related("legal_unit").filter(siret=siret).first()
    if establishment is None:
        return ""
    return establishment.signboard or establishment.usual_name or establishment.legal_unit.name


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
