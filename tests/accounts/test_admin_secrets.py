"""No staff page shows a secret (issue 10, item 1): neither a password hash to the helpdesk, nor a
TOTP secret, recovery codes or session keys to anyone; TOTP material is encrypted at rest."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.usersessions.models import UserSession
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import TOTP_SECRET, UserFactory, give_totp

pytestmark = pytest.mark.django_db


def test_the_helpdesk_reads_an_account_without_its_password_hash(client):
    person = UserFactory(username="jdupont")
    agent = UserFactory(username="agent.sau", is_staff=True, siret="", company_name="")
    agent.groups.add(roles.sync_staff_groups()[roles.SAU])
    client.force_login(agent)
    page = client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "jdupont" in content
    algorithm = person.password.split("$")[0]
    assert algorithm not in content.lower() and person.password.split("$")[-1][:6] not in content


def test_totp_secrets_recovery_codes_and_session_keys_stay_out_of_the_admin(admin_client, admin_user):
    person = UserFactory(username="jdupont")
    totp = give_totp(person)
    codes = RecoveryCodes.activate(person).instance
    session = UserSession.objects.create(user=person, session_key="cle-de-session-secrete", ip="192.0.2.1")

    # Encrypted at rest: the database holds no TOTP secret, the code still works.
    assert TOTP_SECRET not in str(Authenticator.objects.get(pk=totp.pk).data)
    assert totp.data["secret"].startswith("gAAAAA") and codes.data["seed"].startswith("gAAAAA")

    for model, obj in (
        ("mfa_authenticator", totp),
        ("mfa_authenticator", codes),
        ("usersessions_usersession", session),
    ):
        page = admin_client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert page.status_code == 200
        content = page.content.decode()
        assert "jdupont" in content
        for secret in (totp.data["secret"], codes.data["seed"], "cle-de-session-secrete", TOTP_SECRET):
            assert secret not in content
        assert "unused_code_indices" not in content


def test_a_totp_secret_stored_in_clear_before_is_encrypted_by_the_migration_and_still_works():
    from importlib import import_module

    from django.apps import apps

    from accounts.adapter import MFAAdapter

    person = UserFactory(username="jdupont")
    legacy = Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    assert MFAAdapter().decrypt(legacy.data["secret"]) == TOTP_SECRET  # read as it was

    import_module("accounts.migrations.0005_encrypt_mfa_secrets").encrypt_existing(apps, None)
    legacy.refresh_from_db()
    assert legacy.data["secret"].startswith("gAAAAA")
    assert MFAAdapter().decrypt(legacy.data["secret"]) == TOTP_SECRET
