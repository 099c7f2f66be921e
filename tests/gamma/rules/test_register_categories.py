"""The rules on product categories (BR004, BR006, REG-EXP-CAT for the consignor; BR011, BR013,
BR016, BR048, BR049 for the consignee and the tax warehouse of delivery): every line's category is
one the register authorises; one error per line, at its product."""

import pytest

from gamma import rules
from gamma.rules import br004, br006, br011, br013, br016, br048, br049, reg_exp_cat
from tests.gamma.rules.register_support import beer, dae, entry, wine, with_register

CONSIGNOR = "FR008777E0001"
CONSIGNEE = "FR009990F0005"

CASES = [
    # module, the draft's changes, whose authorisation is checked
    (br004, {"origin_type_code": 1}, CONSIGNOR),
    (br006, {"origin_type_code": 2}, CONSIGNOR),
    (reg_exp_cat, {"kind": rules.DAES, "origin_type_code": 3, "destination_type_code": 9}, CONSIGNOR),
    (reg_exp_cat, {"kind": rules.DSA, "origin_type_code": None, "destination_type_code": None}, CONSIGNOR),
    (br011, {"destination_type_code": 2}, CONSIGNEE),
    (br011, {"destination_type_code": 4}, CONSIGNEE),
    (br013, {"destination_type_code": 1}, CONSIGNEE),
    (br016, {"destination_type_code": 3}, CONSIGNEE),
    (br048, {"kind": rules.DAES, "destination_type_code": 9}, CONSIGNEE),
    (br049, {"kind": rules.DAES, "destination_type_code": 10}, CONSIGNEE),
]


@pytest.mark.parametrize(("rule", "changes", "checked"), CASES)
def test_each_line_of_a_category_not_authorised_is_refused(rule, changes, checked):
    draft = dae(lines=[wine(), beer(), wine()], **changes)
    others = [entry(number, categories="SWBIET") for number in (CONSIGNOR, CONSIGNEE) if number != checked]
    context = with_register(entry(checked, categories="SW"), *others)
    errors = rule.check_draft(draft, context)
    assert [(error.code, error.field) for error in errors] == [(rule.CODE, "lines.1.excise_product_code")]
    assert errors[0].message.startswith(f"Ligne 2 : Le numéro d'accise {checked}")
    assert "« Bières » (B)" in errors[0].message


@pytest.mark.parametrize(("rule", "changes", "checked"), CASES)
def test_lines_of_authorised_categories_pass(rule, changes, checked):
    draft = dae(lines=[wine(), beer()], **changes)
    assert (
        rule.check_draft(draft, with_register(entry(CONSIGNOR, categories="WB"), entry(CONSIGNEE, categories="WB")))
        == []
    )


@pytest.mark.parametrize(("rule", "changes", "checked"), CASES)
def test_a_number_the_register_does_not_hold_is_left_to_r044_and_r045(rule, changes, checked):
    assert rule.check_draft(dae(lines=[beer()], **changes), with_register()) == []


@pytest.mark.parametrize("rule", [br011, br013, br016, br048, br049, br004, br006])
def test_other_destinations_and_origins_are_not_this_rule_s(rule):
    draft = dae(lines=[beer()], origin_type_code=3, destination_type_code=6, kind=rules.DAE)
    nothing = with_register(entry(CONSIGNOR, categories=""), entry(CONSIGNEE, categories=""))
    assert rule.check_draft(draft, nothing) == []
