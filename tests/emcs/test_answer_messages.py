"""The answers the portal gives a message: IE704 (refused on business grounds), IE917 (refused as
XML), IE905 (status response, to an IE904). The official examples of IE904, IE905 and IE917 go
round trip in test_messages; here their data read as typed values, and an IE704 (no official
example) built, validated and read back."""

from pathlib import Path

import pytest

from emcs import messages, xml
from emcs.messages import ie704, ie904, ie905, ie917
from emcs.messages.binding import Header
from tests.emcs.canonical import canonical, differences, value_typed_names

EXAMPLES = Path(__file__).parent / "examples"

IE704_REFUSAL = """<?xml version="1.0" encoding="UTF-8"?>
<IE704 xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE704:V3.23"
       xmlns:tms="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:TMS:V3.23">
  <Header>
    <tms:MessageSender>NDEA.FR</tms:MessageSender>
    <tms:MessageRecipient>NDEA.FR</tms:MessageRecipient>
    <tms:DateOfPreparation>2026-12-04</tms:DateOfPreparation>
    <tms:TimeOfPreparation>09:12:30.250</tms:TimeOfPreparation>
    <tms:MessageIdentifier>uuid:0d8b7f8e-3a55-4d0b-9d5e-1f3b3f2b6c11</tms:MessageIdentifier>
    <tms:CorrelationIdentifier>ZJZLJN8IRPA7E26T4</tms:CorrelationIdentifier>
  </Header>
  <Body>
    <GenericRefusalMessage>
      <Attributes>
        <LocalReferenceNumber>LRN-2026-0042</LocalReferenceNumber>
      </Attributes>
      <FunctionalError>
        <ErrorType>15</ErrorType>
        <ErrorReason>[C047] Indiquez le titre alcoométrique de la ligne 1.</ErrorReason>
        <ErrorLocation>/IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad[1]/AlcoholicStrengthByVolumeInPercentage</ErrorLocation>
      </FunctionalError>
      <FunctionalError>
        <ErrorType>91</ErrorType>
        <ErrorReason>[BR001] Ce numéro de référence local est déjà celui d'un autre document.</ErrorReason>
        <ErrorLocation>/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/LocalReferenceNumber</ErrorLocation>
        <OriginalAttributeValue>LRN-2026-0042</OriginalAttributeValue>
      </FunctionalError>
    </GenericRefusalMessage>
  </Body>
</IE704>
""".encode()


def round_trip(data: bytes):
    original = xml.parse_and_validate(data)
    message = messages.parse(original)
    rebuilt = messages.build(message)
    xml.validate(rebuilt)
    numbers, times = value_typed_names(type(message))
    assert not differences(canonical(original, numbers, times), canonical(rebuilt, numbers, times))
    assert messages.parse(xml.parse_and_validate(xml.to_bytes(rebuilt))) == message
    return message


def test_an_ie704_goes_round_trip_and_reads_as_typed_data():
    message = round_trip(IE704_REFUSAL)
    assert isinstance(message, ie704.IE704)
    assert message.header.correlation_identifier == "ZJZLJN8IRPA7E26T4"
    assert message.body.attributes == ie704.Attributes(local_reference_number="LRN-2026-0042")
    first, second = message.body.functional_errors
    assert first.error_type == ie704.NOT_SUPPORTED_IN_THIS_POSITION and first.original_attribute_value is None
    assert first.error_location.endswith("BodyEadEsad[1]/AlcoholicStrengthByVolumeInPercentage")
    assert second.error_type == ie704.DUPLICATE_LRN and second.error_reason.startswith("[BR001] ")


def test_the_official_ie917_reads_as_typed_data():
    message = messages.parse(xml.parse((EXAMPLES / "IE917.xml").read_bytes()))
    assert isinstance(message, ie917.IE917)
    assert message.body.attributes == ie917.Attributes(
        administrative_reference_code="23IT00000000000190130", sequence_number=1
    )
    (error,) = message.body.xml_errors
    assert (error.error_line_number, error.error_column_number) == (94, 3)
    assert error.error_reason.startswith('12: FATAL Error. reason:The element type "ns1:Header"')
    assert error.error_location == "line: 94, column: 3"


def test_the_official_status_request_and_response_read_as_typed_data():
    request = messages.parse(xml.parse((EXAMPLES / "IE904.xml").read_bytes()))
    assert isinstance(request, ie904.IE904)
    assert request.body.attributes == ie904.Attributes(
        administrative_reference_code="25XI00000000000051456",
        sequence_number=1,
        status="X01",
        last_received_message_type="None",
        status_request_message_type=ie904.STATUS_SYNCHRONISATION,
        national_movement_information_requested_flag=True,
    )
    response = messages.parse(xml.parse((EXAMPLES / "IE905.xml").read_bytes()))
    assert isinstance(response, ie905.IE905)
    assert response.header.correlation_identifier == "2BEAH5AAFNLKG13C"
    assert response.body.attributes.status == "X01"
    assert response.body.attributes.last_received_message_type == "IE801"


@pytest.mark.parametrize(
    "message",
    [
        ie704.IE704(
            header=Header.new(correlation_identifier="abc"),
            body=ie704.GenericRefusalMessage(
                functional_errors=[ie704.FunctionalError(error_type=ie704.OTHER, error_reason="Refusé.")]
            ),
        ),
        ie917.IE917(
            header=Header.new(),
            body=ie917.XmlNegativeAcknowledgement(
                xml_errors=[ie917.XmlError(error_line_number=0, error_column_number=0, error_reason="Vide.")]
            ),
        ),
        ie904.IE904(
            header=Header.new(),
            body=ie904.StatusRequest(
                attributes=ie904.Attributes(
                    administrative_reference_code="26FRA0000000000000017",
                    sequence_number=2,
                    status="X03",
                    last_received_message_type="IE818",
                    national_movement_information_requested_flag=False,
                )
            ),
        ),
        ie905.IE905(
            header=Header.new(correlation_identifier="XI42254"),
            body=ie905.StatusResponse(
                attributes=ie905.Attributes(
                    administrative_reference_code="26FRA0000000000000017",
                    sequence_number=2,
                    status="X03",
                    last_received_message_type="IE818",
                )
            ),
        ),
    ],
    ids=lambda message: type(message).__name__,
)
def test_the_smallest_message_of_each_answer_is_valid_and_reads_back(message):
    root = messages.build(message)
    xml.validate(root)
    assert messages.parse(xml.parse_and_validate(xml.to_bytes(root))) == message


def test_a_refusal_without_any_error_is_refused_by_the_schema():
    message = ie704.IE704(header=Header.new(), body=ie704.GenericRefusalMessage(functional_errors=[]))
    with pytest.raises(xml.InvalidMessage) as refusal:
        xml.validate(messages.build(message))
    assert any("FunctionalError" in error for error in refusal.value.errors)
