"""An IE815 is refused on every fault at once, in one IE704, as the web form lists every fault of
the draft: a value its draft's tables cannot hold (R219 gross mass below net mass, R060 line
numbers) no longer hides the others. Each fault once, at its XPath, with the value sent; the
Guichet EDI stores nothing of a refused message, the upload keeps its draft (without the values
refused) to be corrected in the web form, the sandbox stores nothing."""

import pytest
from lxml import etree

from edi import service
from edi.models import InboundMessage
from gamma.models import Movement, MovementMessage, MovementStatus
from tests.edi.conftest import post
from tests.edi.test_answers import ROOT, answer, functional_errors

pytestmark = pytest.mark.django_db

UNKNOWN_CONSIGNEE = b"FR012345E9876"  # well formed, not in the register


def faulty(ie815: bytes, *replacements: tuple[bytes, bytes]) -> bytes:
    for old, new in replacements:
        assert old in ie815
        ie815 = ie815.replace(old, new, 1)
    return ie815


def gross_mass_below_net_mass_and_unknown_consignee(ie815: bytes) -> bytes:
    return faulty(
        ie815,
        (b"<GrossMass>1050<", b"<GrossMass>700<"),
        (b"<Traderid>FR009990F0005<", b"<Traderid>" + UNKNOWN_CONSIGNEE + b"<"),  # the consignee's, first
        (b"<JourneyTime>D02<", b"<JourneyTime>H00<"),
    )


def with_a_second_line(ie815: bytes, number: bytes, *, first_number: bytes = b"1") -> bytes:
    """The message with its line sent twice: the copy first, numbered ``number``."""
    message = etree.fromstring(ie815)
    [line] = message.iter("{*}BodyEadEsad")
    copy = etree.fromstring(etree.tostring(line))
    copy.find("{*}BodyRecordUniqueReference").text = number.decode()
    line.find("{*}BodyRecordUniqueReference").text = first_number.decode()
    line.addprevious(copy)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8")


def codes_at(errors: list[dict]) -> list[tuple[str, str, str | None]]:
    return sorted(
        (error["reason"][1 : error["reason"].index("]")], error["location"], error["value"]) for error in errors
    )


EXPECTED = [
    ("R045", f"{ROOT}/ConsigneeTrader/Traderid", UNKNOWN_CONSIGNEE.decode()),
    ("R054", f"{ROOT}/HeaderEadEsad/JourneyTime", "H00"),
    ("R219", f"{ROOT}/BodyEadEsad[1]/GrossMass", "700"),
]


def test_a_gross_mass_below_the_net_mass_is_refused_with_the_other_faults_in_one_ie704(client, edi, ie815):
    movements = Movement.objects.count()
    response = post(client, gross_mass_below_net_mass_and_unknown_consignee(ie815), edi.token)
    assert response.status_code == 422, response.content[:500]
    errors = functional_errors(answer(response, "IE704"))
    assert codes_at(errors) == EXPECTED
    [r219] = [error for error in errors if error["reason"].startswith("[R219]")]
    assert r219["reason"] == "[R219] La masse brute (700 kg) doit être supérieure ou égale à la masse nette (750 kg)."
    assert Movement.objects.count() == movements  # the Guichet EDI keeps no refused draft
    assert InboundMessage.objects.get().status == 422


def test_a_line_number_sent_twice_is_refused_with_the_other_faults_in_one_ie704(client, edi, ie815):
    sent = with_a_second_line(faulty(ie815, (b"<JourneyTime>D02<", b"<JourneyTime>H00<")), b"1")
    response = post(client, sent, edi.token)
    assert response.status_code == 422, response.content[:500]
    assert codes_at(functional_errors(answer(response, "IE704"))) == [
        ("R054", f"{ROOT}/HeaderEadEsad/JourneyTime", "H00"),
        ("R060", f"{ROOT}/BodyEadEsad[2]/BodyRecordUniqueReference", "1"),
    ]
    assert not Movement.objects.filter(status=MovementStatus.DRAFT).exists()


def test_a_fault_of_a_line_renumbered_to_be_stored_is_placed_at_that_line_as_sent(client, edi, ie815):
    """Two lines numbered 2: the second is stored as line 1 (R060 refuses its number), so it comes
    first in the draft, yet its fault is placed at the line as it was sent, with the value sent."""
    sent = with_a_second_line(ie815, b"2", first_number=b"2")
    message = etree.fromstring(sent)
    second = list(message.iter("{*}BodyEadEsad"))[1]
    second.find("{*}AlcoholicStrengthByVolumeInPercentage").text = "0.20"
    sent = etree.tostring(message, xml_declaration=True, encoding="UTF-8")
    response = post(client, sent, edi.token)
    assert response.status_code == 422, response.content[:500]
    assert codes_at(functional_errors(answer(response, "IE704"))) == [
        ("R060", f"{ROOT}/BodyEadEsad[2]/BodyRecordUniqueReference", "2"),
        ("R237", f"{ROOT}/BodyEadEsad[2]/AlcoholicStrengthByVolumeInPercentage", "0.20"),
    ]


def test_the_upload_keeps_the_refused_draft_without_the_values_refused(world, edi, ie815):
    answer_ = service.submit(
        gross_mass_below_net_mass_and_unknown_consignee(ie815), sender=world.antoine, channel=service.UPLOAD
    )
    assert answer_.status == 422
    assert sorted((fault.code, fault.location, fault.value) for fault in answer_.faults) == EXPECTED
    draft = answer_.movement
    assert draft is not None and draft.status == MovementStatus.DRAFT
    [line] = draft.lines.all()
    assert line.gross_mass is None and line.net_mass == 750  # the gross mass sent is refused, to be typed again
    assert draft.journey_time == "H00" and draft.consignee_identifier == UNKNOWN_CONSIGNEE.decode()
    assert InboundMessage.objects.get().movement == draft


def test_the_sandbox_lists_every_fault_and_stores_nothing(world, edi, ie815):
    answer_ = service.submit(
        gross_mass_below_net_mass_and_unknown_consignee(ie815),
        sender=world.antoine,
        channel=service.UPLOAD,
        dry_run=True,
    )
    assert answer_.status == 422 and answer_.movement is None
    assert sorted((fault.code, fault.location, fault.value) for fault in answer_.faults) == EXPECTED
    assert not Movement.objects.filter(status=MovementStatus.DRAFT).exists()
    assert not InboundMessage.objects.exists()


def test_a_message_with_only_a_value_the_tables_cannot_hold_is_refused_on_it_alone(client, edi, ie815):
    """Its draft passes every other rule: it is not validated for all that (no ARC, no IE801)."""
    movements = Movement.objects.count()
    response = post(client, faulty(ie815, (b"<GrossMass>1050<", b"<GrossMass>700<")), edi.token)
    assert response.status_code == 422, response.content[:500]
    assert codes_at(functional_errors(answer(response, "IE704"))) == [
        ("R219", f"{ROOT}/BodyEadEsad[1]/GrossMass", "700")
    ]
    assert Movement.objects.count() == movements
    assert not MovementMessage.objects.filter(message_type="IE801").exists()
