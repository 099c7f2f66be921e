from decimal import Decimal

import pytest

from gamma.rules import r232


@pytest.mark.parametrize("quantity", [Decimal(0), Decimal("0.000"), Decimal("-1")])
def test_a_quantity_is_greater_than_zero(quantity):
    (error,) = r232.check(quantity=quantity, field="lines.1.observed_quantity")
    assert (error.code, error.field, error.message) == ("R232", "lines.1.observed_quantity", r232.ZERO)


@pytest.mark.parametrize("quantity", [None, Decimal("0.001"), Decimal("12.5")])
def test_a_positive_or_no_quantity_passes(quantity):
    assert r232.check(quantity=quantity, field="f") == []
