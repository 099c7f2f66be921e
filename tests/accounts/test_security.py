"""The "Sécurité" tab: moving to the one-time-code level (TOTP, the seed's "jetons") and back."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from accounts.models import SecurityLevel
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def totp_code(secret: str, shift: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + shift))


def enable_totp(client, capture) -> str:
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    page = client.get("/compte/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    with capture(execute=True):  # allauth announces the new authenticator after commit
        response = client.post("/compte/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_enabling_totp_raises_the_security_level_and_login_then_asks_a_code(client, django_capture_on_commit_callbacks):
    user = UserFactory(username="jdupont")
    client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    secret = enable_totp(client, django_capture_on_commit_callbacks)
    user.refresh_from_db()
    assert user.security_level == SecurityLevel.PASSWORD_OTP
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert "code à usage unique" in client.get("/compte/situation/").content.decode()

    client.post("/compte/logout/")
    response = client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # the password alone is not enough any more
    wrong = client.post(response.url, {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    client.post(response.url, {"code": totp_code(secret)})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_disabling_totp_returns_to_the_password_level(client, django_capture_on_commit_callbacks):
    user = UserFactory(username="jdupont")
    client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    enable_totp(client, django_capture_on_commit_callbacks)
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/2fa/totp/deactivate/")
    user.refresh_from_db()
    assert user.security_level == SecurityLevel.PASSWORD
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_an_account_registered_with_the_code_level_is_sent_to_set_it_up(client):
    UserFactory(username="jdupont", security_level=SecurityLevel.PASSWORD_OTP)
    response = client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    assert response.url == "/compte/2fa/totp/activate/"
