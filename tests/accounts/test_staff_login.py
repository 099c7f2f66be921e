"""Customs staff log in through the portal's login (rate limits, TOTP), never the admin's own form,
and reach no staff page until their session went through a one-time code (issue 10, item 2)."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import PASSWORD, TOTP_SECRET, UserFactory, give_totp, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def staff(username="agent.sau", **kwargs):
    user = UserFactory(username=username, is_staff=True, siret="", company_name="", **kwargs)
    user.groups.add(roles.sync_staff_groups()[roles.SAU])
    return user


def test_the_admin_login_page_sends_to_the_portal_login_with_next(client):
    response = client.get("/admin/login/?next=/admin/mail/outboxmessage/")
    assert response.status_code == 302
    assert response.url == "/compte/login/?next=%2Fadmin%2Fmail%2Foutboxmessage%2F"
    # Its form is gone: posting a password there logs nobody in.
    staff()
    client.post("/admin/login/", {"username": "agent.sau", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # An admin page asked anonymously goes the same way.
    assert client.get("/admin/").url.startswith("/admin/login/")
    # Another site as next is dropped.
    assert client.get("/admin/login/?next=https://evil.example/").url == "/compte/login/?next=%2Fadmin%2F"


def test_a_logged_in_person_who_is_not_staff_gets_a_404_not_a_loop(client):
    client.force_login(UserFactory(username="jdupont"))
    assert client.get("/admin/login/?next=/admin/").status_code == 404


def test_staff_without_totp_are_sent_to_set_it_up_before_any_staff_page(client):
    staff()
    response = client.post("/compte/login/", {"login": "agent.sau", "password": PASSWORD})
    assert response.status_code == 302
    for path in ("/admin/", "/admin/mail/outboxmessage/", "/demandes-assistance/sau/", "/compte/espace-personnel/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("mfa_activate_totp"), path
    # Setting it up is open to them (after the password again, as allauth asks).
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_staff_with_totp_log_in_with_a_code_and_then_reach_the_admin(client):
    user = staff()
    give_totp(user)
    response = client.post("/compte/login/?next=/admin/", {"login": "agent.sau", "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not logged in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_opened_without_the_code_is_asked_for_it(client):
    """A password-only session (Django's own login, an old admin form) is stopped at every page."""
    user = staff()
    give_totp(user)
    assert client.login(username="agent.sau", password=PASSWORD)
    response = client.get("/admin/mail/outboxmessage/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2Fmail%2Foutboxmessage%2F"
    client.post(response.url, {"code": totp_code(TOTP_SECRET)})
    assert client.get("/admin/mail/outboxmessage/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_activating_totp_counts_as_a_code_for_the_session(client):
    """A real commit: allauth announces the device after it, while the request is still running."""
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    staff()
    client.post("/compte/login/", {"login": "agent.sau", "password": PASSWORD})
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user__username="agent.sau", type="totp").exists()
    assert client.get("/admin/").status_code == 200


def test_people_who_are_not_staff_are_not_asked_for_totp(client):
    UserFactory(username="jdupont")
    client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    assert client.get("/compte/espace-personnel/").status_code == 200


def test_a_session_without_the_code_cannot_make_recovery_codes_to_replace_it(client):
    """A password-only session must not reach the recovery codes: generating some after typing the
    password again, then giving one as the « code », would make the password alone enough."""
    user = staff()
    give_totp(user)
    assert client.login(username="agent.sau", password=PASSWORD)
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    for name in ("mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_download_recovery_codes"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("mfa_reauthenticate")), name
    client.post(reverse("mfa_generate_recovery_codes"))
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/admin/").status_code == 302
