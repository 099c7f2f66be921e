"""The fallback procedure in real Chromium, every page audited by axe: a CID agent declares a red
alert on GAMMA, the home page shows it, a habilitated user generates a GPS number for the seed's
FR009990F0005 and gets the seed's « Récapitulatif », downloads the paper form, and the alert is
closed; the user then regularises the document in GAMMA (deferred submission, the GPS number as
LRN) and the follow-up shows it « Régularisé »."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from fallback.models import FallbackDocument, Incident
from gamma import services as gamma_services
from gamma.models import Movement
from tests.browser.staff import enter_totp_code
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world
from tests.fallback.factories import cid_agent, sau_agent
from tests.gamma.drafting import dae_sections

pytestmark = pytest.mark.browser


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    if username.startswith("agent."):
        enter_totp_code(page, username)
    expect(page.get_by_role("heading", name="Espace personnel", level=1)).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.locator("#header-identifiant")).to_be_visible()


@pytest.fixture
def people(transactional_db, reference_data, emcs_codelists):
    world = build_world()  # bob holds the seven GAMMA rights on FR009990F0005
    return {"bob": world.bob, "cid": cid_agent("agent.cid")}


def test_red_alert_gps_number_paper_form_and_closure(page, people, tmp_path):
    # 1. The CID agent declares a red alert on GAMMA.
    log_in(page, "agent.cid")
    page.get_by_role("link", name="Incidents des téléservices (CID)").click()
    page.get_by_role("link", name="Déclarer un incident").click()
    expect(page.get_by_label("Téléservice")).to_have_value("gamma")
    page.get_by_text(re.compile(r"^Rouge — service indisponible")).click()  # DSFR radios: the label is the target
    expect(page.get_by_label(re.compile(r"^Rouge — service indisponible"))).to_be_checked()
    end = timezone.localtime() + datetime.timedelta(hours=4)
    page.get_by_label("Date de fin prévue").fill(f"{end:%Y-%m-%d}")
    page.get_by_label("Heure de fin prévue").fill(f"{end:%H:%M}")
    page.get_by_label("Message aux usagers").fill("GAMMA est indisponible : utilisez la procédure de secours.")
    page.get_by_role("button", name="Déclarer l'incident").click()
    expect(page.get_by_text("L'incident sur GAMMA est déclaré.")).to_be_visible()
    log_out(page)

    # 2. The home page shows it.
    page.goto("/")
    weather = page.get_by_role("region", name="Météo des téléservices")
    expect(weather).to_contain_text("Alerte rouge — GAMMA")
    expect(weather).to_contain_text("GAMMA est indisponible : utilisez la procédure de secours.")
    expect(weather).to_contain_text("La procédure de secours est autorisée pendant cette alerte")

    # 3. A habilitated user generates a number for FR009990F0005.
    log_in(page, "bob")
    page.get_by_role("link", name="GPS — procédure de secours").click()
    menu = page.get_by_role("navigation", name="Menu GPS")
    expect(menu.get_by_role("link")).to_have_text(
        ["GPS", "Générer un numéro", "Suivre mes procédures de secours", "Aide"]
    )
    expect(page.get_by_text("Bienvenue sur GPS")).to_be_visible()
    menu.get_by_role("link", name="Générer un numéro").click()
    expect(page.get_by_text("Saisissez les informations suivantes :")).to_be_visible()
    dispatch = timezone.localtime() + datetime.timedelta(minutes=10)
    page.get_by_label("Nature de la circulation").select_option("DAA")
    page.get_by_label("Numéro d'accises de l'opérateur").select_option("FR009990F0005")
    # A forbidden character first: refused at the field, nothing issued.
    page.get_by_label("Immatriculation du moyen de transport").fill("457/TY24")
    page.get_by_label("Date d'envoi de la marchandise").fill(f"{dispatch:%d/%m/%Y}")
    page.get_by_label("Heure de départ du moyen de transport").fill(f"{dispatch:%H:%M}")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#id_vehicle_registration-error")).to_contain_text("lettres sans accent")
    assert not FallbackDocument.objects.exists()
    page.get_by_label("Immatriculation du moyen de transport").fill("457TY24")
    page.get_by_role("button", name="Valider").click()

    # 4. The seed's summary table.
    document = FallbackDocument.objects.get()
    assert re.fullmatch(r"\d{2}FR009990F0005000001", document.number)
    recap = page.get_by_role("table", name="Récapitulatif")
    expect(recap.get_by_role("row")).to_have_text(
        [
            re.compile(rf"Numéro de document\s*{document.number}"),
            re.compile(r"Numéro d'accise saisi\s*FR009990F0005"),
            re.compile(rf"date d'expédition saisie\s*{dispatch:%d/%m/%Y %H:%M}:00"),
            re.compile(r"Nature du document\s*DAA"),
            re.compile(r"Immatriculation du moyen de transport\s*457TY24"),
        ]
    )

    # 5. The paper form.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le formulaire papier prérempli (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"procedure-secours-{document.number}.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    for expected in (
        "DOCUMENT ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI",
        "P.S.",
        document.number,
        "457TY24",
        "22a Poids net",
    ):
        assert expected in text, expected

    # The follow-up list shows it « Émis ».
    page.get_by_role("navigation", name="Menu GPS").get_by_role("link", name="Suivre mes procédures de secours").click()
    row = page.locator("#documents-secours tr", has_text=document.number)
    expect(row).to_contain_text("Émis")
    log_out(page)

    # 6. The CID agent closes the alert: it leaves the home page for the history.
    log_in(page, "agent.cid")
    page.get_by_role("link", name="Incidents des téléservices (CID)").click()
    page.get_by_role("link", name=re.compile(r"Mettre à jour ou clore l'incident alerte rouge sur GAMMA")).click()
    page.get_by_label("Message de clôture (facultatif)").fill("GAMMA est rétabli.")
    page.get_by_role("button", name="Clore l'incident").click()
    expect(page.get_by_text("L'incident sur GAMMA est clos et passe à l'historique.")).to_be_visible()
    assert Incident.objects.get().closed_at is not None
    page.goto("/")
    expect(page.get_by_role("region", name="Météo des téléservices")).to_contain_text(
        "Tous les téléservices fonctionnent normalement"
    )
    page.get_by_role("link", name="Météo des téléservices et historique des incidents").click()
    expect(page.locator("#historique-incidents")).to_contain_text("GAMMA est rétabli.")

    # 7. GAMMA is back: the user re-enters the paper document as a deferred submission.
    page.goto("/")
    log_out(page)
    log_in(page, "bob")
    page.goto(f"/gps/documents/{document.number}/")
    expect(page.get_by_text(f"avec le numéro {document.number} comme numéro de référence local")).to_be_visible()
    page.get_by_role("link", name="Saisir le document dans GAMMA pour FR009990F0005").click()
    page.get_by_role("button", name="Préparer un DAE", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")
    page.locator("#rubriques").get_by_role("link", name="Mouvement", exact=True).click()
    page.get_by_label("Numéro de référence local (LRN)").fill(document.number)
    page.get_by_label("Numéro de facture").fill("FACT-2026-940")
    page.locator("#id_dispatch_date").fill(f"{dispatch:%Y-%m-%d}")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    # Saved, but not complete: the deferred-submission box is still to tick ([SECOURS]).
    expect(page.locator(".fr-alert--warning")).to_contain_text("« Mouvement » enregistrée, mais incomplète")
    # The rest of the draft (consignee, destination, transport, a wine line) is the preparation
    # journey of test_gamma_prepare.py: saved here through the same service its forms call.
    draft = Movement.objects.get(local_reference_number=document.number)
    for section, data in regularisation_sections().items():
        draft = gamma_services.draft_save_section(actor=people["bob"], movement=draft, section=section, data=data)
    page.reload()

    # Without the deferred-submission box, GAMMA says what is missing, at its field.
    page.get_by_role("button", name="Valider (émettre)").click()
    error = page.locator("#erreurs").get_by_role("link", name=re.compile(r"^\[SECOURS\]"))
    expect(error).to_contain_text("cochez « Régularisation d'un document établi en procédure de secours »")
    error.click()
    expect(page.get_by_role("group", name="Références et dates")).to_contain_text("[SECOURS] Ce numéro")
    page.locator("label[for=id_deferred_submission]").click()  # DSFR checkbox: the label is the target
    expect(page.locator("#id_deferred_submission")).to_be_checked()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")
    page.get_by_role("button", name="Valider (émettre)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DAE émis")
    arc = page.locator("#arc").inner_text().strip()

    # « Régularisé » in GPS, both ways linked.
    page.goto("/gps/suivi/")
    row = page.locator("#documents-secours tr", has_text=document.number)
    expect(row).to_contain_text("Régularisé")
    row.get_by_role("link", name=document.number).click()
    page.get_by_role("link", name=arc).click()
    expect(page.get_by_text(f"régularise le document de secours {document.number}")).to_be_visible()
    document.refresh_from_db()
    assert document.status == "regularised" and document.movement.arc == arc


def regularisation_sections() -> dict[str, dict]:
    """What the paper form said, for GAMMA: a case of wine for company A's warehouse."""
    sections = dae_sections()
    del sections["movement"]
    sections["consignee"].update(
        {
            "consignee-traderid": "FR008777E0001",
            "consignee-trader_name": "SARL VIGNOBLES LERIS",
            "consignee-street_name": "2 chemin des Vignes",
            "consignee-postcode": "33000",
            "consignee-city": "BORDEAUX",
        }
    )
    sections["destination"]["delivery_place-traderid"] = "FR008777E0001"
    sections["destination"]["delivery_place-trader_name"] = "Chai de Bordeaux"
    sections["transport"]["transport_details-0-identity_of_transport_units"] = "457TY24"
    return sections


@pytest.fixture
def helpdesk_people(transactional_db, reference_data):
    world = build_world()
    return {"bob": world.bob, "sau": sau_agent("agent.sau"), "office": world.agent_b}


def test_assistance_request_diagnosis_and_individual_authorisation(page, helpdesk_people):
    # The user reports the problem for FR009990F0005.
    log_in(page, "bob")
    page.get_by_role("link", name="Demandes d'assistance").click()
    page.get_by_role("link", name="Nouvelle demande d'assistance").click()
    page.get_by_label("Numéro d'accises concerné").select_option("FR009990F0005")
    page.get_by_label(re.compile("^Description du problème")).fill("L'impression du DAA échoue : erreur réseau.")
    page.get_by_role("button", name="Envoyer la demande au SAU").click()
    expect(page.get_by_text("En attente du diagnostic du SAU").first).to_be_visible()
    log_out(page)

    # The SAU cannot solve it and passes it to the office in charge.
    log_in(page, "agent.sau")
    page.get_by_role("link", name="File des demandes d'assistance (SAU)").click()
    page.get_by_role("link", name=re.compile(r"Traiter la demande n° \d+ \(FR009990F0005\)")).click()
    page.get_by_label(re.compile("^Diagnostic du SAU")).fill("Le réseau de l'entreprise ne joint pas le service.")
    page.get_by_role("button", name=re.compile("^Transmettre au bureau de douane")).click()
    expect(page.get_by_text(re.compile("est transmise au bureau de douane Bureau d'Auch"))).to_be_visible()
    log_out(page)

    # The office grants an individual authorisation.
    log_in(page, "agent.auch")
    page.get_by_role("link", name="Procédure de secours (bureau de douane)").click()
    page.get_by_role("link", name=re.compile(r"Décider de la demande n° \d+ \(FR009990F0005\)")).click()
    page.get_by_label("Observations pour l'opérateur (facultatif)").fill("Le temps de rétablir votre ligne.")
    page.get_by_role("button", name="Autoriser").click()
    expect(page.get_by_text(re.compile("La procédure de secours est autorisée pour FR009990F0005"))).to_be_visible()
    expect(page.locator("#autorisations")).to_contain_text("en cours")
    office_menu = page.get_by_role("navigation", name="Espace bureau de douane")
    expect(office_menu.get_by_role("link", name="Procédure de secours")).to_have_attribute("aria-current", "page")
    office_menu.get_by_role("link", name="Adhésions à instruire").click()
    expect(office_menu.get_by_role("link", name="Procédure de secours")).not_to_have_attribute("aria-current", "page")
    log_out(page)

    # The user sees the decision, and GPS opens for that number.
    log_in(page, "bob")
    page.get_by_role("link", name="Demandes d'assistance").click()
    expect(page.locator("#mes-demandes")).to_contain_text("Procédure de secours autorisée")
    page.goto("/gps/")
    expect(page.get_by_text(re.compile("Autorisation individuelle du bureau Bureau d'Auch"))).to_be_visible()
