"""Safe parsing and schema validation of EMCS messages."""

from pathlib import Path

import pytest

from emcs import xml

EXAMPLES = Path(__file__).parent / "examples"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("IE*.xml")), ids=lambda p: p.stem)
def test_every_official_example_is_valid_against_its_schema(path):
    root = xml.parse(path.read_bytes())
    xml.validate(root)
    assert xml.message_type(root) == path.stem.split("_")[0]


def test_an_invalid_message_lists_its_errors():
    data = (EXAMPLES / "IE815.xml").read_bytes().replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<")
    with pytest.raises(xml.InvalidMessage) as refusal:
        xml.parse_and_validate(data)
    assert any("SubmissionMessageType" in error for error in refusal.value.errors)


def test_external_entities_are_never_resolved():
    """tamato's test_parse_xml_vulnerabilities, for our parser: no DOCTYPE, no file read."""
    attack = b"""<?xml version="1.0"?>
<!DOCTYPE IE815 [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<IE815 xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23">&secret;</IE815>"""
    with pytest.raises(xml.InvalidMessage, match="DOCTYPE"):
        xml.parse(attack)


def test_billion_laughs_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>"""
    with pytest.raises(xml.InvalidMessage):
        xml.parse(bomb)


def test_malformed_and_oversized_messages_are_refused():
    with pytest.raises(xml.InvalidMessage, match="bien formé"):
        xml.parse(b"<IE815><Body></IE815>")
    with pytest.raises(xml.InvalidMessage, match="taille"):
        xml.parse(b" " * (xml.MAX_MESSAGE_BYTES + 1))


def test_a_message_of_another_emcs_version_is_refused_saying_which_it_got_and_which_it_expects():
    data = (EXAMPLES / "IE815.xml").read_bytes().replace(b":IE815:V3.23", b":IE815:V3.13")
    with pytest.raises(xml.InvalidMessage) as refusal:
        xml.parse(data)
    assert str(refusal.value) == (
        "Version EMCS non prise en charge : V3.13 reçue, V3.23 attendue "
        "(espace de noms « urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.13 » reçu, "
        "« urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23 » attendu)."
    )


@pytest.mark.parametrize(
    ("root", "received"),
    [
        (b'<IE815 xmlns="urn:example:other">x</IE815>', "« urn:example:other »"),
        (b"<IE815>x</IE815>", "aucun"),
    ],
)
def test_a_message_in_another_namespace_or_none_is_refused_with_the_namespace_expected(root, received):
    with pytest.raises(xml.InvalidMessage) as refusal:
        xml.parse(root)
    assert str(refusal.value) == (
        f"Espace de noms non pris en charge pour le message IE815 : {received} reçu, "
        "« urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23 » attendu (EMCS V3.23)."
    )


@pytest.mark.parametrize("data", [(EXAMPLES / "IE815.xml").read_text(encoding="utf-8"), "<IE815/>", None])
def test_text_instead_of_the_bytes_received_raises_the_projects_own_error(data):
    with pytest.raises(xml.InvalidMessage, match="en octets"):
        xml.parse(data)
    with pytest.raises(xml.InvalidMessage, match="en octets"):
        xml.parse_and_validate(data)
