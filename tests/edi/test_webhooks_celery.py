"""EDI notifications through Celery (issue 13): each delivery row is handed to the task
``edi.deliver_webhook`` after the commit that wrote it (eager in the tests), a broker down at that
moment leaves it pending for the sweep (``edi.sweep_webhooks``, beat every minute), and a task run
twice, or racing the sweep, posts once."""

from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from edi import webhook_config, webhooks
from edi.models import Delivery, DeliveryStatus
from edi.tasks import deliver_webhook, sweep_webhooks
from tests.edi.test_webhooks import NUMBER_A, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooked(edi, receiver):
    return webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=receiver.url()).secret


def test_a_committed_message_is_posted_by_the_task_and_a_rolled_back_one_is_not(
    edi, receiver, hooked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(edi.world, [NUMBER_A], n=1)
        assert receiver.requests == []  # nothing leaves before the commit
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(edi.world, [NUMBER_A], n=2)
            raise RuntimeError("the message is refused")
    [delivery] = Delivery.objects.all()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert [request.headers["webhook-id"] for request in receiver.requests] == [str(delivery.event_id)]


def test_a_broker_down_at_commit_leaves_the_row_pending_and_the_sweep_posts_it(
    edi, receiver, hooked, django_capture_on_commit_callbacks, caplog
):
    down = mock.patch.object(deliver_webhook, "apply_async", side_effect=OperationalError("connection refused"))
    with down, django_capture_on_commit_callbacks(execute=True):
        publish(edi.world, [NUMBER_A], n=3)  # no exception reaches the writer
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
    assert receiver.requests == [] and "not published" in caplog.text
    assert tuple(sweep_webhooks.delay().get()) == (1, 0)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(receiver.requests) == 1


def test_a_task_run_twice_or_racing_the_sweep_posts_once(edi, receiver, hooked):
    publish(edi.world, [NUMBER_A], n=4)  # the test's transaction never commits: no task yet
    delivery = Delivery.objects.get()
    claimed = webhooks._claim(timezone.now(), delivery.pk)  # a worker is posting it
    assert deliver_webhook.delay(delivery.pk).get() is False
    assert tuple(sweep_webhooks.delay().get()) == (0, 0)
    webhooks.attempt(claimed, now=timezone.now())
    assert deliver_webhook.delay(delivery.pk).get() is False  # delivered: a repeat posts nothing
    assert tuple(sweep_webhooks.delay().get()) == (0, 0)
    assert len(receiver.requests) == 1
