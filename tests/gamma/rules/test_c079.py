import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c079


@pytest.mark.parametrize("destination", [1, 9, 10, 11])
def test_the_name_of_the_place_of_delivery_is_required(destination):
    assert c079.check(kind=rules.DAE, destination_type_code=destination, delivery_place=None) == [
        rules.RuleError("C079", "delivery_place.trader_name", "Indiquez le nom du lieu de livraison.")
    ]
    named = MovementTrader(trader_name="Chai")
    assert c079.check(kind=rules.DAE, destination_type_code=destination, delivery_place=named) == []


def test_it_is_optional_for_a_direct_delivery():
    assert c079.check(kind=rules.DAE, destination_type_code=4, delivery_place=None) == []


def test_an_optional_place_of_delivery_left_empty_is_not_checked():
    assert c079.check(kind=rules.DAE, destination_type_code=3, delivery_place=None) == []
    [error] = c079.check(kind=rules.DAE, destination_type_code=3, delivery_place=MovementTrader(city="Lyon"))
    assert (error.code, error.field) == ("C079", "delivery_place.trader_name")
    assert c079.check(kind=rules.DSA, destination_type_code=1, delivery_place=None) == []
