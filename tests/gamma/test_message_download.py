"""A movement's stored EMCS messages downloaded from its page's timeline: the XML byte for byte, to
whoever sees the page (404 for another company, as the page), never cached."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gamma import actions
from gamma.actions import TraderInput
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


def message_url(number, movement, stored):
    return f"/gamma/{number}/mouvements/{movement.pk}/messages/{stored.pk}.xml"


def explained(world, movement):
    """The consignee explains a delay: the movement keeps an IE837."""
    result = actions.movement_explain_delay(
        movement=movement, actor=world.bob, excise_number=CONSIGNEE_NUMBER, explanation_code="4", today=TODAY
    )
    return result.stored


def test_the_timeline_links_each_stored_message_to_its_xml(client, world):
    movement = shipped(world)
    stored = explained(world, movement)
    client.force_login(world.antoine)  # the other side sees it too: it is on the movement's page
    page = client.get(f"/gamma/{CONSIGNOR_NUMBER}/mouvements/{movement.pk}/").content.decode()
    assert f'href="{message_url(CONSIGNOR_NUMBER, movement, stored)}"' in page
    assert "Télécharger le message IE837 (XML)" in page
    response = client.get(message_url(CONSIGNOR_NUMBER, movement, stored))
    assert response.status_code == 200
    assert response.content == bytes(stored.xml)
    assert response["Content-Type"] == "application/xml"
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert f'attachment; filename="IE837-{movement.arc}-{stored.pk}.xml"' == response["Content-Disposition"]


def test_another_companys_message_is_not_found(client, world):
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    stored = actions.movement_explain_delay(
        movement=theirs, actor=world.bob, excise_number=CONSIGNEE_NUMBER, explanation_code="4", today=TODAY
    ).stored
    client.force_login(world.antoine)
    assert client.get(message_url(CONSIGNOR_NUMBER, theirs, stored)).status_code == 404
    assert client.get(message_url(CONSIGNEE_NUMBER, theirs, stored)).status_code == 404  # acting for B's number
    # Nor through one's own movement: the message must be the movement's.
    mine = shipped(world)
    assert client.get(message_url(CONSIGNOR_NUMBER, mine, stored)).status_code == 404
    assert client.get(f"/gamma/{CONSIGNOR_NUMBER}/mouvements/{mine.pk}/messages/999999.xml").status_code == 404


def test_the_former_consignee_no_longer_reaches_the_messages(client, world):
    movement = shipped(world)
    stored = explained(world, movement)
    actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=2,
        consignee=TraderInput("FR012345E0009", "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
        today=TODAY,
    )
    client.force_login(world.bob)
    assert client.get(message_url(CONSIGNEE_NUMBER, movement, stored)).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, world):
    movement = shipped(world)
    stored = explained(world, movement)
    response = client.get(message_url(CONSIGNOR_NUMBER, movement, stored))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
