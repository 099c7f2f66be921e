"""« Messages » per person (gamma.inbox_state, www/gamma/inbox.py): a message on its own page, only
for the number's company and the kinds the rights show (404 otherwise, a forged post changing
nothing), read when opened, unread, archived and back, everything read at once; each person's own
state; the views and sorts of the list, with hostile values never a 500."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from gamma import inbox_state, lifecycle
from gamma.models import InboxMark, MovementAction, MovementEvent, MovementKind, MovementStatus
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

A = MovementAction
INBOX = f"/gamma/{CONSIGNOR_NUMBER}/messages/"


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def delay(world, movement, *, at=None) -> MovementEvent:
    """An explanation of delay by the consignee: a message in the consignor's inbox."""
    return lifecycle.transition(
        movement, A.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNEE, payload={}, at=at or timezone.now()
    )


def message_url(event, number=CONSIGNOR_NUMBER) -> str:
    return f"/gamma/{number}/messages/{event.pk}/"


def text(response) -> str:
    return response.content.decode()


def logged(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def event(world):
    return delay(world, shipped(world))


def test_a_message_opens_on_its_page_and_is_then_read_for_that_person_only(world, event):
    antoine = logged(world.antoine)
    assert "Messages (1 nouveau)" in text(antoine.get(INBOX))
    page = antoine.get(message_url(event))
    assert page.status_code == 200
    body = text(page)
    assert f"DAE {event.movement.arc} : explication d&#x27;un retard" in body
    assert f"/gamma/{CONSIGNOR_NUMBER}/mouvements/{event.movement.pk}/" in body  # the document's page
    assert InboxMark.objects.get(user=world.antoine, event=event).read
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 0
    assert inbox_state.unread_count(user=world.luc, excise_number=world.excise_a) == 1  # a colleague's own


@pytest.mark.parametrize("persona", ["bob", "newcomer_a"])
def test_another_companys_user_or_a_user_without_rights_never_sees_it(world, event, persona):
    client = logged(getattr(world, persona))
    expected = 404 if persona == "bob" else 403  # bob: another company; newcomer: A's, no GAMMA right
    assert client.get(message_url(event)).status_code == expected
    response = client.post(message_url(event) + "etat/", {"changer": "archiver"})
    assert response.status_code == expected
    assert not InboxMark.objects.exists()


def test_a_message_of_another_number_or_a_kind_the_rights_hide_is_a_404(world, event):
    # B's own message, asked through A's number (the id is real, the number is not its own).
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    elsewhere = lifecycle.transition(theirs, A.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNOR, payload={})
    antoine = logged(world.antoine)
    assert antoine.get(message_url(elsewhere)).status_code == 404
    assert antoine.post(message_url(elsewhere) + "etat/", {"changer": "lu"}).status_code == 404
    assert antoine.get(f"/gamma/{CONSIGNOR_NUMBER}/messages/999999/").status_code == 404
    # A DSA's message: marie (A, « Rechercher DAA » only) does not see DSAs; antoine does.
    dsa = delay(world, shipped(world, kind=MovementKind.DSA))
    assert logged(world.marie).get(message_url(dsa)).status_code == 404
    assert logged(world.marie).get(message_url(event)).status_code == 200
    assert antoine.get(message_url(dsa)).status_code == 200
    assert not InboxMark.objects.filter(user=world.marie, event=dsa).exists()


def test_unread_archive_and_back(world, event):
    antoine = logged(world.antoine)
    antoine.get(message_url(event))
    response = antoine.post(message_url(event) + "etat/", {"changer": "non-lu"})
    assert response.status_code == 302 and response["Location"] == INBOX  # its page would read it again
    assert "Nouveau</p>" in text(antoine.get(INBOX))
    response = antoine.post(message_url(event) + "etat/", {"changer": "archiver"})
    assert response["Location"] == INBOX
    mark = InboxMark.objects.get(user=world.antoine, event=event)
    assert mark.archived_at is not None and mark.read  # archived, hence dealt with
    inbox_page = text(antoine.get(INBOX))
    assert event.movement.arc not in inbox_page and "Aucun message dans la boîte de réception" in inbox_page
    assert event.movement.arc in text(antoine.get(INBOX, {"vue": "archives"}))
    assert event.movement.arc not in text(logged(world.luc).get(INBOX, {"vue": "archives"}))  # antoine's only
    response = antoine.post(message_url(event) + "etat/", {"changer": "desarchiver"})
    assert response["Location"] == message_url(event)
    assert event.movement.arc in text(antoine.get(INBOX))
    assert event.movement.arc not in text(antoine.get(INBOX, {"vue": "archives"}))


@pytest.mark.parametrize("value", ["", "supprimer", "lu\x00", "' OR 1=1 --"])
def test_an_unknown_change_changes_nothing(world, event, value):
    antoine = logged(world.antoine)
    response = antoine.post(message_url(event) + "etat/", {"changer": value})
    assert response.status_code == 302 and response["Location"] == message_url(event)
    assert not InboxMark.objects.exists()


def test_the_pages_need_their_method(world, event):
    antoine = logged(world.antoine)
    assert antoine.get(message_url(event) + "etat/").status_code == 405
    assert antoine.get(INBOX + "tout-lu/").status_code == 405
    assert not InboxMark.objects.exists()


def test_everything_read_at_once_even_what_was_marked_unread(world, event):
    other = delay(world, shipped(world))
    inbox_state.set_read(user=world.antoine, event=event, read=False)
    antoine = logged(world.antoine)
    assert "Tout marquer comme lu" in text(antoine.get(INBOX))
    assert antoine.post(INBOX + "tout-lu/").status_code == 302
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 0
    assert InboxMark.objects.get(user=world.antoine, event=event).read
    assert "Tout marquer comme lu" not in text(antoine.get(INBOX))
    # What comes afterwards is new; a colleague's messages stay unread.
    delay(world, other.movement, at=timezone.now() + datetime.timedelta(seconds=1))
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 1
    assert inbox_state.unread_count(user=world.luc, excise_number=world.excise_a) == 3


def test_the_unread_view(world, event):
    read = delay(world, shipped(world))
    inbox_state.set_read(user=world.antoine, event=read)
    page = text(logged(world.antoine).get(INBOX, {"vue": "non-lus"}))
    assert event.movement.arc in page and read.movement.arc not in page


def arcs_in_order(page: str, movements) -> list[str]:
    return sorted((m.arc for m in movements), key=page.index)


def test_sorts_by_date_type_and_arc(world):
    now = timezone.now()
    first, second, third = (shipped(world) for _ in range(3))
    delay(world, second, at=now - datetime.timedelta(hours=3))
    lifecycle.transition(
        third, A.CANCEL, actor=world.antoine, role=lifecycle.CONSIGNOR, payload={}, at=now - datetime.timedelta(hours=2)
    )
    delay(world, first, at=now - datetime.timedelta(hours=1))
    antoine = logged(world.antoine)
    movements = [first, second, third]
    assert arcs_in_order(text(antoine.get(INBOX)), movements) == [first.arc, third.arc, second.arc]
    assert arcs_in_order(text(antoine.get(INBOX, {"tri": "date"})), movements) == [second.arc, third.arc, first.arc]
    by_arc = sorted(m.arc for m in movements)
    assert arcs_in_order(text(antoine.get(INBOX, {"tri": "arc"})), movements) == by_arc
    assert arcs_in_order(text(antoine.get(INBOX, {"tri": "-arc"})), movements) == by_arc[::-1]
    # « Annulation » before « Explication d'un retard » from A to Z, the newest first within a type.
    assert arcs_in_order(text(antoine.get(INBOX, {"tri": "type"})), movements) == [third.arc, first.arc, second.arc]
    assert arcs_in_order(text(antoine.get(INBOX, {"tri": "-type"})), movements) == [first.arc, second.arc, third.arc]


def test_the_sort_buttons_say_the_order(world, event):
    page = text(logged(world.antoine).get(INBOX, {"tri": "arc", "page": "2"}))
    assert '<th scope="col" aria-sort="ascending"><div class="fr-cell--sort">ARC' in page
    assert '<th scope="col" aria-sort="none"><div class="fr-cell--sort">Reçu le' in page
    assert 'href="?tri=-arc"' in page  # the other direction, back to page 1
    assert "triés par arc, par ordre croissant" in page
    assert "<caption>Messages de FR008777E0001 — Boîte de réception" in page


@pytest.mark.parametrize(
    "params",
    [
        {"tri": "'; DROP TABLE gamma_movement; --"},
        {"tri": "movement__consignor__operator__name"},
        {"tri": "-"},
        {"tri": "\x00"},
        {"vue": "../admin", "tri": "x" * 5000, "page": "-1"},
        {"vue": "archives\x00", "page": "abc"},
    ],
)
def test_hostile_views_and_sorts_are_the_defaults(world, event, params):
    response = logged(world.antoine).get(INBOX, params)
    assert response.status_code == 200
    page = text(response)
    assert event.movement.arc in page and "triés par date, la plus récente d&#x27;abord" in page


def test_the_menu_counts_unread_messages_but_not_archived_ones(world, event):
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 1
    inbox_state.archive(user=world.antoine, event=event)
    inbox_state.set_read(user=world.antoine, event=event, read=False)
    assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 0
    assert MovementStatus(event.movement.status) == MovementStatus.ACCEPTED  # a message's state is not the document's


def test_the_consignee_reads_its_own_side(world):
    movement = shipped(world)
    explained = lifecycle.transition(
        movement, A.EXPLAIN_DELAY, actor=world.antoine, role=lifecycle.CONSIGNOR, payload={}
    )
    assert logged(world.bob).get(message_url(explained, CONSIGNEE_NUMBER)).status_code == 200
    assert logged(world.antoine).get(message_url(explained, CONSIGNEE_NUMBER)).status_code == 404


def test_the_menus_unread_count_costs_the_same_few_queries_for_one_message_or_twenty(
    world, event, django_assert_max_num_queries
):
    """The count is taken over sets, not message by message: the same queries whatever the number
    of messages, and the same answer as the list's « Non lus »."""
    with django_assert_max_num_queries(3) as one:
        assert inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a) == 1
    movement = event.movement
    later = [delay(world, movement) for _ in range(19)]
    inbox_state.set_read(user=world.antoine, event=later[0])
    inbox_state.archive(user=world.antoine, event=later[1])
    inbox_state.set_read(user=world.antoine, event=later[2], read=False)
    with django_assert_max_num_queries(len(one.captured_queries)):
        count = inbox_state.unread_count(user=world.antoine, excise_number=world.excise_a)
    assert count == 18
    unread = inbox_state.messages(user=world.antoine, excise_number=world.excise_a, kinds=None, view=inbox_state.UNREAD)
    assert count == unread.count()
