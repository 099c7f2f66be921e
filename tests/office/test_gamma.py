"""« GAMMA pour le bureau »: an agent searches the movements of the operators in his office's
charge, opens one (data, timeline, messages), interrupts it or closes it; nothing of another
office's operators exists for him (404), nor for anybody who is not an agent."""

import datetime

import pytest
import time_machine

from gamma import actions
from gamma.models import MovementMessage, MovementStatus
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

PARIS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


@pytest.fixture
def theirs(world):
    """A movement of office B's operator to a number no office of the portal follows."""
    return MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE012345678901")


def office_pages(movement, message_pk=1):
    return [
        f"/bureau/gamma/{movement.pk}/",
        f"/bureau/gamma/{movement.pk}/messages/{message_pk}/",
        f"/bureau/gamma/{movement.pk}/interrompre/",
        f"/bureau/gamma/{movement.pk}/cloturer/",
    ]


def test_another_offices_movement_is_a_404_and_nothing_changes(client, world, theirs):
    client.force_login(world.agent_a)
    for url in office_pages(theirs):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/bureau/gamma/{theirs.pk}/interrompre/", {"reason_code": "1"}).status_code == 404
    assert client.post(f"/bureau/gamma/{theirs.pk}/cloturer/", {"reason": "Fin"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == MovementStatus.ACCEPTED
    assert not theirs.events.exclude(action="validate").exists()
    assert theirs.arc not in client.get("/bureau/gamma/", {"recherche": "1"}).content.decode()


def test_the_pages_exist_for_no_trader(client, world):
    movement = shipped(world)
    client.force_login(world.antoine)
    for url in ["/bureau/gamma/", "/bureau/gamma/hors-delai/", *office_pages(movement)]:
        assert client.get(url).status_code == 404, url


def test_search_by_operator_and_status(client, world, theirs):
    mine = shipped(world)
    delivered = shipped(world, status=MovementStatus.DELIVERED)
    client.force_login(world.agent_b)  # B is the consignee of A's movements and the consignor of theirs
    page = client.get("/bureau/gamma/", {"recherche": "1", "raison_sociale": "armagnac"}).content.decode()
    assert mine.arc in page and theirs.arc in page and delivered.arc in page
    page = client.get("/bureau/gamma/", {"recherche": "1", "operateur": CONSIGNOR_NUMBER}).content.decode()
    assert "0 document correspond à vos critères" in page  # A is not in office B's charge
    page = client.get("/bureau/gamma/", {"recherche": "1", "statut": "delivered"}).content.decode()
    assert delivered.arc in page and mine.arc not in page
    client.force_login(world.agent_a)
    page = client.get("/bureau/gamma/", {"recherche": "1", "operateur": "fr008777 e0001"}).content.decode()
    assert mine.arc in page and theirs.arc not in page


def test_a_part_of_the_number_finds_the_operators_movements(client, world):
    mine = shipped(world)
    client.force_login(world.agent_a)
    page = client.get("/bureau/gamma/", {"recherche": "1", "operateur": "FR008777"}).content.decode()
    assert mine.arc in page


def test_a_bad_filter_is_said_in_french(client, world):
    client.force_login(world.agent_a)
    response = client.get("/bureau/gamma/", {"recherche": "1", "expedie_du": "demain", "operateur": "FR12345678901"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saisissez une date valide" in page
    assert "Corrigez les critères signalés" in page


def test_the_movement_page_shows_the_timeline_and_the_messages_to_download(client, world):
    movement = shipped(world)
    result = actions.movement_interrupt(movement=movement, actor=world.agent_a, reason_code="3")
    client.force_login(world.agent_b)  # the consignee's office sees it too
    page = client.get(f"/bureau/gamma/{movement.pk}/").content.decode()
    assert "Interruption du mouvement (IE807)" in page
    assert "Marchandises perdues ou volées" in page
    assert "Validé → Interrompu" in page
    url = f"/bureau/gamma/{movement.pk}/messages/{result.stored.pk}/"
    assert url in page
    assert "Interrompre le mouvement" not in page  # no longer travelling
    assert "Clôturer manuellement" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == bytes(MovementMessage.objects.get(pk=result.stored.pk).xml)
    other = shipped(world)
    assert client.get(f"/bureau/gamma/{other.pk}/messages/{result.stored.pk}/").status_code == 404


def test_interrupt_from_the_form(client, world):
    movement = shipped(world)
    client.force_login(world.agent_a)
    response = client.post(f"/bureau/gamma/{movement.pk}/interrompre/", {"reason_code": "0"})
    assert response.status_code == 400
    assert "Précisez le motif « Autre » en quelques mots." in response.content.decode()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED
    response = client.post(
        f"/bureau/gamma/{movement.pk}/interrompre/",
        {"reason_code": "0", "reason_complementary_information": "Scellés rompus"},
        follow=True,
    )
    assert "État du document : Interrompu" in response.content.decode()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.STOPPED
    # Once interrupted, a second interruption is refused and nothing more is written.
    response = client.post(f"/bureau/gamma/{movement.pk}/interrompre/", {"reason_code": "1"}, follow=True)
    assert "impossible" in response.content.decode()
    assert movement.events.filter(action="interrupt").count() == 1


def test_close_from_the_form(client, world):
    movement = shipped(world)
    client.force_login(world.agent_a)
    response = client.post(f"/bureau/gamma/{movement.pk}/cloturer/", {"reason": ""})
    assert response.status_code == 400
    assert "Indiquez le motif de la clôture." in response.content.decode()
    client.post(f"/bureau/gamma/{movement.pk}/cloturer/", {"reason": "Réception constatée sur place"})
    movement.refresh_from_db()
    assert movement.status == MovementStatus.MANUALLY_CLOSED
    page = client.get(f"/bureau/gamma/{movement.pk}/").content.decode()
    assert "Motif : Réception constatée sur place" in page


@time_machine.travel(datetime.datetime(2026, 3, 10, 0, 30, tzinfo=PARIS), tick=False)
def test_the_overdue_list(client, world, theirs):
    late = shipped(world, dispatch_date=datetime.date(2026, 3, 2), journey_time="D05")  # due 07/03
    shipped(world, dispatch_date=datetime.date(2026, 3, 7), journey_time="D03")  # due today, 10/03
    client.force_login(world.agent_a)
    page = client.get("/bureau/gamma/hors-delai/").content.decode()
    assert late.arc in page
    assert "07/03/2026" in page and "3 jours" in page
    assert "1 document en attente d'apurement hors délai" in page
    assert theirs.arc not in page
