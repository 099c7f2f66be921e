"""Issue 12, item 3, in real Chromium (every page audited by axe): validating an empty DAE shows
every error in the DSFR summary, which takes the focus; a link leads to its field, focused; on the
section's page the summary's own links focus their inputs. The adhesion form does the same on a
« Transmettre » with a faulty row and an empty signature section. No JavaScript involved."""

import re

import pytest
from playwright.sync_api import expect

from gamma import services
from habilitations.models import Adhesion
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world
from tests.factories.register import ExciseNumberFactory

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


def test_validating_an_empty_dae_lists_every_error_and_each_link_focuses_its_field(page, world):
    movement = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    log_in(page, "antoineleris")
    page.goto(f"/gamma/FR008777E0001/brouillons/{movement.pk}/")
    page.get_by_role("button", name="Valider (émettre)").click()

    summary = page.locator("#erreurs")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Le document n'est pas émis : 14 erreurs à corriger")
    expect(summary.get_by_role("link")).to_have_count(14)
    # The consignee and the place of delivery a tax warehouse needs, before the type is chosen.
    expect(summary).to_contain_text("[C074] Indiquez l'identifiant du lieu de livraison")

    summary.get_by_role("link", name="Indiquez le numéro de la facture (ou du bon de livraison).").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mouvement")
    expect(page.locator("#id_invoice_number")).to_be_focused()

    # On the section's page, its summary's links focus their inputs too.
    page.goto(f"/gamma/FR008777E0001/brouillons/{movement.pk}/destinataire/?verifier=1")
    summary = page.locator("#erreurs")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile(r"\[C116\] Indiquez la ville du destinataire")).click()
    expect(page.locator("#id_consignee-city")).to_be_focused()


def test_transmitting_an_adhesion_lists_the_row_and_the_signature_section_at_once(page, world):
    number = ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    adhesion = Adhesion.objects.create(
        excise_number=number,
        operator=world.company_a,
        customs_office=world.office_a,
        siren=world.company_a.siren,
        company_name=world.company_a.name,
        company_address="15 avenue de la République 75010 PARIS",
        prepared_by=world.luc,
    )
    log_in(page, "lucferrier")
    page.goto(f"/adhesions/{adhesion.pk}/formulaire/")
    page.get_by_label("Identifiant du compte, ligne 1").fill("inconnu")
    page.get_by_label("Adresse courriel, ligne 1").fill("inconnu@example.org")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()

    summary = page.locator("#erreurs")
    expect(summary).to_be_focused()
    # The row, the waiver, the place and the representative (the date is today's unless changed).
    expect(summary.get_by_role("heading")).to_have_text("Votre demande n'est pas enregistrée : 4 erreurs à corriger")
    summary.get_by_role("link", name=re.compile(r"^Ligne 1 : aucun compte")).click()
    expect(page.get_by_label("Identifiant du compte, ligne 1")).to_be_focused()
    summary.get_by_role("link", name="Rubrique 4 : indiquez le nom du représentant légal.").click()
    expect(page.locator("#id_legal_representative")).to_be_focused()
