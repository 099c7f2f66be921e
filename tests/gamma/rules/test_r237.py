from decimal import Decimal

import pytest

from gamma import rules
from gamma.rules import r237

MESSAGE = "Le titre alcoométrique volumique doit être compris entre 0,5 et 100 % vol."


@pytest.mark.parametrize("value", ["0.5", "12.5", "40", "100", "100.00"])
def test_strengths_from_half_a_degree_to_a_hundred_pass(value):
    assert r237.check(alcoholic_strength=Decimal(value), field="f") == []


@pytest.mark.parametrize("value", ["0", "0.49", "100.01", "120", "-5"])
def test_strengths_outside_are_refused(value):
    assert r237.check(alcoholic_strength=Decimal(value), field="f") == [rules.RuleError("R237", "f", MESSAGE)]


def test_on_a_draft_the_error_is_at_the_lines_strength(ctx):
    draft = rules.Draft(
        lines=[
            rules.Line(excise_product_code="W200", alcoholic_strength=Decimal("13")),
            rules.Line(excise_product_code="S200", alcoholic_strength=Decimal("0.2")),
        ]
    )
    assert r237.check_draft(draft, ctx) == [rules.RuleError("R237", "lines.1.alcoholic_strength", MESSAGE)]


def test_a_missing_strength_is_c047s_business(ctx):
    assert r237.check(alcoholic_strength=None, field="f") == []
