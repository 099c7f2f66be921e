"""The feed through the endpoint while it is written: ten threads take lifecycle actions at once
(each an explanation of delay by the consignor, whose IE837 goes to the consignee's feed), each
transaction lingering a random moment after it published (so that, without the feed's lock, a later
position could commit before an earlier one), while the consignee's software pages
``GET /edi/v1/messages?after=…&limit=5``: it gets every message exactly once, in order. Each
thread has its own connection; on PostgreSQL (CI, ``DATABASE_URL``) the test database itself, on
SQLite a file copy of it (``shared_database``)."""

import random
import threading
import time

from django.db import connection
from django.test import Client

from edi import credentials
from gamma import actions, feed
from gamma.models import FeedEntry
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER
from tests.gamma.test_services import in_thread, shared_database  # noqa: F401 - the fixture

WRITERS = 10
ACTIONS_PER_WRITER = 10


def test_writers_at_once_and_a_reader_paging_the_endpoint_every_message_exactly_once(
    shared_database,  # noqa: F811
    monkeypatch,
    settings,
):
    # The reader polls as fast as it can, for as long as the writers take (longer on a loaded
    # machine): the credential's rate limit is not what this test is about.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "edi": "1000000/m/key"}

    def prepare():
        world = build_world()
        world.adhesion_b.edi_enabled = True
        world.adhesion_b.save()
        issued = credentials.issue(actor=world.agent_b, operator=world.company_b, label="ERP B")
        movements = [
            MovementFactory(validated=True, consignor=world.excise_a, consignee_identifier=CONSIGNEE_NUMBER)
            for _ in range(WRITERS)
        ]
        return world, issued.token, movements

    world, token, movements = in_thread(prepare)

    real_publish = feed.publish
    lingering = threading.local()

    def publish_then_linger(message, recipients):
        entries = real_publish(message, recipients)
        time.sleep(lingering.rng.uniform(0, 0.03))  # the commit comes later, the feed's lock still held
        return entries

    monkeypatch.setattr(feed, "publish", publish_then_linger)
    start = threading.Barrier(WRITERS + 1)
    done = threading.Event()
    failures: list[str] = []
    seen: list[int] = []  # message ids, as the reader got them

    def write(writer: int) -> None:
        lingering.rng = random.Random(writer)
        try:
            start.wait()
            for _ in range(ACTIONS_PER_WRITER):
                actions.movement_explain_delay(
                    movement=movements[writer],
                    actor=world.antoine,
                    excise_number=CONSIGNOR_NUMBER,
                    explanation_code="4",
                )
                time.sleep(lingering.rng.uniform(0, 0.03))  # the reader keeps up: it reads at the head
        except Exception as error:  # reported by the test
            failures.append(f"writer {writer}: {error!r}")
        finally:
            connection.close()

    def page_through() -> None:
        client, after = Client(HTTP_AUTHORIZATION=f"Bearer {token}"), None
        try:
            # A first read before the writers start: the first request of a thread is slow (the
            # URLs, the middleware), and the reader must page while they write.
            after = client.get("/edi/v1/messages").json()["next"]
            start.wait()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                finished = done.is_set()  # read before the page: a page after it has seen everything
                response = client.get("/edi/v1/messages", data={"limit": 5} | ({"after": after} if after else {}))
                if response.status_code != 200:
                    failures.append(f"reader: {response.status_code} {response.content[:200]!r}")
                    return
                page = response.json()
                seen.extend(item["id"] for item in page["messages"])
                after = page["next"]
                if finished and not page["messages"]:
                    return
            failures.append("reader: timed out")
        except Exception as error:
            failures.append(f"reader: {error!r}")
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITERS)]
    reader = threading.Thread(target=page_through)
    for thread in [*writers, reader]:
        thread.start()
    for thread in writers:
        thread.join(timeout=120)
    done.set()
    reader.join(timeout=150)

    assert not failures, failures
    published = in_thread(
        lambda: list(
            FeedEntry.objects.filter(excise_number=CONSIGNEE_NUMBER).order_by("id").values_list("message_id", flat=True)
        )
    )
    assert len(published) == WRITERS * ACTIONS_PER_WRITER
    assert seen == published  # every one, exactly once, in the order of the feed
