from decimal import Decimal

from gamma.rules import br025
from gamma.rules.base import RuleError

D = Decimal


def test_a_shortage_beyond_the_quantity_is_refused_at_the_shortage():
    assert br025.check(quantity=D("750"), indicator="S", observed=D("751"), refused=None, prefix="lines.1.") == [
        RuleError(
            "BR025",
            "lines.1.observed_quantity",
            "Le manquant et la quantité refusée dépassent la quantité de la ligne (750) (BR025).",
        )
    ]


def test_shortage_and_refusal_together_are_counted_and_shown_at_the_refusal():
    [error] = br025.check(quantity=D("12.5"), indicator="S", observed=D("10"), refused=D("3"), prefix="lines.2.")
    assert error.field == "lines.2.refused_quantity"
    assert "(12,5)" in error.message


def test_within_the_quantity_or_an_excess_passes():
    assert br025.check(quantity=D("750"), indicator="S", observed=D("700"), refused=D("50")) == []
    assert br025.check(quantity=D("750"), indicator="E", observed=D("900"), refused=None) == []
    assert br025.check(quantity=None, indicator="S", observed=D("900"), refused=None) == []
