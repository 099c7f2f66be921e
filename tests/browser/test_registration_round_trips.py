"""Issue 12, item 5, in real Chromium (every page audited by axe): « Tester » and the SIRET check
keep both passwords and bring the user back to the field he was at, without JavaScript doing it."""

import datetime

import pytest

from register.models import AdministrativeState
from tests.factories.register import EstablishmentFactory, LegalUnitFactory

pytestmark = pytest.mark.browser

PASSWORD = "une phrase de passe solide"


@pytest.fixture
def armagnac(transactional_db):
    unit = LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC", legal_category="9900")
    return EstablishmentFactory(
        legal_unit=unit,
        siret="35324915400017",
        nic="00017",
        signboard="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        created_on=datetime.date(1990, 1, 2),
        street_name="DE CAZAUBON",
        postal_code="32800",
        city="EAUZE",
        state=AdministrativeState.ACTIVE,
    )


def in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def passwords(page) -> tuple[str, str]:
    return page.locator("#id_password1").input_value(), page.locator("#id_password2").input_value()


def test_tester_and_the_siret_check_keep_the_passwords_and_the_place(page, armagnac, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    page.goto("/compte/inscription/")
    page.locator("#id_username").fill("jdupont")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_first_name").fill("Jean")
    page.locator("#id_email").fill("jean.dupont@example.org")
    page.locator("#id_siret").fill("35324915400017")

    page.get_by_role("button", name="Tester l'adresse courriel").click()
    assert page.url.endswith("/compte/inscription/#rubrique-courriel")
    assert passwords(page) == (PASSWORD, PASSWORD)
    assert page.evaluate("window.scrollY") > 200  # not at the top of the page
    assert in_viewport(page, "#id_email")
    assert "Un courriel de test vient d" in page.locator("#rubrique-courriel").inner_text()

    page.get_by_role("button", name="Afficher l'établissement").click()
    assert page.url.endswith("#rubrique-siret")
    assert passwords(page) == (PASSWORD, PASSWORD)
    assert page.evaluate("window.scrollY") > 200
    assert in_viewport(page, "#id_siret")
    page.get_by_role("button", name="Valider cet établissement").click()
    assert page.locator("#entreprise-rattachement").inner_text() == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert passwords(page) == (PASSWORD, PASSWORD)

    # A refused submission (no last name): the summary links to the field, passwords still there.
    page.get_by_role("button", name="Valider mon inscription").click()
    summary = page.locator("#erreurs")
    assert summary.evaluate("element => element === document.activeElement")
    assert passwords(page) == (PASSWORD, PASSWORD)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_last_name"
    page.locator("#id_last_name").fill("Dupont")

    # The success path, nothing typed twice.
    page.get_by_role("button", name="Valider mon inscription").click()
    assert page.get_by_role("heading", name="Votre compte ProDou@ne").is_visible()
