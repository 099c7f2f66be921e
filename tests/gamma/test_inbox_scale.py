"""The inbox's queries written for ten million movements (gamma.inbox_state: the archived view as an
anti-join, the list's count and the menu's unread count stopping early) against a plain Python
reading of the rules, on a small varied dataset: both sides of a number, drafts and other numbers'
movements, the kinds the rights show, ties of date, and for three people their own marks (read,
unread, archived) and « Tout marquer comme lu »; then the caps (« Plus de … messages », « 99+ »)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.test import Client
from django.utils import timezone

from gamma import inbox_state
from gamma.models import InboxMark, InboxVisit, MovementAction, MovementEvent, MovementKind, MovementStatus
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNOR_NUMBER, shipped

pytestmark = pytest.mark.django_db

A = MovementAction
INBOX = f"/gamma/{CONSIGNOR_NUMBER}/messages/"
ACTIONS = [A.VALIDATE, A.EXPLAIN_DELAY, A.REPORT_OF_RECEIPT, A.CANCEL, A.REMINDER, A.CHANGE_DESTINATION]
ALL_KINDS = list(MovementKind.values)


def event(movement, at, action) -> MovementEvent:
    return MovementEvent.objects.create(
        movement=movement,
        at=at,
        action=action,
        from_status=MovementStatus.ACCEPTED,
        to_status=MovementStatus.ACCEPTED,
    )


@pytest.fixture
def dataset(world):
    """Movements on both sides of A (and A to itself), a draft, B's own; events one minute apart
    and some at the same instant; each person's marks and visits."""
    start = timezone.now() - datetime.timedelta(days=3)
    a, b = world.excise_a, world.excise_b
    movements = [
        shipped(world, kind=MovementKind.DAE),
        shipped(world, kind=MovementKind.DAES),
        shipped(world, kind=MovementKind.DSA),
        MovementFactory(validated=True, consignor=a, consignee_identifier="DE00000000001"),
        MovementFactory(validated=True, consignor=b, consignee_identifier=a.number),
        MovementFactory(validated=True, consignor=b, consignee_identifier=a.number, kind=MovementKind.DSA),
        MovementFactory(validated=True, consignor=a, consignee_identifier=a.number),  # both sides, once
    ]
    others = [
        MovementFactory(consignor=a),  # a draft: not a message
        MovementFactory(validated=True, consignor=b, consignee_identifier="DE00000000002"),
    ]
    MovementFactory._meta.model.objects.filter(pk=others[0].pk).update(status=MovementStatus.DRAFT)
    events = []
    for i in range(40):
        movement = (movements + others)[i % 9]
        at = start + datetime.timedelta(minutes=i - i % 4 if i % 5 == 0 else i)  # some ties
        events.append(event(movement, at, ACTIONS[i % len(ACTIONS)]))
    mine = [e for e in events if e.movement_id in {m.pk for m in movements}]
    middle = start + datetime.timedelta(minutes=20)
    InboxVisit.objects.create(user=world.antoine, excise_number=a.number, seen_at=middle)
    InboxVisit.objects.create(user=world.marie, excise_number=a.number, seen_at=start + datetime.timedelta(days=1))
    for i, e in enumerate(mine):
        if i % 3 == 0:
            InboxMark.objects.create(user=world.antoine, event=e, read=False)  # unread again, even if old
        elif i % 7 == 0:
            InboxMark.objects.create(user=world.antoine, event=e, read=True, archived_at=timezone.now())
        elif i % 4 == 0:
            InboxMark.objects.create(user=world.luc, event=e, read=i % 8 == 0, archived_at=timezone.now())
        elif i % 5 == 0:
            InboxMark.objects.create(user=world.luc, event=e, read=True)
        elif i % 2 == 0:
            InboxMark.objects.create(user=world.marie, event=e, read=False, archived_at=timezone.now())
    return world, movements


def expected(user, number, kinds, view, sort) -> list[int]:
    """The rules of gamma.inbox_state read one event at a time."""
    visit = InboxVisit.objects.filter(user=user, excise_number=number.number).first()
    marks = {mark.event_id: mark for mark in InboxMark.objects.filter(user=user)}
    rows = []
    for e in MovementEvent.objects.select_related("movement"):
        movement = e.movement
        if movement.status == MovementStatus.DRAFT or movement.kind not in kinds:
            continue
        if movement.consignor_id != number.pk and movement.consignee_identifier != number.number:
            continue
        mark = marks.get(e.pk)
        archived = mark is not None and mark.archived_at is not None
        read = mark.read if mark is not None else bool(visit and e.at <= visit.seen_at)
        if view == inbox_state.ARCHIVED and not archived:
            continue
        if view != inbox_state.ARCHIVED and (archived or (view == inbox_state.UNREAD and read)):
            continue
        rows.append(e)
    labels = {code: rank for rank, (code, _) in enumerate(sorted(A.choices, key=lambda c: c[1].casefold()))}
    rows.sort(key=lambda e: (e.at, e.pk), reverse=True)  # then stable sorts by the column
    column = sort.lstrip("-")
    if column == "date":
        if not sort.startswith("-"):
            rows.reverse()
    else:
        key = (lambda e: labels[e.action]) if column == "type" else (lambda e: e.movement.arc)
        rows.sort(key=key, reverse=sort.startswith("-"))
    return [e.pk for e in rows]


def unread_expected(user, number, kinds) -> int:
    return len(expected(user, number, kinds, inbox_state.UNREAD, "-date"))


@pytest.mark.parametrize("kinds", [ALL_KINDS, [MovementKind.DAE, MovementKind.DAES]])
def test_every_view_and_sort_lists_what_the_rules_say_for_each_person(dataset, kinds):
    world, _ = dataset
    for user in (world.antoine, world.luc, world.marie, world.newcomer_a):
        for view in inbox_state.VIEWS:
            for sort in inbox_state.SORTS:
                listed = inbox_state.messages(
                    user=user, excise_number=world.excise_a, kinds=kinds, view=view, sort=sort
                )
                want = expected(user, world.excise_a, kinds, view, sort)
                assert [e.pk for e in listed] == want, (user, view, sort)
                for number in (1, 2):
                    page = Paginator(inbox_state.Listed(listed), 5).get_page(number)
                    if len(want) > 5 * (number - 1):
                        assert [e.pk for e in page.object_list] == want[5 * (number - 1) : 5 * number]
                assert page.paginator.count == len(want)
                assert not page.paginator.object_list.more
        assert inbox_state.unread_count(user=user, excise_number=world.excise_a, kinds=kinds) == unread_expected(
            user, world.excise_a, kinds
        )
    assert unread_expected(world.antoine, world.excise_a, kinds) > 0
    assert expected(world.luc, world.excise_a, kinds, inbox_state.ARCHIVED, "-date")


def test_the_other_side_sees_its_own_messages(dataset):
    world, _ = dataset
    listed = inbox_state.messages(user=world.bob, excise_number=world.excise_b, kinds=ALL_KINDS)
    assert [e.pk for e in listed] == expected(world.bob, world.excise_b, ALL_KINDS, inbox_state.INBOX, "-date")
    assert listed.count() > 0


def test_the_list_counts_up_to_its_cap_and_says_there_are_more(dataset, monkeypatch):
    world, _ = dataset
    monkeypatch.setattr(inbox_state, "SHOWN_AT_MOST", 6)
    listed = inbox_state.Listed(inbox_state.messages(user=world.luc, excise_number=world.excise_a, kinds=ALL_KINDS))
    assert listed.count() == 6 and listed.more
    client = Client()
    client.force_login(world.luc)
    body = client.get(INBOX).content.decode()
    assert "Plus de 6 messages : les 6 plus récents selon ce tri sont affichés" in body
    assert "Plus de 6 messages" not in client.get(f"{INBOX}?vue=archives").content.decode()


def test_the_menu_says_99_plus_beyond_99_unread(world):
    movement = shipped(world)
    start = timezone.now() - datetime.timedelta(days=1)
    client = Client()
    client.force_login(world.antoine)
    for i in range(99):
        event(movement, start + datetime.timedelta(seconds=i), A.EXPLAIN_DELAY)
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 99
    assert "Messages (99 nouveaux)" in client.get(INBOX).content.decode()
    event(movement, start + datetime.timedelta(seconds=200), A.EXPLAIN_DELAY)
    event(movement, start + datetime.timedelta(seconds=201), A.EXPLAIN_DELAY)
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 100
    assert "Messages (99+ nouveaux)" in client.get(INBOX).content.decode()
    assert inbox_state.unread_label(100) == "99+" and inbox_state.unread_label(7) == "7"
