import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c078


@pytest.mark.parametrize("destination", [4, 9, 10, 11])
def test_the_address_of_the_place_of_delivery_is_required(destination):
    assert c078.check(kind=rules.DAE, destination_type_code=destination, delivery_place=None) == [
        rules.RuleError(
            "C078", "delivery_place.street_name", "Indiquez la voie (rue, avenue…) de l'adresse du lieu de livraison."
        ),
        rules.RuleError("C078", "delivery_place.postcode", "Indiquez le code postal du lieu de livraison."),
        rules.RuleError("C078", "delivery_place.city", "Indiquez la ville du lieu de livraison."),
    ]


def test_a_tax_warehouse_needs_no_address():
    assert c078.check(kind=rules.DAE, destination_type_code=1, delivery_place=None) == []


def test_an_optional_place_of_delivery_given_needs_its_address():
    assert c078.check(kind=rules.DAE, destination_type_code=5, delivery_place=None) == []
    place = MovementTrader(trader_name="Ambassade", street_name="1 rue", postcode="75008")
    [error] = c078.check(kind=rules.DAE, destination_type_code=5, delivery_place=place)
    assert (error.code, error.field) == ("C078", "delivery_place.city")
    assert c078.check(kind=rules.DSA, destination_type_code=4, delivery_place=None) == []
