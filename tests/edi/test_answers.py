"""The XML of the Guichet EDI's refusals: a message refused as XML gets an IE917 (line, column,
XPath, the reason in French, the value received), one refused by the rule book an IE704 (one
FunctionalError per fault: TC49 type, « [code] reason », the XPath of the element that holds the
value in the message sent, that value); both valid against their V3.23 schema, correlated with the
MessageIdentifier sent and addressed to its MessageSender."""

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from edi.models import InboundMessage
from emcs import xml
from emcs.messages import ie704
from gamma import messages as gamma_messages
from gamma.models import Movement, MovementStatus
from tests.edi.conftest import post
from tests.factories.gamma import MovementFactory
from tests.gamma.test_xpaths import resolve

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"
ROOT = "/IE815/Body/SubmittedDraftOfEADESAD"


def from_sender(message: bytes, sender: bytes = b"NDEA.XI") -> bytes:
    """The message as another member state's office would address it (the answer goes back to it)."""
    return re.sub(rb"<tms:MessageSender>[^<]*<", b"<tms:MessageSender>" + sender + b"<", message, count=1)


def header(root: etree._Element) -> dict[str, str]:
    return {etree.QName(child).localname: child.text for child in root.find("{*}Header")}


def identifier(message: bytes) -> str:
    return re.search(rb"<tms:MessageIdentifier>([^<]*)<", message).group(1).decode()


def answer(response, message_type: str) -> etree._Element:
    """The answer's XML, valid against its schema, of ``message_type``."""
    assert response["Content-Type"] == "application/xml", response.content[:300]
    root = xml.parse_and_validate(response.content)
    assert xml.message_type(root) == message_type
    return root


def functional_errors(root: etree._Element) -> list[dict[str, str | None]]:
    return [
        {
            "type": error.findtext("{*}ErrorType"),
            "reason": error.findtext("{*}ErrorReason"),
            "location": error.findtext("{*}ErrorLocation"),
            "value": error.findtext("{*}OriginalAttributeValue"),
        }
        for error in root.iter("{*}FunctionalError")
    ]


# --- 400: IE917 --------------------------------------------------------------------------------------


def test_a_schema_refusal_is_an_ie917_at_the_line_column_and_xpath_of_the_value(client, edi, ie815):
    sent = from_sender(ie815.replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<"))
    response = post(client, sent, edi.token)
    assert response.status_code == 400
    root = answer(response, "IE917")
    assert header(root)["CorrelationIdentifier"] == identifier(sent)
    assert header(root)["MessageRecipient"] == "NDEA.XI"
    [error] = root.iter("{*}XmlError")
    line, column = int(error.findtext("{*}ErrorLineNumber")), int(error.findtext("{*}ErrorColumnNumber"))
    assert sent.decode().splitlines()[line - 1][column - 1 :].startswith("<SubmissionMessageType>9<")
    location = error.findtext("{*}ErrorLocation")
    assert location == f"{ROOT}/Attributes/SubmissionMessageType"
    assert [element.text for element in resolve(etree.fromstring(sent), location)] == ["9"]
    assert error.findtext("{*}OriginalAttributeValue") == "9"
    assert error.findtext("{*}ErrorReason") == (
        "Élément SubmissionMessageType : la valeur « 9 » ne fait pas partie des valeurs admises : 1, 2, 3."
    )
    assert bytes(InboundMessage.objects.get().answer) == response.content


def test_every_schema_fault_has_its_xml_error(client, edi, ie815):
    sent = ie815.replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<").replace(
        b"<JourneyTime>D02<", b"<JourneyTime>deux jours<"
    )
    root = answer(post(client, sent, edi.token), "IE917")
    errors = {error.findtext("{*}ErrorLocation"): error for error in root.iter("{*}XmlError")}
    assert set(errors) == {f"{ROOT}/Attributes/SubmissionMessageType", f"{ROOT}/HeaderEadEsad/JourneyTime"}
    journey = errors[f"{ROOT}/HeaderEadEsad/JourneyTime"]
    assert journey.findtext("{*}OriginalAttributeValue") == "deux jours"
    assert "n'a pas le format attendu" in journey.findtext("{*}ErrorReason")
    line = int(journey.findtext("{*}ErrorLineNumber"))
    assert "<JourneyTime>deux jours<" in sent.decode().splitlines()[line - 1]


def test_a_message_that_is_not_well_formed_gets_an_ie917_where_it_breaks(client, edi, ie815):
    sent = from_sender(ie815.replace(b"</TraderName>", b"</TraderNom>", 1))
    response = post(client, sent, edi.token)
    assert response.status_code == 400
    root = answer(response, "IE917")
    # The header is read from the broken message's first bytes, to correlate the answer with it.
    assert header(root)["CorrelationIdentifier"] == identifier(sent)
    assert header(root)["MessageRecipient"] == "NDEA.XI"
    first = next(root.iter("{*}XmlError"))
    line = int(first.findtext("{*}ErrorLineNumber"))
    assert "</TraderNom>" in sent.decode().splitlines()[line - 1]
    assert int(first.findtext("{*}ErrorColumnNumber")) > 0
    assert first.findtext("{*}ErrorLocation") == f"{ROOT}/ConsigneeTrader/TraderName"


def test_a_message_the_channel_does_not_take_gets_an_ie917_at_its_root(client, edi):
    sent = (EXAMPLES / "IE801.xml").read_bytes()
    response = post(client, sent, edi.token)
    assert response.status_code == 400
    [error] = answer(response, "IE917").iter("{*}XmlError")
    assert error.findtext("{*}ErrorLocation") == "/IE801"
    assert error.findtext("{*}ErrorReason").startswith("Le message IE801 n'est pas accepté par ce canal")
    assert "IE904" in error.findtext("{*}ErrorReason")


# --- 422: IE704 ----------------------------------------------------------------------------------------


def test_a_business_refusal_has_one_functional_error_per_fault_at_the_element_holding_the_value(client, edi, ie815):
    sent = from_sender(
        re.sub(rb"<DateOfDispatch>[^<]*<", b"<DateOfDispatch>2020-01-02<", ie815)
        .replace(b"<JourneyTime>D02<", b"<JourneyTime>H00<")
        .replace(b"<AlcoholicStrengthByVolumeInPercentage>12.5<", b"<AlcoholicStrengthByVolumeInPercentage>0.20<")
    )
    response = post(client, sent, edi.token)
    assert response.status_code == 422
    root = answer(response, "IE704")
    assert header(root)["CorrelationIdentifier"] == identifier(sent)
    assert header(root)["MessageRecipient"] == "NDEA.XI"
    # C151: the refusal of an IE815 names its LRN, and no ARC.
    attributes = root.find("{*}Body/{*}GenericRefusalMessage/{*}Attributes")
    assert [etree.QName(child).localname for child in attributes] == ["LocalReferenceNumber"]
    assert (
        attributes.findtext("{*}LocalReferenceNumber")
        == re.search(rb"<LocalReferenceNumber>([^<]*)<", sent)[1].decode()
    )

    errors = functional_errors(root)
    by_code = {re.match(r"\[([A-Z0-9-]+)\] ", error["reason"])[1]: error for error in errors}
    assert set(by_code) == {"DATE-EXP", "R054", "R237"}
    assert len(errors) == 3
    assert by_code["DATE-EXP"]["location"] == f"{ROOT}/EadEsadDraft/DateOfDispatch"
    assert by_code["R054"]["location"] == f"{ROOT}/HeaderEadEsad/JourneyTime"
    assert by_code["R237"]["location"] == f"{ROOT}/BodyEadEsad[1]/AlcoholicStrengthByVolumeInPercentage"
    message = etree.fromstring(sent)
    for error in errors:
        assert error["type"] == str(ie704.NOT_SUPPORTED_IN_THIS_POSITION)
        # The value is the one received, as written (not re-read as a number: « 0.20 »).
        assert [element.text for element in resolve(message, error["location"])] == [error["value"]]
    assert by_code["R237"]["value"] == "0.20"
    # The code travels in its own place: the French reason does not repeat it.
    assert "(R054)" not in by_code["R054"]["reason"]
    assert not Movement.objects.exists()


def test_the_answer_faults_carry_the_code_apart_from_the_french_message(edi, ie815):
    from edi import service

    refused = service.submit(
        ie815.replace(b"<JourneyTime>D02<", b"<JourneyTime>H00<"), sender=edi.credential, channel=service.EDI
    )
    assert refused.status == 422
    [fault] = refused.faults
    assert (fault.code, fault.message) == ("R054", "La durée du transport ne peut pas être nulle.")
    assert fault.field == "journey_time" and fault.value == "H00"


def test_an_ie801_the_portal_cannot_build_is_a_refusal_not_a_server_error(client, edi, ie815, monkeypatch):
    serialise = gamma_messages.serialise

    def failing(message):
        if type(message).__name__ == "IE801":
            raise gamma_messages.MessageNotValid("IE801: Element 'ArcType': broken mapping")
        return serialise(message)

    monkeypatch.setattr(gamma_messages, "serialise", failing)
    response = post(client, ie815, edi.token)
    assert response.status_code == 422
    [error] = functional_errors(answer(response, "IE704"))
    assert error["type"] == str(ie704.OTHER)
    assert error["reason"].startswith("Le document n'a pas pu être émis : le message IE801 préparé par GAMMA")
    assert not Movement.objects.exists()
    assert InboundMessage.objects.get().status == 422


def test_an_answer_the_schema_would_refuse_is_not_sent_as_xml(client, edi, ie815, monkeypatch):
    """A bug of the answer's builder: the faults go as a problem document, never an invalid IE704."""
    from emcs import answers as emcs_answers

    build = emcs_answers.ie704_for
    monkeypatch.setattr(
        emcs_answers, "ie704_for", lambda faults, **options: build(faults, **{**options, "sequence_number": 1000})
    )
    response = post(client, ie815.replace(b"<JourneyTime>D02<", b"<JourneyTime>H00<"), edi.token)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["erreurs"][0]["regle"] == "R054"


# --- Follow-up messages --------------------------------------------------------------------------------


def test_a_refused_follow_up_names_the_arc_and_sequence_number(client, edi, emcs_codelists):
    movement = MovementFactory(
        validated=True,
        arc="25XI00000000000035882",
        consignor=edi.world.excise_a,
        status=MovementStatus.CANCELLED,
        sequence_number=2,
    )
    sent = (EXAMPLES / "IE810.xml").read_bytes()
    response = post(client, sent, edi.token)
    assert response.status_code == 422
    root = answer(response, "IE704")
    assert header(root)["CorrelationIdentifier"] == "TNWU7YGHFUPCHUTU"
    assert header(root)["MessageRecipient"] == "NDEA.XI"
    attributes = root.find("{*}Body/{*}GenericRefusalMessage/{*}Attributes")
    assert attributes.findtext("{*}AdministrativeReferenceCode") == movement.arc
    assert attributes.findtext("{*}SequenceNumber") == "2"
    assert attributes.find("{*}LocalReferenceNumber") is None
    [error] = functional_errors(root)
    assert error["type"] == str(ie704.MESSAGE_OUT_OF_SEQUENCE)


def test_an_unknown_arc_is_error_type_90_at_the_arc(client, edi):
    response = post(client, (EXAMPLES / "IE810.xml").read_bytes(), edi.token)
    assert response.status_code == 422
    root = answer(response, "IE704")
    [error] = functional_errors(root)
    assert error == {
        "type": str(ie704.UNKNOWN_ARC),
        "reason": "Aucun document de ce numéro ne vous est connu : ARC « 25XI00000000000035882 ».",
        "location": "/IE810/Body/CancellationOfEAD/ExciseMovementEad/AdministrativeReferenceCode",
        "value": "25XI00000000000035882",
    }
    attributes = root.find("{*}Body/{*}GenericRefusalMessage/{*}Attributes")
    assert attributes.findtext("{*}AdministrativeReferenceCode") == "25XI00000000000035882"


@pytest.mark.parametrize(
    ("element", "value", "code"),
    [
        ("AlcoholicStrengthByVolumeInPercentage", "0.20", "R237"),  # found on the stored draft
        ("GrossMass", "0.5", "R219"),  # found on the message, before it is stored
    ],
)
def test_a_fault_of_a_line_is_placed_at_that_line_whatever_the_order_of_the_lines(
    client, edi, ie815, element, value, code
):
    """R060 lets the lines come in any order (2 then 1); the draft orders them by number, the IE704
    points at the line as it was sent."""
    import copy

    message = etree.fromstring(ie815)
    [line] = message.iter("{*}BodyEadEsad")
    first = copy.deepcopy(line)
    first.find("{*}BodyRecordUniqueReference").text = "2"
    line.addprevious(first)
    line.find(f"{{*}}{element}").text = value  # line 1, sent second
    sent = etree.tostring(message, xml_declaration=True, encoding="UTF-8")
    response = post(client, sent, edi.token)
    assert response.status_code == 422, response.content[:500]
    [error] = functional_errors(answer(response, "IE704"))
    assert error["reason"].startswith(f"[{code}] ")
    assert error["location"] == f"{ROOT}/BodyEadEsad[2]/{element}"
    assert error["value"] == value
