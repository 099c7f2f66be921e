"""Every lifecycle action stores its EMCS message (IE810, IE813, IE818, IE819, IE837, IE871) with the
movement, linked to its event, in the transaction of the transition: after it the movement has
exactly one stored message of that type, valid against its schema, carrying the ARC, and the
message the action returns is the one stored. A refused action, or one whose message cannot be
stored, writes nothing."""

import datetime
import logging

import pytest
from django.utils import timezone

from emcs import messages as emcs_messages
from emcs import xml
from gamma import actions
from gamma import messages as stored_messages
from gamma.actions import ActionRefused, LineExplanation, Reason, ReceiptLine, TraderInput
from gamma.models import MessageDirection, MovementMessage
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DISPATCH = TODAY - datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def by_consignor(world, movement, **kwargs):
    return {"movement": movement, "actor": world.antoine, "excise_number": CONSIGNOR_NUMBER, "today": TODAY} | kwargs


def by_consignee(world, movement, **kwargs):
    return {"movement": movement, "actor": world.bob, "excise_number": CONSIGNEE_NUMBER, "today": TODAY} | kwargs


def received_short(world, movement):
    actions.movement_report_receipt(
        **by_consignee(
            world,
            movement,
            date_of_arrival=TODAY,
            global_conclusion=2,
            lines=[ReceiptLine(1, "S", "12", reasons=[Reason("2")])],
        )
    )
    movement.refresh_from_db()


# message type → (the status to start from, a valid call of the action)
ACTIONS = {
    "IE810": (
        {"dispatch_date": TODAY},
        lambda world, movement: actions.movement_cancel(**by_consignor(world, movement, reason_code="1")),
    ),
    "IE813": (
        {},
        lambda world, movement: actions.movement_change_destination(
            **by_consignor(
                world,
                movement,
                destination_type_code=2,
                consignee=TraderInput("FR012345E0009", "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
            )
        ),
    ),
    "IE818": (
        {},
        lambda world, movement: actions.movement_report_receipt(
            **by_consignee(world, movement, date_of_arrival=TODAY, global_conclusion=1)
        ),
    ),
    "IE819": (
        {},
        lambda world, movement: actions.movement_alert_or_reject(
            **by_consignee(world, movement, rejected=True, reasons=[Reason("0", "Quantité à confirmer")])
        ),
    ),
    "IE837": (
        {},
        lambda world, movement: actions.movement_explain_delay(**by_consignee(world, movement, explanation_code="4")),
    ),
    "IE871": (
        {"received_short": True},
        lambda world, movement: actions.movement_explain_shortage(
            **by_consignor(world, movement, lines=[LineExplanation(1, "Deux cartons cassés au chargement", "738")])
        ),
    ),
}


def prepared(world, setup):
    setup = dict(setup)
    short = setup.pop("received_short", False)
    movement = shipped(world, **({"dispatch_date": DISPATCH} | setup))
    if short:
        received_short(world, movement)
    return movement


@pytest.mark.parametrize("message_type", list(ACTIONS))
def test_each_action_stores_its_message_with_its_event(world, message_type):
    setup, call = ACTIONS[message_type]
    movement = prepared(world, setup)
    before = movement.messages.count()
    result = call(world, movement)
    [stored] = movement.messages.filter(message_type=message_type)
    # A change of destination also stores the IE803 to the consignee it leaves and the updated IE801
    # (tests/gamma/test_notices.py, tests/gamma/test_action_feed.py).
    assert movement.messages.count() == before + (3 if message_type == "IE813" else 1)
    assert stored.event == result.event
    assert result.stored == stored
    assert stored.direction == MessageDirection.SENT
    data = bytes(stored.xml)
    xml.parse_and_validate(data, message_type)  # valid against its V3.23 schema
    assert movement.arc.encode() in data
    # The message returned is the one stored, header and body.
    assert data == xml.to_bytes(emcs_messages.build(result.message))
    assert stored.message_identifier == result.message.header.message_identifier
    assert stored_messages.last(movement, message_type) == stored


def test_the_message_is_dated_as_its_event(world):
    setup, call = ACTIONS["IE837"]
    result = call(world, prepared(world, setup))
    header = result.message.header
    at = timezone.localtime(result.event.at, datetime.UTC)
    assert (header.date_of_preparation, header.time_of_preparation.replace(microsecond=0)) == (
        at.date(),
        at.time().replace(microsecond=0, tzinfo=None),
    )


@pytest.mark.parametrize("message_type", list(ACTIONS))
def test_a_refused_action_stores_nothing(world, message_type):
    _, call = ACTIONS[message_type]
    draft = MovementFactory(consignor=world.excise_a, consignee_identifier=CONSIGNEE_NUMBER)  # no action on a draft
    with pytest.raises(ActionRefused):
        call(world, draft)
    assert not draft.messages.exists() and not draft.events.exists()
    assert not MovementMessage.objects.exists()


def test_bad_data_stores_nothing(world):
    movement = shipped(world, dispatch_date=DISPATCH)
    with pytest.raises(ActionRefused):
        actions.movement_report_receipt(**by_consignee(world, movement, date_of_arrival=TODAY, global_conclusion=2))
    assert not MovementMessage.objects.filter(movement=movement).exists()


@pytest.mark.parametrize("message_type", list(ACTIONS))
def test_a_message_that_cannot_be_stored_leaves_the_movement_as_it_was(world, message_type, monkeypatch, caplog):
    setup, call = ACTIONS[message_type]
    movement = prepared(world, setup)
    status, sequence, consignee = movement.status, movement.sequence_number, movement.consignee_identifier
    events, stored = movement.events.count(), movement.messages.count()

    def refuse(message):
        raise stored_messages.MessageNotValid(f"{type(message).__name__} refused by the schema")

    monkeypatch.setattr(stored_messages, "serialise", refuse)
    with caplog.at_level(logging.ERROR, logger="gamma.actions.common"), pytest.raises(ActionRefused) as excinfo:
        call(world, movement)
    assert excinfo.value.message.startswith("L'action n'a pas été enregistrée : son message EMCS")
    assert f"The {message_type} of movement {movement.pk} fails its schema" in caplog.text
    # In memory as in the database: nothing changed.
    assert (movement.status, movement.sequence_number, movement.consignee_identifier) == (status, sequence, consignee)
    movement.refresh_from_db()
    assert (movement.status, movement.sequence_number, movement.consignee_identifier) == (status, sequence, consignee)
    assert movement.events.count() == events
    assert movement.messages.count() == stored
