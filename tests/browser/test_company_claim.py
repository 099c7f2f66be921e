"""Issue 10, item 6 in real Chromium, every page audited by axe: an employee who changed employer
asks, from « Mon compte », to join SOCIETE DE DISTRIBUTION D'ALCOOLS; she sees nothing of it until
its correspondent accepts her on « Demandes de rattachement »; then she sees its adhesion."""

import pytest
from playwright.sync_api import expect

from habilitations.models import Delegation, DelegationKind
from tests.browser.test_habilitation_journey import log_in, log_out
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory, company_user, office_agent
from tests.factories.register import (
    CustomsOfficeFactory,
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
    OperatorFactory,
)

pytestmark = pytest.mark.browser

SIREN = "732829320"


@pytest.fixture
def companies(transactional_db):
    office = CustomsOfficeFactory(code="FR000690", name="Bureau de douane de Paris Principal")
    company = OperatorFactory(siren=SIREN, name="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    other = OperatorFactory(siren="353249154", name="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    number = ExciseNumberFactory(number="FR008777E0001", operator=company, customs_office=office)
    unit = LegalUnitFactory(siren=SIREN, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    establishment = EstablishmentFactory(legal_unit=unit, nic="0001")
    agent = office_agent(office, "agent.bureau")
    admin = company_user(company, "antoineleris", first_name="Antoine", last_name="Leris")
    AdhesionFactory(excise_number=number, approved=True, prepared_by=admin, lines={admin: ALL_GAMMA})
    for kind, teleservice in ((DelegationKind.CORRESPONDENT, ""), (DelegationKind.TELESERVICE_ADMIN, "gamma")):
        Delegation.objects.create(user=admin, operator=company, kind=kind, teleservice=teleservice, granted_by=agent)
    company_user(other, "camilleroux", first_name="Camille", last_name="Roux", email="camille.roux@example.org")
    return establishment


def test_an_employee_asks_to_join_and_the_administrator_accepts(page, companies):
    # 1. Camille changed employer: she keeps her account and claims the new company's SIRET.
    log_in(page, "camilleroux")
    page.goto("/compte/references/")
    page.get_by_label("N° SIRET de l'établissement de votre nouvel employeur").fill(companies.siret)
    page.get_by_role("button", name="Demander le rattachement").click()
    expect(page.locator(".fr-alert--success").first).to_contain_text(
        "Votre demande de rattachement à SOCIETE DE DISTRIBUTION D'ALCOOLS"
    )
    expect(page.locator("#etat-rattachement")).to_contain_text("à confirmer")
    # Until confirmed, nothing of the company: no adhesion, no company links.
    page.goto("/adhesions/")
    expect(page.locator("#demandes")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("FR008777E0001")
    page.goto("/compte/espace-personnel/")
    expect(page.locator("#mon-entreprise")).to_have_count(0)
    log_out(page)

    # 2. The company's correspondent accepts her.
    log_in(page, "antoineleris")
    page.locator("#mon-entreprise").get_by_role("link", name="Demandes pour rejoindre l'entreprise").click()
    row = page.locator("#demandes-rattachement tbody tr", has_text="camilleroux")
    expect(row).to_contain_text("camille.roux@example.org")
    row.get_by_role("button", name="Accepter la demande de camilleroux").click()
    expect(page.locator(".fr-alert--success").first).to_contain_text("« camilleroux » est désormais rattaché")
    expect(page.locator("#demandes-rattachement")).to_have_count(0)
    log_out(page)

    # 3. Now she sees the company's adhesion.
    log_in(page, "camilleroux")
    page.locator("#mon-entreprise").get_by_role("link", name="Mes demandes d'adhésion").click()
    expect(page.locator("#demandes")).to_contain_text("FR008777E0001")
    page.goto("/compte/references/")
    expect(page.locator("#etat-rattachement")).to_contain_text("confirmé")
