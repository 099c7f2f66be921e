"""The whole account journey of the seed (part II), in real Chromium, every page audited by axe."""

import datetime
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from register.models import AdministrativeState
from tests.factories.register import EstablishmentFactory, LegalUnitFactory

pytestmark = pytest.mark.browser

PASSWORD = "une phrase de passe solide"


def totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def armagnac(transactional_db):
    unit = LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC", legal_category="9900")
    return EstablishmentFactory(
        legal_unit=unit,
        siret="35324915400017",
        nic="00017",
        signboard="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        created_on=datetime.date(1990, 1, 2),
        headcount_band="00",
        main_activity="51.3J",
        activity_nomenclature="NAFRev1",
        street_number="",
        street_type="RTE",
        street_name="DE CAZAUBON",
        postal_code="32800",
        city="EAUZE",
        state=AdministrativeState.ACTIVE,
    )


def test_register_activate_log_in_and_secure_the_account(page, armagnac, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # 1. Registration form, from the header's "Inscription".
    page.goto("/")
    page.get_by_role("link", name="Inscription").click()
    page.locator("#id_username").fill("jdupont")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_first_name").fill("Jean")
    page.locator("#id_last_name").fill("Dupont")
    page.locator("#id_email").fill("jean.dupont@example.org")
    page.locator("#id_siret").fill("35324915400017")
    # The "eye": the establishment sheet, then "Valider" replaces the number by the name.
    page.get_by_role("button", name="Afficher l'établissement").click()
    sheet = page.locator("#fiche-etablissement")
    assert "INSEE : 35324915400017" in sheet.inner_text()
    assert "EAUZE" in sheet.inner_text()
    page.get_by_role("button", name="Valider cet établissement").click()
    assert page.locator("#entreprise-rattachement").inner_text() == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    # The page's own round trips keep both passwords (issue 12): nothing to type again.
    assert page.locator("#id_password1").input_value() == PASSWORD
    assert page.locator("#id_password2").input_value() == PASSWORD
    page.get_by_role("button", name="Valider mon inscription").click()

    # 2. Summary.
    assert page.get_by_role("heading", name="Votre compte ProDou@ne").is_visible()
    assert "Ouverture réussie de votre compte" in page.content()

    # 3. The activation e-mail, read in the development mailbox.
    page.goto("/dev/boite-mail/")
    page.get_by_role("link", name="Inscription sur ProDou@ne : activez votre compte").click()
    body = page.locator(".mail-body").inner_text()
    assert "Bonjour Jean Dupont," in body
    link = re.search(r"http://\S+/compte/activation/\S+/", body).group(0)
    page.goto(link)
    page.locator("#id_username").fill("jdupont")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Activer mon compte").click()
    assert page.get_by_role("heading", name="Votre compte Prodouane est activé").is_visible()

    # 4. Log out, log in from the header box: the personal space.
    page.get_by_role("button", name="Déconnexion").click()
    page.locator("#header-identifiant").fill("jdupont")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    assert page.get_by_role("heading", name="Espace personnel").is_visible()
    assert "Inscrit le" in page.content()
    assert page.get_by_role("link", name="InfoAccises").is_visible()

    # 5. Mon compte > Situation shows this connection.
    page.get_by_role("link", name=re.compile("^Mon compte")).click()
    page.get_by_role("link", name="Situation").click()
    assert page.locator("#dernieres-connexions").get_by_text("Réussie").count() >= 1
    assert "Identifiant + Mot de Passe" in page.content()

    # 6. Sécurité: one-time codes (TOTP).
    page.get_by_role("link", name="Sécurité").click()
    page.get_by_role("link", name="Activer les codes à usage unique").click()
    if page.get_by_label("Mot de passe").count():  # allauth asks the password again first
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Confirmer").click()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code de l'authentificateur").fill(totp(secret))
    page.get_by_role("button", name="Activer").click()

    # 7. Log out, log in again: the password, then a code.
    page.get_by_role("button", name="Déconnexion").click()
    page.locator("#header-identifiant").fill("jdupont")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.get_by_label("Code").fill(totp(secret))
    page.get_by_role("button", name="Connexion").click()
    assert page.get_by_role("heading", name="Espace personnel").is_visible()
