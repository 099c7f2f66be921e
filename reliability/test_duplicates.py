"""Duplicates over HTTP, against gunicorn and PostgreSQL: the same validation form posted twice at
once (a double click), the same EDI MessageIdentifier sent N times in parallel, N GPS numbers asked
at once — one result each, no gap."""

import datetime
import zoneinfo

from checks import validated
from client import Client, logged_in, together, validate
from conftest import SCALE, figure

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_a_validation_posted_twice_at_once_issues_one_arc(topology):
    seed = topology.seed
    count = SCALE["duplicates"]
    drafts = topology.take_drafts(count)
    clients = logged_in(seed, 2)
    statuses = []
    for pk in drafts:
        results = together(2, lambda index, pk=pk: validate(clients[index], seed, pk))
        statuses += [response.status for _, response in results]
        assert sum(ok for ok, _ in results) == 1, [(r.status, r.headers.get("location")) for _, r in results]
        assert all(0 < response.status < 500 for _, response in results), [r.status for _, r in results]
    arcs = validated(topology, drafts)
    events = topology.sql(
        "SELECT movement_id, count(*) FROM gamma_movementevent WHERE movement_id = ANY(%s) AND action = 'validate' "
        "GROUP BY movement_id",
        [drafts],
    )
    figure(
        f"Double submit: {count} drafts each posted twice at once → {len(set(arcs.values()))} ARC, "
        f"answers {sorted(set(statuses))}"
    )
    assert len(arcs) == count and len(set(arcs.values())) == count
    assert all(n == 1 for _, n in events) and len(events) == count, events


def test_the_same_edi_message_identifier_in_parallel_is_one_movement(topology):
    seed = topology.seed
    count = SCALE["duplicates"]
    message = (
        seed["ie815"]
        .replace(seed["lrn_placeholder"], "RELI-DUP-EDI-000001")
        .replace(seed["identifier_placeholder"], "RELI-DUPLICATE-IDENTIFIER-000000001")
        .encode()
    )
    headers = {"Authorization": f"Bearer {seed['edi_token']}", "Content-Type": "application/xml"}
    results = together(count, lambda _: Client(timeout=60).request("POST", "/edi/v1/messages", message, headers))
    statuses = [response.status for response in results]
    movements = topology.sql("SELECT id, arc FROM gamma_movement WHERE local_reference_number = 'RELI-DUP-EDI-000001'")
    figure(
        f"EDI MessageIdentifier sent {count}× in parallel → {len(movements)} movement; answers "
        + ", ".join(f"{status}×{statuses.count(status)}" for status in sorted(set(statuses)))
    )
    assert len(movements) == 1 and movements[0][1], movements
    assert statuses.count(201) >= 1 and all(status in (200, 201) for status in statuses), statuses
    bodies = {response.text for response in results}
    assert len(bodies) == 1, "a replay must get the first answer again, byte for byte"


def test_gps_numbers_asked_at_once_are_distinct_and_gap_free(topology):
    seed = topology.seed
    count = SCALE["duplicates"]
    clients = logged_in(seed, count)
    moment = datetime.datetime.now(PARIS) + datetime.timedelta(minutes=30)
    form = {
        "nature": "DAA",
        "excise_number": seed["consignor"],
        "vehicle_registration": "457TY24",
        "dispatch_date": f"{moment:%d/%m/%Y}",
        "dispatch_time": f"{moment:%H:%M}",
    }
    before = topology.sql("SELECT count(*) FROM fallback_fallbackdocument")[0][0]
    results = together(
        count,
        lambda index: clients[index].request(
            "POST", "/gps/generer/", {**form, "csrfmiddlewaretoken": clients[index].csrf()}
        ),
    )
    numbers = [r.headers.get("location", "").rstrip("/").rsplit("/", 1)[-1] for r in results if r.status == 302]
    rows = topology.sql('SELECT number, "order" FROM fallback_fallbackdocument ORDER BY "order"')
    orders = [order for _, order in rows]
    figure(
        f"GPS: {count} numbers asked at once → {len(set(numbers))} distinct numbers, orders {orders[0]}…{orders[-1]}"
    )
    assert [r.status for r in results] == [302] * count, [r.status for r in results]
    assert len(set(numbers)) == count and len(rows) == before + count
    assert orders == list(range(1, len(rows) + 1)), "a gap or a number given twice in the series"
