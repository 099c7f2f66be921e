"""A change of destination (IE813) that changes the transport too, as HMRC's service allows: a new
transporter, transport arranger, guarantee, transport mode and units. The IE813 carries them, the
updated IE801 (sequence + 1) reflects them, both valid against their schemas; what is not given
stays; each rule refuses at its field, every fault at once, nothing written."""

import datetime

import pytest
from django.utils import timezone

from emcs import xml
from gamma import actions
from gamma import messages as stored_messages
from gamma.actions import ActionRefused, PartyInput, TraderInput, TransportChange, TransportUnitInput
from gamma.models import MovementEvent, TraderRole
from tests.gamma.support import CONSIGNOR_NUMBER, assert_valid, load_reason_lists, load_transport_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEW_CONSIGNEE = TraderInput(
    traderid="FR012345E0009", name="CAVE DU PORT", street_name="Quai des Chartrons", postcode="33000", city="BORDEAUX"
)
TRANSPORTER = PartyInput(
    vat_number="fr 40303265045",
    name="TRANSPORTS DURAND",
    street_name="Rue du Port",
    street_number="4",
    postcode="13002",
    city="MARSEILLE",
)
ARRANGER = PartyInput(name="LOGISTIQUE SUD", street_name="Avenue de la Gare", postcode="13001", city="MARSEILLE")
GUARANTOR = PartyInput(traderid="fr008777e0001")


@pytest.fixture(autouse=True)
def _lists(db):
    load_reason_lists()
    load_transport_lists()


@pytest.fixture
def movement(world):
    return shipped(world, dispatch_date=TODAY - datetime.timedelta(days=1))


def change(world, movement, transport: TransportChange | None = None, **kwargs):
    return actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        today=TODAY,
        destination_type_code=2,
        consignee=NEW_CONSIGNEE,
        transport=transport,
        **kwargs,
    )


EVERYTHING = TransportChange(
    transport_arrangement=4,
    transport_arranger=ARRANGER,
    transporter=TRANSPORTER,
    guarantor_type_code="23",
    guarantors=(GUARANTOR, PartyInput(name="OWNER SA", street_name="Rue Neuve", postcode="69001", city="LYON")),
    transport_mode_code="3",
    units=(
        TransportUnitInput(transport_unit_code="2", identity_of_transport_units="GH-456-JK"),
        TransportUnitInput(),  # an empty row of the form: none
        TransportUnitInput(
            transport_unit_code="3", identity_of_transport_units="REM-77", commercial_seal_identification="SC-1"
        ),
    ),
)


def test_the_ie813_carries_the_new_transport_and_the_movement_becomes_it(world, movement):
    result = change(world, movement, EVERYTHING)
    body = result.message.body
    assert body.new_transporter_trader.trader_name == "TRANSPORTS DURAND"
    assert body.new_transporter_trader.vat_number == "FR40303265045"
    assert body.new_transport_arranger_trader.trader_name == "LOGISTIQUE SUD"
    assert body.update_ead_esad.changed_transport_arrangement == 4
    assert body.update_ead_esad.transport_mode_code == "3"
    guarantee = body.destination_changed.movement_guarantee
    assert guarantee.guarantor_type_code == "23"
    assert [g.trader_excise_number for g in guarantee.guarantor_traders] == ["FR008777E0001", None]
    assert [(u.transport_unit_code, u.identity_of_transport_units) for u in body.transport_details] == [
        ("2", "GH-456-JK"),
        ("3", "REM-77"),
    ]
    assert_valid(result.message)

    movement.refresh_from_db()
    assert (movement.transport_arrangement, movement.guarantor_type_code) == (4, "23")
    assert movement.trader(TraderRole.FIRST_TRANSPORTER).trader_name == "TRANSPORTS DURAND"
    assert movement.trader(TraderRole.TRANSPORT_ARRANGER).city == "MARSEILLE"
    assert movement.trader(TraderRole.GUARANTOR_1).trader_excise_number == "FR008777E0001"
    assert movement.trader(TraderRole.GUARANTOR_2).trader_name == "OWNER SA"
    assert [(u.position, u.identity_of_transport_units) for u in movement.transport_details.all()] == [
        (1, "GH-456-JK"),
        (2, "REM-77"),
    ]


def test_the_updated_ie801_reflects_the_new_transport(world, movement):
    result = change(world, movement, EVERYTHING)
    root = xml.parse_and_validate(bytes(result.ie801.xml), "IE801")
    assert root.findtext(".//{*}HeaderEadEsad/{*}SequenceNumber") == "2"
    assert root.findtext(".//{*}FirstTransporterTrader/{*}TraderName") == "TRANSPORTS DURAND"
    assert root.findtext(".//{*}TransportArrangerTrader/{*}TraderName") == "LOGISTIQUE SUD"
    assert root.findtext(".//{*}HeaderEadEsad/{*}TransportArrangement") == "4"
    assert root.findtext(".//{*}MovementGuarantee/{*}GuarantorTypeCode") == "23"
    assert [e.text for e in root.iterfind(".//{*}TransportDetails/{*}IdentityOfTransportUnits")] == [
        "GH-456-JK",
        "REM-77",
    ]
    assert stored_messages.last(movement, "IE813") == result.stored


def test_what_is_not_given_stays(world, movement):
    result = change(world, movement, TransportChange(transporter=TRANSPORTER))
    body = result.message.body
    assert body.transport_details == [] and body.destination_changed.movement_guarantee is None
    assert body.update_ead_esad.transport_mode_code is None and body.new_transport_arranger_trader is None
    assert_valid(result.message)
    movement.refresh_from_db()
    assert (movement.transport_mode_code, movement.guarantor_type_code, movement.transport_arrangement) == ("3", "1", 1)
    assert [u.identity_of_transport_units for u in movement.transport_details.all()] == ["AB-123-CD"]
    assert movement.trader(TraderRole.FIRST_TRANSPORTER).trader_name == "TRANSPORTS DURAND"


def test_a_change_back_to_the_consignor_arranging_drops_the_arranger(world, movement):
    change(world, movement, EVERYTHING)
    movement.refresh_from_db()
    again = actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        today=TODAY,
        destination_type_code=1,
        consignee=TraderInput(traderid="FR009990F0005", name="B", street_name="Rue", postcode="32000", city="AUCH"),
        delivery_place=TraderInput(
            traderid="FR009990F0005", name="B", street_name="Rue", postcode="32000", city="AUCH"
        ),
        transport=TransportChange(transport_arrangement=1),
    )
    assert_valid(again.message)
    movement.refresh_from_db()
    assert movement.transport_arrangement == 1 and movement.trader(TraderRole.TRANSPORT_ARRANGER) is None


@pytest.mark.parametrize(
    ("transport", "field", "text"),
    [
        (TransportChange(transport_arrangement=3), "transport_arranger_name", "C103"),
        (TransportChange(transport_arrangement=1, transport_arranger=ARRANGER), "transport_arranger_name", "C103"),
        (TransportChange(transport_arrangement=9), "transport_arrangement", "Choisissez"),
        (TransportChange(transporter=PartyInput(name="SANS ADRESSE")), "transporter_city", "Saisissez la ville"),
        (TransportChange(guarantor_type_code="2"), "guarantor_1_name", "Indiquez le nom du garant"),
        (TransportChange(guarantor_type_code="1", guarantors=(ARRANGER,)), "guarantor_1_name", "ne prévoit pas"),
        (TransportChange(guarantor_type_code="0"), "guarantor_type_code", "Royaume-Uni"),
        (TransportChange(guarantors=(ARRANGER,)), "guarantor_type_code", "type de garantie"),
        (
            TransportChange(guarantor_type_code="2", guarantors=(PartyInput(traderid="XX123"),)),
            "guarantor_1_traderid",
            "13 caractères",
        ),
        (TransportChange(guarantor_type_code="5"), "transport_mode_code", "R216"),
        (TransportChange(guarantor_type_code="5", transport_mode_code="3"), "transport_mode_code", "R216"),
        (TransportChange(transport_mode_code="0"), "transport_mode_complementary_information", "C162"),
        (
            TransportChange(transport_mode_code="3", transport_mode_complementary_information="camion"),
            "transport_mode_complementary_information",
            "C162",
        ),
        (TransportChange(transport_mode_code="6"), "transport_mode_code", "liste"),
        (
            TransportChange(units=(TransportUnitInput(transport_unit_code="2"),)),
            "units.0.identity_of_transport_units",
            "C156",
        ),
        (
            TransportChange(units=(TransportUnitInput(transport_unit_code="5", identity_of_transport_units="X"),)),
            "units.0.identity_of_transport_units",
            "C156",
        ),
        (
            TransportChange(units=(TransportUnitInput(identity_of_transport_units="X"),)),
            "units.0.transport_unit_code",
            "type",
        ),
        (
            TransportChange(units=(TransportUnitInput(transport_unit_code="9", identity_of_transport_units="X"),)),
            "units.0.transport_unit_code",
            "liste",
        ),
    ],
)
def test_the_rules_of_the_transport_change(world, movement, transport, field, text):
    with pytest.raises(ActionRefused) as refused:
        change(world, movement, transport)
    assert any(text in message for message in refused.value.errors.get(field, [])), refused.value.errors
    movement.refresh_from_db()
    assert movement.sequence_number == 1 and not MovementEvent.objects.filter(movement=movement).exists()
    assert movement.trader(TraderRole.FIRST_TRANSPORTER) is None


def test_every_fault_at_once(world, movement):
    with pytest.raises(ActionRefused) as refused:
        change(
            world,
            movement,
            TransportChange(
                transport_arrangement=3,
                transporter=PartyInput(name="X"),
                transport_mode_code="0",
                units=(TransportUnitInput(transport_unit_code="2"), TransportUnitInput(transport_unit_code="1")),
            ),
            journey_time="D99",
        )
    assert {
        "transport_arranger_name",
        "transporter_street_name",
        "transport_mode_complementary_information",
        "units.0.identity_of_transport_units",
        "units.1.identity_of_transport_units",
        "journey_time",
    } <= set(refused.value.errors)


def test_a_duty_paid_movement_has_no_guarantee_to_change(world):
    daes = shipped(world, daes=True, dispatch_date=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ActionRefused) as refused:
        actions.movement_change_destination(
            movement=daes,
            actor=world.antoine,
            excise_number=CONSIGNOR_NUMBER,
            today=TODAY,
            destination_type_code=11,
            transport=TransportChange(guarantor_type_code="1"),
        )
    assert any("C210" in message for message in refused.value.errors["guarantor_type_code"])
