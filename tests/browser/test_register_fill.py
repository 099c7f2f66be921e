"""Issue 12, item 6, in real Chromium: antoineleris types the consignee's excise number and, as he
leaves the field, its name and address come from the register, said in the live region; in « Lieu
de livraison » the name he typed first is kept, the rest filled, and « Compléter depuis le
registre » replaces it when he asks. Enter in a field saves the section (never fills), and a
section saved with points still to correct is a warning, not a green success."""

import pytest
from playwright.sync_api import expect

from gamma.models import Movement, TraderRole
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world

pytestmark = pytest.mark.browser

HOLDER = "COMPAGNIE FRANCAISE DE L ARMAGNAC"


@pytest.fixture
def world(transactional_db, emcs_codelists):
    from django.core.cache import cache

    cache.clear()  # the register's rate limit starts afresh
    return build_world()


def test_the_consignee_and_the_place_of_delivery_fill_from_the_register(page, world):
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.goto("/")
    page.locator("#header-identifiant").fill("antoineleris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").first.click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()
    page.goto("/gamma/FR008777E0001/")
    page.get_by_role("button", name="Préparer un DAE", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")

    # The consignee: typing the number and leaving the field fills the name and address.
    page.locator("#rubriques").get_by_role("link", name="Destinataire", exact=True).click()
    number = page.get_by_label("Identifiant (numéro d'accise ou de TVA)")
    number.fill("FR009990F0005")
    number.press("Tab")
    expect(page.locator("#id_consignee-trader_name")).to_have_value(HOLDER)
    expect(page.locator("#id_consignee-street_name")).to_have_value("15 avenue de la République")
    expect(page.locator("#id_consignee-postcode")).to_have_value("75010")
    expect(page.locator("#id_consignee-city")).to_have_value("PARIS")
    expect(page.locator("#registre-consignee-etat")).to_have_text(
        "Nom et adresse repris du registre pour FR009990F0005 : vérifiez-les, puis enregistrez."
    )
    assert not Movement.objects.get().traders.filter(role=TraderRole.CONSIGNEE).exists()  # not saved yet
    page.locator("#id_consignee-city").press("Enter")  # Enter saves the section
    expect(page.locator(".fr-alert--success")).to_have_text("Rubrique « Destinataire » enregistrée.")
    assert Movement.objects.get().traders.get(role=TraderRole.CONSIGNEE).trader_name == HOLDER

    # An unknown number: said in the live region, nothing filled.
    page.locator("#rubriques").get_by_role("link", name="Destination et lieu de livraison", exact=True).click()
    delivery = page.locator("#id_delivery_place-traderid")
    delivery.fill("FR009990F0006")
    delivery.press("Tab")
    expect(page.locator("#registre-delivery_place-etat")).to_contain_text("n'est pas connu du référentiel douanier")
    expect(page.locator("#id_delivery_place-trader_name")).to_have_value("")

    # The place of delivery: the name typed first is kept, the empty inputs filled.
    page.locator("#id_delivery_place-trader_name").fill("Entrepôt d'Eauze")
    delivery.fill("FR009990F0005")
    delivery.press("Tab")
    expect(page.locator("#id_delivery_place-city")).to_have_value("PARIS")
    expect(page.locator("#id_delivery_place-trader_name")).to_have_value("Entrepôt d'Eauze")
    expect(page.locator("#registre-delivery_place-etat")).to_contain_text(
        "Les champs que vous aviez remplis sont gardés"
    )

    # Asked with the button, the register's name replaces it (the page comes back, nothing saved).
    page.get_by_role("button", name="Compléter depuis le registre").click()
    expect(page.locator(".fr-alert--info")).to_contain_text("Nom et adresse repris du registre pour FR009990F0005")
    expect(page.locator("#id_delivery_place-trader_name")).to_have_value(HOLDER)
    expect(delivery).to_have_value("FR009990F0005")
    assert not Movement.objects.get().traders.filter(role=TraderRole.DELIVERY_PLACE).exists()

    # Saved without its destination type: a warning counting the point left, as the task list does.
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de DAE")
    expect(page.locator(".fr-alert--success")).to_have_count(0)
    warning = page.locator(".fr-alert--warning")
    expect(warning).to_have_text(
        "Rubrique « Destination et lieu de livraison » enregistrée, mais incomplète : 1 point à corriger avant "
        "d'émettre le document."
    )
    expect(page.locator("#rubrique-destination")).to_contain_text("1 point à corriger")
    assert Movement.objects.get().traders.get(role=TraderRole.DELIVERY_PLACE).trader_name == HOLDER
    assert not script_errors, script_errors
