"""Issue 5 after validation, in real Chromium, every page audited by axe: a validated DAE of
FR008777E0001 with a wine line travels to FR009990F0005, another operator of the portal. The
consignor downloads the printed copy; the consignee's user reports receipt with a shortage
(accepted though unsatisfactory: the DAE is discharged); the consignor searches with « Non apurés
uniquement » unticked, finds it « Apuré » and reads its timeline."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from gamma.models import Movement, MovementStatus
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.browser


@pytest.fixture
def movement(transactional_db):
    world = build_world()
    load_reason_lists()
    return shipped(world, dispatch_date=timezone.localdate(), journey_time="D02")


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Déconnexion").click()


def open_from_search(page, number: str, arc: str) -> None:
    """From the personal space: GAMMA → the number → « Rechercher DAA / DSA » → the ARC."""
    page.goto("/gamma/")
    page.get_by_role("link", name=number).click()
    page.get_by_role("link", name="Rechercher DAA / DSA").first.click()
    expect(page.get_by_role("heading", name="Rechercher DAA / DSA")).to_be_visible()
    page.get_by_role("link", name=arc).click()
    expect(page.get_by_role("heading", name=f"DAE {arc}")).to_be_visible()


def test_print_receive_with_a_shortage_then_find_it_discharged(page, movement):
    arc = movement.arc

    # 1. The consignor opens its DAE and downloads the printed copy.
    log_in(page, "antoineleris")
    open_from_search(page, CONSIGNOR_NUMBER, arc)
    with page.expect_download() as download:
        page.get_by_role("link", name="Imprimer le document (PDF)").click()
    assert download.value.suggested_filename == f"DAE-{arc}.pdf"
    pdf = PdfReader(download.value.path())
    text = pdf.pages[0].extract_text()
    assert f"ARC : {arc}" in text and "CARTOUCHE DE VALIDATION GAMMA" in text and "AOP Bordeaux" in text
    log_out(page)

    # 2. The consignee's user reports receipt: 12 litres short on the wine line.
    log_in(page, "bob")
    open_from_search(page, CONSIGNEE_NUMBER, arc)
    page.get_by_role("link", name="Accuser réception (IE818)").click()
    expect(page.get_by_label("Date d'arrivée des produits")).to_have_value(timezone.localdate().isoformat())
    page.get_by_text("Réception acceptée bien que non satisfaisante").click()
    page.get_by_label("Écart constaté, ligne 1").select_option("S")
    page.get_by_label("Quantité manquante ou excédentaire, ligne 1").fill("12")
    page.get_by_label("Motif, ligne 1").select_option(label="Manquant")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Accuser réception : c'est enregistré. État du document : Apuré.")).to_be_visible()
    assert Movement.objects.get(pk=movement.pk).status == MovementStatus.DELIVERED
    log_out(page)

    # 3. The consignor looks for it with « Non apurés uniquement » unticked: « Apuré ».
    log_in(page, "antoineleris")
    page.goto(f"/gamma/{CONSIGNOR_NUMBER}/")
    page.get_by_role("link", name="Rechercher DAA / DSA").first.click()
    expect(page.get_by_text("0 document correspond à vos critères")).to_be_visible()  # discharged: not listed
    checkbox = page.get_by_label("Non apurés uniquement")
    expect(checkbox).to_be_checked()
    page.locator("label[for='id_non_apures']").click()
    expect(checkbox).not_to_be_checked()
    page.get_by_role("button", name="Rechercher").click()
    row = page.locator("#resultats-mouvements tbody tr", has_text=arc)
    expect(row).to_contain_text("Apuré")
    row.get_by_role("link", name=arc).click()
    timeline = page.locator("#historique")
    expect(timeline).to_contain_text("Accusé de réception (IE818)")
    expect(timeline).to_contain_text("Validé → Apuré")
    expect(timeline).to_contain_text("Réception acceptée bien que non satisfaisante")
    expect(timeline).to_contain_text("Ligne 1 : manquant de 12 ; motif : Manquant")
    # And the consignor's messages say it.
    page.get_by_role("link", name="Messages").first.click()
    expect(page.get_by_text(f"DAE {arc} : réception déclarée, mouvement apuré")).to_be_visible()
