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

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")

logger = logging.getLogger(__name__)

app = Celery("prodouane")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["mail", "edi", "eu", "prodouane"])


def publish(task, pk: int) -> bool:
    """``task.delay(pk)``, the error of a broker that cannot be reached caught and logged: the row
    stays pending for the sweep. True when the task was handed over (or run, eager)."""
    try:
        task.delay(pk)
    except Exception as error:  # kombu.exceptions.OperationalError, socket errors, a full broker …
        logger.warning("Task %s for row %s not published (the sweep will send it): %r", task.name, pk, error)
        return False
    return True


def hand_over(task, pk: int, *, using: str | None = None) -> None:
    """Give the row ``pk`` to ``task`` once the current transaction commits (not at all if it
    rolls back)."""
    from django.db import transaction

    transaction.on_commit(lambda: publish(task, pk), using=using)
