"""``python -m edi.client pull`` as a unit: the request it makes (bearer credential, ``after``) and
what it makes of the answers, against httpx's in-memory transport. (Against the live server once
the Guichet EDI serves its feed on GET: ``tests/guichet/test_cli_client.py`` runs ``submit`` there.)"""

import io

import httpx

from edi import client

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


def test_pull_sends_the_credential_and_the_cursor_and_prints_the_next_one():
    page = {"messages": [{"id": 7, "url": "/edi/v1/messages/7"}], "next_cursor": "curseur-2"}
    code, out, err, seen = run(lambda request: httpx.Response(200, json=page), "pull", "--after", "curseur-1")
    assert code == client.ACCEPTED
    (request,) = seen
    assert str(request.url) == "https://portail.test/edi/v1/messages?after=curseur-1"
    assert request.headers["Authorization"] == "Bearer edi_0123456789abcdef.s3cr3t"
    assert b'"next_cursor": "curseur-2"' in out or b'"next_cursor":"curseur-2"' in out
    assert "curseur suivant : curseur-2" in err


def test_pull_reads_the_cursor_from_a_header_or_a_next_link():
    headers = {"EDI-Next-Cursor": "c3"}
    assert "curseur suivant : c3" in run(lambda r: httpx.Response(200, headers=headers, content=b"<x/>"), "pull")[2]
    link = {"Link": '</edi/v1/messages?after=c4>; rel="next"'}
    assert "curseur suivant : c4" in run(lambda r: httpx.Response(200, headers=link, content=b"<x/>"), "pull")[2]


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
