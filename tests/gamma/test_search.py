"""Search of a number's movements (gamma.search): references, every filter — « non apurés
uniquement » first —, sorts, the kinds a user may search, and the CSV export."""

import csv
import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gamma import actions, lifecycle, search
from gamma.models import Movement, MovementAction, MovementEvent, MovementKind, MovementStatus
from gamma.search import Filters
from tests.factories.gamma import MovementFactory, MovementLineFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

S = MovementStatus
TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)
ALL_KINDS = list(MovementKind.values)


def found(world, number=None, kinds=ALL_KINDS, **filters):
    excise_number = number or world.excise_a
    filters.setdefault("not_discharged_only", False)
    rows = search.search(excise_number=excise_number, kinds=kinds, filters=Filters(**filters), today=TODAY)
    return search.with_details(search.ids(rows))


@pytest.fixture
def movements(world):
    """Company A's: two dispatched to B (one discharged), one received from B, one draft; and one
    of B's to somebody else."""
    return {
        "to_b": shipped(world, local_reference_number="LRN-TO-B", dispatch_date=TODAY - 3 * DAYS, journey_time="D01"),
        "to_b_done": shipped(world, status=S.DELIVERED, dispatch_date=TODAY - 10 * DAYS),
        "from_b": MovementFactory(
            validated=True, consignor=world.excise_b, consignee_identifier=CONSIGNOR_NUMBER, dispatch_date=TODAY
        ),
        "draft": MovementFactory(consignor=world.excise_a, consignee_identifier=CONSIGNEE_NUMBER),
        "b_elsewhere": MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001"),
    }


def test_a_number_sees_what_it_dispatched_and_receives_never_drafts_nor_others(world, movements):
    assert set(found(world)) == {movements["to_b"], movements["to_b_done"], movements["from_b"]}
    assert set(found(world, direction=search.DISPATCHED)) == {movements["to_b"], movements["to_b_done"]}
    assert found(world, direction=search.RECEIVED) == [movements["from_b"]]
    assert movements["b_elsewhere"] in found(world, number=world.excise_b)
    assert movements["b_elsewhere"] not in found(world)


def test_not_yet_discharged_only(world, movements):
    cancelled = shipped(world, status=S.CANCELLED)
    refused = shipped(world, status=S.REFUSED)
    result = found(world, not_discharged_only=True)
    assert movements["to_b_done"] not in result and cancelled not in result
    assert {movements["to_b"], movements["from_b"], refused} <= set(result)
    assert Filters().not_discharged_only  # the page's default


def test_by_reference(world, movements):
    arc = movements["to_b"].arc
    assert found(world, arc=f" {arc[:10].lower()} {arc[10:]} ") == [movements["to_b"]]
    assert found(world, lrn="LRN-TO-B") == [movements["to_b"]]
    assert found(world, arc=movements["b_elsewhere"].arc) == []  # not one of A's
    assert set(found(world, partner="fr009990f0005")) == {
        movements["to_b"],
        movements["to_b_done"],
        movements["from_b"],
    }
    assert found(world, partner=CONSIGNEE_NUMBER, direction=search.RECEIVED) == [movements["from_b"]]
    assert found(world, partner="FR000000E0000") == []


def test_by_status_product_and_dates(world, movements):
    assert found(world, status=S.DELIVERED) == [movements["to_b_done"]]
    beer = shipped(world, complete=False)
    MovementLineFactory(movement=beer, body_record_unique_reference=1, excise_product_code="B000", cn_code="22030001")
    assert found(world, epc="b000") == [beer]
    assert movements["to_b"] in found(world, epc="W200") and beer not in found(world, epc="W200")
    window = found(world, dispatched_from=TODAY - 4 * DAYS, dispatched_to=TODAY - 2 * DAYS)
    assert window == [movements["to_b"]]


def report(world, movement, arrived: datetime.date, conclusion: int = 1):
    return lifecycle.transition(
        movement,
        MovementAction.REPORT_OF_RECEIPT,
        actor=world.bob,
        role=lifecycle.CONSIGNEE,
        payload={
            "global_conclusion": conclusion,
            "report_of_receipt_export": {"date_of_arrival_of_excise_products": arrived},
        },
    )


def test_by_date_of_receipt(world, movements):
    movement = movements["to_b"]
    report(world, movement, TODAY - DAYS)
    assert found(world, received_from=TODAY - 2 * DAYS, received_to=TODAY) == [movement]
    assert found(world, received_from=TODAY - DAYS, received_to=TODAY - DAYS) == [movement]
    assert found(world, received_from=TODAY) == []
    assert found(world, received_to=TODAY - 2 * DAYS) == []
    # The consignee finds it too (the other side of the number); a movement never received, never.
    assert found(world, number=world.excise_b, received_to=TODAY) == [movement]
    assert movements["to_b_done"] not in found(world, received_to=TODAY)


def test_the_date_of_arrival_is_kept_on_the_movement_by_the_report_of_receipt(world, movements):
    load_reason_lists()
    movement = movements["to_b"]
    actions.movement_report_receipt(
        movement=movement,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        today=TODAY,
        date_of_arrival=TODAY - DAYS,
        global_conclusion=1,
    )
    movement.refresh_from_db()
    assert (movement.status, movement.received_on) == (S.DELIVERED, TODAY - DAYS)
    # Other steps of its life leave it as it is.
    lifecycle.transition(movement, MovementAction.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNEE)
    movement.refresh_from_db()
    assert movement.received_on == TODAY - DAYS
    assert Movement.objects.get(pk=movements["to_b_done"].pk).received_on is None


def test_a_new_report_of_receipt_replaces_the_date_of_arrival(world, movements):
    # Refused on arrival, sent elsewhere, received there: the movement arrived on the later date.
    movement = movements["to_b"]
    report(world, movement, TODAY - 3 * DAYS, conclusion=3)
    assert Movement.objects.get(pk=movement.pk).received_on == TODAY - 3 * DAYS
    lifecycle.transition(movement, MovementAction.CHANGE_DESTINATION, actor=world.antoine, role=lifecycle.CONSIGNOR)
    assert Movement.objects.get(pk=movement.pk).received_on == TODAY - 3 * DAYS  # still the last report's
    report(world, movement, TODAY - DAYS)
    assert Movement.objects.get(pk=movement.pk).received_on == TODAY - DAYS
    assert found(world, received_from=TODAY - DAYS) == [movement]
    assert found(world, received_to=TODAY - 2 * DAYS) == []


def test_the_migration_fills_the_date_of_arrival_from_the_reports(world, movements):
    fill = importlib.import_module("gamma.migrations.0005_movement_received_on").fill_received_on
    twice, once = movements["to_b"], movements["from_b"]
    for movement, at, arrived in (
        (twice, timezone.now() - DAYS, TODAY - DAYS),  # the latest report (by date) is the one kept
        (twice, timezone.now() - 2 * DAYS, TODAY - 3 * DAYS),
        (once, timezone.now(), TODAY),
    ):
        MovementEvent.objects.create(
            movement=movement,
            at=at,
            action=MovementAction.REPORT_OF_RECEIPT,
            from_status=S.ACCEPTED,
            to_status=S.DELIVERED,
            payload={"report_of_receipt_export": {"date_of_arrival_of_excise_products": arrived.isoformat()}},
        )
    MovementEvent.objects.create(
        movement=movements["to_b_done"],
        action=MovementAction.EXPLAIN_DELAY,
        from_status=S.DELIVERED,
        to_status=S.DELIVERED,
        payload={"report_of_receipt_export": {"date_of_arrival_of_excise_products": TODAY.isoformat()}},
    )
    assert not Movement.objects.filter(received_on__isnull=False).exists()  # written outside the lifecycle
    fill(django_apps, SimpleNamespace(connection=connection))
    received = dict(Movement.objects.filter(received_on__isnull=False).values_list("pk", "received_on"))
    assert received == {twice.pk: TODAY - DAYS, once.pk: TODAY}


def test_overdue_receipt(world, movements):
    # to_b left 3 days ago for a one-day journey: overdue; from_b leaves today.
    assert found(world, overdue_only=True) == [movements["to_b"]]


def test_overdue_in_sql_is_overdue_in_python(world):
    movements = [
        shipped(world, complete=False, journey_time=journey_time, dispatch_date=TODAY - days_ago * DAYS, status=status)
        for journey_time in ("H01", "H24", "D01", "D02", "D10", "D92", "", "X12", "H00")
        for days_ago in (0, 1, 2, 3, 11, 93, 100)
        for status in (S.ACCEPTED, S.DELIVERED)
    ]
    in_sql = set(Movement.objects.filter(search.overdue_q(TODAY)))
    in_python = {movement for movement in movements if search.is_overdue(movement, today=TODAY)}
    assert in_sql == in_python
    assert len(in_python) == 24  # H01, H24 (5 dates each), D01 (5), D02 (4), D10 (3), D92 (2)


def test_expected_arrival():
    movement = Movement(dispatch_date=datetime.date(2026, 3, 1), journey_time="D03")
    assert search.expected_arrival(movement) == datetime.date(2026, 3, 4)
    movement.journey_time = "H05"
    assert search.expected_arrival(movement) == datetime.date(2026, 3, 2)
    movement.journey_time = ""
    assert search.expected_arrival(movement) is None


def test_only_the_kinds_the_user_may_search(world, movements):
    dsa = shipped(world, kind=MovementKind.DSA)
    daes = shipped(world, daes=True)
    result = found(world, kinds=[MovementKind.DAE, MovementKind.DAES])
    assert daes in result and dsa not in result
    assert found(world, kinds=[MovementKind.DSA]) == [dsa]


def test_sorts(world, movements):
    dispatched = found(world, sort="dispatch_date")
    assert [m.dispatch_date for m in dispatched] == sorted(m.dispatch_date for m in dispatched)
    newest = found(world)
    assert [m.validated_at for m in newest] == sorted((m.validated_at for m in newest), reverse=True)
    assert found(world, sort="nonsense") == newest  # an unknown sort falls back to the default


def test_rows_say_who_the_other_trader_is(world, movements):
    ids = [movements["to_b"].pk, movements["from_b"].pk]
    rows = [search.row(m, number=CONSIGNOR_NUMBER, today=TODAY) for m in search.with_details(ids)]
    assert [(r.direction, r.partner_number) for r in rows] == [
        (search.DISPATCHED, CONSIGNEE_NUMBER),
        (search.RECEIVED, CONSIGNEE_NUMBER),
    ]
    assert rows[0].products == "W200" and rows[0].overdue
    assert rows[1].partner_name == world.company_b.name


def test_csv_export(world, movements):
    movement = movements["to_b"]
    consignee = movement.traders.get(role="consignee")
    consignee.trader_name = "=HYPERLINK(1)"
    consignee.save()
    result = search.search(excise_number=world.excise_a, kinds=ALL_KINDS, filters=Filters(), today=TODAY)
    text = "".join(search.csv_lines(result, number=CONSIGNOR_NUMBER, today=TODAY))
    assert text.startswith("\ufeffARC;LRN;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == search.CSV_HEADER
    assert {r[0] for r in rows[1:]} == {movement.arc, movements["from_b"].arc}  # discharged left out
    mine = next(r for r in rows if r[0] == movement.arc)
    assert mine[3] == "Validé" and mine[4] == "X01" and mine[5] == "Expédiés" and mine[-1] == "oui"
    assert mine[7] == "'=HYPERLINK(1)"  # never a formula in the spreadsheet


def test_csv_export_reads_in_batches(world, monkeypatch):
    monkeypatch.setattr(search, "CSV_BATCH", 2)
    for _ in range(5):
        shipped(world)
    result = search.search(excise_number=world.excise_a, kinds=ALL_KINDS, filters=Filters(), today=TODAY)
    lines = list(search.csv_lines(result, number=CONSIGNOR_NUMBER, today=TODAY))
    assert len(lines) == 6


def test_pages_merge_both_sides_in_order(world):
    """Dispatched and received movements interleaved in time: every page is the slice of the whole
    list, sorted as asked, whichever side its rows come from."""
    start = timezone.now() - datetime.timedelta(days=30)
    for day in range(12):
        at = start + datetime.timedelta(days=day)
        if day % 3:
            shipped(world, complete=False, validated_at=at, dispatch_date=TODAY - day * DAYS)
        else:
            MovementFactory(
                validated=True,
                complete=False,
                consignor=world.excise_b,
                consignee_identifier=CONSIGNOR_NUMBER,
                validated_at=at,
                dispatch_date=TODAY - day * DAYS,
            )
    for sort, key, reverse in (("-validated_at", "validated_at", True), ("dispatch_date", "dispatch_date", False)):
        rows = search.search(
            excise_number=world.excise_a, kinds=ALL_KINDS, filters=Filters(not_discharged_only=False, sort=sort)
        )
        everything = search.with_details(search.ids(rows))
        assert len(everything) == rows.count() == 12
        assert [getattr(m, key) for m in everything] == sorted((getattr(m, key) for m in everything), reverse=reverse)
        assert search.ids(rows[3:7]) == [m.pk for m in everything[3:7]]
        assert [row[0] for row in rows.iterator(chunk_size=5)] == [m.pk for m in everything]


def test_counts_and_pages_run_without_parallel_workers_and_leave_the_setting_as_it_was(world, movements):
    """On PostgreSQL, a count or a page is planned without parallel workers (cheaper for such short
    reads) and the caller's transaction gets its own setting back; elsewhere nothing is set."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 3")
    rows = search.search(excise_number=world.excise_a, kinds=ALL_KINDS, filters=Filters(not_discharged_only=False))
    with CaptureQueriesContext(connection) as queries:
        assert rows.count() == 3 and len(rows[:2]) == 2
    statements = [query["sql"] for query in queries.captured_queries]
    settings = [sql for sql in statements if "max_parallel_workers_per_gather" in sql]
    assert len(settings) == (6 if postgresql else 0)  # read, set to 0, put back: for the count and the page
    if postgresql:
        assert "= 0" in statements[statements.index(next(s for s in statements if "COUNT(*)" in s)) - 1]
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('max_parallel_workers_per_gather')")
            assert cursor.fetchone()[0] == "3"
