"""The outbox to the other member states through Celery (issue 13): each row is handed to the
task ``eu.deliver_exchange`` after the commit that wrote it (eager in the tests), a broker down at
that moment leaves it pending for the sweep (``eu.sweep_outbox``, beat every minute), a task run
twice sends once, and a row that cannot be sent is retried for 72 h, then abandoned."""

import datetime as dt
import itertools
from unittest import mock

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from eu import outbox, simulator
from eu.models import Direction, Exchange, ExchangeState, SimulatedMessage
from eu.tasks import deliver_exchange, run_simulator, sweep_outbox
from prodouane import backoff
from tests.eu.test_exchanges import dae_to_germany

pytestmark = pytest.mark.django_db


def test_a_committed_dae_is_sent_by_the_task_and_a_rolled_back_one_is_not(
    world, emcs_codelists, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            dae_to_germany(world)
            raise RuntimeError("rolled back")
        assert not Exchange.objects.exists()
        movement = dae_to_germany(world)
        assert not SimulatedMessage.objects.exists()  # nothing leaves before the commit
    row = Exchange.objects.get(direction=Direction.OUT)
    assert (row.state, row.attempts, row.movement) == (ExchangeState.SENT, 1, movement)
    assert SimulatedMessage.objects.get().message_identifier == row.message_identifier
    assert run_simulator.delay().get() == 1  # the simulated member state's answer, under beat


def test_a_broker_down_at_commit_leaves_the_row_pending_and_the_sweep_sends_it(
    world, emcs_codelists, django_capture_on_commit_callbacks, caplog
):
    down = mock.patch.object(deliver_exchange, "apply_async", side_effect=OperationalError("connection refused"))
    with down, django_capture_on_commit_callbacks(execute=True):
        dae_to_germany(world)  # the user's validation succeeds
    row = Exchange.objects.get(direction=Direction.OUT)
    assert (row.state, row.attempts) == (ExchangeState.PENDING, 0)
    assert "not published" in caplog.text
    assert tuple(sweep_outbox.delay().get()) == (1, 0)
    row.refresh_from_db()
    assert row.state == ExchangeState.SENT
    assert SimulatedMessage.objects.count() == 1


def test_a_task_run_twice_or_racing_the_sweep_sends_once(world, emcs_codelists):
    dae_to_germany(world)  # the test's transaction never commits: no task yet
    row = Exchange.objects.get(direction=Direction.OUT)
    claimed = outbox._claim(timezone.now(), row.pk)  # a worker is sending it
    assert deliver_exchange.delay(row.pk).get() is False
    assert tuple(sweep_outbox.delay().get()) == (0, 0)
    assert outbox._attempt(claimed, timezone.now()) is True
    assert deliver_exchange.delay(row.pk).get() is False
    assert tuple(sweep_outbox.delay().get()) == (0, 0)
    assert SimulatedMessage.objects.count() == 1


def test_a_row_that_cannot_be_sent_is_retried_with_backoff_for_72_hours_then_abandoned(
    world, emcs_codelists, monkeypatch
):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        dae_to_germany(world)
    row = Exchange.objects.get(direction=Direction.OUT)

    def down(*args, **kwargs):
        raise ConnectionError("réseau indisponible")

    monkeypatch.setattr(simulator, "send", down)
    moments = []
    while row.state == ExchangeState.PENDING:
        moments.append(row.next_attempt_at)
        with time_machine.travel(row.next_attempt_at, tick=False):
            assert tuple(sweep_outbox.delay().get()) == (0, 1)
        row.refresh_from_db()
        assert len(moments) < 100
    assert row.state == ExchangeState.FAILED and "indisponible" in row.error
    assert moments[-1] == row.created_at + backoff.RETRY_FOR
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments[:-1])]
    assert all(later >= earlier * 1.5 for earlier, later in itertools.pairwise(gaps[:10]))
    assert max(gaps) <= backoff.MAX_DELAY
    monkeypatch.undo()
    assert outbox.deliver_due(now=row.created_at + dt.timedelta(days=10)) == (0, 0)  # abandoned: never sent
