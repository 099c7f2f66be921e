"""The customs office's GAMMA actions (``gamma.actions.office``): which movements an office sees
(those of the operators in its charge, as consignor or consignee), the interruption (IE807: valid
against its schema, stored, in the feeds of the consignor and the consignee, « Interrompu »), the
manual closure (its reason in the timeline, no message), and the receipts awaited past their date."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from emcs import messages as emcs_messages
from emcs import xml
from gamma import actions, feed, inbox, timeline
from gamma.actions import ActionRefused
from gamma.models import MovementStatus
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

PARIS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def feed_of(number):
    return [entry.message for entry in feed.read([number], after=None, limit=100)[0]]


def test_an_office_sees_the_movements_of_its_operators_as_consignor_or_consignee(world):
    movement = shipped(world)  # A (office A) to B (office B)
    other = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="FR012345E0009")
    assert list(actions.movements_in_charge(user=world.agent_a)) == [movement]
    assert set(actions.movements_in_charge(user=world.agent_b)) == {movement, other}
    assert actions.office_movement(user=world.agent_a, pk=other.pk) is None
    assert actions.office_movement(user=world.agent_b, pk=other.pk) == other


def test_nobody_but_an_agent_sees_anything(world):
    shipped(world)
    assert not actions.movements_in_charge(user=world.antoine).exists()


def test_an_office_never_sees_a_draft(world):
    MovementFactory(consignor=world.excise_a)
    assert not actions.movements_in_charge(user=world.agent_a).exists()


def test_the_interruption_is_a_valid_ie807_in_both_feeds(world):
    movement = shipped(world)
    result = actions.movement_interrupt(
        movement=movement, actor=world.agent_a, reason_code="1", complementary_information="Contrôle routier"
    )
    movement.refresh_from_db()
    assert movement.status == MovementStatus.STOPPED
    assert movement.get_status_display() == "Interrompu"
    data = bytes(result.stored.xml)
    sent = emcs_messages.parse(xml.parse_and_validate(data, "IE807")).body.attributes  # schema-valid
    assert (sent.administrative_reference_code, sent.reason_for_interruption_code) == (movement.arc, "1")
    assert (sent.reference_number_of_excise_office, sent.complementary_information) == ("FR007501", "Contrôle routier")
    assert result.stored in feed_of(CONSIGNOR_NUMBER)
    assert result.stored in feed_of(CONSIGNEE_NUMBER)
    [entry] = [e for e in timeline.entries(movement) if e.event.action == "interrupt"]
    assert entry.title == "Interruption du mouvement (IE807)"
    assert "Motif : Soupçon de fraude (Contrôle routier)" in entry.details
    assert entry.change == "Validé → Interrompu"
    assert entry.messages == (result.stored,)
    assert world.agent_a.username not in entry.actor and "bureau de douane" in entry.actor.lower()
    assert b"agent.paris" not in data


def test_reason_other_needs_words_c143(world):
    movement = shipped(world)
    with pytest.raises(ActionRefused) as refused:
        actions.movement_interrupt(movement=movement, actor=world.agent_a, reason_code="0")
    assert refused.value.errors == {
        "reason_complementary_information": ["Précisez le motif « Autre » en quelques mots."]
    }
    with pytest.raises(ActionRefused) as refused:
        actions.movement_interrupt(movement=movement, actor=world.agent_a, reason_code="9")
    assert refused.value.errors == {"reason_code": ["Choisissez un motif de la liste."]}
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED
    assert not movement.messages.exists()


def test_another_office_cannot_act(world):
    movement = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="FR012345E0009")
    with pytest.raises(ActionRefused, match="introuvable"):
        actions.movement_interrupt(movement=movement, actor=world.agent_a, reason_code="1")
    with pytest.raises(ActionRefused, match="introuvable"):
        actions.movement_close_manually(movement=movement, actor=world.agent_a, reason="Erreur")
    with pytest.raises(ActionRefused, match="introuvable"):  # a trader is no office
        actions.movement_interrupt(movement=shipped(world), actor=world.antoine, reason_code="1")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED


def test_only_a_travelling_movement_is_interrupted(world):
    movement = shipped(world, status=MovementStatus.DELIVERED)
    with pytest.raises(ActionRefused, match="état « apuré »"):
        actions.movement_interrupt(movement=movement, actor=world.agent_b, reason_code="1")


def test_the_manual_closure_keeps_its_reason_in_the_timeline(world):
    movement = shipped(world, status=MovementStatus.REFUSED)
    with pytest.raises(ActionRefused) as refused:
        actions.movement_close_manually(movement=movement, actor=world.agent_a, reason="   ")
    assert refused.value.errors == {"reason": ["Indiquez le motif de la clôture."]}
    event = actions.movement_close_manually(
        movement=movement, actor=world.agent_a, reason="Marchandises réintégrées en entrepôt"
    )
    movement.refresh_from_db()
    assert movement.status == MovementStatus.MANUALLY_CLOSED
    assert not movement.messages.exists()
    [entry] = [e for e in timeline.entries(movement) if e.event == event]
    assert entry.title == "Clôture manuelle"
    assert entry.details == ["Par le bureau de douane FR007501", "Motif : Marchandises réintégrées en entrepôt"]
    with pytest.raises(ActionRefused, match="Clôture manuelle impossible"):
        actions.movement_close_manually(movement=movement, actor=world.agent_a, reason="Encore")


def test_the_traders_are_never_offered_the_office_actions(world):
    movement = shipped(world)
    access = actions.movement_access(user=world.antoine, excise_number=CONSIGNOR_NUMBER, movement=movement)
    today = timezone.localdate()
    assert "interrupt" not in access.allowed_actions(today=today)
    assert "manual_closure" not in access.allowed_actions(today=today)


@time_machine.travel(datetime.datetime(2026, 3, 10, 0, 30, tzinfo=PARIS), tick=False)
def test_the_overdue_receipts_are_those_expected_before_today_in_paris(world):
    # Paris date: 10/03 (UTC still 09/03 at 23:30).
    late = shipped(world, dispatch_date=datetime.date(2026, 3, 6), journey_time="D03")  # due 09/03
    due_today = shipped(world, dispatch_date=datetime.date(2026, 3, 7), journey_time="D03")  # due 10/03
    shipped(world, dispatch_date=datetime.date(2026, 3, 1), journey_time="D03", status=MovementStatus.DELIVERED)
    assert list(actions.overdue_receipts(user=world.agent_a)) == [late]
    assert list(actions.overdue_receipts(user=world.agent_b)) == [late]
    assert due_today not in actions.overdue_receipts(user=world.agent_a)
    assert not actions.overdue_receipts(user=world.antoine).exists()


def test_the_traders_read_the_office_actions_in_their_messages(world):
    interrupted, closed = shipped(world), shipped(world)
    stop = actions.movement_interrupt(movement=interrupted, actor=world.agent_a, reason_code="2").event
    close = actions.movement_close_manually(movement=closed, actor=world.agent_b, reason="Réception constatée")
    for number in (CONSIGNOR_NUMBER, CONSIGNEE_NUMBER):
        assert inbox.headline(stop, number=number) == f"DAE {interrupted.arc} interrompu par le bureau de douane"
        assert inbox.headline(close, number=number) == (
            f"DAE {closed.arc} clôturé manuellement par le bureau de douane"
        )
