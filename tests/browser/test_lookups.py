"""The free teleservices in a real browser, without an account (axe-audited by `page`)."""

import pytest
from playwright.sync_api import expect

from register.models import LegalUnit
from tests.factories.lookups import SEED_EXCISE_NUMBER, SEED_SIRET, seed_establishment, seed_excise_number

pytestmark = pytest.mark.browser


def _wait_for_audit(page, accessibility_audit, audited_before: int) -> None:
    """Wait until the `page` fixture's axe run on the newly loaded page is over.

    The audit runs from the page's ``load`` event; a test that ended before it finished would
    make the fixture's closing audit start while axe is still running (« Axe is already running »).
    """
    for _ in range(400):
        if len(accessibility_audit.audited_urls) > audited_before:
            return
        page.wait_for_timeout(25)
    pytest.fail("the page loaded by the form was never audited")


def _open(page, accessibility_audit, url: str) -> None:
    audited = len(accessibility_audit.audited_urls)
    page.goto(url)
    _wait_for_audit(page, accessibility_audit, audited)


def _submit(page, accessibility_audit, button: str) -> None:
    audited = len(accessibility_audit.audited_urls)
    page.get_by_role("button", name=button).click()
    _wait_for_audit(page, accessibility_audit, audited)


def test_the_siret_lookup_shows_the_seed_establishment_sheet(page, accessibility_audit, transactional_db):
    seed_establishment()

    _open(page, accessibility_audit, "/services/siret/")
    page.get_by_label("N° SIRET").fill("353 249 154 00017")
    _submit(page, accessibility_audit, "Rechercher")

    expect(page.get_by_role("heading", name="Fiche Établissement")).to_be_visible()
    sheet = page.get_by_role("table")
    for row, value in [
        ("Enseigne", "COMPAGNIE FRANCAISE DE L ARMAGNAC"),
        ("Pays", "FRANCE"),
        ("Identifiants", f"INSEE : {SEED_SIRET}"),
        ("Date de création", "02/01/1990"),
        ("Effectif", "0 salarié"),
        ("Activité", "Commerce de gros de boissons"),
        ("Nature", "Autres"),
        ("Est siège ?", "Oui"),
        ("Adresse principale", "Route DE CAZAUBON 32800 EAUZE"),
    ]:
        expect(sheet.get_by_role("row", name=row)).to_contain_text(value)
    expect(sheet.get_by_role("row", name="Activité")).to_contain_text("Code APE : 513J")


def test_a_bad_siret_shows_its_message_next_to_the_field(page, accessibility_audit, transactional_db):
    _open(page, accessibility_audit, "/services/siret/")
    page.get_by_label("N° SIRET").fill("35324915400018")
    _submit(page, accessibility_audit, "Rechercher")

    field = page.get_by_label("N° SIRET")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("Le numéro SIRET n'est pas valide (clé de contrôle incorrecte).")
    expect(field).to_have_value("35324915400018")
    expect(page.get_by_role("heading", name="Fiche Établissement")).to_have_count(0)


def test_infoaccises_shows_the_operator_of_the_seed_number(page, accessibility_audit, transactional_db):
    seed_excise_number()

    _open(page, accessibility_audit, "/services/infoaccises/")
    page.get_by_label("Numéro d'accise").fill("fr009990f0005")
    _submit(page, accessibility_audit, "Vérifier")

    expect(page.get_by_role("heading", name=f"Numéro d'accise {SEED_EXCISE_NUMBER}")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Titulaire")).to_contain_text("SOCIETE DE DISTRIBUTION D'ALCOOLS")
    expect(table.get_by_role("row", name="Statut")).to_contain_text("Entrepositaire agréé")
    expect(table.get_by_role("row", name="Bureau de douane de rattachement")).to_contain_text("FR000690")
    expect(page.get_by_text("Ce numéro d'accise est valide")).to_be_visible()


def test_infoaccises_explains_a_malformed_number(page, accessibility_audit, transactional_db):
    _open(page, accessibility_audit, "/services/infoaccises/")
    page.get_by_label("Numéro d'accise").fill("FR0087771E001")
    _submit(page, accessibility_audit, "Vérifier")

    expect(page.get_by_label("Numéro d'accise")).to_have_accessible_description(
        "Le numéro d'accise français s'écrit FR0, 2 chiffres (année), 3 chiffres (bureau de douane), "
        "une lettre et 4 chiffres (numéro d'ordre), par exemple FR008777E0001."
    )


def test_tva_intracom_computes_the_number_from_a_siren(page, accessibility_audit, transactional_db):
    LegalUnit.objects.create(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")

    _open(page, accessibility_audit, "/services/tva-intracom/")
    page.get_by_label("N° SIREN").fill("353 249 154")
    _submit(page, accessibility_audit, "Calculer le numéro")

    expect(page.get_by_role("heading", name="Numéro de TVA intracommunautaire : FR67353249154")).to_be_visible()
    expect(page.get_by_text("Entreprise : COMPAGNIE FRANCAISE DE L ARMAGNAC")).to_be_visible()

    page.get_by_label("Numéro de TVA intracommunautaire").fill("FR68353249154")
    _submit(page, accessibility_audit, "Vérifier le numéro")
    expect(page.get_by_label("Numéro de TVA intracommunautaire")).to_have_accessible_description(
        "Le numéro de TVA intracommunautaire n'est pas valide (clé de contrôle incorrecte)."
    )
