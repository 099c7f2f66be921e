from decimal import Decimal

from gamma.rules import c119
from gamma.rules.base import RuleError


def test_a_partial_refusal_without_a_positive_refused_quantity_is_refused():
    expected = [
        RuleError(
            "C119",
            "global_conclusion",
            "Une réception partiellement refusée indique au moins une quantité refusée (C119).",
        )
    ]
    assert c119.check(global_conclusion=4, refused_quantities=[]) == expected
    assert c119.check(global_conclusion=4, refused_quantities=[None, Decimal(0)]) == expected


def test_one_refused_quantity_is_enough_and_other_conclusions_are_not_concerned():
    assert c119.check(global_conclusion=4, refused_quantities=[None, Decimal("0.001")]) == []
    assert c119.check(global_conclusion=2, refused_quantities=[]) == []
