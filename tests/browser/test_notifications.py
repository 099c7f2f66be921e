"""Issue 12, item 9, in real Chromium, every page audited by axe: bob (company B, every GAMMA
right) opens « Mon compte », tab Notifications, turns « a document addressed to me is cancelled »
off and saves; the page says so, and the choice is kept on his next visit — a DAE newly addressed
to him still mails him, its cancellation does not."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import NotificationPreferences
from gamma import actions
from gamma.models import DestinationType
from mail.models import OutboxMessage
from tests.factories.accounts import PASSWORD
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists

pytestmark = pytest.mark.browser

CANCELLED = "Un document qui m'était adressé est annulé"
ARRIVED = "Un document (DAE, DAES, DSA) m'est adressé"


@pytest.fixture
def world(transactional_db):
    load_reason_lists()
    return build_world()


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


def test_turn_one_notification_off_and_find_it_kept(page, world):
    log_in(page, "bob")
    page.goto("/compte/")
    page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos notifications")
    movements = page.get_by_role("group", name="Mouvements GAMMA (DAE, DAES, DSA)")
    expect(movements.get_by_role("checkbox", name=CANCELLED)).to_be_checked()
    expect(movements.get_by_role("checkbox", name=ARRIVED)).to_be_checked()

    movements.get_by_text(CANCELLED).click()  # the DSFR checkbox is ticked through its label
    expect(movements.get_by_role("checkbox", name=CANCELLED)).not_to_be_checked()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_text("Vos choix de notifications ont été enregistrés.")).to_be_visible()

    # Kept: on another visit, the box is still unticked, the others ticked.
    page.goto("/compte/")
    page.goto("/compte/notifications/")
    expect(page.get_by_role("checkbox", name=CANCELLED)).not_to_be_checked()
    expect(page.get_by_role("checkbox", name=ARRIVED)).to_be_checked()
    preferences = NotificationPreferences.objects.get(user=world.bob)
    assert preferences.movement_cancelled is False and preferences.movement_arrived is True

    # And obeyed: company A sends a DAE elsewhere, then to bob's number (an arrival: mailed), then
    # cancels it (turned off: not mailed).
    movement = MovementFactory(
        validated=True,
        consignor=world.excise_a,
        consignee_identifier="FR012345E0009",
        dispatch_date=timezone.localdate(),
    )
    actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=DestinationType.REGISTERED_CONSIGNEE,
        consignee=actions.TraderInput(CONSIGNEE_NUMBER, "COMPAGNIE", "Route de Cazaubon", "", "32800", "EAUZE"),
    )
    actions.movement_cancel(movement=movement, actor=world.antoine, excise_number=CONSIGNOR_NUMBER, reason_code="1")
    to_bob = [message.subject for message in OutboxMessage.objects.all() if message.to == [world.bob.email]]
    assert to_bob == [f"GAMMA : le DAE {movement.arc} vous est adressé ({CONSIGNEE_NUMBER})"]
