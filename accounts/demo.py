"""Demo accounts, one per role, for a laptop (`make run`). Never created in production."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from accounts import roles
from accounts.models import ClaimStatus, User
from register.importers.synthetic import DEMO_SIRET

# Office agents and the customs office they work for.
AGENT_OFFICES = {"agent.bureau": "FR000690", "agent.auch": "FR003200"}

DEMO_PASSWORD = "demo prodouane 2026"  # noqa: S105 - development only, listed in the README
# Staff log in with TOTP: the demo agents share this secret (development only, in the README; add
# it to an authenticator app, or `manage.py demo_totp_code` prints the current code).
DEMO_TOTP_SECRET = "PRODOUANEDEMOTOTPAGENTSXXVIAAAAA"  # noqa: S105

# Accounts whose company link is still a claim (antoineleris accepts or refuses it); the others'
# links are confirmed.
PENDING_CLAIMS = {"camilleroux"}

# Staff roles: customs office agents, the customs IT centre (CID), the helpdesk (SAU).
STAFF_GROUPS = {"office": roles.OFFICE, "cid": roles.CID, "sau": roles.SAU}

DEMO_ACCOUNTS = [
    # identifiant, first name, last name, e-mail, company SIRET, role, superuser
    ("jdupont", "Jean", "Dupont", "jean.dupont@example.org", "35324915400017", None, False),
    ("antoineleris", "Antoine", "Leris", "antoineleris@example.org", DEMO_SIRET, None, False),
    ("lucferrier", "Luc", "Ferrier", "luc.ferrier@example.org", DEMO_SIRET, None, False),
    ("camilleroux", "Camille", "Roux", "camille.roux@example.org", DEMO_SIRET, None, False),
    ("agent.bureau", "Claire", "Martin", "claire.martin@douane.example.org", None, "office", False),
    ("agent.auch", "Louis", "Garcia", "louis.garcia@douane.example.org", None, "office", False),
    ("agent.cid", "Paul", "Bernard", "paul.bernard@douane.example.org", None, "cid", False),
    ("agent.sau", "Sophie", "Petit", "sophie.petit@douane.example.org", None, "sau", False),
    ("admin", "Administrateur", "ProDou@ne", "admin@douane.example.org", None, None, True),
]


def load(stdout) -> None:
    if settings.PRODUCTION:
        stdout.write("Comptes de démonstration : non créés en production.")
        return
    from accounts.selectors import company_name_for_siret
    from register.models import CustomsOffice

    groups = roles.sync_staff_groups()
    for username, first, last, email, siret, role, superuser in DEMO_ACCOUNTS:
        company_name = company_name_for_siret(siret) if siret else ""
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": email,
                "is_active": True,
                "activated_at": timezone.now(),
                "is_staff": bool(role) or superuser,
                "is_superuser": superuser,
                "siret": siret or "",
                "company_name": company_name,
                "siret_status": ClaimStatus.CLAIMED if username in PENDING_CLAIMS else ClaimStatus.CONFIRMED,
                "customs_office": CustomsOffice.objects.filter(code=AGENT_OFFICES.get(username, "")).first(),
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"primary": True, "verified": True})
        if role:
            user.groups.add(groups[STAFF_GROUPS[role]])
        if user.is_staff:
            _give_demo_totp(user)
    stdout.write(f"{len(DEMO_ACCOUNTS)} comptes de démonstration (mot de passe : « {DEMO_PASSWORD} »).")


def _give_demo_totp(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import SecurityLevel

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    user.security_level = SecurityLevel.PASSWORD_OTP
    user.save(update_fields=["security_level"])


def current_totp_code() -> str:
    """The code the demo agents' authenticator app would show now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // app_settings.TOTP_PERIOD))
