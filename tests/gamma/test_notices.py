"""The notices the portal sends as EMCS would, in the traders' feeds: the reminder (IE802) of an
overdue report of receipt, to the consignee, once per movement and sequence number; the diversion
notice (IE803) to the consignee a change of destination leaves, and to nobody else. Each is stored
with the movement in the transaction of its event, valid against its schema, and reads back as
built. The clocks are frozen where Paris' date is not UTC's, around the change to summer time."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from emcs import messages, xml
from emcs.messages import ie802, ie803
from gamma import actions, feed, inbox, timeline
from gamma import messages as stored_messages
from gamma.models import FeedEntry, MovementAction, MovementEvent, MovementMessage
from mail.models import OutboxMessage
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NEW_CONSIGNEE = "FR012345E0009"
BASE_URL = "https://pro.example.org"
# 00:30 in Paris on 31 March 2026, the second night of summer time: still the 30th in UTC.
AFTER_MIDNIGHT = dt.datetime(2026, 3, 31, 0, 30, tzinfo=PARIS)
DAYS = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def feed_of(number: str) -> list[MovementMessage]:
    return [entry.message for entry in feed.read([number], after=None, limit=100)[0]]


def read_back(stored: MovementMessage):
    """The stored bytes, valid against their schema, parsed to the message's dataclasses."""
    return messages.parse(xml.parse_and_validate(bytes(stored.xml), stored.message_type))


def ie802s(movement) -> list[MovementMessage]:
    return list(MovementMessage.objects.filter(movement=movement, message_type="IE802").order_by("id"))


def change_destination(world, movement, *, traderid=NEW_CONSIGNEE, today=None):
    return actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=2,
        consignee=actions.TraderInput(traderid, "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
        today=today,
    )


# --- IE802: the reminder of an overdue report of receipt ----------------------------------------


@time_machine.travel(AFTER_MIDNIGHT, tick=False)
def test_the_reminder_stores_one_ie802_per_movement_in_the_consignees_feed_and_a_second_run_adds_none(world):
    today = dt.date(2026, 3, 31)  # Paris' date; UTC's is still the 30th
    late = shipped(world, dispatch_date=dt.date(2026, 3, 27), journey_time="D02")  # due on the 29th
    later = shipped(world, dispatch_date=dt.date(2026, 3, 20), journey_time="D03")
    on_time = shipped(world, dispatch_date=dt.date(2026, 3, 30), journey_time="D02")

    sent = inbox.remind_overdue_receipts(today=today, base_url=BASE_URL)

    assert sorted(event.movement.pk for event in sent) == sorted([late.pk, later.pk])
    assert ie802s(on_time) == []
    for event in sent:
        [stored] = ie802s(event.movement)
        assert stored.event == event  # written with the reminder's event, in its transaction
        assert list(stored.feed_entries.values_list("excise_number", flat=True)) == [CONSIGNEE_NUMBER]
    assert [m.message_type for m in feed_of(CONSIGNEE_NUMBER)] == ["IE802", "IE802"]
    assert feed_of(CONSIGNOR_NUMBER) == []  # the consignor is not the one reminded

    # Twice the same day, then the next day: nothing more stored, published or mailed.
    counts = (MovementMessage.objects.count(), FeedEntry.objects.count(), OutboxMessage.objects.count())
    assert inbox.remind_overdue_receipts(today=today, base_url=BASE_URL) == []
    assert inbox.remind_overdue_receipts(today=today + DAYS, base_url=BASE_URL) == []
    assert (MovementMessage.objects.count(), FeedEntry.objects.count(), OutboxMessage.objects.count()) == counts


@time_machine.travel(AFTER_MIDNIGHT, tick=False)
def test_the_ie802_says_the_reminder_type_the_arc_the_sequence_and_the_limit_in_utc(world):
    late = shipped(world, dispatch_date=dt.date(2026, 3, 27), journey_time="D02")  # due on Sunday the 29th
    [event] = inbox.remind_overdue_receipts(today=dt.date(2026, 3, 31), base_url=BASE_URL)
    [stored] = ie802s(late)

    message = read_back(stored)
    assert isinstance(message, ie802.IE802)
    assert message.header.message_identifier == stored.message_identifier
    assert message.header.date_of_preparation == dt.date(2026, 3, 30)  # UTC's date
    attributes = message.body.attributes
    assert attributes.reminder_message_type == ie802.REPORT_OF_RECEIPT == 2  # TC48: report of receipt
    assert attributes.date_and_time_of_issuance_of_reminder == dt.datetime(2026, 3, 30, 22, 30)
    # The end of the 29th in Paris, summer time since that night: 21:59:59 UTC.
    assert attributes.limit_date_and_time == dt.datetime(2026, 3, 29, 21, 59, 59)
    assert message.body.excise_movement == ie802.ExciseMovement(
        administrative_reference_code=late.arc, sequence_number=1
    )
    # The timeline reads the same body, and shows the Paris date.
    assert event.payload["attributes"]["limit_date_and_time"] == "2026-03-29T21:59:59"
    assert "Arrivée attendue le 29/03/2026 : l'accusé de réception n'a pas été envoyé." in timeline.details(event)


@time_machine.travel(dt.datetime(2026, 10, 25, 1, 30, tzinfo=PARIS), tick=False)
def test_a_new_destination_gets_its_own_ie802_for_its_sequence_number(world):
    """Winter time comes back this night: 01:30 in Paris is 23:30 UTC the day before."""
    today = dt.date(2026, 10, 25)
    late = shipped(world, dispatch_date=today - 5 * DAYS, journey_time="D02")
    [first] = inbox.remind_overdue_receipts(today=today, base_url=BASE_URL)
    change_destination(world, late, today=today)
    [second] = inbox.remind_overdue_receipts(today=today, base_url=BASE_URL)
    assert inbox.remind_overdue_receipts(today=today, base_url=BASE_URL) == []

    before, after = ie802s(late)
    assert (before.event, after.event) == (first, second)
    assert read_back(before).body.excise_movement.sequence_number == 1
    assert read_back(after).body.excise_movement.sequence_number == 2
    # The limit: the end of the 22nd in Paris, still summer time then (UTC+2).
    assert read_back(before).body.attributes.limit_date_and_time == dt.datetime(2026, 10, 22, 21, 59, 59)
    assert [m.message_type for m in feed_of(NEW_CONSIGNEE)] == ["IE813", "IE801", "IE802"]
    assert feed_of(NEW_CONSIGNEE)[-1] == after
    assert [m.message_type for m in feed_of(CONSIGNEE_NUMBER)] == ["IE802", "IE803"]


def test_an_ie802_its_schema_refuses_keeps_nothing_of_its_reminder_and_the_others_go(world, monkeypatch, caplog):
    today = dt.date(2026, 6, 10)
    first = shipped(world, dispatch_date=today - 5 * DAYS)
    second = shipped(world, dispatch_date=today - 5 * DAYS)
    real = stored_messages.serialise

    def refuse_the_first(message):
        if isinstance(message, ie802.IE802) and message.body.excise_movement.administrative_reference_code == first.arc:
            raise stored_messages.MessageNotValid("refused by the schema")
        return real(message)

    monkeypatch.setattr(stored_messages, "serialise", refuse_the_first)
    sent = inbox.remind_overdue_receipts(today=today, base_url=BASE_URL)
    assert [event.movement.pk for event in sent] == [second.pk]
    assert not MovementEvent.objects.filter(movement=first, action=MovementAction.REMINDER).exists()
    assert ie802s(first) == [] and len(ie802s(second)) == 1
    assert OutboxMessage.objects.count() == 1  # the second's mail only
    assert f"The IE802 of movement {first.pk} fails its schema" in caplog.text


# --- IE803: the diversion notice to the consignee a change of destination leaves --------------------


@time_machine.travel(dt.datetime(2026, 3, 29, 3, 15, tzinfo=PARIS), tick=False)
def test_the_consignee_a_change_of_destination_leaves_gets_an_ie803_and_nobody_else_does(world):
    movement = shipped(world, dispatch_date=dt.date(2026, 3, 28))
    result = change_destination(world, movement, today=dt.date(2026, 3, 29))

    notice = result.ie803
    assert notice is not None and notice.message_type == "IE803" and notice.event == result.event
    assert list(notice.feed_entries.values_list("excise_number", flat=True)) == [CONSIGNEE_NUMBER]
    assert feed_of(CONSIGNEE_NUMBER) == [notice]  # not the IE813: nothing of the new destination
    assert notice not in feed_of(NEW_CONSIGNEE) and notice not in feed_of(CONSIGNOR_NUMBER)
    assert feed_of(NEW_CONSIGNEE) == [result.stored, result.ie801]

    message = read_back(notice)
    assert isinstance(message, ie803.IE803)
    assert message.body.excise_notification == ie803.ExciseNotification(
        notification_type=ie803.CHANGE_OF_DESTINATION,
        # 03:15 in Paris, one hour after the clocks went forward: 01:15 UTC.
        notification_date_and_time=dt.datetime(2026, 3, 29, 1, 15),
        administrative_reference_code=movement.arc,
        sequence_number=2,  # the e-AD's latest, after the change (R255)
    )
    assert message.body.downstream_arcs == []  # a splitting's only (C082)


def test_no_ie803_when_the_consignee_stays_the_same(world):
    movement = shipped(world, dispatch_date=timezone.localdate())
    result = change_destination(world, movement, traderid=CONSIGNEE_NUMBER)
    assert result.ie803 is None
    assert not MovementMessage.objects.filter(message_type="IE803").exists()
    assert [m.message_type for m in feed_of(CONSIGNEE_NUMBER)] == ["IE813", "IE801"]


def test_a_consignee_in_another_member_state_has_no_feed_here_but_the_ie803_is_kept(world):
    movement = shipped(world, dispatch_date=timezone.localdate())
    movement.consignee_identifier = "DE012345678AB"
    movement.save()
    result = change_destination(world, movement)
    assert result.ie803 is not None and not result.ie803.feed_entries.exists()
    assert read_back(result.ie803).body.excise_notification.administrative_reference_code == movement.arc


def test_a_change_of_destination_whose_ie803_fails_its_schema_changes_nothing(world, monkeypatch, caplog):
    movement = shipped(world, dispatch_date=timezone.localdate())
    real = stored_messages.serialise

    def refuse_the_ie803(message):
        if isinstance(message, ie803.IE803):
            raise stored_messages.MessageNotValid("IE803 refused by the schema")
        return real(message)

    monkeypatch.setattr(stored_messages, "serialise", refuse_the_ie803)
    with pytest.raises(actions.ActionRefused, match="n'a pas pu être constitué"):
        change_destination(world, movement)
    movement.refresh_from_db()
    assert (movement.sequence_number, movement.consignee_identifier) == (1, CONSIGNEE_NUMBER)
    assert not MovementMessage.objects.exists() and not FeedEntry.objects.exists()
    assert not MovementEvent.objects.filter(movement=movement).exists()
    assert "The IE803 of movement" in caplog.text
