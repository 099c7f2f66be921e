from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c101


def test_a_trader_with_its_excise_number_may_leave_its_address_out():
    assert c101.check(group="guarantor_1", trader=MovementTrader(trader_excise_number="FR008777E0001"), who="") == []


def test_one_without_gives_its_name_and_address():
    trader = MovementTrader(vat_number="FR40303265045", trader_name="Transports Martin", postcode="69001")
    assert c101.check(group="guarantor_2", trader=trader, who="du second garant") == [
        rules.RuleError(
            "C101", "guarantor_2.street_name", "Indiquez la voie (rue, avenue…) de l'adresse du second garant."
        ),
        rules.RuleError("C101", "guarantor_2.city", "Indiquez la ville du second garant."),
    ]
    assert [e.field for e in c101.check(group="guarantor_1", trader=None, who="du garant")] == [
        "guarantor_1.trader_name",
        "guarantor_1.street_name",
        "guarantor_1.postcode",
        "guarantor_1.city",
    ]
