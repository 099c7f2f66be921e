"""The customs office's back-office in real Chromium, every page audited by axe: an agent logs in,
opens the queue, instructs the seed's request for FR008777E0001 with the register beside it,
approves it, then makes marie the company's correspondent and its GAMMA administrator."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from habilitations import catalogue, rights
from mail.models import OutboxMessage
from tests.browser.staff import enter_totp_code
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory, company_user, office_agent
from tests.factories.register import (
    CustomsOfficeFactory,
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
    OperatorFactory,
)

pytestmark = pytest.mark.browser

SEED_LUC = ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"]


@pytest.fixture
def seed_request(transactional_db, reference_data):
    """The seed's request: SOCIETE DE DISTRIBUTION D'ALCOOLS, FR008777E0001, waiting for its office,
    naming antoineleris (all seven rights) and lucferrier (prepare and search)."""
    office = CustomsOfficeFactory(code="FR007501", name="Bureau de Paris", email="bureau.paris@example.org")
    company = OperatorFactory(siren="732829320", name="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    unit = LegalUnitFactory(siren=company.siren, denomination=company.name, head_office_nic="00012")
    EstablishmentFactory(legal_unit=unit, nic="00012", siret=f"{company.siren}00012")
    number = ExciseNumberFactory(
        number="FR008777E0001", operator=company, customs_office=office, product_categories=["S"]
    )
    antoine = company_user(company, "antoineleris")
    luc = company_user(company, "lucferrier")
    marie = company_user(company, "marie")
    agent = office_agent(office, "agent.paris")
    adhesion = AdhesionFactory(
        excise_number=number,
        submitted=True,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        prepared_by=marie,
        lines={antoine: ALL_GAMMA, luc: SEED_LUC},
    )
    return {"adhesion": adhesion, "antoine": antoine, "luc": luc, "marie": marie, "agent": agent, "company": company}


def test_an_agent_instructs_the_seed_request_and_delegates(page, seed_request):
    world = seed_request
    # Log in from the header box; agents find their space in the header tools.
    page.goto("/")
    page.locator("#header-identifiant").fill("agent.paris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.paris")
    page.get_by_role("link", name="Espace bureau de douane").first.click()

    # The queue: waiting requests by default.
    expect(page.get_by_role("heading", name="Adhésions à instruire", level=1)).to_be_visible()
    queue = page.locator("#file-adhesions")
    expect(queue).to_contain_text("FR008777E0001")
    expect(queue).to_contain_text("SOCIETE DE DISTRIBUTION D'ALCOOLS")
    expect(page.locator("#resultats")).to_contain_text("1 demande correspond à vos filtres")
    page.get_by_role("link", name="Instruire la demande FR008777E0001").click()

    # The request beside the register.
    expect(page.get_by_role("heading", name="Demande d'adhésion à GAMMA — FR008777E0001")).to_be_visible()
    request_side = page.locator("#demande")
    for right in catalogue.rights_of(catalogue.GAMMA):
        expect(request_side).to_contain_text(right.label)
    expect(request_side.locator("tr", has_text="lucferrier")).not_to_contain_text("Apurer un DAA")
    register_side = page.locator("#referentiel")
    expect(register_side).to_contain_text("Entrepositaire agréé")
    expect(register_side).to_contain_text("Valide depuis le 01/01/2009")
    expect(register_side).to_contain_text("Alcools")
    expect(register_side).to_contain_text("Bureau de Paris (FR007501)")
    expect(register_side).to_contain_text("Actif")
    expect(register_side).to_contain_text("15 Avenue DE LA REPUBLIQUE 75010 PARIS")
    expect(page.locator("#differences")).to_contain_text("La demande correspond au référentiel")

    # Approve: the rights are granted, the requester and both users are told by e-mail.
    page.get_by_role("button", name="Accepter", exact=True).click()
    expect(page.locator(".fr-alert--success").first).to_contain_text(
        "Demande acceptée : 2 compte(s) habilité(s) à GAMMA pour FR008777E0001"
    )
    number = world["adhesion"].excise_number
    assert rights.rights_for(world["antoine"], catalogue.GAMMA, number) == frozenset(ALL_GAMMA)
    assert rights.rights_for(world["luc"], catalogue.GAMMA, number) == frozenset(SEED_LUC)
    decided = OutboxMessage.objects.filter(subject__contains="acceptée")
    assert sorted(message.to[0] for message in decided) == [
        "antoineleris@example.org",
        "lucferrier@example.org",
        "marie@example.org",
    ]
    expect(page.get_by_role("button", name="Accepter", exact=True)).to_have_count(0)

    # The company: marie becomes correspondent, then GAMMA administrator.
    page.get_by_role("link", name="Fiche de l'entreprise SOCIETE DE DISTRIBUTION D'ALCOOLS").click()
    expect(page.locator("#habilitations-FR008777E0001")).to_contain_text("antoineleris")
    page.get_by_label("Compte à nommer correspondant Prodou@ne").select_option(label="marie — Dupont Jean")
    page.get_by_role("button", name="Accorder le statut de correspondant").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("marie : statut « Correspondant Prodou@ne » accordé.")
    page.get_by_label("Correspondant à nommer administrateur téléservice").select_option(label="marie — Dupont Jean")
    page.locator("label[for=administrateur_may_appoint_admins]").click()
    page.get_by_role("button", name="Accorder le statut d'administrateur").click()
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "marie : statut « Administrateur téléservice GAMMA, qui peut nommer d'autres administrateurs » accordé."
    )
    delegations = page.locator("#table-delegations")
    expect(delegations.locator("tr", has_text="Administrateur téléservice GAMMA")).to_contain_text("marie")
    delegation = rights.admin_delegation(world["marie"], world["company"], catalogue.GAMMA)
    assert delegation is not None and delegation.may_appoint_admins

    # The audit trail tells it all, in French.
    page.get_by_role("link", name="Journal des modifications de l'entreprise").click()
    journal = page.locator("#journal")
    expect(journal).to_contain_text("Adhésion acceptée, 2 compte(s) habilité(s)")
    expect(journal).to_contain_text("Administrateur téléservice accordé à marie (GAMMA)")
    expect(journal).to_contain_text("agent.paris")
