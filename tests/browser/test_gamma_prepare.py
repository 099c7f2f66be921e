"""Issue 5, journeys 1 and 2 in real Chromium, every page audited by axe: antoineleris (every GAMMA
right on FR008777E0001) prepares a DAE for FR009990F0005 section by section — the wine line's EPC
first, then one of its CN codes, its packages —, validates it, sees the error with its official
code, follows it to the field, fixes it, validates again and gets the ARC."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gamma.models import Movement, MovementStatus
from identifiers import arc as arc_identifier
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, emcs_codelists):
    return build_world()


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


def open_section(page, title: str) -> None:
    page.locator("#rubriques").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def save_section(page) -> None:
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".fr-alert--success")).to_contain_text("enregistrée")


def status_of(page, slug: str):
    return page.locator(f"#rubrique-{slug} .fr-badge")


def test_prepare_a_dae_with_a_wine_line_fix_the_error_and_issue_it(page, world):
    today = timezone.localdate()
    log_in(page, "antoineleris")
    page.goto("/gamma/")
    page.get_by_role("link", name="FR008777E0001").click()
    page.get_by_role("button", name="Préparer un DAE", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")
    expect(status_of(page, "expediteur")).to_have_text("Complète")  # taken from the register
    expect(status_of(page, "destinataire")).to_have_text("À compléter")

    # The movement: LRN, invoice, date of dispatch.
    open_section(page, "Mouvement")
    page.get_by_label("Numéro de référence local (LRN)").fill("CAVE-2026-0001")
    page.get_by_label("Numéro de facture").fill("FACT-2026-118")
    page.locator("#id_dispatch_date").fill(today.isoformat())
    save_section(page)

    # The consignee, another operator of the portal.
    open_section(page, "Destinataire")
    page.locator("#id_consignee-traderid").fill("FR009990F0005")
    page.locator("#id_consignee-trader_name").fill("COMPAGNIE FRANCAISE DE L ARMAGNAC")
    page.locator("#id_consignee-street_name").fill("Route de Cazaubon")
    page.locator("#id_consignee-postcode").fill("32800")
    page.locator("#id_consignee-city").fill("EAUZE")
    save_section(page)
    expect(status_of(page, "destinataire")).to_have_text("Complète")

    open_section(page, "Destination et lieu de livraison")
    page.get_by_label("Type de destination").select_option("1")
    page.locator("#id_delivery_place-traderid").fill("FR009990F0005")
    page.locator("#id_delivery_place-trader_name").fill("Entrepôt d'Eauze")
    save_section(page)

    open_section(page, "Transport")
    page.get_by_label("Durée du transport").fill("D02")
    page.get_by_label("Mode de transport", exact=True).select_option("3")
    page.locator("#id_transport_details-0-transport_unit_code").select_option("2")
    page.locator("#id_transport_details-0-identity_of_transport_units").fill("AB-123-CD")
    save_section(page)

    # The wine line: the EPC first, then only its CN codes and its fields.
    page.locator("#rubriques").get_by_role("link", name="Marchandises").click()
    page.get_by_role("link", name="Ajouter une ligne").click()
    expect(page.locator("#id_lines-0-cn_code")).to_have_count(0)
    expect(page.locator("#id_lines-0-alcoholic_strength")).to_have_count(0)
    page.get_by_label("Code produit d'accise (EPC)").select_option("W200")
    page.get_by_role("button", name="Choisir").click()
    cn_code = page.get_by_label("Code NC (nomenclature combinée)")
    expect(cn_code.locator("option[value='22042109']")).to_have_count(1)
    expect(cn_code.locator("option[value='22030001']")).to_have_count(0)  # a beer's code is not offered
    expect(page.locator("#id_lines-0-degree_plato")).to_have_count(0)
    cn_code.select_option("22042109")
    page.get_by_label("Quantité").fill("750")
    page.get_by_label("Masse brute (kg)").fill("1050")
    page.get_by_label("Masse nette (kg)").fill("750")
    page.get_by_label("Catégorie de vin").select_option("3")
    page.get_by_label("Désignation commerciale").fill("Bordeaux rouge AOC 2022, bouteilles de 75 cl")
    page.locator("#id_lines-0-packages-0-kind_of_packages").select_option("CT")
    page.locator("#id_lines-0-packages-0-number_of_packages").fill("84")
    page.get_by_role("button", name="Enregistrer la ligne").click()
    expect(page.locator("#lignes")).to_contain_text("22042109")
    page.get_by_role("link", name="Revenir aux rubriques").click()

    # Validate: the strength was forgotten — the error comes with its code and leads to the field.
    page.get_by_role("button", name="Valider (émettre)").click()
    summary = page.locator("#erreurs")
    expect(summary).to_contain_text("Le document n'est pas émis : 1 erreur à corriger")
    error = summary.get_by_role("link", name=re.compile(r"^\[C047\] Le titre alcoométrique volumique"))
    expect(error).to_have_text("[C047] Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit W200.")
    assert Movement.objects.get().status == MovementStatus.DRAFT
    error.click()
    expect(page.locator("#id_lines-0-alcoholic_strength-error")).to_contain_text("[C047]")
    page.get_by_label("Titre alcoométrique volumique (% vol.)").fill("12,5")
    page.get_by_role("button", name="Enregistrer la ligne").click()
    page.get_by_role("link", name="Revenir aux rubriques").click()
    for slug in ("mouvement", "destinataire", "transport", "lignes"):
        expect(status_of(page, slug)).to_have_text("Complète")

    page.get_by_role("button", name="Valider (émettre)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DAE émis")
    arc = page.locator("#arc").inner_text().strip()
    assert arc_identifier.validate(arc) == arc and arc[2:4] == "FR" and arc[19] == "0"
    movement = Movement.objects.get()
    assert (movement.arc, movement.status, movement.sequence_number) == (arc, MovementStatus.ACCEPTED, 1)
    assert movement.lines.get().alcoholic_strength == 12.5
