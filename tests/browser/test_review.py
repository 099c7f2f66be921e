"""Issue 12, item 7, in real Chromium: antoineleris opens « Relire avant d'émettre » from a complete
DAE's task list, reads the whole document section by section (every page audited by axe), and
issues it with « Émettre le DAE »."""

import pytest
from playwright.sync_api import expect

from gamma.models import Movement
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


def test_imported_goods_get_their_import_declarations_typed_then_read_on_the_review(page, world):
    """Issue 12, item 7: antoineleris says the goods are imported, types two declarations (the
    second row added without JavaScript), gives the office of import instead of the warehouse,
    reads the numbers on the review page, issues the DAE and finds them on the movement's page."""
    movement = complete_dae(world.antoine, world.excise_a)
    page.goto("/")
    page.locator("#header-identifiant").fill("antoineleris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").first.click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()
    page.goto(f"/gamma/FR008777E0001/brouillons/{movement.pk}/")

    page.locator("#rubriques").get_by_role("link", name="Mouvement", exact=True).click()
    page.get_by_label("Type d'origine").select_option("2")
    page.get_by_label("Numéro de la déclaration en douane d'importation").fill("26FR000690I0000123")
    page.get_by_role("button", name="Ajouter une déclaration d'importation").click()
    expect(page.locator("#id_import_customs_declarations-0-number")).to_have_value("26FR000690I0000123")
    page.locator("#id_import_customs_declarations-1-number").fill("26FR000690I0000124")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")

    page.locator("#rubriques").get_by_role("link", name="Lieu d'expédition", exact=True).click()
    for field in page.locator("input[name^='place_of_dispatch-']").all():
        field.fill("")
    office = page.get_by_role("combobox", name="Bureau d'importation (marchandises importées seulement)")
    office.fill("FR003200")  # the searchable picker of the register's offices
    office.press("ArrowDown")
    office.press("Enter")
    expect(page.locator("#id_dispatch_import_office_code")).to_have_value("FR003200")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")

    page.get_by_role("link", name="Relire avant d'émettre").click()
    expect(page.locator("#erreurs")).to_have_count(0)
    section = page.locator("#relecture-mouvement")
    expect(section).to_contain_text("Déclaration d'importation 2")
    expect(section).to_contain_text("26FR000690I0000123")
    expect(section).to_contain_text("26FR000690I0000124")
    page.get_by_role("button", name="Émettre le DAE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DAE émis")
    issued = Movement.objects.get(pk=movement.pk)
    page.goto(f"/gamma/FR008777E0001/mouvements/{issued.pk}/")
    expect(page.locator("main")).to_contain_text("26FR000690I0000123, 26FR000690I0000124")
