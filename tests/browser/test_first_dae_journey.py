"""Issue 12, « Done when »: a new user, from nothing to a first printed DAE, in real Chromium, every
page audited by axe — and the clicks and fields it takes him, counted as he goes.

Jean Dupont works for SOCIETE DE DISTRIBUTION D'ALCOOLS (FR008777E0001, a tax warehouse), which has
no account on the portal yet. He registers with his establishment's SIRET, activates his account
from the e-mail, asks for the company's first adhesion to GAMMA naming himself with the seven
rights, and — once the office has accepted it (the agent's clicks are not his) — prepares a DAE of
wine for COMPAGNIE FRANCAISE DE L ARMAGNAC, reads it over, issues it and prints it.

Counted: a *click* is each button, link or box he presses (a DSFR checkbox is ticked by its label);
a *field* is each field he types into or picks a value from. What the portal fills for him (the
consignor from the register, the consignee's name and address from its excise number) is not
typed. The issue measured about 41 clicks and 53 fields for this journey before its work; the
figures are written in the README (« Journeys »)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from gamma.models import Movement, MovementStatus
from tests.browser.staff import enter_totp_code
from tests.factories.accounts import PASSWORD as STAFF_PASSWORD
from tests.factories.habilitations import office_agent
from tests.factories.register import (
    CustomsOfficeFactory,
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
    OperatorFactory,
)

pytestmark = pytest.mark.browser

SIRET = "73282932010008"
PASSWORD = "une phrase de passe solide"
BEFORE = {"clicks": 41, "fields": 53}  # the measure of the same journey before its work
SIGNATURE_WAIVER = (
    "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
    "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
    "muni du cartouche spécial prévu à cet effet."
)
RIGHTS = [
    "Préparer un DAA",
    "Préparer un DSA",
    "Emettre un DAA / DAA secours",
    "Emettre un DSA / DSA secours",
    "Apurer un DAA",
    "Rechercher DAA",
    "Rechercher DSA",
]


@dataclass
class Journey:
    """The user's hand on the page: every action goes through here and is counted."""

    page: object
    clicks: int = 0
    fields: int = 0

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def tick(self, label: str) -> None:
        """A DSFR checkbox or radio, ticked as a person does: by its visible label."""
        box = self.page.get_by_label(label, exact=True)
        self.click(self.page.locator(f"label[for='{box.get_attribute('id')}']"))
        assert box.is_checked()

    def fill(self, locator, value: str) -> None:
        locator.fill(value)
        self.fields += 1

    def choose(self, locator, **option) -> None:
        locator.select_option(**option)
        self.fields += 1

    def pick(self, name: str, typed: str, select, value: str) -> None:
        """A searchable picker (static/js/combobox.js): a few letters typed, the first match taken
        with the keyboard — one field."""
        combobox = self.page.get_by_role("combobox", name=name)
        combobox.fill(typed)
        combobox.press("ArrowDown")
        combobox.press("Enter")
        expect(select).to_have_value(value)
        self.fields += 1


@pytest.fixture
def register(transactional_db, emcs_codelists):
    """The customs register and SIRENE as the portal finds them: the two companies, their numbers,
    their offices; no account, no adhesion."""
    office = CustomsOfficeFactory(code="FR007501", name="Bureau de Paris")
    office_b = CustomsOfficeFactory(code="FR003200", name="Bureau d'Auch")
    company = OperatorFactory(
        siren="732829320",
        name="SOCIETE DE DISTRIBUTION D'ALCOOLS",
        address="15 avenue de la République",
        postal_code="75010",
        city="PARIS",
    )
    armagnac = OperatorFactory(
        siren="353249154",
        name="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        address="Route de Cazaubon",
        postal_code="32800",
        city="EAUZE",
    )
    ExciseNumberFactory(number="FR008777E0001", operator=company, customs_office=office, product_categories=["S", "W"])
    ExciseNumberFactory(number="FR009990F0005", operator=armagnac, customs_office=office_b, product_categories=["W"])
    unit = LegalUnitFactory(siren="732829320", denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    EstablishmentFactory(legal_unit=unit, siret=SIRET, nic=SIRET[9:], city="PARIS", postal_code="75010")
    office_agent(office, "agent.paris")


def office_accepts(page) -> None:
    """The office's agent, in his own browser session: not the user's clicks."""
    page.get_by_role("button", name="Déconnexion").click()
    page.locator("#header-identifiant").fill("agent.paris")
    page.locator("#header-password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.paris")
    page.get_by_role("link", name="Espace bureau de douane").first.click()
    page.get_by_role("link", name="Instruire la demande FR008777E0001").click()
    page.get_by_role("button", name="Accepter", exact=True).click()
    expect(page.locator(".fr-alert--success").first).to_contain_text("1 compte(s) habilité(s)")
    page.get_by_role("button", name="Déconnexion").click()


def test_a_new_user_goes_from_nothing_to_a_first_printed_dae(page, register, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    today = timezone.localdate()
    jean = Journey(page)

    # 1. Registration, from the header's « Inscription ».
    page.goto("/")
    jean.click(page.get_by_role("link", name="Inscription"))
    for selector, value in (
        ("#id_username", "jdupont"),
        ("#id_password1", PASSWORD),
        ("#id_password2", PASSWORD),
        ("#id_first_name", "Jean"),
        ("#id_last_name", "Dupont"),
        ("#id_email", "jean.dupont@example.org"),
        ("#id_siret", SIRET),
    ):
        jean.fill(page.locator(selector), value)
    jean.click(page.get_by_role("button", name="Afficher l'établissement"))
    jean.click(page.get_by_role("button", name="Valider cet établissement"))
    jean.click(page.get_by_role("button", name="Valider mon inscription"))
    expect(page.get_by_role("heading", name="Votre compte ProDou@ne")).to_be_visible()

    # 2. The activation e-mail (his mailbox: one click on the link), then his identifiant and password.
    page.goto("/dev/boite-mail/")
    page.get_by_role("link", name="Inscription sur ProDou@ne : activez votre compte").click()
    link = re.search(r"http://\S+/compte/activation/\S+/", page.locator(".mail-body").inner_text()).group(0)
    page.goto(link)
    jean.clicks += 1  # the link in the e-mail
    jean.fill(page.locator("#id_username"), "jdupont")
    jean.fill(page.locator("#id_password"), PASSWORD)
    jean.click(page.get_by_role("button", name="Activer mon compte"))
    jean.click(page.get_by_role("link", name="Accéder à mon espace personnel"))

    # 3. The company's first adhesion to GAMMA, naming himself with the seven rights.
    jean.click(page.locator("#mon-entreprise").get_by_role("link", name="Adhérer à GAMMA"))
    jean.click(page.get_by_role("button", name="Remplir le formulaire pour FR008777E0001"))
    # He is its preparer: row 1 names him already, and it is signed today; he ticks his rights.
    expect(page.get_by_label("Identifiant du compte, ligne 1")).to_have_value("jdupont")
    expect(page.get_by_label("Adresse courriel, ligne 1")).to_have_value("jean.dupont@example.org")
    expect(page.locator("#id_signed_on")).to_have_value(today.isoformat())
    for right in RIGHTS:
        jean.tick(f"{right} pour la ligne 1")
    jean.tick(SIGNATURE_WAIVER)
    jean.fill(page.get_by_label("Fait à"), "Paris")
    jean.fill(page.get_by_label("Nom et prénom du représentant légal de l'entreprise"), "Jean Dupont")
    jean.click(page.get_by_role("button", name="Transmettre au bureau de douane"))
    expect(page.locator("#etat-demande")).to_contain_text("Transmise au bureau")

    office_accepts(page)

    # 4. GAMMA: log in, his number, a new DAE.
    jean.fill(page.locator("#header-identifiant"), "jdupont")
    jean.fill(page.locator("#header-password"), PASSWORD)
    jean.click(page.get_by_role("button", name="Entrer"))
    jean.click(page.get_by_role("link", name="EMCS Gamma"))
    jean.click(page.get_by_role("link", name="FR008777E0001"))
    jean.click(page.get_by_role("button", name="Préparer un DAE", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")

    def section(title: str) -> None:
        jean.click(page.locator("#rubriques").get_by_role("link", name=title, exact=True))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)

    def save() -> None:
        jean.click(page.get_by_role("button", name="Enregistrer", exact=True))
        expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")

    section("Mouvement")
    jean.fill(page.get_by_label("Numéro de référence local (LRN)"), "CAVE-2026-0001")
    jean.fill(page.get_by_label("Numéro de facture"), "FACT-2026-118")
    expect(page.locator("#id_dispatch_date")).to_have_value(today.isoformat())  # today, unless he changes it
    save()

    # The consignee: his excise number, the rest from the register.
    section("Destinataire")
    jean.fill(page.locator("#id_consignee-traderid"), "FR009990F0005")
    page.locator("#id_consignee-traderid").blur()
    expect(page.locator("#id_consignee-trader_name")).to_have_value("COMPAGNIE FRANCAISE DE L ARMAGNAC")
    expect(page.locator("#id_consignee-city")).to_have_value("EAUZE")
    save()

    section("Destination et lieu de livraison")
    jean.choose(page.get_by_label("Type de destination"), value="1")
    jean.fill(page.locator("#id_delivery_place-traderid"), "FR009990F0005")
    page.locator("#id_delivery_place-traderid").blur()
    expect(page.locator("#id_delivery_place-trader_name")).to_have_value("COMPAGNIE FRANCAISE DE L ARMAGNAC")
    save()

    section("Transport")
    jean.fill(page.get_by_label("Durée du transport"), "D02")
    jean.choose(page.get_by_label("Mode de transport", exact=True), value="3")
    jean.choose(page.locator("#id_transport_details-0-transport_unit_code"), value="2")
    jean.fill(page.locator("#id_transport_details-0-identity_of_transport_units"), "AB-123-CD")
    save()

    # The wine line.
    jean.click(page.locator("#rubriques").get_by_role("link", name="Marchandises"))
    jean.click(page.get_by_role("link", name="Ajouter une ligne"))
    jean.choose(page.get_by_label("Code produit d'accise (EPC)"), value="W200")
    jean.click(page.get_by_role("button", name="Choisir"))
    jean.pick("Code NC (nomenclature combinée)", "22042109", page.locator("#id_lines-0-cn_code"), "22042109")
    for label, value in (
        ("Quantité", "750"),
        ("Masse brute (kg)", "1050"),
        ("Masse nette (kg)", "750"),
        ("Titre alcoométrique volumique (% vol.)", "12,5"),
        ("Désignation commerciale", "Bordeaux rouge AOC 2022, bouteilles de 75 cl"),
        ("Appellation d'origine", "AOP Bordeaux"),
    ):
        jean.fill(page.get_by_label(label), value)
    jean.choose(page.get_by_label("Catégorie de vin"), value="3")
    jean.pick("Type d'emballage", "carton", page.locator("#id_lines-0-packages-0-kind_of_packages"), "CT")
    jean.fill(page.locator("#id_lines-0-packages-0-number_of_packages"), "84")
    jean.click(page.get_by_role("button", name="Enregistrer la ligne"))
    expect(page.locator("#lignes")).to_contain_text("22042109")
    jean.click(page.get_by_role("link", name="Revenir aux rubriques"))

    # 5. Read it over, issue it, print it.
    jean.click(page.get_by_role("link", name="Relire avant d'émettre"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relire")
    jean.click(page.get_by_role("button", name="Émettre le DAE"))
    expect(page.get_by_role("heading", level=1)).to_have_text("DAE émis")
    arc = page.locator("#arc").inner_text().strip()
    assert Movement.objects.get(arc=arc).status == MovementStatus.ACCEPTED
    jean.click(page.get_by_role("link", name=f"Voir le mouvement {arc}"))
    with page.expect_download() as download:
        jean.click(page.get_by_role("link", name="Imprimer le document (PDF)"))
    assert download.value.suggested_filename == f"DAE-{arc}.pdf"
    assert f"ARC : {arc}" in PdfReader(download.value.path()).pages[0].extract_text()

    print(f"\nFirst printed DAE: {jean.clicks} clicks, {jean.fields} fields (before: {BEFORE})")
    assert jean.clicks < BEFORE["clicks"] and jean.fields < BEFORE["fields"], (jean.clicks, jean.fields)
