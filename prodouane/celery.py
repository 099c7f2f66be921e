"""The task queue (issue 13): ``celery -A prodouane worker -Q mail|edi|pdf|reports`` and one
``celery -A prodouane beat``. Configured from the Django settings, ``CELERY_*`` (the block « Celery
(issue 13) » at the end of ``prodouane/settings.py``): without ``CELERY_BROKER_URL`` the tasks run
in the process (eager), as in development and the tests.

``hand_over(task, pk)`` is the one way the outboxes give a row to the queue: after the commit of
the change that wrote it, and never raising — a broker that is down leaves the row pending, and
the sweep (beat, every minute) sends it."""

from __future__ import annotations

import logging
import os
import time

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")

logger = logging.getLogger(__name__)

app = Celery("prodouane")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["mail", "edi", "eu", "prodouane"])


# After a publish failed, the next ones are not tried for this long (the sweep sends those rows):
# during a broker outage a request that wrote twenty mails waits for one failed publish, not twenty.
PAUSE_AFTER_FAILURE_SECONDS = 10.0
_failed_at: float | None = None


def publish(task, pk: int) -> bool:
    """``task.delay(pk)``, the error of a broker that cannot be reached caught and logged: the row
    stays pending for the sweep. True when the task was handed over (or run, eager)."""
    global _failed_at
    eager = task.app.conf.task_always_eager  # no broker: nothing to pause
    if not eager and _failed_at is not None and time.monotonic() - _failed_at < PAUSE_AFTER_FAILURE_SECONDS:
        logger.info("Task %s for row %s left to the sweep (the broker failed just before)", task.name, pk)
        return False
    try:
        task.delay(pk)
    except Exception as error:  # kombu.exceptions.OperationalError, socket errors, a full broker …
        _failed_at = None if eager else time.monotonic()
        logger.warning("Task %s for row %s not published (the sweep will send it): %r", task.name, pk, error)
        return False
    _failed_at = None
    return True


def hand_over(task, pk: int, *, using: str | None = None) -> None:
    """Give the row ``pk`` to ``task`` once the current transaction commits (not at all if it
    rolls back)."""
    from django.db import transaction

    transaction.on_commit(lambda: publish(task, pk), using=using)
