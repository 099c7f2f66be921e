"""Every official example of the messages a trader exchanges parses and is rebuilt without
losing a field, and what is rebuilt is valid against the schema."""

import datetime as dt
from pathlib import Path

import pytest

from emcs import messages, xml
from emcs.messages import ie801, ie802, ie803, ie815
from emcs.messages.binding import Header
from tests.emcs.canonical import canonical, differences, value_typed_names

EXAMPLES = Path(__file__).parent / "examples"
ROUND_TRIP = [
    "IE815", "IE801", "IE802", "IE803", "IE807", "IE810", "IE813", "IE818", "IE819", "IE837_consignee",
    "IE837_consignor", "IE871", "IE904", "IE905", "IE917",
]  # fmt: skip


def assert_same_data(original, rebuilt, message_cls):
    numbers, times = value_typed_names(message_cls)
    found = differences(canonical(original, numbers, times), canonical(rebuilt, numbers, times))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_every_example_parses_and_is_rebuilt_without_losing_a_field(name):
    original = xml.parse_and_validate((EXAMPLES / f"{name}.xml").read_bytes())
    message = messages.parse(original)
    assert type(message).__name__ == name.split("_")[0]
    rebuilt = messages.build(message)
    xml.validate(rebuilt)
    assert_same_data(original, rebuilt, type(message))
    # And once more through bytes, as the EDI channel sends them.
    again = xml.parse_and_validate(xml.to_bytes(rebuilt))
    assert messages.parse(again) == message


def test_the_parsed_draft_reads_as_typed_data():
    message = messages.parse(xml.parse((EXAMPLES / "IE815.xml").read_bytes()))
    assert isinstance(message, ie815.IE815)
    body = message.body
    assert body.attributes.submission_message_type == 1
    assert body.attributes.deferred_submission_flag is None
    assert body.consignee_trader.language == "en" and body.consignee_trader.traderid == "GBWK924908680"
    assert body.consignor_trader.trader_excise_number == "XIRC649326241"
    assert body.header_ead_esad.journey_time == "D01"
    first, second = body.body_ead_esads[0], body.body_ead_esads[1]
    assert str(first.quantity) == "100.000" and first.fiscal_mark_used_flag is True
    assert first.commercial_description == "AOM123456" and first.commercial_description_language == "en"
    assert [p.number_of_packages for p in first.packages] == [2, 2]
    assert first.packages[1].seal_information_language == "en"
    assert second.fiscal_mark_used_flag is False
    assert body.ead_esad_draft.import_customs_declaration_numbers == ["lrnie8155419875"]
    assert [unit.transport_unit_code for unit in body.transport_details] == ["1", "2", "3"]


def test_wine_data_and_whitespace_in_texts():
    message = messages.parse(xml.parse((EXAMPLES / "IE801.xml").read_bytes()))
    assert isinstance(message, ie801.IE801)
    line = message.body.body_ead_esads[0]
    assert line.wine_product.wine_product_category == 4
    assert line.wine_product.wine_operation_codes == ["2"]
    assert line.wine_product.other_information_language == "en"
    # "AO77711144444\n      " is a token: the schema's whitespace rule applies.
    assert line.designation_of_origin == "AO77711144444"
    assert message.body.excise_movement.date_and_time_of_validation_of_ead_esad.isoformat() == "2022-12-07T10:32:30"


def test_an_element_no_field_is_bound_to_is_refused():
    data = (
        (EXAMPLES / "IE810.xml")
        .read_bytes()
        .replace(
            b"<body:CancellationReasonCode>1</body:CancellationReasonCode>",
            b"<body:CancellationReasonCode>1</body:CancellationReasonCode><body:Surprise>x</body:Surprise>",
        )
    )
    with pytest.raises(xml.InvalidMessage, match="Surprise"):
        messages.parse(xml.parse(data))


def test_a_message_type_without_module_is_refused():
    with pytest.raises(xml.InvalidMessage, match="IE829"):
        messages.parse(xml.parse((EXAMPLES / "IE829.xml").read_bytes()))


def test_a_new_header_is_valid_and_unique():
    first, second = Header.new(), Header.new(sender="NDEA.FR", recipient="NDEA.IT", correlation_identifier="abc")
    assert first.message_identifier != second.message_identifier
    message = messages.parse(xml.parse((EXAMPLES / "IE810.xml").read_bytes()))
    message.header = second
    xml.validate(messages.build(message))


def test_the_comparison_sees_a_lost_attribute_a_changed_code_and_a_missing_element():
    original = xml.parse((EXAMPLES / "IE815.xml").read_bytes())
    message = messages.parse(original)
    message.body.consignee_trader.language = None
    message.body.transport_details[0].transport_unit_code = "01"
    message.body.ead_esad_draft.time_of_dispatch = None
    with pytest.raises(AssertionError) as failure:
        assert_same_data(original, messages.build(message), ie815.IE815)
    report = str(failure.value)
    assert "ConsigneeTrader" in report and "TransportUnitCode" in report and "EadEsadDraft" in report


# The notices the portal writes itself (IE802, IE803), every field filled, read back as built.
ARC = "26FR00000000000001230"
NOTICES = {
    "IE802": lambda: ie802.IE802(
        header=Header.new(),
        body=ie802.ReminderMessageForExciseMovement(
            attributes=ie802.Attributes(
                date_and_time_of_issuance_of_reminder=dt.datetime(2026, 3, 30, 22, 30),
                reminder_information="Accusé de réception attendu",
                reminder_information_language="fr",
                limit_date_and_time=dt.datetime(2026, 3, 29, 21, 59, 59),
                reminder_message_type=ie802.REPORT_OF_RECEIPT,
            ),
            excise_movement=ie802.ExciseMovement(administrative_reference_code=ARC, sequence_number=3),
        ),
    ),
    "IE803": lambda: ie803.IE803(
        header=Header.new(),
        body=ie803.NotificationOfDivertedEadEsad(
            excise_notification=ie803.ExciseNotification(
                notification_type=ie803.SPLITTING,
                notification_date_and_time=dt.datetime(2026, 10, 25, 0, 59, 30),
                administrative_reference_code=ARC,
                sequence_number=2,
            ),
            downstream_arcs=[
                ie803.DownstreamArc(administrative_reference_code="26FR00000000000001241"),
                ie803.DownstreamArc(administrative_reference_code="26FR00000000000001252"),
            ],
        ),
    ),
}


@pytest.mark.parametrize("code", NOTICES)
def test_a_notice_built_by_the_portal_is_valid_and_reads_back_as_built(code):
    message = NOTICES[code]()
    root = messages.build(message)
    xml.validate(root, code)
    again = messages.parse(xml.parse_and_validate(xml.to_bytes(root), code))
    assert type(again).__name__ == code
    assert again == message


def test_a_notice_out_of_its_code_list_is_refused_by_the_schema():
    message = NOTICES["IE802"]()
    message.body.attributes.reminder_message_type = 4  # TC48 has 1, 2 and 3
    with pytest.raises(xml.InvalidMessage):
        xml.validate(messages.build(message), "IE802")
