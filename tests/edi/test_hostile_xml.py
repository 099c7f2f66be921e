"""Hostile bodies on POST /edi/v1/messages: each refused with a 4xx before anything is parsed that
need not be — an IE917 for the XML (400), 413 past the size cap, 415 for another media type —
never a 5xx, never a file read or a network call, and nothing stored but the evidence."""

import pytest

from edi.models import InboundMessage
from emcs import xml
from gamma.models import Movement
from tests.edi.conftest import post

pytestmark = pytest.mark.django_db

NS = b'xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23"'

XXE = (
    b"""<?xml version="1.0"?>
<!DOCTYPE IE815 [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<IE815 """
    + NS
    + b""">&secret;</IE815>"""
)
BILLION_LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<IE815 """
    + NS
    + b""">&lol4;</IE815>"""
)
QUADRATIC = (
    b'<?xml version="1.0"?>\n<!DOCTYPE IE815 [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]>\n<IE815 '
    + NS
    + b">"
    + b"&a;" * 50_000
    + b"</IE815>"
)
EXTERNAL_DTD = (
    b"""<?xml version="1.0"?>
<!DOCTYPE IE815 SYSTEM "http://attaquant.example/ie815.dtd">
<IE815 """
    + NS
    + b"""/>"""
)
DEEP = b"<IE815 " + NS + b">" + b"<a>" * 5000 + b"</a>" * 5000 + b"</IE815>"


def _bodies(ie815: bytes) -> dict[str, tuple[bytes, str, int]]:
    """name → (body, content type, expected status)."""
    return {
        "xxe": (XXE, "application/xml", 400),
        "billion laughs": (BILLION_LAUGHS, "application/xml", 400),
        "quadratic blow-up": (QUADRATIC, "application/xml", 400),
        "external dtd": (EXTERNAL_DTD, "application/xml", 400),
        "too deep": (DEEP, "application/xml", 400),
        "wrong namespace": (ie815.replace(b"EMCS:PHASE4:IE815:V3.23", b"example:other"), "application/xml", 400),
        "other version": (ie815.replace(b":IE815:V3.23", b":IE815:V3.13"), "application/xml", 400),
        "truncated": (ie815[: len(ie815) // 2], "application/xml", 400),
        "utf-16": (
            ie815.decode().replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16"),
            "application/xml",
            400,
        ),
        "latin-1 declared": (ie815.replace(b"encoding='UTF-8'", b"encoding='ISO-8859-1'"), "application/xml", 400),
        "10 MB": (b"<IE815 " + NS + b">" + b" " * (10 * 1024 * 1024) + b"</IE815>", "application/xml", 413),
        "empty": (b"", "application/xml", 400),
        "not xml": (b"Bonjour, voici mon DAE.", "application/xml", 400),
        "not an accepted message": (ie815.replace(b"IE815", b"IE801"), "application/xml", 400),
        "schema-invalid": (ie815.replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<"), "text/xml", 400),
        "json": (b'{"message": "IE815"}', "application/json", 415),
        "form": (b"a=1", "application/x-www-form-urlencoded", 415),
    }


CASES = list(_bodies(b"").keys())


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_body_gets_a_4xx_and_leaves_only_the_evidence(client, edi, ie815, case):
    body, content_type, expected = _bodies(ie815)[case]
    response = post(client, body, edi.token, content_type=content_type)
    assert response.status_code == expected, response.content[:500]
    assert not Movement.objects.exists()
    evidence = InboundMessage.objects.get()
    assert evidence.status == expected and evidence.credential == edi.credential
    assert bytes(evidence.answer) == response.content
    if expected == 400:
        assert bytes(evidence.data) == body and evidence.size == len(body)
        assert_ie917(response)
    else:  # refused before the body is read: no message to answer, a problem document says why
        assert bytes(evidence.data) == b"" and evidence.size == len(body)
        assert response["Content-Type"] == "application/problem+json"


def assert_ie917(response) -> None:
    """The refusal is an IE917, valid against its schema, listing why in French, each fault placed."""
    assert response["Content-Type"] == "application/xml", response.content[:300]
    root = xml.parse_and_validate(response.content)
    assert xml.message_type(root) == "IE917"
    errors = list(root.iter("{*}XmlError"))
    assert errors
    for error in errors:
        reason = error.findtext("{*}ErrorReason")
        assert reason and int(error.findtext("{*}ErrorLineNumber")) >= 0
        assert not reason.startswith(("Element '", "Opening and ending tag", "Premature end")), reason  # French


def test_the_size_cap_is_read_from_content_length_before_the_body(rf, edi):
    from www.edi import views

    request = rf.post(
        "/edi/v1/messages",
        data=b"<x/>",
        content_type="application/xml",
        HTTP_AUTHORIZATION=f"Bearer {edi.token}",
    )
    request.META["CONTENT_LENGTH"] = str(10 * 1024 * 1024)
    response = views.messages(request)
    assert response.status_code == 413
    assert InboundMessage.objects.get().size == 10 * 1024 * 1024


def test_the_file_of_an_external_entity_is_never_read(client, edi, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE")
    attack = XXE.replace(b"file:///etc/passwd", f"file://{secret}".encode())
    response = post(client, attack, edi.token)
    assert response.status_code == 400 and b"MOT-DE-PASSE" not in response.content
