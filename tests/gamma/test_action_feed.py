"""Every lifecycle action puts its message in the other party's feed (``gamma.feed``), never in its
author's: the cancellation (IE810) to the consignee, the report of receipt (IE818) and the alert or
rejection (IE819) to the consignor, an explanation (IE837, IE871) to the party that did not write
it. A change of destination (IE813) goes to the new consignee; the consignee it leaves gets the
diversion notice (IE803) instead; the updated IE801 (sequence number + 1, the new consignee and
place) goes to the consignor's and the new consignee's feeds; the movement's page and its printed
copy then show what that IE801 says."""

import html

import pytest

from emcs import xml
from gamma import actions, feed, printing, services
from gamma import messages as stored_messages
from gamma.actions import ActionRefused, LineExplanation, TraderInput
from gamma.models import FeedEntry, MovementKind, MovementMessage
from tests.factories.gamma import MovementFactory
from tests.gamma.drafting import complete_dae
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER
from tests.gamma.test_action_messages import ACTIONS, TODAY, _reasons, by_consignee, by_consignor, prepared  # noqa: F401
from tests.gamma.test_ie801 import pdf_text

pytestmark = pytest.mark.django_db

NEW_CONSIGNEE = "FR012345E0009"  # the IE813 of ACTIONS sends the goods there

# message type → (its author's number, the numbers whose feed it goes to)
EXPECTED = {
    "IE810": (CONSIGNOR_NUMBER, [CONSIGNEE_NUMBER]),
    "IE813": (CONSIGNOR_NUMBER, [NEW_CONSIGNEE]),
    "IE818": (CONSIGNEE_NUMBER, [CONSIGNOR_NUMBER]),
    "IE819": (CONSIGNEE_NUMBER, [CONSIGNOR_NUMBER]),
    "IE837": (CONSIGNEE_NUMBER, [CONSIGNOR_NUMBER]),
    "IE871": (CONSIGNOR_NUMBER, [CONSIGNEE_NUMBER]),
}


def recipients(stored: MovementMessage) -> list[str]:
    return list(stored.feed_entries.order_by("id").values_list("excise_number", flat=True))


def feed_of(number: str) -> list[MovementMessage]:
    return [entry.message for entry in feed.read([number], after=None, limit=100)[0]]


@pytest.mark.parametrize("message_type", list(ACTIONS))
def test_each_action_publishes_its_message_to_the_other_party_not_to_its_author(world, message_type):
    setup, call = ACTIONS[message_type]
    movement = prepared(world, setup)
    result = call(world, movement)
    author, expected = EXPECTED[message_type]
    assert recipients(result.stored) == expected
    assert author not in recipients(result.stored)
    for number in expected:
        assert result.stored in feed_of(number)
    assert result.stored not in feed_of(author)


@pytest.mark.parametrize(
    ("role", "author", "reader"),
    [("consignor", CONSIGNOR_NUMBER, CONSIGNEE_NUMBER), ("consignee", CONSIGNEE_NUMBER, CONSIGNOR_NUMBER)],
)
def test_an_explanation_of_delay_goes_to_the_party_that_did_not_write_it(world, role, author, reader):
    movement = prepared(world, {})
    by = by_consignor if role == "consignor" else by_consignee
    result = actions.movement_explain_delay(**by(world, movement, explanation_code="4"))
    assert recipients(result.stored) == [reader]
    assert result.stored in feed_of(reader) and result.stored not in feed_of(author)


def test_an_explanation_of_shortage_by_the_consignee_goes_to_the_consignor(world):
    movement = prepared(world, {"received_short": True})
    result = actions.movement_explain_shortage(
        **by_consignee(world, movement, lines=[LineExplanation(1, "Évaporation pendant le transport", "738")])
    )
    assert recipients(result.stored) == [CONSIGNOR_NUMBER]


def test_a_refused_action_publishes_nothing(world):
    movement = prepared(world, {})
    with pytest.raises(ActionRefused):
        actions.movement_report_receipt(**by_consignee(world, movement, date_of_arrival=None, global_conclusion=1))
    with pytest.raises(ActionRefused):  # the consignor may not report the receipt
        actions.movement_report_receipt(**by_consignor(world, movement, date_of_arrival=None, global_conclusion=1))
    assert not FeedEntry.objects.exists()


def test_a_message_to_a_consignee_in_another_member_state_is_in_no_feed(world):
    movement = MovementFactory(
        validated=True, consignor=world.excise_a, consignee_identifier="DE012345678AB", dispatch_date=TODAY
    )
    result = actions.movement_cancel(**by_consignor(world, movement, reason_code="1"))
    assert recipients(result.stored) == []


def change_destination(world, movement):
    return actions.movement_change_destination(
        **by_consignor(
            world,
            movement,
            destination_type_code=2,
            consignee=TraderInput(NEW_CONSIGNEE, "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
        )
    )


def test_a_change_of_destination_stores_the_updated_ie801_for_the_consignor_and_the_new_consignee(world):
    movement = prepared(world, {})
    assert movement.sequence_number == 1
    result = change_destination(world, movement)

    updated = result.ie801
    assert updated is not None and updated.message_type == "IE801" and updated.event == result.event
    assert stored_messages.last(movement, "IE801") == updated
    root = xml.parse_and_validate(bytes(updated.xml), "IE801")
    assert root.findtext(".//{*}HeaderEadEsad/{*}SequenceNumber") == "2"
    assert root.findtext(".//{*}ConsigneeTrader/{*}Traderid") == NEW_CONSIGNEE
    assert root.findtext(".//{*}ConsigneeTrader/{*}TraderName") == "CAVE DU PORT"
    assert root.findtext(".//{*}AdministrativeReferenceCode") == movement.arc
    assert stored_messages.validation_of(bytes(updated.xml)).sequence_number == 2

    assert recipients(updated) == [CONSIGNOR_NUMBER, NEW_CONSIGNEE]
    # The consignee it leaves is told by the IE803 only; the new one gets the IE813 and the IE801.
    assert feed_of(CONSIGNEE_NUMBER) == [result.ie803]
    assert feed_of(NEW_CONSIGNEE) == [result.stored, updated]
    assert feed_of(CONSIGNOR_NUMBER) == [updated]


def test_a_change_of_destination_whose_updated_ie801_fails_its_schema_changes_nothing(world, monkeypatch):
    movement = prepared(world, {})
    real = stored_messages.serialise

    def refuse_the_ie801(message):
        if type(message).__name__ == "IE801":
            raise stored_messages.MessageNotValid("IE801 refused by the schema")
        return real(message)

    monkeypatch.setattr(stored_messages, "serialise", refuse_the_ie801)
    with pytest.raises(ActionRefused):
        change_destination(world, movement)
    movement.refresh_from_db()
    assert (movement.sequence_number, movement.consignee_identifier) == (1, CONSIGNEE_NUMBER)
    assert not MovementMessage.objects.exists() and not FeedEntry.objects.exists()


def test_the_page_and_the_printed_copy_show_the_updated_ie801(client, world, emcs_codelists):
    issued = services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    result = change_destination(world, issued)
    stated = stored_messages.validation_of(bytes(result.ie801.xml))
    assert (stated.arc, stated.sequence_number) == (issued.arc, 2)
    assert stored_messages.show_stored_ie801(issued).sequence_number == 2
    copy = printing.load(issued.pk)
    assert (copy.movement.sequence_number, copy.movement.arc) == (2, issued.arc)
    assert copy.movement.validation_updated_at == stated.validation_updated_at

    client.force_login(world.antoine)
    base = f"/gamma/{CONSIGNOR_NUMBER}/mouvements/{issued.pk}/"
    page = " ".join(html.unescape(client.get(base).content.decode()).split())
    assert "<dt>Numéro de séquence</dt><dd>2 (mis à jour le" in page
    assert "CAVE DU PORT" in page
    text = pdf_text(client.get(base + "document.pdf").content)
    assert "Numéro de séquence : 2 — mis à jour le" in text
    assert "CAVE DU PORT" in text


def test_a_dsa_is_national_its_messages_are_kept_in_no_feed(world):
    movement = MovementFactory(
        validated=True,
        kind=MovementKind.DSA,
        consignor=world.excise_a,
        consignee_identifier=CONSIGNEE_NUMBER,
        dispatch_date=TODAY,
    )
    result = actions.movement_cancel(**by_consignor(world, movement, reason_code="1"))
    assert result.stored.message_type == "IE810"
    assert not FeedEntry.objects.exists()
