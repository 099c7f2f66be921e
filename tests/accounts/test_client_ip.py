"""The client's address behind the load balancer (TRUSTED_PROXIES): rate limits, the connection
history and allauth's sessions list all see the real client, never the balancer, and a client
cannot choose its address by sending X-Forwarded-For itself."""

import ipaddress
import os
import subprocess
import sys

import pytest
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.test import RequestFactory

from accounts.models import ConnectionEvent
from prodouane.client_ip import client_ip
from tests.factories.accounts import PASSWORD, UserFactory

BALANCER = "10.0.0.5"


@pytest.fixture
def behind_balancer(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]


def _request(remote_addr, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_forwarded_client_is_used_only_when_the_peer_is_a_trusted_proxy(behind_balancer):
    assert client_ip(_request(BALANCER, "203.0.113.9")) == "203.0.113.9"
    # A client talking to the application directly cannot claim another address.
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_client_s_own_x_forwarded_for_is_not_believed(behind_balancer):
    # The client sent "X-Forwarded-For: 192.0.2.1"; the balancer appended the real address.
    assert client_ip(_request(BALANCER, "192.0.2.1, 203.0.113.9")) == "203.0.113.9"
    # Two trusted proxies in a row are skipped.
    assert client_ip(_request(BALANCER, "192.0.2.1, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(BALANCER, "203.0.113.9")) == BALANCER


def test_garbage_in_the_header_falls_back_to_the_last_trusted_hop(behind_balancer):
    assert client_ip(_request(BALANCER, "not-an-address")) == BALANCER
    assert client_ip(_request(BALANCER, "[2001:db8::1]:443")) == "2001:db8::1"


def _start(**environment) -> subprocess.CompletedProcess:
    env = {**os.environ, **environment}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='prodouane.settings';"
            "from django.conf import settings; settings.TRUSTED_PROXIES",
        ],
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_bad_trusted_proxies_value_stops_the_start_up():
    result = _start(TRUSTED_PROXIES="10.0.0.0/8,load-balancer")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "load-balancer" in result.stderr


def test_a_bad_rate_limit_stops_the_start_up():
    result = _start(RATE_LIMIT_REGISTRATION="20 par heure")
    assert result.returncode != 0
    assert "RATE_LIMIT_REGISTRATION" in result.stderr
    assert _start(RATE_LIMIT_REGISTRATION="20/h/ip,3/10m/key", TRUSTED_PROXIES="10.0.0.0/8").returncode == 0


@pytest.mark.django_db
def test_login_history_rate_limits_and_sessions_see_the_real_client(client, behind_balancer):
    cache.clear()
    user = UserFactory(username="jdupont")
    response = client.post(
        "/compte/login/",
        {"login": "jdupont", "password": PASSWORD},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302
    assert ConnectionEvent.objects.get(user=user).ip_address == "203.0.113.9"
    assert UserSession.objects.get(user=user).ip == "203.0.113.9"


@pytest.mark.django_db
def test_one_client_s_failures_do_not_throttle_the_others_behind_the_balancer(settings, behind_balancer):
    from django.test import Client

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip,100/m/key"}
    UserFactory(username="jdupont")
    attacker = Client()
    for _ in range(4):
        attacker.post(
            "/compte/login/",
            {"login": "jdupont", "password": "mauvais mot de passe"},
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    owner = Client()
    owner.post(
        "/compte/login/",
        {"login": "jdupont", "password": PASSWORD},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert "_auth_user_id" in owner.session
