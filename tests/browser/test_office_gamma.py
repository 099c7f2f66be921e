"""Issue 12, item 14, in real Chromium, every page audited by axe (and the 320 px reflow check):
the Paris office's agent looks for the movements of SOCIETE DE DISTRIBUTION D'ALCOOLS
(FR008777E0001, in his office's charge) by its excise number, keeps the ARC in sight on a 375 px
phone, opens the DAE, interrupts it (IE807): « Autre » without words is refused at the field, then
« Marchandises perdues ou volées »; the timeline shows the interruption, the IE807 to download,
and the document is « Interrompu ». The Auch office's movement is not in his results."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gamma.models import MovementStatus
from tests.browser.staff import enter_totp_code
from tests.browser.test_gamma_inbox import assert_in_sight_on_a_phone
from tests.factories.accounts import PASSWORD
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.support import load_reason_lists, shipped

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    load_reason_lists()
    return build_world()


def test_an_agent_finds_a_movement_by_operator_and_interrupts_it(page, world):
    movement = shipped(world, dispatch_date=timezone.localdate() - datetime.timedelta(days=1))
    elsewhere = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE012345678901")

    page.goto("/")
    page.locator("#header-identifiant").fill("agent.paris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.paris")
    page.get_by_role("link", name="Espace bureau de douane").first.click()
    page.get_by_role("link", name="Mouvements GAMMA").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mouvements GAMMA des opérateurs suivis")

    page.get_by_label("N° d'accise de l'opérateur suivi").fill("FR008777E0001")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("1 document correspond à vos critères")).to_be_visible()
    results = page.locator("#resultats-mouvements tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("SOCIETE DE DISTRIBUTION D'ALCOOLS")
    expect(page.locator("#resultats-mouvements")).not_to_contain_text(elsewhere.arc)
    assert_in_sight_on_a_phone(page, results.locator("th"))

    results.get_by_role("link", name=movement.arc).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"DAE {movement.arc}")
    expect(page.locator(".gamma-facts").first).to_contain_text("FR009990F0005")  # the consignee, as traders see it
    page.get_by_role("link", name="Interrompre le mouvement (IE807)").click()

    # « Autre » without words: refused at the field, nothing sent.
    page.get_by_label("Motif de l'interruption").select_option(label="Autre")
    page.get_by_role("button", name="Interrompre le mouvement").click()
    expect(page.locator("#erreurs")).to_contain_text("Précisez le motif « Autre » en quelques mots.")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED

    page.get_by_label("Motif de l'interruption").select_option(label="Marchandises perdues ou volées")
    page.get_by_label("Informations complémentaires").fill("Vol déclaré au commissariat de Lyon")
    page.get_by_role("button", name="Interrompre le mouvement").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("État du document : Interrompu")
    history = page.locator("#historique")
    expect(history).to_contain_text("Interruption du mouvement (IE807)")
    expect(history).to_contain_text("Validé → Interrompu")
    expect(history).to_contain_text("Motif : Marchandises perdues ou volées (Vol déclaré au commissariat de Lyon)")
    expect(history.get_by_role("link", name="Télécharger le message IE807 (XML)")).to_be_visible()
    expect(page.get_by_role("link", name="Interrompre le mouvement (IE807)")).to_have_count(0)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.STOPPED
