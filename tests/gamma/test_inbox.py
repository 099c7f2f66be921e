"""Messages (gamma.inbox) and the daily reminders of overdue receipts (IE802)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gamma import actions, inbox, inbox_state, lifecycle, timeline
from gamma.actions import Reason, ReceiptLine
from gamma.models import MovementAction, MovementEvent, MovementStatus
from mail.models import OutboxMessage
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)
A = MovementAction


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def validated(movement, actor):
    """The validation event the issuing service writes (here by the lifecycle directly)."""
    movement.status = MovementStatus.DRAFT
    movement.save()
    event = lifecycle.transition(movement, A.VALIDATE, actor=actor, role=lifecycle.CONSIGNOR, payload={})
    movement.refresh_from_db()
    return event


# --- Messages -------------------------------------------------------------------------------------


def test_each_side_reads_what_happened_in_its_own_words(world):
    movement = shipped(world, dispatch_date=TODAY - DAYS)
    arc = movement.arc
    MovementFactory._meta.model.objects.filter(pk=movement.pk).update(arc=None)
    movement.arc = None
    validated(movement, world.antoine)
    movement.arc = arc
    movement.save()
    actions.movement_report_receipt(
        movement=movement,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        date_of_arrival=TODAY,
        global_conclusion=2,
        lines=[ReceiptLine(1, "S", "12", reasons=[Reason("2")])],
    )
    mine = inbox.items(inbox.events_of(excise_number=world.excise_a), number=CONSIGNOR_NUMBER, seen_at=None)
    theirs = inbox.items(inbox.events_of(excise_number=world.excise_b), number=CONSIGNEE_NUMBER, seen_at=None)
    assert [item.headline for item in mine] == [
        f"DAE {arc} : réception déclarée, mouvement apuré",
        f"DAE {arc} validé",
    ]
    assert theirs[-1].headline == f"DAE {arc} : un document vous est adressé"
    assert "Ligne 1 : manquant de 12 ; motif : Manquant" in mine[0].details
    assert mine[0].actor.endswith("(bob)")


def test_other_numbers_and_drafts_stay_out(world):
    shipped(world)
    MovementFactory(consignor=world.excise_a)  # a draft
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    lifecycle.transition(theirs, A.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNOR, payload={})
    assert not inbox.events_of(excise_number=world.excise_a).exists()
    assert inbox.events_of(excise_number=world.excise_b).count() == 1


def test_unread_since_everything_was_marked_read(world):
    movement = shipped(world)
    lifecycle.transition(movement, A.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNEE, payload={})
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 1
    inbox_state.mark_all_read(user=world.antoine, excise_number=world.excise_a)
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 0
    lifecycle.transition(movement, A.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNEE, payload={})
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 1
    assert inbox_state.unread_count(user=world.luc, excise_number=world.excise_a) == 2  # each user's own


def test_the_timeline_says_every_action_in_french(world):
    movement = shipped(world, dispatch_date=TODAY)
    actions.movement_alert_or_reject(
        movement=movement,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        rejected=True,
        reasons=[Reason("2")],
    )
    actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=2,
        consignee=actions.TraderInput("FR012345E0009", "CAVE DU PORT", "Quai", "", "33000", "BORDEAUX"),
    )
    movement.refresh_from_db()
    actions.movement_cancel(movement=movement, actor=world.antoine, excise_number=CONSIGNOR_NUMBER, reason_code="3")
    entries = timeline.entries(movement)
    assert [entry.title for entry in entries] == [
        "Alerte ou refus avant réception (IE819)",
        "Changement de destination (IE813)",
        "Annulation (IE810)",
    ]
    assert entries[0].change == "Validé → Rejeté"
    assert "Motif : Les produits ne correspondent pas à la commande" in entries[0].details
    assert "Nouveau destinataire : CAVE DU PORT (FR012345E0009)" in entries[1].details
    assert "Numéro de séquence : 2" in entries[1].details
    assert entries[2].details == ["Motif : DAE en double"]


# --- Reminders ------------------------------------------------------------------------------------


def test_an_overdue_receipt_is_reminded_once(world, settings):
    late = shipped(world, dispatch_date=TODAY - 5 * DAYS, journey_time="D02")
    on_time = shipped(world, dispatch_date=TODAY - DAYS, journey_time="D02")
    delivered = shipped(world, dispatch_date=TODAY - 5 * DAYS, journey_time="D02", status=MovementStatus.DELIVERED)
    sent = inbox.remind_overdue_receipts(today=TODAY, base_url="https://pro.example.org")
    assert [event.movement for event in sent] == [late]
    (event,) = sent
    assert event.message_type == "IE802" and event.actor is None
    assert event.from_status == event.to_status == MovementStatus.ACCEPTED
    assert event.payload["attributes"]["reminder_message_type"] == 2
    assert event.payload["excise_movement"] == {"administrative_reference_code": late.arc, "sequence_number": 1}
    assert not on_time.events.exists() and not delivered.events.exists()
    # Once: a second run (the same day or later) sends nothing more.
    assert inbox.remind_overdue_receipts(today=TODAY + DAYS, base_url="https://pro.example.org") == []
    assert MovementEvent.objects.filter(action=A.REMINDER).count() == 1


def test_the_reminder_mails_the_consignees_users_who_may_discharge(world):
    late = shipped(world, dispatch_date=TODAY - 5 * DAYS)
    inbox.remind_overdue_receipts(today=TODAY, base_url="https://pro.example.org/")
    (message,) = OutboxMessage.objects.all()
    assert message.to == [world.bob.email]
    assert late.arc in message.subject
    assert f"https://pro.example.org/gamma/{CONSIGNEE_NUMBER}/mouvements/{late.pk}/" in message.body_text
    items = inbox.items(inbox.events_of(excise_number=world.excise_b), number=CONSIGNEE_NUMBER, seen_at=None)
    assert items[0].headline == f"DAE {late.arc} : relance, accusé de réception en retard"
    assert items[0].actor == "GAMMA (système)"


def test_a_new_destination_may_be_reminded_again(world):
    late = shipped(world, dispatch_date=TODAY - 5 * DAYS)
    inbox.remind_overdue_receipts(today=TODAY, base_url="http://x")
    actions.movement_change_destination(
        movement=late,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=2,
        consignee=actions.TraderInput("FR012345E0009", "CAVE DU PORT", "Quai", "", "33000", "BORDEAUX"),
    )
    assert len(inbox.remind_overdue_receipts(today=TODAY, base_url="http://x")) == 1
    assert MovementEvent.objects.filter(action=A.REMINDER).count() == 2


def test_the_command(world, capsys):
    late = shipped(world, dispatch_date=TODAY - 5 * DAYS)
    call_command("remind_overdue_receipts", "--date", TODAY.isoformat(), "--base-url", "https://pro.example.org")
    out = capsys.readouterr().out
    assert "1 relance envoyée." in out and late.arc in out
    call_command("remind_overdue_receipts")
    assert "0 relance envoyée." in capsys.readouterr().out
    with pytest.raises(Exception, match="Date invalide"):
        call_command("remind_overdue_receipts", "--date", "31/12/2026")


def test_a_reminder_is_the_portals_not_a_traders(world):
    movement = shipped(world)
    for role in lifecycle.ROLES:
        with pytest.raises(lifecycle.TransitionRefused, match="réservée au portail"):
            lifecycle.transition(movement, A.REMINDER, actor=world.antoine, role=role, payload={})
    assert mail.outbox == []
