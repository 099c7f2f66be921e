import pytest

from gamma.rules import c159
from gamma.rules.base import RuleError


@pytest.mark.parametrize("conclusion", [2, 3, 4])
def test_a_line_of_an_unsatisfactory_receipt_says_why(conclusion):
    assert c159.check(global_conclusion=conclusion, reasons=0, field="lines.1.reason_code") == [
        RuleError("C159", "lines.1.reason_code", "Indiquez pourquoi la réception n'est pas satisfaisante (C159).")
    ]
    assert c159.check(global_conclusion=conclusion, reasons=1, field="f") == []


def test_a_satisfactory_receipt_is_not_concerned():
    assert c159.check(global_conclusion=1, reasons=0, field="f") == []
