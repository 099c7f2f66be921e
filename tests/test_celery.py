"""The task queue's configuration (issue 13): RabbitMQ quorum queues, publisher confirms, tasks
acknowledged once done and given back if their worker dies, each outbox routed to its queue, the
sweeps and the daily jobs under beat; no broker => eager."""

from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from kombu.exceptions import OperationalError

from mail.tasks import deliver_mail
from prodouane.celery import app, hand_over, publish

QUEUES = {"mail", "edi", "pdf", "reports"}


def test_every_queue_is_a_durable_quorum_queue():
    queues = {queue.name: queue for queue in app.conf.task_queues}
    assert set(queues) == QUEUES
    for queue in queues.values():
        assert queue.queue_arguments == {"x-queue-type": "quorum"}
        assert queue.durable and queue.routing_key == queue.name
    assert app.conf.task_default_queue == "reports"
    assert app.conf.task_default_queue_type == app.conf.task_create_missing_queue_type == "quorum"
    # Quorum queues refuse a global QoS: the worker sees them and sets a per consumer prefetch.
    assert app.conf.worker_detect_quorum_queues is True


def test_delivery_is_acknowledged_late_confirmed_and_one_task_at_a_time():
    assert app.conf.broker_transport_options == {"confirm_publish": True}
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json" and app.conf.accept_content == ["json"]
    assert app.conf.timezone == "Europe/Paris"


def test_without_a_broker_the_tasks_run_in_the_process_without_raising():
    assert settings.CELERY_BROKER_URL == ""
    assert app.conf.task_always_eager is True
    assert app.conf.task_eager_propagates is False


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("mail.deliver", "mail"),
        ("mail.sweep_outbox", "mail"),
        ("edi.deliver_webhook", "edi"),
        ("edi.sweep_webhooks", "edi"),
        ("eu.deliver_exchange", "edi"),
        ("eu.sweep_outbox", "edi"),
        ("eu.run_simulator", "edi"),
        ("reports.purge_unactivated_accounts", "reports"),
        ("reports.remind_overdue_receipts", "reports"),
        ("reports.flag_late_fallback_documents", "reports"),
    ],
)
def test_each_task_is_registered_and_routed_to_its_queue(task, queue):
    app.loader.import_default_modules()
    assert task in app.tasks
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_beat_sweeps_the_outboxes_every_minute_and_runs_the_daily_jobs_once_a_day():
    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    for sweep in ("mail.sweep_outbox", "edi.sweep_webhooks", "eu.sweep_outbox", "eu.run_simulator"):
        assert schedule[sweep] == 60.0
    for daily in (
        "reports.purge_unactivated_accounts",
        "reports.remind_overdue_receipts",
        "reports.flag_late_fallback_documents",
    ):
        assert isinstance(schedule[daily], crontab)
        # Once a day, every day (at one hour and minute, Paris time).
        assert len(schedule[daily].hour) == len(schedule[daily].minute) == 1
        assert len(schedule[daily].day_of_week) == 7 and len(schedule[daily].day_of_month) == 31


def test_a_publish_error_is_logged_and_not_raised(caplog):
    task = deliver_mail
    with mock.patch.object(task, "apply_async", side_effect=OperationalError("connection refused")):
        assert publish(task, 42) is False
    assert "mail.deliver" in caplog.text and "42" in caplog.text


@pytest.mark.django_db
def test_hand_over_publishes_after_commit_only(django_capture_on_commit_callbacks):
    task = deliver_mail
    with mock.patch.object(task, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            hand_over(task, 7)
            assert not apply_async.called
        apply_async.assert_called_once_with((7,), {})
