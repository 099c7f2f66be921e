"""``python -m edi.client pull`` as a unit: the requests it makes (bearer credential, ``after``,
``limit``, page after page) and what it makes of the answers (a line of JSON per message, the next
cursor, kept in a file), against httpx's in-memory transport; then against the live server: a
provider submits for company A, company B's own software pulls its feed and finds the IE801, then
the notice of A's cancellation, and nothing more."""

import io
import json
from pathlib import Path

import httpx

from edi import client, credentials
from gamma.models import Movement, MovementMessage, MovementStatus
from tests.guichet.conftest import ie815_of
from tests.guichet.test_cli_client import provider, run_client  # noqa: F401 - the fixture

EXAMPLES = Path(__file__).resolve().parents[1] / "emcs" / "examples"

ENVIRONMENT = {"EDI_SECRET": "s3cr3t", "EDI_CLIENT_ID": "edi_0123456789abcdef", "EDI_URL": "https://portail.test"}


def run(handler, *args: str):
    seen: list[httpx.Request] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    stdout, stderr = io.BytesIO(), io.StringIO()
    code = client.main(
        list(args), environ=ENVIRONMENT, stdout=stdout, stderr=stderr, transport=httpx.MockTransport(recording)
    )
    return code, stdout.getvalue(), stderr.getvalue(), seen


def entry(ident: int, message_type: str = "IE801") -> dict:
    return {
        "id": ident,
        "type": message_type,
        "arc": "26FRJC3X1BJBDSTBHS700",
        "sequence": 1,
        "excise_number": "FR009990F0005",
        "created_at": "2026-12-04T15:00:00+01:00",
        "url": f"https://portail.test/edi/v1/messages/{ident}",
    }


def test_pull_sends_the_credential_the_cursor_and_the_limit_prints_a_line_per_message_and_the_next_cursor():
    page = {"messages": [entry(7), entry(8, "IE810")], "next": "curseur-2"}
    code, out, err, seen = run(
        lambda request: httpx.Response(200, json=page), "pull", "--after", "curseur-1", "--limit", "2"
    )
    assert code == client.ACCEPTED
    (request,) = seen
    assert str(request.url) == "https://portail.test/edi/v1/messages?limit=2&after=curseur-1"
    assert request.headers["Authorization"] == "Bearer edi_0123456789abcdef.s3cr3t"
    assert [json.loads(line) for line in out.splitlines()] == page["messages"]
    assert "2 message(s) lu(s)." in err and "curseur suivant : curseur-2" in err


def feed_of(pages: dict[str, dict]):
    """A portal whose feed gives ``pages`` by cursor ("" for the first) and each message's XML."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/edi/v1/messages/"):
            ident = request.url.path.rsplit("/", 1)[1]
            return httpx.Response(200, content=f"<IE{ident}/>".encode(), headers={"Content-Type": "application/xml"})
        return httpx.Response(200, json=pages[request.url.params.get("after", "")])

    return handler


PAGES = {
    "": {"messages": [entry(1), entry(2)], "next": "c2"},
    "c2": {"messages": [entry(3, "IE810")], "next": "c3"},
    "c3": {"messages": [], "next": "c3"},
}


def test_pull_all_reads_page_after_page_up_to_the_last():
    code, out, err, seen = run(feed_of(PAGES), "pull", "--all")
    assert code == client.ACCEPTED
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 2, 3]
    assert [request.url.params.get("after") for request in seen] == [None, "c2", "c3"]
    assert "3 message(s) lu(s)." in err and "curseur suivant : c3" in err


def test_the_cursor_file_is_read_at_the_start_and_kept_after_each_page(tmp_path):
    cursor = tmp_path / "curseur"
    code, out, _err, _seen = run(feed_of(PAGES), "pull", "--cursor-file", str(cursor))
    assert code == client.ACCEPTED and cursor.read_text() == "c2\n"
    code, out, _err, seen = run(feed_of(PAGES), "pull", "--cursor-file", str(cursor))
    assert seen[0].url.params["after"] == "c2"
    assert [json.loads(line)["id"] for line in out.splitlines()] == [3]
    assert cursor.read_text() == "c3\n"


def test_a_refused_page_keeps_the_cursor_where_it_was(tmp_path):
    cursor = tmp_path / "curseur"
    cursor.write_text("c2\n")
    problem = {"status": 400, "detail": "Curseur invalide : reprenez la lecture avec le curseur renvoyé."}
    code, out, err, _seen = run(lambda request: httpx.Response(400, json=problem), "pull", "--cursor-file", str(cursor))
    assert code == client.ERROR and out == b""
    assert "Lecture du flux refusée (400) : Curseur invalide" in err
    assert cursor.read_text() == "c2\n"


def test_save_writes_each_message_from_the_portal_it_was_given(tmp_path):
    pages = {"": {"messages": [{**entry(5), "url": "https://ailleurs.test/vol"}], "next": "c"}}
    code, _out, _err, seen = run(feed_of(pages), "pull", "--save", str(tmp_path / "recus"))
    assert code == client.ACCEPTED
    assert (tmp_path / "recus" / "5-IE801.xml").read_bytes() == b"<IE5/>"
    # The credential goes only to --url's portal, whatever address the page names.
    assert [str(request.url) for request in seen][1:] == ["https://portail.test/edi/v1/messages/5"]


def test_a_page_that_is_not_one_is_an_error_said_in_french():
    code, _out, err, _seen = run(lambda request: httpx.Response(200, content=b"<x/>"), "pull")
    assert code == client.ERROR and "n'est pas une page du flux" in err
    code, _out, err, _seen = run(lambda request: httpx.Response(200, json={"messages": [{"id": "1"}]}), "pull")
    assert code == client.ERROR and "n'est pas une page du flux" in err


def test_a_refused_pull_is_an_error():
    code, _out, err, _seen = run(lambda request: httpx.Response(401, json={"detail": "non"}), "pull")
    assert code == client.ERROR and "Lecture du flux refusée (401)" in err


def test_a_server_out_of_reach_is_an_error_said_in_french():
    def unreachable(request):
        raise httpx.ConnectError("connexion refusée", request=request)

    code, _out, err, _seen = run(unreachable, "pull")
    assert code == client.ERROR and err.startswith("Le guichet n'a pas répondu")


def test_submit_exit_codes_follow_the_answer(tmp_path):
    message = tmp_path / "m.xml"
    message.write_bytes(b"<IE815/>")
    for status, expected in ((201, 0), (200, 0), (400, 1), (403, 1), (409, 1), (413, 1), (422, 1), (401, 2), (429, 2)):
        code, out, _err, seen = run(
            lambda request, s=status: httpx.Response(s, content=b"<answer/>"), "submit", str(message)
        )
        assert code == expected, status
        assert out == b"<answer/>\n" and seen[0].content == b"<IE815/>"
        assert seen[0].headers["Content-Type"] == "application/xml"


def test_usage_errors_exit_2():
    stderr = io.StringIO()
    assert client.main(["frobnicate"], environ={}, stdout=io.BytesIO(), stderr=stderr) == client.ERROR


def test_the_consignee_pulls_the_ie801_then_the_cancellation_from_the_live_server(
    live_server,
    provider,  # noqa: F811
    tmp_path,
):
    world, issued = provider
    world.adhesion_b.edi_enabled = True
    world.adhesion_b.save()
    company_b = credentials.issue(actor=world.agent_b, operator=world.company_b, label="ERP B")
    sender = ["--url", live_server.url, "--client-id", issued.credential.client_id]
    reader = ["--url", live_server.url, "--client-id", company_b.credential.client_id]
    cursor, inbox = tmp_path / "curseur", tmp_path / "recus"
    pulled = ["pull", "--cursor-file", str(cursor), "--save", str(inbox), "--all", "--limit", "1", *reader]

    submitted = tmp_path / "IE815.xml"
    submitted.write_bytes(ie815_of(world, lrn="LRN-FIL-1"))
    done = run_client("submit", str(submitted), *sender, secret=issued.secret)
    assert done.returncode == 0, done.stderr.decode()
    movement = Movement.objects.get(local_reference_number="LRN-FIL-1")

    done = run_client(*pulled, secret=company_b.secret)
    assert done.returncode == 0, done.stderr.decode()
    [line] = [json.loads(text) for text in done.stdout.splitlines()]
    ie801 = MovementMessage.objects.get(movement=movement, message_type="IE801")
    assert (line["id"], line["type"], line["arc"], line["sequence"], line["excise_number"]) == (
        ie801.pk,
        "IE801",
        movement.arc,
        1,
        "FR009990F0005",
    )
    assert (inbox / f"{ie801.pk}-IE801.xml").read_bytes() == bytes(ie801.xml)
    assert "1 message(s) lu(s)." in done.stderr.decode()

    # A's provider cancels the e-AD: B's next pull gives the notice, and only it.
    cancellation = tmp_path / "IE810.xml"
    example = (EXAMPLES / "IE810.xml").read_bytes()
    cancellation.write_bytes(
        example.replace(b"25XI00000000000035882", movement.arc.encode()).replace(b"TNWU7YGHFUPCHUTU", b"FIL-ANNUL-1")
    )
    done = run_client("submit", str(cancellation), *sender, secret=issued.secret)
    assert done.returncode == 0, done.stdout.decode()
    assert Movement.objects.get(pk=movement.pk).status == MovementStatus.CANCELLED

    done = run_client(*pulled, secret=company_b.secret)
    assert done.returncode == 0, done.stderr.decode()
    [line] = [json.loads(text) for text in done.stdout.splitlines()]
    notice = MovementMessage.objects.get(movement=movement, message_type="IE810")
    assert (line["id"], line["type"], line["arc"]) == (notice.pk, "IE810", movement.arc)
    assert (inbox / f"{notice.pk}-IE810.xml").read_bytes() == bytes(notice.xml)

    done = run_client(*pulled, secret=company_b.secret)
    assert done.returncode == 0 and done.stdout == b""
    assert "0 message(s) lu(s)." in done.stderr.decode()
    # The author reads its IE801 and not its own cancellation.
    done = run_client("pull", *sender, secret=issued.secret)
    assert [json.loads(text)["type"] for text in done.stdout.splitlines()] == ["IE801"]
