import datetime
import json

import pytest
from django.urls import reverse

from tests.factories.lookups import SEED_SIRET, seed_establishment, seed_excise_number
from tests.factories.register import EstablishmentFactory, LegalUnitFactory

pytestmark = pytest.mark.django_db

GARBAGE = [
    "",
    " ",
    "x" * 5000,
    "٣٥٣٢٤٩١٥٤٠٠٠١٧",  # Arabic-Indic digits
    "🍷🍷🍷",
    "<script>alert('x')</script>",
    "'; DROP TABLE register_establishment; --",
    "35324915400017\u202e",
    "%00",
    "\u0000",
]


def test_the_named_urls():
    assert reverse("lookups:siret") == "/services/siret/"
    assert reverse("lookups:siret_json", kwargs={"siret": SEED_SIRET}) == f"/services/siret/{SEED_SIRET}.json"
    assert reverse("lookups:infoaccises") == "/services/infoaccises/"
    assert reverse("lookups:tva") == "/services/tva-intracom/"


# SIRET page -----------------------------------------------------------------------------------


def test_the_siret_page_shows_an_empty_form_without_error(client):
    response = client.get("/services/siret/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recherche d'un établissement (SIRET)" in html
    assert 'name="siret"' in html
    assert "fr-error-text" not in html
    assert "Fiche Établissement" not in html


def test_the_siret_page_shows_the_seed_sheet(client):
    seed_establishment()

    response = client.get("/services/siret/", {"siret": "353 249 154 00017"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Fiche Établissement" in html
    for row, value in [
        ("Enseigne", "COMPAGNIE FRANCAISE DE L ARMAGNAC"),
        ("Pays", "FRANCE"),
        ("Identifiants", "INSEE : 35324915400017"),
        ("Date de création", "02/01/1990"),
        ("Effectif", "0 salarié"),
        ("Nature", "Autres"),
        ("Est siège ?", "Oui"),
        ("Adresse principale", "Route DE CAZAUBON 32800 EAUZE"),
    ]:
        assert f'<th scope="row">{row}</th><td>{value}</td>' in html
    assert "Commerce de gros de boissons" in html
    assert "Code APE : 513J" in html


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("35324915400018", "Le numéro SIRET n&#x27;est pas valide (clé de contrôle incorrecte)."),
        ("123", "Le numéro SIRET doit comporter 14 chiffres."),
        ("", "Saisissez le numéro SIRET (14 chiffres)."),
        (SEED_SIRET, "Aucun établissement n&#x27;est enregistré sous le numéro SIRET 35324915400017."),
    ],
)
def test_a_refused_siret_shows_its_reason_next_to_the_field(client, siret, message):
    response = client.get("/services/siret/", {"siret": siret})
    assert response.status_code == 200
    html = response.content.decode()
    assert "fr-input-group--error" in html
    assert 'aria-describedby="id_siret-erreur"' in html
    assert f'<p id="id_siret-erreur" class="fr-error-text">{message}</p>' in html
    assert "Fiche Établissement" not in html


def test_a_closed_establishment_is_explained(client):
    establishment = EstablishmentFactory(closed=True)
    response = client.get("/services/siret/", {"siret": establishment.siret})
    assert (
        f"L&#x27;établissement {establishment.siret} est fermé (cessation d&#x27;activité)."
        in response.content.decode()
    )


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_on_the_siret_page_never_breaks_it(client, value):
    response = client.get("/services/siret/", {"siret": value})
    assert response.status_code == 200
    assert "fr-error-text" in response.content.decode()


def test_the_siret_page_refuses_post(client):
    assert client.post("/services/siret/", {"siret": SEED_SIRET}).status_code == 405


# SIRET JSON -----------------------------------------------------------------------------------


def test_the_json_endpoint_gives_the_sheet(client, django_assert_num_queries):
    seed_establishment()

    with django_assert_num_queries(1):
        response = client.get(f"/services/siret/{SEED_SIRET}.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["siret"] == SEED_SIRET
    assert data["name"] == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert data["identifiers"] == "INSEE : 35324915400017"
    assert data["created_on"] == "1990-01-02"
    assert data["created_on_display"] == "02/01/1990"
    assert data["headcount"] == "0 salarié"
    assert data["activity"] == "Commerce de gros de boissons"
    assert data["ape_code"] == "513J"
    assert data["nature"] == "Autres"
    assert data["is_head_office"] is True
    assert data["address"] == "Route DE CAZAUBON 32800 EAUZE"
    assert "salarié" in response.content.decode()  # French text sent as UTF-8, not escaped


def test_the_json_endpoint_writes_no_session_and_sets_no_cookie(client):
    seed_establishment()
    response = client.get(f"/services/siret/{SEED_SIRET}.json")
    assert not response.cookies
    assert "Vary" not in response or "Cookie" not in response["Vary"]


@pytest.mark.parametrize(
    ("siret", "status", "code"),
    [("35324915400018", 400, "invalid"), ("abc", 400, "invalid"), (SEED_SIRET, 404, "unknown")],
)
def test_the_json_endpoint_refusals(client, siret, status, code):
    response = client.get(f"/services/siret/{siret}.json")
    assert response.status_code == status
    data = json.loads(response.content)
    assert data["code"] == code
    assert data["error"]


def test_the_json_endpoint_on_a_closed_establishment(client):
    establishment = EstablishmentFactory(closed=True)
    response = client.get(f"/services/siret/{establishment.siret}.json")
    assert response.status_code == 410
    assert response.json() == {
        "error": f"L'établissement {establishment.siret} est fermé (cessation d'activité).",
        "code": "closed",
    }


@pytest.mark.parametrize("value", ["x" * 5000, "🍷", "%20", "353%20249%20154%2000017", "%00", "..", "a.json"])
def test_garbage_on_the_json_endpoint_is_a_400_not_a_500(client, value):
    response = client.get(f"/services/siret/{value}.json")
    assert response.status_code in (400, 404)
    assert response.json()["code"] in ("invalid", "unknown")


# InfoAccises ----------------------------------------------------------------------------------


def test_infoaccises_shows_the_operator(client):
    seed_excise_number()
    response = client.get("/services/infoaccises/", {"numero": "fr009990f0005"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Numéro d'accise FR009990F0005" in html
    assert "SOCIETE DE DISTRIBUTION D&#x27;ALCOOLS" in html
    assert "Entrepositaire agréé" in html
    assert "Bureau de Bordeaux (FR000690)" in html
    assert "Ce numéro d'accise est valide" in html


def test_infoaccises_says_when_a_number_has_expired(client):
    seed_excise_number(valid_until=datetime.date(2020, 12, 31))
    html = client.get("/services/infoaccises/", {"numero": "FR009990F0005"}).content.decode()
    assert "Ce numéro d'accise n'est pas valide" in html
    assert "Expiré : valide jusqu&#x27;au 31/12/2020" in html


@pytest.mark.parametrize(
    ("number", "message_part"),
    [
        ("FR008777E0001", "a un format valide mais n&#x27;est pas connu du référentiel douanier."),
        ("FR0087771E001", "Le numéro d&#x27;accise français s&#x27;écrit FR0"),
        ("FR008777E001", "comporte 13 caractères"),
        ("DE00012345678", "Allemagne"),
    ],
)
def test_infoaccises_refusals_next_to_the_field(client, number, message_part):
    html = client.get("/services/infoaccises/", {"numero": number}).content.decode()
    assert 'aria-describedby="id_numero-erreur"' in html
    assert message_part in html


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_on_infoaccises(client, value):
    response = client.get("/services/infoaccises/", {"numero": value})
    assert response.status_code == 200
    assert "fr-error-text" in response.content.decode()


# TVA Intracom ---------------------------------------------------------------------------------


def test_tva_page_shows_both_forms(client):
    html = client.get("/services/tva-intracom/").content.decode()
    assert 'name="numero_tva"' in html
    assert 'name="siren"' in html
    assert "fr-error-text" not in html


def test_tva_computes_from_a_siren_with_the_company_name(client):
    LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    html = client.get("/services/tva-intracom/", {"siren": "353249154"}).content.decode()
    assert "Numéro de TVA intracommunautaire : FR67353249154" in html
    assert "COMPAGNIE FRANCAISE DE L ARMAGNAC" in html


def test_tva_computes_from_a_siren_unknown_to_the_register(client):
    html = client.get("/services/tva-intracom/", {"siren": "303 265 045"}).content.decode()
    assert "FR40303265045" in html
    assert "n&#x27;est pas connue du répertoire" in html


def test_tva_checks_a_number(client):
    html = client.get("/services/tva-intracom/", {"numero_tva": "FR40303265045"}).content.decode()
    assert "Le numéro de TVA FR 40 303 265 045 est valide." in html


@pytest.mark.parametrize(
    ("params", "field", "message_part"),
    [
        ({"numero_tva": "FR41303265045"}, "numero_tva", "clé de contrôle incorrecte"),
        ({"numero_tva": "DE123456789"}, "numero_tva", "VIES"),
        ({"siren": "123456789"}, "siren", "Le numéro SIREN n&#x27;est pas valide"),
        ({"siren": ""}, "siren", "Saisissez le numéro SIREN"),
    ],
)
def test_tva_refusals_next_to_their_field(client, params, field, message_part):
    html = client.get("/services/tva-intracom/", params).content.decode()
    assert f'aria-describedby="id_{field}-erreur"' in html
    assert message_part in html
    assert html.count("fr-error-text") == 1  # the other form is left alone


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_on_tva(client, value):
    response = client.get("/services/tva-intracom/", {"numero_tva": value, "siren": value})
    assert response.status_code == 200
    assert response.content.decode().count("fr-error-text") == 2
