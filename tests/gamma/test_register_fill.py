"""Issue 12, item 6: a draft's consignee or place of delivery filled from the register by its
excise number — the « Compléter depuis le registre » button (no JavaScript: the section comes back
filled, nothing saved, what else was typed kept), the JSON the script asks (logged in, rate-limited,
only what InfoAccises publishes), and the one coherent message after a section is saved."""

import html
import json
import re

import pytest
from django.core.cache import cache

from gamma.models import Movement, TraderRole
from tests.factories.accounts import PASSWORD
from tests.gamma.drafting import dae_sections

pytestmark = pytest.mark.django_db

HOME = "/gamma/FR008777E0001/"
JSON_URL = "/gamma/registre/adresse.json"
UNKNOWN = "Ce numéro d'accise a un format valide mais n'est pas connu du référentiel douanier."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def antoine(client, world, emcs_codelists):
    assert client.login(username=world.antoine.username, password=PASSWORD)
    return client


@pytest.fixture
def draft(antoine):
    antoine.post(f"{HOME}preparer/dae/", follow=True)  # « Brouillon créé » shown and gone
    return Movement.objects.get()


def url(movement, tail=""):
    return f"{HOME}brouillons/{movement.pk}/{tail}"


def text(response) -> str:
    return html.unescape(response.content.decode())


def value_of(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}"[^>]*?value="([^"]*)"', page)
    return found.group(1) if found else None


# --- Without JavaScript: the button -----------------------------------------------------------------


def test_the_button_fills_the_consignee_from_the_register_keeping_the_rest_and_saving_nothing(antoine, draft):
    response = antoine.post(
        url(draft, "destinataire/"),
        {
            "action": "registre-consignee",
            "consignee-traderid": "fr009990f0005",
            "consignee-eori_number": "FR12345678901234",
            "consignee-street_number": "3",
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert value_of(page, "consignee-trader_name") == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert value_of(page, "consignee-street_name") == "15 avenue de la République"
    assert value_of(page, "consignee-postcode") == "75010"
    assert value_of(page, "consignee-city") == "PARIS"
    assert not value_of(page, "consignee-street_number")  # the register's address line holds it
    assert value_of(page, "consignee-eori_number") == "FR12345678901234"  # typed, kept
    assert value_of(page, "consignee-traderid") == "fr009990f0005"
    assert "Nom et adresse repris du registre pour FR009990F0005" in page
    assert "rien n'est enregistré pour l'instant" in page
    assert not draft.traders.filter(role=TraderRole.CONSIGNEE).exists()


def test_asked_for_the_button_replaces_a_name_typed_before(antoine, draft):
    response = antoine.post(
        url(draft, "destinataire/"),
        {"action": "registre-consignee", "consignee-traderid": "FR009990F0005", "consignee-trader_name": "Armagnac"},
    )
    assert value_of(text(response), "consignee-trader_name") == "COMPAGNIE FRANCAISE DE L ARMAGNAC"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("FR009990F0006", UNKNOWN),
        ("", "Saisissez le numéro d'accise (13 caractères, par exemple FR008777E0001)."),
        ("FR0099", "Le numéro d'accise comporte 13 caractères (par exemple FR008777E0001)."),
        ("DE00000000000", "relève d'un autre État membre (Allemagne)"),
    ],
)
def test_a_number_the_register_cannot_answer_is_refused_in_french_at_its_field_and_nothing_changes(
    antoine, draft, number, message
):
    response = antoine.post(
        url(draft, "destinataire/"),
        {"action": "registre-consignee", "consignee-traderid": number, "consignee-trader_name": "Typed Name"},
    )
    assert response.status_code == 400
    page = text(response)
    error = re.search(r'id="id_consignee-traderid-error">([^<]*)<', page)
    assert error and message in error.group(1)
    assert value_of(page, "consignee-trader_name") == "Typed Name"
    assert not value_of(page, "consignee-city")
    assert not draft.traders.filter(role=TraderRole.CONSIGNEE).exists()


def test_the_place_of_delivery_fills_too_and_the_destination_type_typed_stays(antoine, draft):
    response = antoine.post(
        url(draft, "destination/"),
        {"action": "registre-delivery_place", "destination_type_code": "1", "delivery_place-traderid": "FR009990F0005"},
    )
    assert response.status_code == 200
    page = text(response)
    assert value_of(page, "delivery_place-trader_name") == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert re.search(r'<option value="1" selected>', page)
    assert not draft.traders.filter(role=TraderRole.DELIVERY_PLACE).exists()


def test_a_forged_role_is_refused_in_french_not_a_500(antoine, draft):
    response = antoine.post(
        url(draft, "destination/"), {"action": "registre-consignee", "delivery_place-traderid": "FR009990F0005"}
    )
    assert response.status_code == 400
    assert "Cette rubrique ne se complète pas depuis le registre." in text(response)


def test_the_button_on_another_company_s_draft_is_a_404(client, world, draft):
    client.logout()
    assert client.login(username=world.bob.username, password=PASSWORD)
    response = client.post(
        f"/gamma/FR009990F0005/brouillons/{draft.pk}/destinataire/",
        {"action": "registre-consignee", "consignee-traderid": "FR008777E0001"},
    )
    assert response.status_code == 404
    response = client.post(
        url(draft, "destinataire/"), {"action": "registre-consignee", "consignee-traderid": "FR008777E0001"}
    )
    assert response.status_code == 404


def test_the_section_page_offers_the_button_and_a_live_region_beside_the_number(antoine, draft):
    page = text(antoine.get(url(draft, "destinataire/")))
    assert 'value="registre-consignee"' in page and "Compléter depuis le registre" in page
    assert 'id="registre-consignee-etat" role="status" aria-live="polite"' in page
    assert "js/register-fill.js" in page
    # Enter in a field saves: the first submit button of the form is « Enregistrer ».
    form = page[page.index("<form") :]
    assert re.search(r'<button type="submit" name="action" value="([^"]+)"', form).group(1) == "enregistrer"
    assert "registre-" not in text(antoine.get(url(draft, "mouvement/")))


# --- With JavaScript: the JSON ----------------------------------------------------------------------


def test_the_json_gives_only_what_the_register_publishes(antoine, world):
    response = antoine.get(JSON_URL, {"numero": "FR009990F0005"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == {
        "number": "FR009990F0005",
        "name": "COMPAGNIE FRANCAISE DE L ARMAGNAC",
        "street": "15 avenue de la République",
        "postcode": "75010",
        "city": "PARIS",
    }
    # Nothing else of the other company: not its SIREN, office, status, users or rights.
    body = response.content.decode()
    for private in (world.company_b.siren, world.office_b.code, "bob", "entrepositaire", "valid"):
        assert private.lower() not in body.lower()


def test_the_json_needs_a_session(client, world):
    response = client.get(JSON_URL, {"numero": "FR009990F0005"})
    assert response.status_code == 401
    assert "COMPAGNIE" not in response.content.decode()
    assert json.loads(response.content)["error"] == "Connectez-vous pour compléter un document depuis le registre."


@pytest.mark.parametrize(
    ("number", "status", "message"),
    [
        ("FR009990F0006", 404, UNKNOWN),
        ("FR0099", 400, "Le numéro d'accise comporte 13 caractères (par exemple FR008777E0001)."),
        ("", 400, "Saisissez le numéro d'accise (13 caractères, par exemple FR008777E0001)."),
        ("X" * 5000, 400, "Le numéro d'accise comporte 13 caractères (par exemple FR008777E0001)."),
    ],
)
def test_the_json_refuses_in_french_what_infoaccises_refuses(antoine, number, status, message):
    response = antoine.get(JSON_URL, {"numero": number})
    assert response.status_code == status
    assert json.loads(response.content)["error"] == message


def test_the_json_and_the_button_share_one_rate_limit_per_user(antoine, draft, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "register_fill": "3/m/user"}
    for _ in range(2):
        assert antoine.get(JSON_URL, {"numero": "FR009990F0006"}).status_code == 404
    assert antoine.get(JSON_URL, {"numero": "FR009990F0005"}).status_code == 200
    refused = antoine.get(JSON_URL, {"numero": "FR009990F0005"})
    assert refused.status_code == 429 and "COMPAGNIE" not in refused.content.decode()
    assert "Trop de recherches dans le registre" in json.loads(refused.content)["error"]
    response = antoine.post(
        url(draft, "destinataire/"), {"action": "registre-consignee", "consignee-traderid": "FR009990F0005"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Trop de recherches dans le registre" in page and "COMPAGNIE" not in page


def test_the_json_answers_only_get(antoine):
    assert antoine.post(JSON_URL, {"numero": "FR009990F0005"}).status_code == 405


# --- The message after saving -------------------------------------------------------------------------


def alerts(page: str) -> list[tuple[str, str]]:
    return re.findall(r'class="fr-alert fr-alert--(\w+) fr-alert--sm fr-mb-3w">\s*<p>([^<]*)</p>', page)


def test_a_section_saved_whole_is_a_success(antoine, draft):
    response = antoine.post(url(draft, "destinataire/"), dae_sections()["consignee"], follow=True)
    assert alerts(text(response)) == [("success", "Rubrique « Destinataire » enregistrée.")]


def test_a_section_saved_with_points_left_is_a_warning_counting_what_the_task_list_counts(antoine, draft):
    response = antoine.post(
        url(draft, "destination/"), {"action": "enregistrer", "delivery_place-trader_name": "Entrepôt"}, follow=True
    )
    page = text(response)
    shown = alerts(page)
    assert len(shown) == 1 and shown[0][0] == "warning", shown
    count = re.search(r"enregistrée, mais incomplète : (\d+) points? à corriger avant d'émettre", shown[0][1])
    assert count, shown
    row = re.search(r'id="rubrique-destination".*?— (\d+) points? à corriger', page, re.S)
    assert row and row.group(1) == count.group(1)
    assert "fr-alert--success" not in page
