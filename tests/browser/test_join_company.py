"""Issue 12, item 8 in real Chromium, every page audited by axe: Julie, a new employee with no company
on her account, looks up her establishment's SIRET; the company already adhered to GAMMA, so she sees
its administrator (name, masked address) and asks to join it with a message; her personal space says
where the request waits; Antoine, the administrator, accepts it in one click on « Demandes pour
rejoindre l'entreprise »; Julie then sees the company and its adhesion (no right yet)."""

import pytest
from playwright.sync_api import expect

from habilitations.models import Delegation, DelegationKind
from tests.browser.test_habilitation_journey import log_in, log_out
from tests.factories.accounts import UserFactory
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
def company(transactional_db):
    office = CustomsOfficeFactory(code="FR000690", name="Bureau de douane de Paris Principal")
    operator = OperatorFactory(siren=SIREN, name="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    number = ExciseNumberFactory(number="FR008777E0001", operator=operator, customs_office=office)
    unit = LegalUnitFactory(siren=SIREN, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    establishment = EstablishmentFactory(legal_unit=unit, nic="0001")
    agent = office_agent(office, "agent.bureau")
    admin = company_user(
        operator, "antoineleris", first_name="Antoine", last_name="Leris", email="antoineleris@club-internet.fr"
    )
    AdhesionFactory(excise_number=number, approved=True, prepared_by=admin, lines={admin: ALL_GAMMA})
    for kind, teleservice in ((DelegationKind.CORRESPONDENT, ""), (DelegationKind.TELESERVICE_ADMIN, "gamma")):
        Delegation.objects.create(user=admin, operator=operator, kind=kind, teleservice=teleservice, granted_by=agent)
    UserFactory(username="juliemartin", first_name="Julie", last_name="Martin", siret="", company_name="")
    return establishment


def test_an_employee_asks_to_join_and_the_administrator_accepts_in_one_click(page, company):
    # 1. Julie looks up her establishment: the company already adhered, its administrator is shown.
    log_in(page, "juliemartin")
    page.goto("/adhesions/nouvelle/")
    page.get_by_role("link", name="recherchez-la par le SIRET de votre établissement").click()
    page.get_by_label("N° SIRET").fill(company.siret)
    page.get_by_role("button", name="Rechercher").click()
    offer = page.locator("#rejoindre-entreprise")
    expect(offer).to_contain_text("Son administrateur ProDou@ne est Antoine Leris (a***@club-internet.fr)")
    expect(offer).not_to_contain_text("antoineleris@club-internet.fr")
    offer.get_by_label("Message à l'administrateur (facultatif)").fill("Arrivée lundi au service logistique.")
    offer.get_by_role("button", name="Demander à rejoindre l'entreprise").click()
    expect(page.locator(".fr-alert--success").first).to_contain_text(
        "Votre demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS est transmise à son administrateur"
    )
    # 2. Her personal space says where the request waits; nothing of the company yet.
    expect(page.locator("#demande-rejoindre")).to_contain_text(
        "Votre demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS est en attente auprès de son "
        "administrateur Antoine Leris depuis le"
    )
    expect(page.locator("#mon-entreprise")).to_have_count(0)
    log_out(page)

    # 3. Antoine accepts in one click.
    log_in(page, "antoineleris")
    page.locator("#mon-entreprise").get_by_role("link", name="Demandes pour rejoindre l'entreprise").click()
    row = page.locator("#demandes-rattachement tbody tr", has_text="juliemartin")
    expect(row).to_contain_text("Arrivée lundi au service logistique.")
    row.get_by_role("button", name="Accepter la demande de juliemartin").click()
    expect(page.locator(".fr-alert--success").first).to_contain_text(
        "« juliemartin » est désormais rattaché à SOCIETE DE DISTRIBUTION D'ALCOOLS"
    )
    expect(page.locator(".fr-alert--success").first).to_contain_text("Gérer les habilitations GAMMA")
    expect(page.locator("#demandes-rattachement")).to_have_count(0)
    log_out(page)

    # 4. Julie now sees the company: its adhesion, and no request waiting any more.
    log_in(page, "juliemartin")
    expect(page.locator("#demande-rejoindre")).to_have_count(0)
    page.locator("#mon-entreprise").get_by_role("link", name="Mes demandes d'adhésion").click()
    expect(page.locator("#demandes")).to_contain_text("FR008777E0001")
