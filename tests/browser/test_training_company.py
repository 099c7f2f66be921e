"""Issue 14, on the training instance, in real Chromium (every page audited by axe): a person with
no company logs in, creates his training company in one click from his personal space, finds GAMMA
open with the seven rights on its authorised warehousekeeper's number, opens the « cahier de
recette EDI » from the Guichet EDI page (every scenario « À faire ») and takes a test credential,
then resets his company after confirming: same numbers, the credential gone."""

import pytest
from playwright.sync_api import expect

from edi.models import Credential
from tests.factories.accounts import PASSWORD, UserFactory
from training.models import TrainingCompany

pytestmark = pytest.mark.browser


@pytest.fixture
def trainee(transactional_db, settings):
    settings.TRAINING = True
    settings.INSTANCE = "formation"
    return UserFactory(username="stagiaire", siret="", company_name="", siret_status="")


def test_create_the_training_company_in_one_click_see_gamma_and_reset_it(page, trainee):
    page.goto("/")
    page.locator("#header-identifiant").fill("stagiaire")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()

    page.get_by_role("link", name="Mon entreprise de formation").click()
    page.get_by_role("button", name="Créer mon entreprise de formation").click()
    expect(
        page.get_by_text("Votre entreprise de formation « Entreprise de formation de stagiaire » est créée")
    ).to_be_visible()
    company = TrainingCompany.objects.get(owner=trainee)
    facts = page.locator("#entreprise-formation")
    expect(facts).to_contain_text(company.warehousekeeper.number)
    expect(facts).to_contain_text(company.consignee.number)

    page.get_by_role("link", name="Aller dans GAMMA").click()
    page.get_by_role("link", name=company.warehousekeeper.number).click()
    rights = page.locator("#droits-gamma tbody tr")
    expect(rights).to_have_count(7)
    expect(page.locator("#droits-gamma tbody .fr-badge--success")).to_have_count(7)

    page.goto("/guichet-edi/")
    page.locator("#recette-edi").get_by_role("link", name="cahier de recette EDI").click()
    expect(page.locator("#cahier-de-recette tbody tr")).to_have_count(7)
    expect(page.locator("#cahier-de-recette")).not_to_contain_text("Réussi")
    page.get_by_role("button", name="Créer un identifiant EDI de test").click()
    expect(page.locator("#jeton-edi")).to_contain_text("Authorization: Bearer edi_")
    assert Credential.objects.filter(operator=company.operator).count() == 1

    page.goto("/formation/")
    page.get_by_role("link", name="Réinitialiser mon entreprise de formation").click()
    expect(page.get_by_role("heading", name="Réinitialiser mon entreprise de formation ?")).to_be_visible()
    page.get_by_role("button", name="Oui, réinitialiser").click()
    expect(page.get_by_text("Votre entreprise de formation est revenue à son état initial")).to_be_visible()
    expect(facts).to_contain_text(company.warehousekeeper.number)
    assert not Credential.objects.filter(operator=company.operator).exists()
    assert TrainingCompany.objects.get(owner=trainee).reset_at is not None
