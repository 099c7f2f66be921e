"""Issue 11 in real Chromium, every page audited by axe: the Guichet EDI page and its sandbox
validator; « Déposer des messages XML » with two files, one accepted and one refused, then the
refused draft opened with its error; and a company administrator creating then revoking an EDI
credential."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from edi.models import Credential
from gamma.models import Movement, MovementStatus
from tests.browser.test_gamma_prepare import log_in
from tests.factories.habilitations import build_world
from tests.guichet.conftest import ie815_of

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, emcs_codelists):
    return build_world()


def late(world, lrn: str) -> bytes:
    return ie815_of(world, lrn=lrn, today=timezone.localdate() - datetime.timedelta(days=10))


def test_the_guichet_page_and_its_sandbox(page, world):
    page.goto("/guichet-edi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guichet EDI")
    expect(page.get_by_role("heading", name="Les schémas des messages (V3.23)")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^ie815\.xsd"))).to_be_visible()
    expect(page.get_by_text("connectez-vous", exact=False)).to_be_visible()

    log_in(page, "antoineleris")
    page.goto("/guichet-edi/#bac-a-sable")
    page.get_by_label("Message XML à coller").fill(late(world, "LRN-BAC-1").decode())
    page.get_by_role("button", name="Tester le message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tester un message EDI")
    expect(page.get_by_text("Le message serait refusé (IE815)")).to_be_visible()
    faults = page.get_by_role("table", name="Erreurs")
    expect(faults.get_by_role("rowheader", name="DATE-EXP")).to_be_visible()
    expect(faults).to_contain_text("/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/DateOfDispatch")

    page.get_by_label("Message XML à coller").fill("")
    page.get_by_label("ou fichier du message").set_input_files(
        files=[{"name": "IE815.xml", "mimeType": "application/xml", "buffer": ie815_of(world, lrn="LRN-BAC-2")}]
    )
    page.get_by_role("button", name="Tester le message").click()
    expect(page.get_by_text("Message valide : il serait accepté (IE815)")).to_be_visible()
    assert not Movement.objects.exists()


def test_upload_two_files_one_accepted_one_refused_then_correct_the_draft(page, world):
    log_in(page, "antoineleris")
    page.goto("/gamma/FR008777E0001/")
    page.get_by_role("link", name="Déposer des messages XML").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déposer des messages XML")
    page.get_by_label("Fichiers XML").set_input_files(
        files=[
            {"name": "bon.xml", "mimeType": "application/xml", "buffer": ie815_of(world, lrn="LRN-WEB-1")},
            {"name": "en-retard.xml", "mimeType": "application/xml", "buffer": late(world, "LRN-WEB-2")},
        ]
    )
    page.get_by_role("button", name="Déposer", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="fichiers")).to_have_text("2 fichiers : 1 accepté, 1 refusé.")

    accepted = Movement.objects.get(local_reference_number="LRN-WEB-1")
    assert accepted.status == MovementStatus.ACCEPTED
    expect(page.get_by_text(f"IE815 accepté : ARC {accepted.arc}")).to_be_visible()
    expect(page.get_by_role("table", name="Erreurs de « en-retard.xml »")).to_contain_text("DATE-EXP")

    page.get_by_role("link", name="Corriger le brouillon de « en-retard.xml »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE — LRN-WEB-2")
    error = page.get_by_role("link", name=re.compile(r"\[DATE-EXP\] La date d'expédition"))
    expect(error).to_be_visible()
    error.click()
    expect(page.locator(".fr-error-text, .fr-message--error").first).to_contain_text("DATE-EXP")

    page.goto("/gamma/FR008777E0001/")
    page.get_by_role("link", name="Déposer des messages XML").click()
    page.get_by_role("link", name="Retour à l'accueil GAMMA de FR008777E0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GAMMA — FR008777E0001")


def test_the_administrator_creates_then_revokes_a_credential(page, world):
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.save()
    log_in(page, "marie")
    page.get_by_role("link", name="Identifiants EDI").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identifiants EDI")
    page.get_by_label("Libellé").fill("ERP de l'entrepôt")
    page.get_by_role("button", name="Créer l'identifiant").click()

    credential = Credential.objects.get()
    expect(page.get_by_role("heading", name=f"Identifiant EDI {credential.client_id} créé")).to_be_visible()
    token = page.locator("#jeton-edi").inner_text()
    assert token.startswith(f"Authorization: Bearer {credential.client_id}.")
    row = page.locator(f"#identifiant-{credential.pk}")
    expect(row).to_contain_text("FR008777E0001")
    expect(row).to_contain_text("En vigueur")

    page.goto("/guichet-edi/identifiants/")
    expect(page.locator("#jeton-edi")).to_have_count(0)  # shown once, never again
    row.get_by_role("link", name=f"Révoquer {credential.client_id}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Révoquer l'identifiant {credential.client_id} ?")
    page.get_by_role("button", name="Oui, révoquer l'identifiant").click()
    expect(page.get_by_text(f"L'identifiant EDI {credential.client_id} est révoqué")).to_be_visible()
    expect(page.locator(f"#identifiant-{credential.pk}")).to_contain_text("Révoqué")
    credential.refresh_from_db()
    assert not credential.is_active
