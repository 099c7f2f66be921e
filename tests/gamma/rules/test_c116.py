import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c116

ADDRESS = MovementTrader(trader_name="Chai", street_name="1 rue du Port", postcode="33000", city="Bordeaux")


@pytest.mark.parametrize("destination", [1, 2, 3, 4, 5, 6, 9, 10, 11])
def test_the_consignee_is_required_except_for_an_unknown_destination(destination):
    assert c116.check(kind=rules.DAE, destination_type_code=destination, consignee=ADDRESS) == []
    errors = c116.check(kind=rules.DAE, destination_type_code=destination, consignee=None)
    assert [(e.code, e.field) for e in errors] == [
        ("C116", "consignee.trader_name"),
        ("C116", "consignee.street_name"),
        ("C116", "consignee.postcode"),
        ("C116", "consignee.city"),
    ]
    assert errors[0].message == "Indiquez le nom du destinataire."


def test_a_consignee_for_an_unknown_destination_does_not_apply():
    assert c116.check(kind=rules.DAE, destination_type_code=8, consignee=MovementTrader(traderid="X")) == [
        rules.RuleError(
            "C116",
            "consignee.trader_name",
            "Le destinataire ne s'applique pas à une destination inconnue (type 8) : laissez ces champs vides.",
        )
    ]
    assert c116.check(kind=rules.DAE, destination_type_code=8, consignee=MovementTrader()) == []


def test_before_the_destination_is_chosen_a_consignee_typed_in_is_checked():
    assert c116.check(kind=rules.DAES, destination_type_code=None, consignee=None) == []
    errors = c116.check(kind=rules.DAES, destination_type_code=None, consignee=MovementTrader(trader_name="Chai"))
    assert [e.field for e in errors] == ["consignee.street_name", "consignee.postcode", "consignee.city"]


def test_a_dsa_is_not_this_rules_business():
    assert c116.check(kind=rules.DSA, destination_type_code=None, consignee=MovementTrader(trader_name="X")) == []
