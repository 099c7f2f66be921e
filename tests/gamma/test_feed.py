"""gamma.feed: who gets each message, the feed of an excise number oldest first, read page by page
with a signed cursor, and no message ever skipped even when the publishing transactions commit in
another order than they started (real threads, each with its own connection)."""

import random
import sqlite3
import threading
import time

import pytest
from django.core import signing
from django.db import IntegrityError, connection, connections, transaction

from gamma import feed
from gamma.models import FeedEntry, MessageDirection, MovementMessage
from tests.factories.gamma import MovementFactory
from tests.factories.register import ExciseNumberFactory

CONSIGNOR = "FR008777E0001"
CONSIGNEE = "FR009990F0005"
OTHER = "FR014940D0007"


def movement(consignor=CONSIGNOR, consignee=CONSIGNEE):
    return MovementFactory(
        validated=True, complete=False, consignor=ExciseNumberFactory(number=consignor), consignee_identifier=consignee
    )


def message(on, message_type="IE801", n=0):
    return MovementMessage.objects.create(
        movement=on,
        message_type=message_type,
        message_identifier=f"uuid:{message_type}-{on.pk}-{n}",
        direction=MessageDirection.SENT,
        xml=b"<x/>",
        sha256="0" * 64,
    )


def published(on, recipients, message_type="IE801", n=0):
    with transaction.atomic():
        stored = message(on, message_type, n)
        feed.publish(stored, recipients)
    return stored


def read_all(numbers, *, limit=2, after=None):
    """Every entry after ``after``, page by page; the pages' sizes and the last cursor."""
    entries, sizes = [], []
    while True:
        page, after = feed.read(numbers, after=after, limit=limit)
        if not page:
            return entries, sizes, after
        entries += page
        sizes.append(len(page))


# --- Who gets what --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("message_type", "role", "expected"),
    [
        ("IE801", None, [CONSIGNOR, CONSIGNEE]),
        ("IE802", None, [CONSIGNEE]),  # the reminder: to the consignee who must report the receipt
        ("IE810", "consignor", [CONSIGNEE]),
        ("IE818", "consignee", [CONSIGNOR]),
        ("IE819", "consignee", [CONSIGNOR]),
        ("IE837", "consignor", [CONSIGNEE]),
        ("IE837", "consignee", [CONSIGNOR]),
        ("IE871", "consignor", [CONSIGNEE]),
        ("IE871", "consignee", [CONSIGNOR]),
    ],
)
def test_each_message_goes_to_the_other_party_and_the_ie801_to_both(message_type, role, expected):
    assert feed.recipients_of(movement(), message_type, role=role) == expected


@pytest.mark.django_db
def test_a_change_of_destination_goes_to_the_new_consignee_and_its_notice_to_the_one_it_leaves():
    changed = movement(consignee=OTHER)  # as it stands after the IE813
    assert feed.recipients_of(changed, "IE813", role="consignor") == [OTHER]
    assert feed.recipients_of(changed, "IE803", previous_consignee=CONSIGNEE) == [CONSIGNEE]
    assert feed.recipients_of(changed, "IE803", previous_consignee="DE012345678AB") == []
    with pytest.raises(ValueError, match="IE803"):
        feed.recipients_of(changed, "IE803")


@pytest.mark.django_db
def test_only_french_excise_numbers_have_a_feed():
    to_germany = movement(consignee="DE012345678AB")
    assert feed.recipients_of(to_germany, "IE801") == [CONSIGNOR]
    assert feed.recipients_of(to_germany, "IE810") == []
    to_itself = movement(consignee=CONSIGNOR)  # a transfer between two places of one warehousekeeper
    assert feed.recipients_of(to_itself, "IE801") == [CONSIGNOR]


@pytest.mark.django_db
def test_a_received_movement_whose_consignor_is_not_in_the_register_names_its_consignor_trader():
    received = MovementFactory(validated=True, consignor=None, consignee_identifier=CONSIGNEE)
    assert feed.recipients_of(received, "IE818") == ["FR099999E9999"]  # the factory's consignor trader


@pytest.mark.django_db
def test_an_explanation_says_whose_it_is_and_an_unknown_message_has_no_recipients():
    with pytest.raises(ValueError, match="role"):
        feed.recipients_of(movement(), "IE837")
    with pytest.raises(ValueError, match="IE999"):
        feed.recipients_of(movement(), "IE999")


# --- Publishing -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_writes_one_entry_per_recipient_once():
    stored = published(movement(), [CONSIGNOR, CONSIGNEE, CONSIGNOR])
    assert sorted(stored.feed_entries.values_list("excise_number", flat=True)) == [CONSIGNOR, CONSIGNEE]
    with pytest.raises(IntegrityError), transaction.atomic():
        feed.publish(stored, [CONSIGNEE])  # a database constraint: never twice in one feed


@pytest.mark.django_db
def test_publishing_refuses_what_is_not_a_french_excise_number():
    with pytest.raises(ValueError, match="DE012345678AB"), transaction.atomic():
        feed.publish(message(movement()), ["DE012345678AB"])
    assert not FeedEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_publishing_outside_the_messages_transaction_is_a_programming_error():
    stored = message(movement())
    with pytest.raises(RuntimeError, match="transaction"):
        feed.publish(stored, [CONSIGNEE])
    assert not FeedEntry.objects.exists()


# --- Reading --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_feed_gives_a_numbers_messages_oldest_first_page_by_page():
    shipped = movement()
    stored = [
        published(shipped, [CONSIGNOR, CONSIGNEE]),  # the IE801: both
        published(shipped, [CONSIGNOR], "IE818"),  # the consignee's receipt: to the consignor
        published(shipped, [CONSIGNEE], "IE810"),  # not the consignor's
        published(shipped, [CONSIGNOR], "IE837", n=1),
        published(shipped, [CONSIGNOR], "IE837", n=2),
    ]
    entries, sizes, last = read_all([CONSIGNOR], limit=2)
    assert [entry.message for entry in entries] == [stored[0], stored[1], stored[3], stored[4]]
    assert sizes == [2, 2]
    assert {entry.excise_number for entry in entries} == {CONSIGNOR}
    assert [entry.message for entry in read_all([CONSIGNEE], limit=10)[0]] == [stored[0], stored[2]]

    # Reading on from the last cursor gives what was published since, and nothing else.
    later = published(shipped, [CONSIGNOR], "IE871")
    page, cursor = feed.read([CONSIGNOR], after=last, limit=10)
    assert [entry.message for entry in page] == [later] and cursor == page[-1].cursor
    # Each entry's cursor reads on after it.
    page, _ = feed.read([CONSIGNOR], after=entries[1].cursor, limit=1)
    assert [entry.message for entry in page] == [stored[3]]


@pytest.mark.django_db
def test_an_empty_read_gives_back_a_cursor_to_wait_from():
    page, cursor = feed.read([CONSIGNEE], after=None, limit=10)
    assert page == []
    first = published(movement(), [CONSIGNEE])
    page, after = feed.read([CONSIGNEE], after=cursor, limit=10)
    assert [entry.message for entry in page] == [first]
    assert feed.read([CONSIGNEE], after=after, limit=10) == ([], after)
    assert feed.read([], after=after, limit=10) == ([], after)


@pytest.mark.django_db
def test_a_number_sees_only_its_own_messages():
    mine = published(movement(consignee=OTHER), [CONSIGNOR, OTHER])
    published(movement(consignor=CONSIGNEE, consignee="FR012345E0009"), [CONSIGNEE, "FR012345E0009"])
    assert [entry.message for entry in read_all([OTHER])[0]] == [mine]
    assert [entry.message for entry in read_all(["FR099999E9999"])[0]] == []


@pytest.mark.django_db
def test_a_message_to_two_numbers_read_together_comes_once_even_across_pages():
    shipped = movement(consignee="FR008777E0002")  # to another warehouse of the same operator
    stored = [published(shipped, [CONSIGNOR, "FR008777E0002"], n=n) for n in range(3)]
    for limit in (1, 2, 10):
        entries, _sizes, _last = read_all([CONSIGNOR, "FR008777E0002"], limit=limit)
        assert [entry.message for entry in entries] == stored
    assert [entry.message for entry in read_all(["FR008777E0002"], limit=1)[0]] == stored


# Cursors the portal did not give, each made when the test runs (a signature carries the time).
BAD_CURSORS = {
    "empty": lambda: "",
    "a bare position": lambda: "42",
    "unsigned": lambda: "abc:def",
    "1 MB": lambda: "x" * 1_000_000,
    "NUL": lambda: "\x00",
    "not ASCII": lambda: "é:é:é",
    "signed for something else": lambda: signing.dumps(1, salt="another.salt"),
    "a text position": lambda: signing.dumps("1", salt=feed.CURSOR_SALT),
    "a negative position": lambda: signing.dumps(-1, salt=feed.CURSOR_SALT),
    "a boolean position": lambda: signing.dumps(True, salt=feed.CURSOR_SALT),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_CURSORS)
def test_a_cursor_the_portal_did_not_give_is_refused_in_french(kind):
    with pytest.raises(feed.BadCursor) as refused:
        feed.read([CONSIGNEE], after=BAD_CURSORS[kind](), limit=10)
    assert "Curseur invalide" in refused.value.message


@pytest.mark.django_db
def test_an_altered_cursor_is_refused():
    published(movement(), [CONSIGNEE])
    _page, cursor = feed.read([CONSIGNEE], after=None, limit=1)
    altered = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
    with pytest.raises(feed.BadCursor):
        feed.read([CONSIGNEE], after=altered, limit=1)


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [0, -1, feed.MAX_LIMIT + 1, True, "10"])
def test_a_limit_out_of_range_is_refused_in_french(limit):
    with pytest.raises(feed.FeedError, match="de 1 à 500"):
        feed.read([CONSIGNEE], after=None, limit=limit)


# --- Concurrency ----------------------------------------------------------------------------------

WRITERS = 20
MESSAGES_PER_WRITER = 5


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database every thread reaches, as the portal's is: on PostgreSQL the test database; on
    SQLite a file copy of it (WAL, BEGIN IMMEDIATE as in the settings), since the in-memory test
    database with a shared cache fails a second writer at once instead of making it wait."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "portal.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    # WAL set once here: twenty threads switching the file to it at their first connection
    # (the settings' init_command) raced for the lock that switch takes (« database is locked »).
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    settings = connections.settings[connection.alias]
    name, options = settings["NAME"], settings.get("OPTIONS", {})
    settings["NAME"] = str(path)  # connections opened from now on (the threads') use the copy
    settings["OPTIONS"] = {**options, "timeout": 120}  # writers wait for the lock, however loaded the machine
    yield
    settings["NAME"], settings["OPTIONS"] = name, options


def in_thread(function, *args):
    """Run ``function`` in a thread of its own (its own connection, closed after), return its result."""
    box = {}

    def run():
        try:
            box["result"] = function(*args)
        except Exception as error:  # handed back to the caller
            box["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


def test_twenty_writers_and_a_reader_paging_meanwhile_every_message_exactly_once_in_order(shared_database):
    """Twenty threads publish, each transaction waiting a random moment between its publication
    and its commit (so that, without the feed's lock, a later id could commit before an earlier
    one), while a reader pages the feed: it sees every message once, positions always going up."""
    shipped = in_thread(movement)
    done = threading.Event()
    start = threading.Barrier(WRITERS + 1)
    failures: list[str] = []
    seen: list[tuple[int, int]] = []  # (position, message id) as the reader got them

    def write(writer: int) -> None:
        try:
            start.wait()
            rng = random.Random(writer)
            for n in range(MESSAGES_PER_WRITER):
                with transaction.atomic():
                    stored = message(shipped, "IE801", writer * 100 + n)
                    feed.publish(stored, [CONSIGNEE])
                    time.sleep(rng.uniform(0, 0.004))  # commits in another order than they started
                time.sleep(rng.uniform(0, 0.002))
        except Exception as error:  # reported by the test
            failures.append(f"writer {writer}: {error!r}")
        finally:
            connection.close()

    def page_through() -> None:
        cursor = None
        try:
            start.wait()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                finished = done.is_set()  # read before the page: a page after it has seen everything
                page, cursor = feed.read([CONSIGNEE], after=cursor, limit=7)
                seen.extend((feed._position(entry.cursor), entry.message.pk) for entry in page)
                if finished and not page:
                    return
                if not page:
                    # An empty page: the reader waits a moment before asking again, as a client
                    # polls. Asking in a tight loop (180,000 pages in 2 minutes) kept the GIL from
                    # the writers, whose transactions, holding SQLite's lock, then took seconds each:
                    # the test timed out now and then.
                    time.sleep(0.005)
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
    published_ids = in_thread(lambda: sorted(FeedEntry.objects.values_list("message_id", flat=True)))
    assert len(published_ids) == WRITERS * MESSAGES_PER_WRITER
    assert sorted(pk for _position, pk in seen) == published_ids  # every one, exactly once
    positions = [position for position, _pk in seen]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)  # never backwards


def test_a_publication_waits_for_the_one_before_it_to_commit(shared_database):
    """The out-of-order case itself: A publishes and stays open; B publishes meanwhile and must
    wait; a reader sees neither until A commits; then A before B, whatever B's haste."""
    shipped = in_thread(movement)
    a_published, a_may_commit = threading.Event(), threading.Event()
    b_committed = threading.Event()
    failures: list[str] = []
    ids = {}

    def a() -> None:
        try:
            with transaction.atomic():
                ids["a"] = feed.publish(message(shipped, n=1), [CONSIGNEE])[0].message_id
                a_published.set()
                a_may_commit.wait(timeout=30)
        except Exception as error:
            failures.append(f"A: {error!r}")
        finally:
            connection.close()

    def b() -> None:
        try:
            with transaction.atomic():
                ids["b"] = feed.publish(message(shipped, n=2), [CONSIGNEE])[0].message_id
            b_committed.set()
        except Exception as error:
            failures.append(f"B: {error!r}")
        finally:
            connection.close()

    first, second = threading.Thread(target=a), threading.Thread(target=b)
    first.start()
    assert a_published.wait(timeout=30)
    second.start()
    assert not b_committed.wait(timeout=0.5)  # B waits for A's end
    assert in_thread(lambda: feed.read([CONSIGNEE], after=None, limit=10))[0] == []
    a_may_commit.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert not failures, failures
    page = in_thread(lambda: feed.read([CONSIGNEE], after=None, limit=10))[0]
    assert [entry.message.pk for entry in page] == [ids["a"], ids["b"]]
