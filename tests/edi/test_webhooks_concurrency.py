"""Four workers sending the notifications at once post each one exactly once: a worker claims a
row under SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite has one writer at a time) and moves
its next attempt ahead before posting (as the Celery sweep, ``edi.sweep_webhooks``, does). Run on
PostgreSQL too (CI)."""

import threading
from collections import Counter
from unittest import mock

from django.db import connection, transaction
from kombu.exceptions import OperationalError

from edi import credentials, webhook_config, webhooks
from edi.models import Delivery, DeliveryStatus
from edi.tasks import deliver_webhook
from gamma import feed
from gamma.models import MessageDirection, MovementMessage
from tests.edi.conftest import PROVIDER_SIRET
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.test_services import in_thread, shared_database  # noqa: F401 - the fixture

WORKERS, MESSAGES = 4, 24


def test_four_workers_post_each_notification_exactly_once(shared_database, receiver):  # noqa: F811
    def prepare():
        world = build_world()
        world.adhesion_a.edi_enabled = True
        world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
        world.adhesion_a.save()
        issued = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET)
        webhook_config.configure(actor=world.agent_a, credential=issued.credential, url=receiver.url())
        for n in range(MESSAGES):
            movement = MovementFactory(
                validated=True, complete=False, consignor=world.excise_a, consignee_identifier="FR009990F0005"
            )
            with transaction.atomic():
                stored = MovementMessage.objects.create(
                    movement=movement,
                    message_type="IE801",
                    message_identifier=f"uuid:IE801-{n}",
                    direction=MessageDirection.SENT,
                    xml=b"<x/>",
                    sha256="0" * 64,
                )
                feed.publish(stored, ["FR008777E0001"])
        return Delivery.objects.count()

    # The broker is down while the messages are published: no task gets the rows, the sweeps do.
    with mock.patch.object(deliver_webhook, "apply_async", side_effect=OperationalError("broker down")):
        assert in_thread(prepare) == MESSAGES
    start = threading.Barrier(WORKERS)
    results, failures = [], []

    def work():
        try:
            start.wait()
            results.append(webhooks.deliver_due())
        except Exception as error:  # reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures
    assert sum(delivered for delivered, _ in results) == MESSAGES
    posted = Counter(request.headers["webhook-id"] for request in receiver.requests)
    assert len(posted) == MESSAGES and set(posted.values()) == {1}
    assert in_thread(lambda: set(Delivery.objects.values_list("status", flat=True))) == {DeliveryStatus.DELIVERED}
