"""Issue 12, item 13, in real Chromium, every page audited by axe (and the 320 px reflow check).

bob, the consignee (FR009990F0005), reports the receipt of a DAE: on its one line a shortage of
24 with two reasons, « Manquant » and « Marchandises endommagées », the second row added by its
button (no JavaScript: the form comes back with one more row, focused). A first try with the same
reason twice is refused: the summary lists the error and leads to its field. The movement's page
then shows both reasons.

antoineleris, the consignor (FR008777E0001), changes the destination of another DAE to a
registered consignee, with a new transporter and two vehicles (the second row added by its
button); the movement's page shows the transporter and the units, at sequence number 2."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_gamma_inbox import log_in
from tests.factories.habilitations import build_world
from tests.gamma.support import load_reason_lists, load_transport_lists, shipped

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    world = build_world()
    load_reason_lists()
    load_transport_lists()
    return world


@pytest.fixture
def movement(world):
    return shipped(world, dispatch_date=timezone.localdate() - datetime.timedelta(days=2))


def test_a_consignee_reports_a_shortage_and_a_damage_on_one_line(page, world, movement):
    log_in(page, "bob")
    page.goto(f"/gamma/FR009990F0005/mouvements/{movement.pk}/")
    page.get_by_role("link", name="Accuser réception (IE818)").click()
    expect(page.get_by_role("heading", name="Accuser réception (IE818)", level=1)).to_be_visible()

    page.get_by_text("Réception acceptée bien que non satisfaisante", exact=True).click()  # DSFR radio: its label
    page.get_by_label("Écart constaté, ligne 1", exact=True).select_option("S")
    page.get_by_label("Quantité manquante ou excédentaire, ligne 1").fill("24")
    page.get_by_label("Motif 1, ligne 1", exact=True).select_option("2")
    page.get_by_label("Précisions du motif 1, ligne 1").fill("Deux cartons manquants")
    page.get_by_role("button", name="Ajouter un motif à la ligne 1").click()

    second = page.get_by_label("Motif 2, ligne 1", exact=True)
    expect(second).to_be_focused()
    expect(page.get_by_label("Précisions du motif 1, ligne 1")).to_have_value("Deux cartons manquants")
    second.select_option("2")  # the same reason again: refused
    page.get_by_role("button", name="Envoyer").click()

    summary = page.locator("#erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("1 erreur à corriger")
    summary.get_by_role("link", name="Ce motif est déjà indiqué").click()
    expect(second).to_be_focused()
    second.select_option("3")
    page.get_by_label("Précisions du motif 2, ligne 1").fill("Bouteilles cassées")
    page.get_by_role("button", name="Envoyer").click()

    expect(page.get_by_text("Accuser réception : c'est enregistré. État du document : Apuré.")).to_be_visible()
    reception = page.locator("#reception")
    expect(reception).to_contain_text("Manquant : 24")
    expect(reception).to_contain_text("2 — Manquant : Deux cartons manquants")
    expect(reception).to_contain_text("3 — Marchandises endommagées : Bouteilles cassées")


def test_a_consignor_changes_the_destination_with_a_new_transporter_and_vehicle(page, world, movement):
    log_in(page, "antoineleris")
    page.goto(f"/gamma/FR008777E0001/mouvements/{movement.pk}/")
    page.get_by_role("link", name="Changer la destination (IE813)").click()
    expect(page.get_by_role("heading", name="Changer la destination (IE813)", level=1)).to_be_visible()

    page.get_by_text("2 — Destinataire enregistré", exact=True).click()  # DSFR radio: its label
    page.get_by_label("Numéro d'accise du nouveau destinataire").fill("FR012345E0009")
    page.get_by_label("Nom du nouveau destinataire").fill("CAVE DU PORT")
    page.get_by_label("Rue du nouveau destinataire").fill("Quai des Chartrons")
    page.get_by_label("Code postal du nouveau destinataire").fill("33000")
    page.get_by_label("Ville du nouveau destinataire").fill("BORDEAUX")
    page.get_by_label("Numéro de TVA du nouveau transporteur").fill("FR40303265045")
    page.get_by_label("Nom du nouveau transporteur").fill("TRANSPORTS DURAND")
    page.get_by_label("Rue du nouveau transporteur").fill("Rue du Port")
    page.get_by_label("Code postal du nouveau transporteur").fill("13002")
    page.get_by_label("Ville du nouveau transporteur").fill("MARSEILLE")
    page.get_by_label("Type d'unité, unité 1").select_option("2")
    page.get_by_label("Identité (immatriculation, numéro de conteneur…), unité 1").fill("GH-456-JK")
    page.get_by_role("button", name="Ajouter une unité de transport").click()

    unit = page.get_by_label("Type d'unité, unité 2")
    expect(unit).to_be_focused()
    expect(page.get_by_label("Nom du nouveau transporteur")).to_have_value("TRANSPORTS DURAND")
    unit.select_option("3")
    page.get_by_label("Identité (immatriculation, numéro de conteneur…), unité 2").fill("REM-77")
    page.get_by_role("button", name="Envoyer").click()

    expect(page.get_by_text("Changer la destination : c'est enregistré.")).to_be_visible()
    expect(page.locator(".gamma-facts").first).to_contain_text("Numéro de séquence2")
    operators = page.locator("#operateurs")
    expect(operators.get_by_role("row", name="Premier transporteur")).to_contain_text("TRANSPORTS DURAND")
    units = page.locator("#transport table")
    expect(units).to_contain_text("GH-456-JK")
    expect(units).to_contain_text("REM-77")
