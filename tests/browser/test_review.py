"""Issue 12, item 7, in real Chromium: antoineleris opens « Relire avant d'émettre » from a complete
DAE's task list, reads the whole document section by section (every page audited by axe), and
issues it with « Émettre le DAE »."""

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world
from tests.gamma.drafting import complete_dae

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, emcs_codelists):
    return build_world()


def test_review_the_whole_dae_then_issue_it_from_there(page, world):
    movement = complete_dae(world.antoine, world.excise_a)
    page.goto("/")
    page.locator("#header-identifiant").fill("antoineleris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").first.click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()
    page.goto(f"/gamma/FR008777E0001/brouillons/{movement.pk}/")
    page.get_by_role("link", name="Relire avant d'émettre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relire le DAE avant de l'émettre")
    consignee = page.locator("#relecture-destinataire")
    expect(consignee.get_by_role("heading", level=2)).to_have_text("Destinataire")
    expect(consignee).to_contain_text("COMPAGNIE FRANCAISE DE L ARMAGNAC")
    expect(page.locator("#relecture-lignes")).to_contain_text("Ligne 1")
    expect(page.locator("#erreurs")).to_have_count(0)
    page.get_by_role("button", name="Émettre le DAE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DAE émis")
