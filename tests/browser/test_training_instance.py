"""Issue 14, part 1, in real Chromium (axe-audited by ``page``): on the training instance « GAMMA
FORMATION » (``settings.TRAINING``, which the live server's thread reads too), antoineleris sees the
warning banner at the top of the home page, and still at the top of a GAMMA page once logged in;
on the real instance there is none."""

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world

pytestmark = pytest.mark.browser

BANNER = "GAMMA FORMATION — environnement de test et de formation : les documents émis ici n'ont aucune valeur légale."


@pytest.fixture
def world(transactional_db):
    return build_world()


def banner(page):
    return page.locator("header #bandeau-formation")


def test_the_training_banner_is_on_the_home_page_and_on_gamma(page, world, settings):
    settings.TRAINING = True
    page.goto("/")
    expect(banner(page)).to_be_visible()
    expect(banner(page)).to_have_text(BANNER, use_inner_text=True)
    assert page.evaluate("() => document.getElementById('bandeau-formation').getBoundingClientRect().top") < 80

    page.locator("#header-identifiant").fill("antoineleris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()
    page.goto("/gamma/FR008777E0001/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("FR008777E0001")
    expect(banner(page)).to_have_text(BANNER, use_inner_text=True)


def test_the_real_instance_has_no_banner(page, world, settings):
    settings.TRAINING = False
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(banner(page)).to_have_count(0)
