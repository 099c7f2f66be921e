"""A Redis cache that fails safe (issue 13).

Redis holds allauth's rate limits (failed logins, resets) shared by every worker. When it does not
answer, Django's own RedisCache raises on every request: a Redis outage would become a portal
outage. ``FailSafeRedisCache`` instead answers from a per-process memory cache (the rate limits
keep working, per process, as on a laptop), logs a warning (at most once a minute), and, after a
failure, leaves Redis alone for ``CIRCUIT_BREAKER_SECONDS`` (5 s) so that no request waits on a dead
server; short socket timeouts (0.25 s to connect, 0.5 s to answer) bound the wait of the request
that finds out. Options (``CACHES["default"]["OPTIONS"]``) other than the breaker's are redis-py's.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("prodouane.cache")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
WARNING_INTERVAL_SECONDS = 60.0

_OPERATIONS = (
    *("add", "get", "set", "touch", "delete", "has_key", "incr"),
    *("get_many", "set_many", "delete_many", "clear"),
)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.breaker_seconds = float(options.pop("CIRCUIT_BREAKER_SECONDS", 5))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry_on_timeout", False)
        super().__init__(server, {**params, "OPTIONS": options})
        self.fallback = LocMemCache(
            f"prodouane-redis-fallback-{id(self)}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 10000},
            },
        )
        self._lock = threading.Lock()
        self._closed_until = 0.0  # monotonic time before which Redis is not tried
        self._last_warning = -WARNING_INTERVAL_SECONDS
        self._failing = False

    @property
    def redis_available(self) -> bool:
        """False while the breaker keeps Redis aside (the readiness check may report it)."""
        return time.monotonic() >= self._closed_until

    def ping(self) -> bool:
        """Whether Redis itself answers now (no fallback): for the readiness check."""
        try:
            return bool(self._cache.get_client().ping())
        except REDIS_DOWN:
            return False

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._closed_until = now + self.breaker_seconds
            self._failing = True
            warn = now - self._last_warning >= WARNING_INTERVAL_SECONDS
            if warn:
                self._last_warning = now
        if warn:
            logger.warning(
                "Redis does not answer (%s on %s: %s): rate limits kept in this process's memory, "
                "Redis tried again in %.0f s",
                type(exc).__name__,
                operation,
                exc,
                self.breaker_seconds,
            )

    def _call(self, operation: str, *args, **kwargs):
        if time.monotonic() < self._closed_until:
            return getattr(self.fallback, operation)(*args, **kwargs)
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except REDIS_DOWN as exc:
            self._failed(operation, exc)
            return getattr(self.fallback, operation)(*args, **kwargs)
        if self._failing:
            self._failing = False
            logger.warning("Redis answers again: rate limits shared by every process again")
        return result


def _delegate(operation: str):
    def method(self, *args, **kwargs):
        return self._call(operation, *args, **kwargs)

    method.__name__ = operation
    method.__doc__ = getattr(RedisCache, operation).__doc__
    return method


for _operation in _OPERATIONS:
    setattr(FailSafeRedisCache, _operation, _delegate(_operation))
