"""Issue 14, part 2, in real Chromium, every page audited by axe (and the 320 px reflow check).

A DAE arrives from Italy (the member states' simulator, ``eu.simulator``) for bob's company
(FR009990F0005): bob finds it in his messages, opens the movement, reports its receipt, accepted
and satisfactory; the movement is « Apuré » and his IE818 waits in the outbox for Italy, which
the simulator then records."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eu import outbox, simulator
from eu.models import Direction, Exchange, ExchangeState, SimulatedMessage
from gamma.models import MovementStatus
from tests.browser.test_gamma_inbox import log_in
from tests.factories.habilitations import build_world
from tests.gamma.support import load_reason_lists

pytestmark = pytest.mark.browser

CONSIGNEE = "FR009990F0005"


@pytest.fixture
def world(transactional_db):
    world = build_world()
    load_reason_lists()
    return world


@pytest.fixture
def italian_dae(world):
    exchange = simulator.send_incoming_ie801(
        consignee=CONSIGNEE,
        consignor="IT56973827130",
        consignee_name="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        dispatch_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    return exchange.movement


def test_the_french_consignee_discharges_a_dae_from_italy(page, world, italian_dae):
    arc = italian_dae.arc
    log_in(page, "bob")
    page.goto("/gamma/")
    page.get_by_role("link", name=CONSIGNEE).click()
    page.get_by_role("link", name="Messages").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Messages de {CONSIGNEE}")
    headline = f"DAE {arc} : un document vous est adressé"
    page.locator("#messages").get_by_role("link", name=headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    page.get_by_role("link", name=f"DAE {arc}").click()

    facts = page.locator(".gamma-facts").first
    expect(facts).to_contain_text("IT56973827130")
    page.get_by_role("link", name="Accuser réception (IE818)").click()
    expect(page.get_by_role("heading", name="Accuser réception (IE818)", level=1)).to_be_visible()
    page.get_by_text("Réception acceptée et satisfaisante", exact=True).click()  # DSFR radio: its label
    page.get_by_role("button", name="Envoyer").click()

    expect(page.get_by_text("Accuser réception : c'est enregistré. État du document : Apuré.")).to_be_visible()
    italian_dae.refresh_from_db()
    assert italian_dae.status == MovementStatus.DELIVERED
    sent = Exchange.objects.get(direction=Direction.OUT)
    assert (sent.message_type, sent.member_state) == ("IE818", "IT")
    # Handed to its Celery task after the commit (eager here): already sent, the sweep has nothing.
    assert sent.state == ExchangeState.SENT and outbox.deliver_due() == (0, 0)
    assert SimulatedMessage.objects.get(message_type="IE818").member_state == "IT"
