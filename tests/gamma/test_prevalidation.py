"""« Pré-valider un opérateur » (issue 10, item 11): the service answers as the validation does
(R045 and the consignee's product rules), and its page serves GAMMA's users only."""

import datetime

import pytest
from django.test import Client

from gamma import prevalidation
from gamma.rules import seed
from gamma.services import authorisation_of
from identifiers.exceptions import InvalidIdentifier
from register.models import ExciseStatus
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import build_world
from tests.factories.register import ExciseNumberFactory

PAGE = "/gamma/pre-validation/"


@pytest.fixture
def world(db):
    return build_world()


def check(number="FR009990F0005", categories=("W",), destination=None, **options):
    return prevalidation.operator_prevalidate(
        excise_number=number, product_categories=categories, destination_type=destination, **options
    )


def test_a_warehousekeeper_authorised_for_the_products_may_receive_them(world):
    result = check(categories=["w", "S"], destination=1)
    assert result.allowed and result.faults == []
    assert result.operator_name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert result.status == "Entrepositaire agréé" and result.categories == ("S", "W")


def test_products_it_is_not_authorised_for_are_refused_with_the_rule_of_the_destination(world):
    result = check(categories=["W", "B", "T"], destination=1)
    assert not result.allowed
    assert [(fault.code, fault.message) for fault in result.faults] == [
        ("BR013", seed.category_fault(_entry(world.excise_b), "B", "du destinataire")),
        ("BR013", seed.category_fault(_entry(world.excise_b), "T", "du destinataire")),
    ]


def _entry(excise_number):
    return authorisation_of(excise_number)


def test_the_status_must_suit_the_type_of_destination(world):
    [fault] = check(destination=2).faults
    assert fault.code == "R045" and "il faut le statut destinataire enregistré" in fault.message
    assert check(destination=4).allowed  # direct delivery: a warehousekeeper will do


def test_without_a_type_of_destination_any_status_that_receives_will_do(world):
    ExciseNumberFactory(number="FR005555C0001", status=ExciseStatus.REGISTERED_CONSIGNOR, product_categories=["W"])
    assert check().allowed
    [fault] = check("FR005555C0001").faults
    assert "a le statut expéditeur enregistré" in fault.message


def test_a_number_must_be_known_and_valid_on_the_day(world):
    [fault] = check("FR001234E0001").faults
    assert fault.message == "Le numéro d'accise FR001234E0001 du destinataire n'est pas connu du référentiel douanier."
    world.excise_b.valid_until = datetime.date(2024, 12, 31)
    world.excise_b.save()
    assert check(on=datetime.date(2024, 12, 31)).allowed
    [fault] = check(on=datetime.date(2025, 1, 1)).faults
    assert "n'est plus valide depuis le 31/12/2024" in fault.message


def test_a_foreign_number_is_checked_for_its_format_only(world):
    result = check("DE012345678AB", destination=2)
    assert result.foreign and not result.allowed and result.faults == []
    for number in ("ZZ12345678901", "FR12345678901"):
        with pytest.raises(InvalidIdentifier):
            check(number)


def test_a_wrong_question_is_refused_in_french(world):
    with pytest.raises(prevalidation.PrevalidationRefused, match="Catégorie de produits inconnue"):
        check(categories=["X"])
    with pytest.raises(prevalidation.PrevalidationRefused, match="au moins une catégorie"):
        check(categories=[])
    with pytest.raises(prevalidation.PrevalidationRefused, match="Type de destination inconnu"):
        check(destination=6)


# --- The page --------------------------------------------------------------------------------------


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_answers_a_gamma_user_in_french(world):
    client = client_of(world.antoine)
    page = client.get(PAGE).content.decode()
    assert "Pré-valider un opérateur" in page
    page = client.get(PAGE, {"numero": "fr 0099 90F0005", "categories": ["W"], "type_destination": "1"})
    assert page.status_code == 200
    assert "cet opérateur peut recevoir ces produits (Vins et boissons fermentées (W))" in page.content.decode()
    page = client.get(PAGE, {"numero": "FR009990F0005", "categories": ["W", "B"], "type_destination": "2"})
    text = page.content.decode()
    assert "ne peut pas recevoir ces produits" in text and "(R045)" in text and "« Bières » (B)" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"numero": "FR12345678901", "categories": ["W"]}, "Le numéro d&#x27;accise français s&#x27;écrit FR0"),
        ({"numero": "ZZ12345678901", "categories": ["W"]}, "code d&#x27;un État membre"),
        ({"numero": "FR009990F0005"}, "Cochez au moins une catégorie de produits."),
        ({"numero": "FR009990F0005", "categories": ["Z"]}, "Choisissez des catégories de la liste."),
        (
            {"numero": "FR009990F0005", "categories": ["W"], "type_destination": "7"},
            "Choisissez un type de destination",
        ),
    ],
)
def test_bad_input_is_answered_at_its_field(world, query, message):
    response = client_of(world.antoine).get(PAGE, query)
    assert response.status_code == 200 and message in response.content.decode()


def test_the_page_is_for_gamma_users_only(world):
    assert Client().get(PAGE).status_code == 302  # to the log-in page
    stranger = UserFactory(username="sansdroit")
    response = client_of(stranger).get(PAGE, {"numero": "FR009990F0005", "categories": ["W"]})
    assert response.status_code == 403 and "réservée aux utilisateurs habilités à GAMMA" in response.content.decode()
    assert "Entrepositaire" not in response.content.decode()
