import time

import pytest
from django.core.cache import cache

from accounts.models import ConnectionEvent
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def login(client, username, password=PASSWORD, **extra):
    return client.post("/compte/login/", {"login": username, "password": password}, **extra)


def test_login_from_the_header_box_opens_the_personal_space(client):
    user = UserFactory(username="jdupont")
    home = client.get("/").content.decode()
    assert 'name="login"' in home and 'action="/compte/login/"' in home
    before = client.cookies.get("sessionid")
    response = login(client, "JDupont", REMOTE_ADDR="192.0.2.10")  # identifiants are case-insensitive
    assert response.status_code == 302
    assert response.url == "/compte/espace-personnel/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.cookies["sessionid"].value != (before.value if before else None)  # new session id
    event = ConnectionEvent.objects.get(user=user)
    assert event.succeeded and event.ip_address == "192.0.2.10"


def test_a_failed_login_is_recorded_for_the_account(client):
    user = UserFactory(username="jdupont")
    page = login(client, "jdupont", "mauvais mot de passe").content.decode()
    assert "_auth_user_id" not in client.session
    assert "incorrect" in page
    assert ConnectionEvent.objects.filter(user=user, succeeded=False).count() == 1


def test_repeated_failures_lock_out_without_revealing_whether_the_account_exists(client):
    UserFactory(username="jdupont")
    for _ in range(5):
        login(client, "jdupont", "mauvais mot de passe")
        login(client, "inconnu", "mauvais mot de passe")
    existing = login(client, "jdupont", "mauvais mot de passe").content.decode()
    unknown = login(client, "inconnu", "mauvais mot de passe").content.decode()
    lockout = "Trop de tentatives de connexion échouées"
    assert lockout in existing
    assert lockout in unknown
    # Even the right password is refused while the lockout lasts.
    login(client, "jdupont")
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client):
    UserFactory(username="jdupont")
    login(client, "jdupont")
    client.post("/compte/logout/")
    assert "_auth_user_id" not in client.session
    assert client.get("/compte/espace-personnel/").status_code == 302


def test_an_idle_session_expires(client, settings):
    UserFactory(username="jdupont")
    login(client, "jdupont")
    session = client.session
    session["accounts.last_seen"] = time.time() - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = client.get("/compte/espace-personnel/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_expires_after_the_absolute_timeout_even_when_active(client, settings):
    UserFactory(username="jdupont")
    login(client, "jdupont")
    session = client.session
    session["accounts.login_at"] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    assert client.get("/compte/espace-personnel/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_enforces_csrf():
    from django.test import Client

    UserFactory(username="jdupont")
    response = Client(enforce_csrf_checks=True).post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    assert response.status_code == 403


def test_the_session_s_activity_is_tracked_at_most_once_a_minute(client, monkeypatch):
    from allauth.usersessions.models import UserSession

    from accounts import middleware

    UserFactory(username="jdupont")
    clock = [time.time()]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    login(client, "jdupont", REMOTE_ADDR="192.0.2.10")
    session = UserSession.objects.get()  # written by allauth at login
    client.get("/compte/espace-personnel/", REMOTE_ADDR="192.0.2.10")
    first_seen = UserSession.objects.get().last_seen_at

    clock[0] += 30
    client.get("/compte/espace-personnel/", REMOTE_ADDR="198.51.100.7")
    assert UserSession.objects.get().last_seen_at == first_seen  # not within the minute
    assert UserSession.objects.get().ip == session.ip == "192.0.2.10"

    clock[0] += 31
    client.get("/compte/espace-personnel/", REMOTE_ADDR="198.51.100.7")
    tracked = UserSession.objects.get()
    assert tracked.last_seen_at > first_seen and tracked.ip == "198.51.100.7"  # the new address shows


def test_an_attacker_s_failures_do_not_lock_the_owner_out_of_a_browser_that_logged_in_before(client):
    """Lockout policy (README): five failures lock the identifiant for 15 minutes everywhere, except
    on a browser where it logged in before, which keeps its own count."""
    from django.test import Client

    UserFactory(username="jdupont")
    login(client, "jdupont")  # the owner's usual browser
    client.post("/compte/logout/")
    attacker = Client()
    for _ in range(6):
        login(attacker, "jdupont", "mauvais mot de passe", REMOTE_ADDR="198.51.100.66")
    assert "Trop de tentatives" in login(attacker, "jdupont", REMOTE_ADDR="198.51.100.66").content.decode()
    assert "_auth_user_id" not in attacker.session
    assert "Trop de tentatives" in login(Client(), "jdupont").content.decode()  # a new browser too

    response = login(client, "JDupont")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_known_browser_s_own_failures_are_still_limited(client):
    UserFactory(username="jdupont")
    login(client, "jdupont")
    client.post("/compte/logout/")
    for _ in range(5):
        login(client, "jdupont", "mauvais mot de passe")
    assert "Trop de tentatives" in login(client, "jdupont").content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_known_device_cookie_is_ignored(client):
    from accounts.known_devices import COOKIE_NAME

    UserFactory(username="jdupont")
    for _ in range(6):
        login(client, "jdupont", "mauvais mot de passe")
    client.cookies[COOKIE_NAME] = '{"d": "x", "a": []}'
    assert "Trop de tentatives" in login(client, "jdupont").content.decode()
    assert "_auth_user_id" not in client.session


def test_the_known_device_cookie_does_not_reveal_the_identifiant(client):
    from accounts.known_devices import COOKIE_NAME

    UserFactory(username="jdupont")
    login(client, "jdupont")
    cookie = client.cookies[COOKIE_NAME]
    assert cookie["httponly"] and "jdupont" not in cookie.value
