from gamma import rules
from gamma.rules import r263

MESSAGE = (
    "L'alcool totalement dénaturé (S600) ne peut pas circuler en suspension de droits : ce produit ne peut pas "
    "figurer sur un DAE."
)


def draft(kind):
    return rules.Draft(
        kind=kind, lines=[rules.Line(excise_product_code="S200"), rules.Line(excise_product_code="S600")]
    )


def test_s600_under_duty_suspension_is_refused(ctx):
    assert r263.check_draft(draft(rules.DAE), ctx) == [rules.RuleError("R263", "lines.1.excise_product_code", MESSAGE)]


def test_s600_duty_paid_passes(ctx):
    assert r263.check_draft(draft(rules.DAES), ctx) == []
    assert r263.check_draft(draft(rules.DSA), ctx) == []


def test_other_products_under_duty_suspension_pass():
    assert r263.check(kind=rules.DAE, excise_product_code="S400", field="f") == []
