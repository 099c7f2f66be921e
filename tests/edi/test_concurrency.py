"""The same message sent twenty times at once (a provider's retries racing each other) makes one
movement: the first request to claim its MessageIdentifier holds it (a unique constraint), the
others wait for its answer and give it again, byte for byte. Run on PostgreSQL too (CI)."""

import threading

from django.db import connection
from django.test import Client

from edi import credentials
from edi.models import InboundMessage
from gamma import mapping
from gamma import messages as gamma_messages
from gamma.models import Movement
from tests.edi.conftest import PROVIDER_SIRET
from tests.factories.habilitations import build_world
from tests.gamma.drafting import complete_dae
from tests.gamma.test_services import in_thread, shared_database  # noqa: F401 - the fixture

SENDERS = 20


def test_the_same_message_twenty_times_at_once_makes_one_movement(shared_database):  # noqa: F811
    def prepare():
        world = build_world()
        world.adhesion_a.edi_enabled = True
        world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
        world.adhesion_a.save()
        issued = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET)
        draft = complete_dae(world.antoine, world.excise_a)
        data = gamma_messages.serialise(mapping.ie815_message(draft))
        draft.delete()
        return issued.token, data

    token, data = in_thread(prepare)
    start = threading.Barrier(SENDERS)
    answers, failures = [], []

    def send():
        try:
            start.wait()
            response = Client().post(
                "/edi/v1/messages", data=data, content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            answers.append((response.status_code, response.content))
        except Exception as error:  # reported below
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert {status for status, _ in answers} == {201}
    assert len({content for _, content in answers}) == 1
    counts = in_thread(
        lambda: (
            Movement.objects.count(),
            InboundMessage.objects.count(),
            InboundMessage.objects.filter(holds_identifier=True).count(),
            InboundMessage.objects.exclude(replay_of=None).count(),
        )
    )
    assert counts == (1, SENDERS, 1, SENDERS - 1)
