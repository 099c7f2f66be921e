"""Issue 12, item 2, in real Chromium, every page audited by axe (and the 320 px reflow check):
the long code lists of the DAE form are searchable pickers, in French. antoineleris prepares a DAE,
types « auch » in « Bureau d'expédition » and picks the office of Auch; then adds a wine line: in
« Code NC » he types « vallee du rhone » (no accents) and gets the wines of the Vallée du Rhône; in
« Type d'emballage » he types « carton », moves down the list with the keyboard to « CT — Carton »,
chooses it with Enter, and saves the line: the values are stored. Without JavaScript the same
pickers are plain selects, and saving works as well."""

import pytest
from playwright.sync_api import expect

from gamma.models import Movement
from tests.browser.fixtures import csp_violations
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, emcs_codelists):
    return build_world()


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


def start_a_dae(page) -> None:
    page.goto("/gamma/")
    page.get_by_role("link", name="FR008777E0001").click()
    page.get_by_role("button", name="Préparer un DAE", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")


def add_a_wine_line(page) -> None:
    """The draft's first line open, with the EPC W200 chosen."""
    page.locator("#rubriques").get_by_role("link", name="Marchandises").click()
    page.get_by_role("link", name="Ajouter une ligne").click()
    page.get_by_label("Code produit d'accise (EPC)").select_option("W200")
    page.get_by_role("button", name="Choisir").click()


def test_a_clerk_finds_a_cn_code_and_a_kind_of_package_by_typing_and_picks_with_the_keyboard(page, world):
    log_in(page, "antoineleris")
    start_a_dae(page)

    # The office of dispatch, among the register's offices: « auch » finds the office of Auch.
    page.locator("#rubriques").get_by_role("link", name="Expéditeur", exact=True).click()
    office = page.get_by_role("combobox", name="Bureau d'expédition")
    expect(office).to_have_value("FR007501 — Bureau de Paris")
    office.fill("auch")
    office.press("ArrowDown")
    office.press("Enter")
    expect(office).to_have_value("FR003200 — Bureau d'Auch")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")
    assert Movement.objects.get().dispatch_office_code == "FR003200"

    add_a_wine_line(page)
    cn_code = page.get_by_role("combobox", name="Code NC (nomenclature combinée)")
    expect(cn_code).to_have_attribute("aria-expanded", "false")
    cn_code.fill("vallee du rhone")  # accents ignored
    expect(cn_code).to_have_attribute("aria-expanded", "true")
    listbox = page.locator(f"#{cn_code.get_attribute('aria-controls')}")
    # Its three regional wines, and the five « produced in a region other than … » that name it.
    expect(listbox.get_by_role("option")).to_have_count(8)
    expect(page.locator("[role='status']").filter(has_text="résultat")).to_have_text("8 résultats.")
    expect(listbox.get_by_role("option").first).to_contain_text(
        "22042146 — Vin autre que blanc bénéficiant d'une appellation d'origine protégée (AOP)"
    )
    cn_code.press("ArrowDown")
    cn_code.press("ArrowDown")
    cn_code.press("ArrowUp")
    cn_code.press("Enter")
    expect(cn_code).to_have_attribute("aria-expanded", "false")
    expect(cn_code).to_have_value(
        "22042146 — Vin autre que blanc bénéficiant d'une appellation d'origine protégée (AOP), d'un titre "
        "alcoométrique volumique acquis n'excédant pas 15 % vol, produit dans la région Vallée du Rhône, en "
        "récipients d'une contenance n'excédant pas 2 l"
    )

    packages = page.get_by_role("combobox", name="Type d'emballage")
    packages.fill("carton")
    options = page.locator(f"#{packages.get_attribute('aria-controls')}").get_by_role("option")
    expect(options.filter(has_text="CT — Carton")).to_have_count(1)
    expect(options.filter(has_text="4G — Caisse en carton")).to_have_count(1)
    assert all("carton" in text.lower() for text in options.all_inner_texts())
    packages.press("ArrowDown")
    for _ in range(options.count()):
        active = page.locator(f"#{packages.get_attribute('aria-activedescendant')}")
        if active.inner_text() == "CT — Carton":
            break
        packages.press("ArrowDown")
    packages.press("Enter")
    expect(packages).to_have_value("CT — Carton")
    packages.press("Escape")  # the list is closed: Escape empties the picker …
    expect(packages).to_have_value("")
    packages.fill("CT — carton")  # … and typing the whole label finds it again
    packages.press("ArrowDown")
    packages.press("Enter")
    expect(packages).to_have_value("CT — Carton")
    page.locator("#id_lines-0-packages-0-number_of_packages").fill("84")

    page.get_by_role("button", name="Enregistrer la ligne").click()
    expect(page.locator("#lignes")).to_contain_text("22042146")
    line = Movement.objects.get().lines.get()
    assert line.cn_code == "22042146"
    assert [(package.kind_of_packages, package.number_of_packages) for package in line.packages.all()] == [("CT", 84)]


def test_without_javascript_the_pickers_are_plain_selects_and_the_line_is_saved(browser, live_server, world):
    # A context of its own, scripts off (axe-core needs them: the same pages are audited, with the
    # pickers, by the test above; without the script they are the selects every form has).
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    blocked = csp_violations(page)
    log_in(page, "antoineleris")
    start_a_dae(page)
    add_a_wine_line(page)

    packages = page.get_by_label("Type d'emballage")
    cn_code = page.get_by_label("Code NC (nomenclature combinée)")
    expect(packages).to_be_visible()
    expect(cn_code).to_be_visible()
    assert cn_code.evaluate("element => element.tagName") == "SELECT"
    expect(page.locator("[role='combobox'][aria-controls]")).to_have_count(0)
    expect(packages.locator("option[value='CT']")).to_have_text("CT — Carton")
    cn_code.select_option("22042146")
    packages.select_option("CT")
    page.get_by_role("button", name="Enregistrer la ligne").click()
    expect(page.locator("#lignes")).to_contain_text("22042146")
    context.close()

    line = Movement.objects.get().lines.get()
    assert (line.cn_code, [package.kind_of_packages for package in line.packages.all()]) == ("22042146", ["CT"])
    assert not blocked
