"""The movement's state machine, over every status, action and role, and its timeline."""

import datetime
import itertools

import pytest

from gamma import lifecycle
from gamma.lifecycle import CONSIGNEE, CONSIGNOR, TransitionRefused, allowed_actions, transition
from gamma.models import DestinationType, Movement, MovementAction, MovementEvent, MovementKind, MovementStatus
from tests.factories.accounts import UserFactory
from tests.factories.gamma import MovementFactory

S = MovementStatus
A = MovementAction
TODAY = datetime.date(2024, 6, 10)

# domain.md §6, written out again by hand: (action, role) -> statuses it is allowed from.
EXPECTED = {
    (A.VALIDATE, CONSIGNOR): {S.DRAFT},
    (A.CANCEL, CONSIGNOR): {S.ACCEPTED},
    (A.CHANGE_DESTINATION, CONSIGNOR): {S.ACCEPTED, S.REJECTED, S.REFUSED, S.PARTIALLY_REFUSED},
    (A.REPORT_OF_RECEIPT, CONSIGNEE): {S.ACCEPTED},
    (A.ALERT_OR_REJECTION, CONSIGNEE): {S.ACCEPTED},
    (A.EXPLAIN_DELAY, CONSIGNOR): set(S) - {S.DRAFT},
    (A.EXPLAIN_DELAY, CONSIGNEE): set(S) - {S.DRAFT},
    (A.EXPLAIN_SHORTAGE, CONSIGNOR): {S.DELIVERED, S.REFUSED, S.PARTIALLY_REFUSED, S.DIVERTED},
    (A.EXPLAIN_SHORTAGE, CONSIGNEE): {S.DELIVERED, S.REFUSED, S.PARTIALLY_REFUSED, S.DIVERTED},
}


def movement(status=S.ACCEPTED, **fields):
    """An unsaved movement: allowed_actions is pure and needs no database."""
    values = {"kind": MovementKind.DAE, "dispatch_date": TODAY + datetime.timedelta(days=2)} | fields
    return Movement(status=status, **values)


@pytest.mark.parametrize(("status", "action", "role"), list(itertools.product(S, A, (CONSIGNOR, CONSIGNEE))), ids=str)
def test_every_status_action_and_role(status, action, role):
    allowed = action in allowed_actions(movement(status), role=role, today=TODAY)
    assert allowed == (status in EXPECTED.get((action, role), set()))


def test_the_table_covers_every_action():
    assert set(lifecycle.TRANSITIONS) == set(A)


def test_a_daes_is_never_cancelled_but_its_destination_may_change():
    daes = movement(kind=MovementKind.DAES)
    actions = allowed_actions(daes, role=CONSIGNOR, today=TODAY)
    assert A.CANCEL not in actions and A.CHANGE_DESTINATION in actions
    assert "changement de destination" in lifecycle.refusal(daes, A.CANCEL, role=CONSIGNOR, today=TODAY)


@pytest.mark.parametrize(("days", "allowed"), [(3, True), (0, True), (-1, False)])
def test_cancellation_only_until_the_date_of_dispatch(days, allowed):
    dispatched = movement(dispatch_date=TODAY + datetime.timedelta(days=days))
    assert (A.CANCEL in allowed_actions(dispatched, role=CONSIGNOR, today=TODAY)) is allowed


def test_a_split_movement_is_not_cancelled():
    assert A.CANCEL not in allowed_actions(movement(upstream_arc="24FR00000000000012300"), role=CONSIGNOR, today=TODAY)


def test_a_movement_returning_to_its_place_of_dispatch_keeps_that_destination():
    back = movement(destination_type_code=DestinationType.RETURN_TO_PLACE_OF_DISPATCH)
    assert A.CHANGE_DESTINATION not in allowed_actions(back, role=CONSIGNOR, today=TODAY)


@pytest.mark.django_db
def test_validation_is_logged_in_the_timeline():
    draft = MovementFactory()
    user = UserFactory()
    event = transition(draft, A.VALIDATE, actor=user, role=CONSIGNOR, payload={"arc": "x"})
    draft.refresh_from_db()
    assert draft.status == S.ACCEPTED
    assert (event.actor, event.action, event.from_status, event.to_status, event.message_type) == (
        user,
        A.VALIDATE,
        S.DRAFT,
        S.ACCEPTED,
        "IE815",
    )
    assert list(draft.events.values_list("payload", flat=True)) == [{"arc": "x"}]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("conclusion", "status"), [(1, S.DELIVERED), (2, S.DELIVERED), (3, S.REFUSED), (4, S.PARTIALLY_REFUSED)]
)
def test_the_report_of_receipt_ends_where_its_global_conclusion_says(conclusion, status):
    accepted = MovementFactory(validated=True)
    payload = {"global_conclusion": conclusion, "date_of_arrival": datetime.date(2024, 6, 11)}
    event = transition(accepted, A.REPORT_OF_RECEIPT, actor=None, role=CONSIGNEE, payload=payload)
    assert Movement.objects.get(pk=accepted.pk).status == status
    assert event.payload["date_of_arrival"] == "2024-06-11" and event.message_type == "IE818"


@pytest.mark.django_db
def test_an_alert_keeps_the_movement_travelling_a_rejection_stops_it():
    accepted = MovementFactory(validated=True)
    transition(accepted, A.ALERT_OR_REJECTION, actor=None, role=CONSIGNEE, payload={"rejected": False})
    assert Movement.objects.get(pk=accepted.pk).status == S.ACCEPTED
    transition(accepted, A.ALERT_OR_REJECTION, actor=None, role=CONSIGNEE, payload={"rejected": True})
    assert Movement.objects.get(pk=accepted.pk).status == S.REJECTED
    assert [(e.from_status, e.to_status) for e in accepted.events.all()] == [
        (S.ACCEPTED, S.ACCEPTED),
        (S.ACCEPTED, S.REJECTED),
    ]


@pytest.mark.django_db
def test_a_refused_transition_changes_nothing_and_says_why_in_french():
    accepted = MovementFactory(validated=True)
    with pytest.raises(TransitionRefused, match="réservée au destinataire"):
        transition(accepted, A.REPORT_OF_RECEIPT, actor=None, role=CONSIGNOR, payload={"global_conclusion": 1})
    with pytest.raises(TransitionRefused, match="« validé »"):
        transition(accepted, A.VALIDATE, actor=None, role=CONSIGNOR)
    with pytest.raises(TransitionRefused, match="global_conclusion"):
        transition(accepted, A.REPORT_OF_RECEIPT, actor=None, role=CONSIGNEE, payload={"global_conclusion": 9})
    assert Movement.objects.get(pk=accepted.pk).status == S.ACCEPTED
    assert not MovementEvent.objects.exists()


@pytest.mark.django_db
def test_the_status_is_read_again_from_the_database_before_the_check():
    """A stale copy in memory cannot act twice: the row's status decides."""
    accepted = MovementFactory(validated=True)
    stale = Movement.objects.get(pk=accepted.pk)
    transition(accepted, A.CANCEL, actor=None, role=CONSIGNOR)
    with pytest.raises(TransitionRefused, match="annulé"):
        transition(stale, A.CANCEL, actor=None, role=CONSIGNOR)
    assert MovementEvent.objects.count() == 1
