"""A roadside officer, without an account, checks a printed e-AD: types the code printed under
its QR code and sees the document's status, type, names, date and vehicle; a mistyped code gets
the French « no such document » page (every page axe-audited by `page`)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from identifiers import check_code
from tests.browser.test_lookups import _open, _submit
from tests.factories.habilitations import build_world
from tests.gamma.support import shipped

pytestmark = pytest.mark.browser


def test_a_roadside_officer_checks_a_printed_document_by_its_code(page, accessibility_audit, transactional_db):
    cache.clear()
    world = build_world()
    movement = shipped(world)

    _open(page, accessibility_audit, "/verifier/")
    expect(page.get_by_role("heading", name="Vérifier un document imprimé")).to_be_visible()
    # Typed as read from the paper, in lower case with its dashes.
    page.get_by_label("Code de vérification").fill(check_code.display(movement.verification_code).lower())
    _submit(page, accessibility_audit, "Vérifier le document")

    expect(page.get_by_role("heading", name="État du document : En circulation")).to_be_visible()
    sheet = page.get_by_role("table")
    for row, value in [
        ("Type de document", "DAE — document administratif électronique"),
        ("ARC", movement.arc),
        ("Expéditeur", movement.trader("consignor").trader_name),
        ("Destinataire", movement.trader("consignee").trader_name),
        ("Date d'expédition", f"{movement.dispatch_date:%d/%m/%Y}"),
        ("Véhicule", "AB-123-CD"),
    ]:
        expect(sheet.get_by_role("row", name=row)).to_contain_text(value)
    expect(page.get_by_role("row")).to_have_count(6)  # nothing else

    # A code mistyped by one character: nothing is shown, the code may be typed again.
    wrong = movement.verification_code[:-1] + ("0" if movement.verification_code[-1] != "0" else "1")
    page.get_by_role("link", name="Vérifier un autre document").click()
    page.get_by_label("Code de vérification").fill(wrong)
    _submit(page, accessibility_audit, "Vérifier le document")
    expect(page.get_by_role("heading", name="Aucun document ne correspond à ce code")).to_be_visible()
    expect(page.get_by_text(movement.arc)).to_have_count(0)
    expect(page.get_by_label("Code de vérification")).to_be_visible()
