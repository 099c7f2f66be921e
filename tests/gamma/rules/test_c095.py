from decimal import Decimal

import pytest

from gamma.rules import c095
from gamma.rules.base import RuleError


@pytest.mark.parametrize("conclusion", [1, 2, 3, None])
def test_a_refused_quantity_outside_a_partial_refusal_does_not_apply(conclusion):
    assert c095.check(global_conclusion=conclusion, refused=Decimal("2"), field="f") == [
        RuleError("C095", "f", "Une quantité refusée ne se déclare qu'avec une réception partiellement refusée (C095).")
    ]


def test_a_partial_refusal_may_refuse_and_no_refusal_always_passes():
    assert c095.check(global_conclusion=4, refused=Decimal("2"), field="f") == []
    assert c095.check(global_conclusion=4, refused=None, field="f") == []
    assert c095.check(global_conclusion=1, refused=None, field="f") == []
