import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c074

NAMED = MovementTrader(traderid="FR009990F0005")
ANONYMOUS = MovementTrader(trader_name="Chai")


@pytest.mark.parametrize("destination", [1, 9, 10])
def test_the_identification_is_required_for_a_warehouse_or_a_certified_consignee(destination):
    assert c074.check(kind=rules.DAE, destination_type_code=destination, delivery_place=NAMED) == []
    assert c074.check(kind=rules.DAE, destination_type_code=destination, delivery_place=ANONYMOUS) == [
        rules.RuleError(
            "C074",
            "delivery_place.traderid",
            "Indiquez l'identifiant du lieu de livraison (numéro d'accise de l'entrepôt ou du destinataire).",
        )
    ]


@pytest.mark.parametrize("destination", [4, 11])
def test_it_does_not_apply_to_a_direct_delivery_or_a_return(destination):
    assert c074.check(kind=rules.DAES, destination_type_code=destination, delivery_place=ANONYMOUS) == []
    assert c074.check(kind=rules.DAES, destination_type_code=destination, delivery_place=NAMED) == [
        rules.RuleError(
            "C074",
            "delivery_place.traderid",
            "L'identifiant du lieu de livraison ne s'applique pas à ce type de destination : laissez-le vide.",
        )
    ]


@pytest.mark.parametrize("destination", [3, 5])
def test_it_is_optional_elsewhere(destination):
    assert c074.check(kind=rules.DAE, destination_type_code=destination, delivery_place=NAMED) == []
    assert c074.check(kind=rules.DAE, destination_type_code=destination, delivery_place=ANONYMOUS) == []


def test_a_place_of_delivery_that_does_not_apply_is_c164s_business():
    assert c074.check(kind=rules.DAE, destination_type_code=2, delivery_place=NAMED) == []
    assert c074.check(kind=rules.DSA, destination_type_code=1, delivery_place=None) == []
