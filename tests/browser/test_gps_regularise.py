"""Issue 12 item 11 in real Chromium, every page audited by axe: before any outage, bob downloads
the blank « DAA suivi P.S. » form from GPS; after one, « Régulariser dans GAMMA » on his GPS
document opens a draft prefilled from the number, and a second click opens the same draft."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from fallback.models import FallbackDocument
from fallback.services import issue_fallback_document
from gamma.models import Movement
from tests.browser.test_gps import log_in
from tests.factories.habilitations import build_world
from tests.fallback.factories import IncidentFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def bob(transactional_db, reference_data, emcs_codelists):
    return build_world().bob  # the seven GAMMA rights on FR009990F0005


def test_blank_form_before_the_outage_then_regularise_in_gamma(page, bob, tmp_path):
    # Before any outage: the blank form, its size and format shown as DSFR downloads show them.
    assert not FallbackDocument.objects.exists()
    log_in(page, "bob")
    page.goto("/gps/")
    expect(page.get_by_text("La procédure de secours n'est pas ouverte")).to_be_visible()
    link = page.get_by_role("link", name="Télécharger le formulaire vierge « DAA suivi P.S. »")
    expect(link).to_contain_text("PDF \N{EN DASH} ")
    expect(link).to_contain_text(" Ko")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    for label in ("DOCUMENT ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI", "P.S.", "1 Expéditeur", "22a Poids net"):
        assert label in text, label

    # An outage: a GPS number for FR009990F0005 (its issue is GPS's own journey, test_gps.py).
    now = timezone.now()
    IncidentFactory(starts_at=now - datetime.timedelta(hours=2))
    document = issue_fallback_document(
        actor=bob,
        nature="DAA",
        excise_number="FR009990F0005",
        vehicle_registration="457TY24",
        dispatch_at=now - datetime.timedelta(minutes=30),
        now=now - datetime.timedelta(hours=1),
    )

    # « Régulariser dans GAMMA »: a draft prefilled from the number.
    page.goto(f"/gps/documents/{document.number}/")
    page.get_by_role("button", name="Régulariser dans GAMMA").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Brouillon de DAE \N{EM DASH} {document.number}")
    expect(page.locator(".fr-alert--success")).to_contain_text("brouillon de régularisation")
    draft = Movement.objects.get(local_reference_number=document.number)
    assert draft.deferred_submission and draft.consignor.number == "FR009990F0005"
    assert draft.transport_details.get().identity_of_transport_units == "457TY24"

    # A second click opens the same draft.
    page.goto(f"/gps/documents/{document.number}/")
    page.get_by_role("button", name="Régulariser dans GAMMA").click()
    expect(page.get_by_text("existe déjà")).to_be_visible()
    assert page.url.endswith(f"/brouillons/{draft.pk}/")
    assert Movement.objects.filter(local_reference_number=document.number).count() == 1
