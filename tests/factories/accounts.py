"""Accounts, by role: a person with an activated account, an account still waiting for activation."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import ClaimStatus, User

PASSWORD = "une phrase de passe solide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = "Jean"
    last_name = "Dupont"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_active = True
    activated_at = factory.LazyFunction(timezone.now)
    company_name = "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    siret = "35324915400017"
    # The company link is confirmed by default, so tests of a company's users keep their meaning;
    # ``claim_pending`` / ``claim_refused`` for an account whose SIRET is only claimed.
    siret_status = ClaimStatus.CONFIRMED

    class Params:
        not_activated = factory.Trait(is_active=False, activated_at=None)
        claim_pending = factory.Trait(siret_status=ClaimStatus.CLAIMED)
        claim_refused = factory.Trait(siret_status=ClaimStatus.REFUSED)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": self.is_active}
            )


# Staff accounts log in with TOTP (accounts.middleware.StaffTwoFactorMiddleware): the tests' device.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user, secret: str = TOTP_SECRET):
    """Activate TOTP for ``user`` (as « Activer » in Mon compte, tab Sécurité, does) and return it."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def totp_code(secret: str = TOTP_SECRET, *, step: int = 0) -> str:
    """The code an authenticator app shows now (``step`` periods later)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD + step))


def record_totp_login(client, user) -> None:
    """Mark ``client``'s session as authenticated with TOTP, as the portal's login does."""
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.userkit import user_id_to_str

    authenticator = give_totp(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "username": user.username},
        {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = user_id_to_str(user)
    session.save()
