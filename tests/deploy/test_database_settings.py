"""PostgreSQL connections get a statement, lock and idle-in-transaction limit, and Django's psycopg
pool when DATABASE_POOL is on (the default in production); SQLite gets none of it."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PRINT_DATABASE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({'db': settings.DATABASES['default'], 'pool': settings.DATABASE_POOL}, default=str))"
)
POSTGRES = "postgres://postgres@127.0.0.1:5432/wt_settings_only"  # never connected to


def database_settings(**env):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": "prodouane.settings"}
    result = subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
        [sys.executable, "-c", PRINT_DATABASE], env={**base, **env}, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PRODUCTION = {
    "PRODOUANE_ENV": "production",
    "SECRET_KEY": "test-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
}


def test_production_on_postgres_uses_the_pool_and_the_time_limits():
    found = database_settings(DATABASE_URL=POSTGRES, **PRODUCTION)
    db = found["db"]
    assert found["pool"] is True
    assert db["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 16, "timeout": 10}
    assert db["CONN_MAX_AGE"] == 0  # a pool refuses persistent connections
    assert db["OPTIONS"]["options"] == (
        "-c statement_timeout=15000 -c lock_timeout=5000 -c idle_in_transaction_session_timeout=60000"
    )


def test_the_pool_and_time_limits_follow_the_environment():
    found = database_settings(
        DATABASE_URL=POSTGRES,
        DATABASE_POOL_MIN="1",
        DATABASE_POOL_MAX="4",
        DATABASE_POOL_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT_MS="0",
        DATABASE_LOCK_TIMEOUT_MS="2500",
        **PRODUCTION,
    )
    assert found["db"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 3}
    assert "-c statement_timeout=0 -c lock_timeout=2500" in found["db"]["OPTIONS"]["options"]
    off = database_settings(DATABASE_URL=POSTGRES, DATABASE_POOL="0", **PRODUCTION)
    assert off["pool"] is False and "pool" not in off["db"]["OPTIONS"]
    assert off["db"]["CONN_MAX_AGE"] == 60  # DATABASE_CONN_MAX_AGE's default, without a pool


def test_development_has_no_pool_unless_asked():
    assert database_settings(DATABASE_URL=POSTGRES)["pool"] is False
    assert database_settings(DATABASE_URL=POSTGRES, DATABASE_POOL="1")["pool"] is True


def test_sqlite_gets_neither_pool_nor_postgres_options():
    found = database_settings(DATABASE_URL="sqlite:///:memory:")
    assert found["pool"] is False
    assert "pool" not in found["db"]["OPTIONS"] and "options" not in found["db"]["OPTIONS"]
    env = {"DJANGO_SETTINGS_MODULE": "prodouane.settings", "DATABASE_URL": "sqlite:///:memory:", "DATABASE_POOL": "1"}
    result = subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
        [sys.executable, "-c", PRINT_DATABASE], env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DATABASE_POOL=1 needs PostgreSQL" in result.stderr


@pytest.mark.django_db
def test_a_connection_of_this_run_has_the_configured_limits_and_pool():
    """Asserts what the database of this run (SQLite, or PostgreSQL with DATABASE_URL) really does."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            statement = cursor.fetchone()[0]
            cursor.execute("SHOW lock_timeout")
            lock = cursor.fetchone()[0]
            cursor.execute("SHOW idle_in_transaction_session_timeout")
            idle = cursor.fetchone()[0]
            assert (statement, lock, idle) == (
                show(settings.DATABASE_STATEMENT_TIMEOUT_MS),
                show(settings.DATABASE_LOCK_TIMEOUT_MS),
                show(settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS),
            )
            if settings.DATABASE_POOL:
                assert connection.pool is not None
                assert connection.pool.get_stats()["pool_size"] >= 1
                # the connection in use was handed out by the pool
                assert connection.connection._pool is connection.pool
            else:
                assert connection.pool is None
        else:
            assert connection.vendor == "sqlite"
            assert not settings.DATABASE_POOL
            assert "options" not in connection.settings_dict["OPTIONS"]
            assert "pool" not in connection.settings_dict["OPTIONS"]


def show(milliseconds):
    """PostgreSQL's SHOW of a time setting given in milliseconds."""
    if milliseconds == 0:
        return "0"
    if milliseconds % 60000 == 0:
        return f"{milliseconds // 60000}min"
    if milliseconds % 1000 == 0:
        return f"{milliseconds // 1000}s"
    return f"{milliseconds}ms"
