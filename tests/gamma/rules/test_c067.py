from decimal import Decimal

from gamma.rules import c067
from gamma.rules.base import RuleError


def test_an_indicator_needs_its_quantity():
    assert c067.check(indicator="S", observed=None, prefix="lines.1.") == [
        RuleError("C067", "lines.1.observed_quantity", "Saisissez la quantité manquante ou excédentaire (C067).")
    ]
    assert c067.check(indicator="E", observed=Decimal(0))[0].field == "observed_quantity"


def test_a_quantity_needs_its_indicator():
    assert c067.check(indicator="", observed=Decimal("2"), prefix="lines.1.") == [
        RuleError("C067", "lines.1.indicator", "Dites s'il s'agit d'un manquant ou d'un excédent.")
    ]


def test_both_or_neither_pass():
    assert c067.check(indicator="S", observed=Decimal("2")) == []
    assert c067.check(indicator="", observed=None) == []
