"""A movement's IE815 (draft) and IE801 (validated) are valid against the schema, and the
official examples go into the database and come back out without losing a field."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from emcs import messages, xml
from emcs.messages import ie801, ie815
from gamma import mapping
from gamma.models import (
    LinePackage,
    Movement,
    MovementDocument,
    MovementKind,
    MovementLine,
    MovementStatus,
    MovementTrader,
    TraderRole,
    TransportDetail,
)
from gamma.rules import RuleError, r060, r219, tc29
from identifiers import arc
from tests.emcs.canonical import canonical, differences, value_typed_names
from tests.factories.gamma import MovementFactory, MovementLineFactory
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"


def assert_same_data(original, rebuilt, message_cls):
    numbers, times = value_typed_names(message_cls)
    found = differences(canonical(original, numbers, times), canonical(rebuilt, numbers, times))
    assert not found, "\n".join(found)


def test_the_ie815_of_a_draft_is_valid_against_the_schema():
    movement = MovementFactory()
    root = messages.build(mapping.ie815_message(movement))
    xml.validate(root, "IE815")
    body = messages.parse(root).body
    assert body.ead_esad_draft.local_reference_number == movement.local_reference_number
    assert body.consignor_trader.trader_excise_number == movement.consignor.number
    assert body.consignee_trader.language == "fr"
    line = body.body_ead_esads[0]
    assert (line.excise_product_code, line.cn_code, line.quantity) == ("W200", "22042109", Decimal("750"))
    assert line.wine_product.wine_product_category == 3 and line.wine_product.wine_operation_codes == ["0"]
    assert line.commercial_description_language == "fr"


def test_the_ie801_of_a_validated_movement_is_valid_against_the_schema():
    movement = MovementFactory(validated=True, validated_at=datetime.datetime(2024, 3, 1, 9, 15, tzinfo=datetime.UTC))
    MovementLineFactory(movement=movement, body_record_unique_reference=2, packages=[{"kind_of_packages": "BO"}])
    root = messages.build(mapping.ie801_message(movement))
    xml.validate(root, "IE801")
    body = messages.parse(root).body
    assert body.excise_movement.administrative_reference_code == movement.arc
    # EMCS times carry no offset: UTC is implied (types.xsd), so the portal writes its instants in UTC.
    assert body.excise_movement.date_and_time_of_validation_of_ead_esad == datetime.datetime(2024, 3, 1, 9, 15)
    assert body.header_ead_esad.sequence_number == 1
    assert [line.body_record_unique_reference for line in body.body_ead_esads] == [1, 2]


def test_a_daes_is_valid_too_and_its_arc_says_duty_paid():
    daes = MovementFactory(daes=True, validated=True)
    assert daes.arc[19] == "P"
    xml.validate(messages.build(mapping.ie815_message(daes)), "IE815")
    root = messages.build(mapping.ie801_message(daes))
    xml.validate(root, "IE801")
    body = messages.parse(root).body
    body.excise_movement.administrative_reference_code = arc.build(year=24, national_code="9" * 15, movement_type="P")
    copy = mapping.save_ie801(body, consignor=ExciseNumberFactory())
    assert copy.kind == MovementKind.DAES and copy.submission_message_type == 3


def test_a_draft_just_started_still_gives_its_xml_without_failing():
    """The schema refuses it (the rules say why), but building it never raises."""
    movement = MovementFactory(complete=False, local_reference_number="", dispatch_office_code="")
    root = messages.build(mapping.ie815_message(movement))
    with pytest.raises(xml.InvalidMessage):
        xml.validate(root, "IE815")


def test_the_ie815_example_goes_through_the_database_unchanged():
    original = xml.parse_and_validate((EXAMPLES / "IE815.xml").read_bytes())
    message = messages.parse(original)
    consignor = ExciseNumberFactory(number="XIRC649326241")
    movement = mapping.save_ie815(message.body)

    stored = Movement.objects.get(pk=movement.pk)
    assert stored.status == MovementStatus.DRAFT and stored.kind == MovementKind.DAE
    assert stored.consignor == consignor
    assert stored.consignee_identifier == "GBWK924908680"
    assert stored.lines.count() == 4 and stored.lines.get(body_record_unique_reference=1).packages.count() == 2
    assert stored.trader(TraderRole.FIRST_TRANSPORTER).vat_number == "AO234111165661"

    rebuilt = messages.build(ie815.IE815(header=message.header, body=mapping.ie815_body(stored)))
    xml.validate(rebuilt, "IE815")
    assert_same_data(original, rebuilt, ie815.IE815)


def test_the_ie801_example_goes_through_the_database_unchanged():
    original = xml.parse_and_validate((EXAMPLES / "IE801.xml").read_bytes())
    message = messages.parse(original)
    movement = mapping.save_ie801(message.body)

    stored = Movement.objects.get(pk=movement.pk)
    assert stored.status == MovementStatus.ACCEPTED and stored.arc == "25IT32610520501573032"
    assert stored.consignor is None  # an Italian consignor: not in the French register
    assert stored.upstream_arc == "25IT14037131988084142"
    line = stored.lines.get()
    assert line.alcoholic_strength == Decimal("10") and line.is_wine and line.wine_operations == ["2"]
    assert stored.trader(TraderRole.GUARANTOR_1).trader_excise_number == "XIWK000467015"

    rebuilt = messages.build(ie801.IE801(header=message.header, body=mapping.ie801_body(stored)))
    xml.validate(rebuilt, "IE801")
    assert_same_data(original, rebuilt, ie801.IE801)


def test_a_factory_movement_survives_the_round_trip_through_its_own_xml():
    movement = MovementFactory(validated=True)
    first = messages.build(mapping.ie801_message(movement))
    body = messages.parse(first).body
    body.excise_movement.administrative_reference_code = "24FR00000000009999900"  # a copy: another ARC
    copy = mapping.save_ie801(body, consignor=ExciseNumberFactory())  # and another consignor (BR001)
    second = messages.build(mapping.ie801_message(copy))
    for root in (first, second):
        root.find(".//{*}AdministrativeReferenceCode").text = "x"
        root.find(".//{*}MessageIdentifier").text = "x"
        root.find(".//{*}TimeOfPreparation").text = "00:00:00"
    assert_same_data(first, second, ie801.IE801)


def test_a_draft_submitted_again_replaces_its_data_but_a_validated_movement_is_never_overwritten():
    draft = MovementFactory()
    body = mapping.ie815_body(draft)
    body.ead_esad_draft.local_reference_number = "LRN-REPLACED"
    body.body_ead_esads[0].quantity = Decimal("12")
    same = mapping.save_ie815(body, movement=draft)
    assert same.pk == draft.pk and Movement.objects.get(pk=draft.pk).local_reference_number == "LRN-REPLACED"
    assert [line.quantity for line in same.lines.all()] == [Decimal("12")]
    with pytest.raises(ValueError, match="no longer a draft"):
        mapping.save_ie815(body, movement=MovementFactory(validated=True))


def schema_valid_ie815(*replacements: tuple[bytes, bytes]) -> ie815.IE815:
    """The official IE815 example with its texts replaced, still valid against the schema."""
    data = (EXAMPLES / "IE815.xml").read_bytes()
    for old, new in replacements:
        assert old in data
        data = data.replace(old, new, 1)
    return messages.parse(xml.parse_and_validate(data))


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            [(b"<NetMass>5.00<", b"<NetMass>12.50<")],
            [RuleError("R219", "lines.1.gross_mass", r219.MESSAGE.format(gross="10", net="12,5"))],
        ),
        (
            [(b"<BodyRecordUniqueReference>3<", b"<BodyRecordUniqueReference>2<")],
            [RuleError("R060", "lines.2.body_record_unique_reference", r060.DUPLICATE.format(number=2))],
        ),
        (
            [
                (b"<BodyRecordUniqueReference>4<", b"<BodyRecordUniqueReference>7<"),
                (b"<NetMass>90.00<", b"<NetMass>101<"),
            ],
            [
                RuleError(
                    "R060", "lines.3.body_record_unique_reference", r060.OUT_OF_SEQUENCE.format(count=4, number=7)
                ),
                RuleError("R219", "lines.0.gross_mass", r219.MESSAGE.format(gross="100", net="101")),
            ],
        ),
    ],
    ids=["net-above-gross", "same-line-number-twice", "gap-and-net-above-gross"],
)
def test_a_schema_valid_draft_the_rules_refuse_gives_every_rule_error_never_a_database_error(replacements, expected):
    message = schema_valid_ie815(*replacements)
    ExciseNumberFactory(number="XIRC649326241")
    with pytest.raises(mapping.RefusedMessage) as refusal:
        mapping.save_ie815(message.body)
    assert refusal.value.errors == expected
    assert not Movement.objects.exists()


def test_a_message_without_the_values_its_tables_cannot_hold_is_stored_line_for_line():
    """``storable``: the gross mass below its net mass left out, the line number out of the sequence
    replaced by the one free, the lines still in the message's order; nothing else changed."""
    message = schema_valid_ie815(
        (b"<BodyRecordUniqueReference>4<", b"<BodyRecordUniqueReference>7<"),
        (b"<NetMass>90.00<", b"<NetMass>101<"),
    )
    errors = mapping.storage_errors(message.body)
    body = mapping.storable(message.body, errors)
    assert mapping.storage_errors(body) == []
    assert [line.body_record_unique_reference for line in body.body_ead_esads] == [1, 2, 3, 4]
    assert [line.gross_mass for line in body.body_ead_esads] == [
        None,
        *(line.gross_mass for line in message.body.body_ead_esads[1:]),
    ]
    assert body.body_ead_esads[1:3] == message.body.body_ead_esads[1:3]
    assert [line.body_record_unique_reference for line in message.body.body_ead_esads] == [1, 2, 3, 7]  # unchanged
    ExciseNumberFactory(number="XIRC649326241")
    stored = mapping.save_ie815(body)
    assert [line.body_record_unique_reference for line in stored.lines.all() if line.gross_mass is None] == [1]


def test_a_line_number_sent_twice_is_stored_as_the_number_free():
    message = schema_valid_ie815(
        (b"<BodyRecordUniqueReference>1<", b"<BodyRecordUniqueReference>3<"),
    )
    errors = mapping.storage_errors(message.body)
    assert [(error.code, error.field) for error in errors] == [("R060", "lines.2.body_record_unique_reference")]
    body = mapping.storable(message.body, errors)
    assert [line.body_record_unique_reference for line in body.body_ead_esads] == [3, 2, 1, 4]


def test_a_guarantor_type_outside_tc29_is_left_out_to_be_stored():
    body = mapping.ie815_body(MovementFactory())
    body.movement_guarantee.guarantor_type_code = "0"
    stored = mapping.storable(body, mapping.storage_errors(body))
    assert stored.movement_guarantee.guarantor_type_code is None
    assert body.movement_guarantee.guarantor_type_code == "0"
    assert mapping.storage_errors(stored) == []


def test_a_draft_with_the_uk_guarantor_type_0_is_refused_before_it_is_stored_and_replaces_nothing():
    draft = MovementFactory()
    body = mapping.ie815_body(draft)
    body.movement_guarantee.guarantor_type_code = "0"
    body.ead_esad_draft.local_reference_number = "LRN-REPLACED"
    with pytest.raises(mapping.RefusedMessage) as refusal:
        mapping.save_ie815(body, movement=draft)
    assert refusal.value.errors == [RuleError("TC29", "guarantor_type_code", tc29.UK_ONLY)]
    assert str(refusal.value) == "Le message n\u2019est pas enregistré : 1 erreur à corriger."
    assert Movement.objects.get(pk=draft.pk).local_reference_number == draft.local_reference_number


def test_an_ie801_received_with_a_line_the_tables_cannot_hold_is_refused_too():
    message = messages.parse(xml.parse_and_validate((EXAMPLES / "IE801.xml").read_bytes()))
    message.body.body_ead_esads[0].net_mass = Decimal("100.5")
    with pytest.raises(mapping.RefusedMessage) as refusal:
        mapping.save_ie801(message.body)
    assert [(error.code, error.field) for error in refusal.value.errors] == [("R219", "lines.0.gross_mass")]
    assert not Movement.objects.exists()


def test_every_constraint_of_the_tables_a_message_goes_into_has_its_rule_or_its_reason():
    tables = (Movement, MovementTrader, MovementDocument, MovementLine, LinePackage, TransportDetail)
    names = {constraint.name for model in tables for constraint in model._meta.constraints}
    assert names == set(mapping.CONSTRAINT_RULES)


def test_a_received_date_time_is_stored_as_utc_with_its_text_and_written_back_as_received():
    """2026-03-29T02:30:00 (an hour Paris skips that day) is 02:30 UTC, 04:30 in Paris, not 03:30."""
    data = (EXAMPLES / "IE801.xml").read_bytes()
    data = data.replace(
        b"<urn:DateAndTimeOfValidationOfEadEsad>2022-12-07T10:32:30",
        b"<urn:DateAndTimeOfValidationOfEadEsad>2026-03-29T02:30:00.1234567",
    ).replace(
        b"<urn:DateAndTimeOfUpdateValidation>2022-12-07T10:32:30",
        b"<urn:DateAndTimeOfUpdateValidation>2026-10-25T02:30:00",
    )
    movement = mapping.save_ie801(messages.parse(xml.parse_and_validate(data)).body)

    stored = Movement.objects.get(pk=movement.pk)
    assert stored.validated_at == datetime.datetime(2026, 3, 29, 2, 30, 0, 123456, tzinfo=datetime.UTC)
    assert timezone.localtime(stored.validated_at).strftime("%H:%M") == "04:30"
    assert stored.validation_updated_at == datetime.datetime(2026, 10, 25, 2, 30, tzinfo=datetime.UTC)
    assert stored.received_times == {
        "validated_at": "2026-03-29T02:30:00.1234567",
        "validation_updated_at": "2026-10-25T02:30:00",
        "dispatch_time": "22:37:00",
    }
    rebuilt = messages.build(mapping.ie801_message(stored))
    assert rebuilt.findtext(".//{*}DateAndTimeOfValidationOfEadEsad") == "2026-03-29T02:30:00.1234567"
    assert rebuilt.findtext(".//{*}DateAndTimeOfUpdateValidation") == "2026-10-25T02:30:00"


def test_a_received_time_changed_since_is_written_as_it_now_is():
    data = (EXAMPLES / "IE815.xml").read_bytes().replace(b">22:37:00<", b">22:37:00.1234567<")
    ExciseNumberFactory(number="XIRC649326241")
    draft = mapping.save_ie815(messages.parse(xml.parse_and_validate(data)).body)
    assert messages.build(mapping.ie815_message(draft)).findtext(".//{*}TimeOfDispatch") == "22:37:00.1234567"
    Movement.objects.filter(pk=draft.pk).update(dispatch_time=datetime.time(8, 15))  # edited on the web
    edited = Movement.objects.get(pk=draft.pk)
    assert messages.build(mapping.ie815_message(edited)).findtext(".//{*}TimeOfDispatch") == "08:15:00"
