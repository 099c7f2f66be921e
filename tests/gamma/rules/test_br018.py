from gamma import rules
from gamma.rules import br018


def test_a_cn_code_of_the_epc_passes(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="W200", cn_code="22042109")])
    assert br018.check_draft(draft, ctx) == []


def test_a_cn_code_of_another_epc_is_refused(ctx):
    draft = rules.Draft(
        lines=[
            rules.Line(excise_product_code="W200", cn_code="22042109"),
            rules.Line(excise_product_code="B000", cn_code="22042109"),
        ]
    )
    assert br018.check_draft(draft, ctx) == [
        rules.RuleError(
            "BR018",
            "lines.1.cn_code",
            "Le code NC 22042109 ne correspond pas au produit B000 : choisissez un code NC de ce produit.",
        )
    ]


def test_s500_takes_any_cn_code():
    assert br018.check(excise_product_code="S500", cn_code="22042109", cn_codes_of_epc=frozenset(), field="f") == []


def test_a_known_epc_without_any_cn_code_refuses_every_one(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="T200", cn_code="24022090")])
    assert [error.code for error in br018.check_draft(draft, ctx)] == ["BR018"]


def test_unknown_epc_or_missing_codes_are_left_to_other_checks(ctx):
    draft = rules.Draft(
        lines=[
            rules.Line(excise_product_code="Q000", cn_code="22042109"),
            rules.Line(excise_product_code="W200", cn_code=""),
            rules.Line(excise_product_code="", cn_code="22042109"),
        ]
    )
    assert br018.check_draft(draft, ctx) == []
