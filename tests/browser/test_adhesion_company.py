"""The seed's example of part III in real Chromium, every page audited by axe: a user of SOCIETE DE
DISTRIBUTION D'ALCOOLS fills the adhesion to GAMMA for FR008777E0001, naming antoineleris (all
seven rights) and lucferrier (prepare and search), transmits it to the customs office, downloads
the form to sign as a PDF and follows the request."""

import io

import pytest
from pypdf import PdfReader

from habilitations.models import Adhesion, AdhesionStatus
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import company_user
from tests.factories.register import CustomsOfficeFactory, ExciseNumberFactory, OperatorFactory

pytestmark = pytest.mark.browser

ALL_RIGHTS = [
    "Préparer un DAA",
    "Préparer un DSA",
    "Emettre un DAA / DAA secours",
    "Emettre un DSA / DSA secours",
    "Apurer un DAA",
    "Rechercher DAA",
    "Rechercher DSA",
]
LUC_RIGHTS = ["Préparer un DAA", "Préparer un DSA", "Rechercher DAA", "Rechercher DSA"]


@pytest.fixture
def seed_company(transactional_db):
    office = CustomsOfficeFactory(code="FR007501", name="Bureau de Paris")
    company = OperatorFactory(
        siren="732829320",
        name="SOCIETE DE DISTRIBUTION D'ALCOOLS",
        address="15 avenue de la République",
        postal_code="75010",
        city="PARIS",
    )
    ExciseNumberFactory(number="FR008777E0001", operator=company, customs_office=office)
    company_user(company, "antoineleris", email="antoineleris@club-internet.fr")
    company_user(company, "lucferrier", email="luc.ferrier@wanadoo.fr")
    return company_user(company, "mdurand", first_name="Marie", last_name="Durand")


def tick(page, name: str) -> None:
    """Tick a DSFR checkbox as a person does: by its visible box, which is its label."""
    checkbox = page.get_by_label(name, exact=True)
    page.locator(f"label[for='{checkbox.get_attribute('id')}']").click()
    assert checkbox.is_checked()


def fill_row(page, number: int, username: str, email: str, rights: list[str]) -> None:
    page.get_by_label(f"Identifiant du compte, ligne {number}").fill(username)
    page.get_by_label(f"Adresse courriel, ligne {number}").fill(email)
    for right in rights:
        tick(page, f"{right} pour la ligne {number}")


def test_a_company_user_fills_and_transmits_the_seed_adhesion(page, seed_company):
    page.goto("/")
    page.locator("#header-identifiant").fill("mdurand")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()

    # Personal space → « Mon entreprise » → « Adhérer à GAMMA ».
    page.locator("#mon-entreprise").get_by_role("link", name="Adhérer à GAMMA").click()
    page.get_by_role("button", name="Remplir le formulaire pour FR008777E0001").click()

    # 1 — prefilled from the customs register.
    assert page.locator("#adhesion-siren").inner_text() == "732829320"
    assert page.locator("#adhesion-accises").inner_text() == "FR008777E0001"
    assert page.locator("#id_company_name").input_value() == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert "15 avenue de la République 75010 PARIS" in page.locator("#id_company_address").input_value()

    # 2 — the seed's two rows, then more rows without JavaScript, what was typed kept.
    fill_row(page, 1, "antoineleris", "antoineleris@club-internet.fr", ALL_RIGHTS)
    fill_row(page, 2, "lucferrier", "luc.ferrier@wanadoo.fr", LUC_RIGHTS)
    page.get_by_role("button", name="Ajouter des lignes").click()
    assert page.get_by_label("Identifiant du compte, ligne 6").is_visible()
    assert page.get_by_label("Identifiant du compte, ligne 2").input_value() == "lucferrier"
    assert page.get_by_label("Emettre un DAA / DAA secours pour la ligne 1").is_checked()
    assert not page.get_by_label("Apurer un DAA pour la ligne 2").is_checked()

    # Transmitting without the signature waiver is refused, next to the field.
    page.get_by_role("button", name="Transmettre au bureau de douane").click()
    assert page.get_by_role("heading", name="Votre demande n'est pas enregistrée").is_visible()
    assert (
        "acceptez l'engagement de dispense de signature" in page.locator("#id_signature_waiver-messages").inner_text()
    )

    # 4 — signature waiver, place, date, legal representative.
    tick(
        page,
        "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
        "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
        "muni du cartouche spécial prévu à cet effet.",
    )
    page.get_by_label("Fait à").fill("Paris")
    page.locator("#id_signed_on").fill("2026-11-20")
    page.get_by_label("Nom et prénom du représentant légal de l'entreprise").fill("Marie Durand")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()

    # The request, transmitted.
    assert page.get_by_role("heading", name="Demande d'adhésion à GAMMA — FR008777E0001").is_visible()
    assert "Transmise au bureau" in page.locator("#etat-demande").text_content()
    assert "est transmise au Bureau de Paris" in page.content()
    row = page.locator("#comptes-habilites tr", has_text="lucferrier")
    assert row.locator(".adhesion-granted li").all_text_contents() == LUC_RIGHTS
    adhesion = Adhesion.objects.get(excise_number__number="FR008777E0001")
    assert adhesion.status == AdhesionStatus.SUBMITTED
    assert {line.user.username: len(line.rights) for line in adhesion.lines.all()} == {
        "antoineleris": 7,
        "lucferrier": 4,
    }

    # The PDF to sign.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le formulaire à signer (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "adhesion-gamma-FR008777E0001.pdf"
    with open(download.path(), "rb") as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF-")
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(data)).pages)
    for expected in ["FR008777E0001", "SOCIETE DE DISTRIBUTION D'ALCOOLS", "antoineleris", "lucferrier"]:
        assert expected in text

    # « Mes demandes d'adhésion » shows it.
    page.get_by_role("link", name="Mes demandes d'adhésion").first.click()
    assert page.locator("#demandes tr", has_text="FR008777E0001").get_by_text("Transmise au bureau").is_visible()


def test_the_company_administrator_manages_habilitations_and_reads_the_journal(page, transactional_db):
    from habilitations import rights
    from tests.factories.habilitations import build_world

    world = build_world()
    page.goto("/")
    page.locator("#header-identifiant").fill("marie")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.locator("#mon-entreprise").get_by_role("link", name="Gérer les habilitations GAMMA").click()
    page.get_by_role("link", name="FR008777E0001").click()

    # Her own row is read-only; lucferrier loses « Rechercher DSA ».
    assert "Vous ne pouvez pas modifier vos propres habilitations" in page.locator("#habilitations").inner_text()
    checkbox = page.get_by_label("Rechercher DSA pour lucferrier", exact=True)
    page.locator(f"label[for='{checkbox.get_attribute('id')}']").click()
    page.get_by_role("button", name="Enregistrer les habilitations").last.click()
    assert "Habilitations enregistrées pour FR008777E0001 : lucferrier." in page.content()
    assert "search_dsa" not in rights.rights_for(world.luc, "gamma", world.excise_a)

    # Another account of the company, by identifiant and e-mail.
    page.get_by_label("Identifiant du compte ProDou@ne").fill("nouveau")
    page.get_by_label("Adresse courriel du compte").fill("nouveau@example.org")
    page.get_by_role("button", name="Habiliter ce compte").click()
    assert "Cochez au moins un droit" in page.locator("#droits-nouveau-compte-messages").inner_text()
    page.locator("label[for='nouveau-search_daa']").click()
    page.get_by_role("button", name="Habiliter ce compte").click()
    assert "« nouveau » est habilité pour FR008777E0001." in page.content()

    # The journal, in words.
    page.goto("/compte/espace-personnel/")
    page.locator("#mon-entreprise").get_by_role("link", name="Journal").click()
    journal = page.locator("#journal").inner_text()
    assert "Droits : Préparer un DAA, Préparer un DSA, Rechercher DAA" in journal
    assert "portail — habilitations de l'entreprise" in journal
