"""The Redis cache fails safe (prodouane/cache.py): with Redis unreachable the portal keeps serving
and the rate limits keep counting in the process's memory; with Redis up the values go to Redis."""

import logging
import time

import pytest
import redis
from django.core.cache import cache, caches

from prodouane.cache import FailSafeRedisCache
from tests.factories.accounts import UserFactory

CLOSED_PORT = "redis://127.0.0.1:6399/0"  # nothing listens there
REAL_REDIS = "redis://127.0.0.1:6379/13"
LOCKOUT = "Trop de tentatives de connexion échouées"


def fail_safe(location):
    return {"default": {"BACKEND": "prodouane.cache.FailSafeRedisCache", "LOCATION": location, "KEY_PREFIX": "wt"}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = fail_safe(CLOSED_PORT)
    yield caches["default"]


@pytest.fixture
def redis_up(settings):
    client = redis.Redis.from_url(REAL_REDIS)
    client.flushdb()
    settings.CACHES = fail_safe(REAL_REDIS)
    yield client
    client.flushdb()


def test_settings_choose_the_fail_safe_backend_when_redis_is_configured():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    env = {"PATH": "/usr/bin:/bin", "REDIS_URL": REAL_REDIS, "DJANGO_SETTINGS_MODULE": "prodouane.settings"}
    out = subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "prodouane.cache.FailSafeRedisCache"


def test_operations_fall_back_to_memory_quickly_and_warn_once(redis_down, caplog):
    assert isinstance(redis_down, FailSafeRedisCache)
    caplog.set_level(logging.WARNING, logger="prodouane.cache")
    start = time.monotonic()
    redis_down.set("a", 1)
    assert redis_down.get("a") == 1
    assert redis_down.add("b", 2) is True and redis_down.add("b", 3) is False
    assert redis_down.incr("b") == 3
    assert redis_down.get_many(["a", "b"]) == {"a": 1, "b": 3}
    redis_down.delete("a")
    assert redis_down.has_key("a") is False
    assert time.monotonic() - start < 1.0
    assert not redis_down.redis_available  # the breaker keeps Redis aside
    assert redis_down.ping() is False
    warnings = [r for r in caplog.records if r.name == "prodouane.cache"]
    assert len(warnings) == 1 and "Redis does not answer" in warnings[0].getMessage()


def test_the_breaker_tries_redis_again_after_its_delay(redis_down, monkeypatch):
    redis_down.breaker_seconds = 0.2
    calls = []
    original = redis_down._cache.get

    def counting_get(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(redis_down._cache, "get", counting_get)
    redis_down.get("x")
    redis_down.get("x")
    assert len(calls) == 1  # the second call did not wait on Redis
    time.sleep(0.25)
    redis_down.get("x")
    assert len(calls) == 2


@pytest.mark.django_db
def test_login_page_and_its_rate_limit_work_with_redis_down(redis_down, client):
    UserFactory(username="jdupont")
    assert client.get("/compte/login/").status_code == 200
    for _ in range(5):
        response = client.post("/compte/login/", {"login": "jdupont", "password": "mauvais mot de passe"})
        assert response.status_code == 200
    assert client.get("/sante/").status_code == 200
    locked = client.post("/compte/login/", {"login": "jdupont", "password": "mauvais mot de passe"})
    assert locked.status_code == 200
    assert LOCKOUT in locked.content.decode()  # the failures were counted in memory


@pytest.mark.django_db
def test_with_redis_up_the_rate_limits_live_in_redis(redis_up, client):
    UserFactory(username="jdupont")
    assert cache.get("nothing") is None and cache.redis_available
    cache.set("probe", "valeur")
    assert redis_up.exists(cache.make_key("probe"))
    assert cache.fallback.get("probe") is None  # nothing written to the fallback
    client.post("/compte/login/", {"login": "jdupont", "password": "mauvais mot de passe"})
    keys = [key.decode() for key in redis_up.keys("*")]
    assert any("login_failed" in key for key in keys), keys
    assert cache.ping() is True
