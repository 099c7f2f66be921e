"""Issue 4's whole path in real Chromium, every page audited by axe: a company user fills the
adhesion for FR008777E0001 naming two accounts with the seed's rights → the office approves and
delegates → both users see GAMMA with exactly their rights → the company's administrator removes
one right → it is gone at the user's next request."""

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AuditedPage
from tests.browser.staff import enter_totp_code
from tests.browser.test_adhesion_company import ALL_RIGHTS, LUC_RIGHTS, fill_row, tick
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import company_user, office_agent
from tests.factories.register import CustomsOfficeFactory, ExciseNumberFactory, OperatorFactory

pytestmark = pytest.mark.browser

SIGNATURE_WAIVER = (
    "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
    "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
    "muni du cartouche spécial prévu à cet effet."
)


@pytest.fixture
def seed_company(transactional_db):
    office = CustomsOfficeFactory(code="FR000690", name="Bureau de douane de Paris Principal")
    company = OperatorFactory(siren="732829320", name="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    ExciseNumberFactory(number="FR008777E0001", operator=company, customs_office=office)
    company_user(company, "antoineleris", email="antoineleris@club-internet.fr")
    company_user(company, "lucferrier", email="luc.ferrier@wanadoo.fr")
    company_user(company, "mdurand", first_name="Marie", last_name="Durand")
    office_agent(office, "agent.bureau")
    return company


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    if username.startswith("agent."):
        enter_totp_code(page, username)
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Déconnexion").click()


def gamma_rights(page) -> dict[str, str]:
    """The « Vos droits sur GAMMA » table of the excise number's GAMMA home: label → Oui/Non."""
    rows = page.locator("#droits-gamma tbody tr")
    return {
        rows.nth(i).locator("td").nth(0).text_content(): rows.nth(i).locator("td").nth(1).text_content().strip()
        for i in range(rows.count())
    }


def test_adhesion_approval_rights_and_revocation(page, browser, live_server, accessibility_audit, seed_company):
    # 1. The company's user fills and transmits the adhesion (the seed's two rows).
    log_in(page, "mdurand")
    page.locator("#mon-entreprise").get_by_role("link", name="Adhérer à GAMMA").click()
    page.get_by_role("button", name="Remplir le formulaire pour FR008777E0001").click()
    fill_row(page, 1, "antoineleris", "antoineleris@club-internet.fr", ALL_RIGHTS)
    fill_row(page, 2, "lucferrier", "luc.ferrier@wanadoo.fr", LUC_RIGHTS)
    tick(page, SIGNATURE_WAIVER)
    page.get_by_label("Fait à").fill("Paris")
    page.locator("#id_signed_on").fill("2026-11-20")
    page.get_by_label("Nom et prénom du représentant légal de l'entreprise").fill("Marie Durand")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()
    expect(page.locator("#etat-demande")).to_contain_text("Transmise au bureau")
    log_out(page)

    # 2. The office approves, then makes mdurand correspondent and GAMMA administrator.
    log_in(page, "agent.bureau")
    page.get_by_role("link", name="Espace bureau de douane").first.click()
    page.get_by_role("link", name="Instruire la demande FR008777E0001").click()
    page.get_by_role("button", name="Accepter", exact=True).click()
    expect(page.locator(".fr-alert--success").first).to_contain_text("2 compte(s) habilité(s)")
    page.get_by_role("link", name="Fiche de l'entreprise SOCIETE DE DISTRIBUTION D'ALCOOLS").click()
    page.get_by_label("Compte à nommer correspondant Prodou@ne").select_option(label="mdurand — Durand Marie")
    page.get_by_role("button", name="Accorder le statut de correspondant").click()
    page.get_by_label("Correspondant à nommer administrateur téléservice").select_option(label="mdurand — Durand Marie")
    page.get_by_role("button", name="Accorder le statut d'administrateur").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("mdurand")
    log_out(page)

    # 3. Both users see GAMMA in their personal space, with exactly their rights.
    log_in(page, "antoineleris")
    page.get_by_role("link", name="EMCS Gamma").click()
    page.get_by_role("link", name="FR008777E0001").click()
    assert gamma_rights(page) == dict.fromkeys(ALL_RIGHTS, "Oui")
    log_out(page)

    # lucferrier stays logged in, in a browser of his own.
    luc_context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    luc = AuditedPage(luc_context.new_page(), accessibility_audit)
    log_in(luc, "lucferrier")
    luc.get_by_role("link", name="EMCS Gamma").click()
    luc.get_by_role("link", name="FR008777E0001").click()
    expected = {label: ("Oui" if label in LUC_RIGHTS else "Non") for label in ALL_RIGHTS}
    assert gamma_rights(luc) == expected

    # 4. The company's administrator removes « Rechercher DSA » from lucferrier.
    log_in(page, "mdurand")
    page.locator("#mon-entreprise").get_by_role("link", name="Gérer les habilitations GAMMA").click()
    page.get_by_role("link", name="FR008777E0001").click()
    checkbox = page.get_by_label("Rechercher DSA pour lucferrier", exact=True)
    page.locator(f"label[for='{checkbox.get_attribute('id')}']").click()
    page.get_by_role("button", name="Enregistrer les habilitations").last.click()
    expect(page.locator(".fr-alert--success").first).to_be_visible()

    # 5. Gone at lucferrier's next request.
    luc.reload()
    assert gamma_rights(luc) == expected | {"Rechercher DSA": "Non"}
    accessibility_audit.audit_if_new(luc._page)
    luc_context.close()
