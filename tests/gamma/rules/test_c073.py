from gamma import rules
from gamma.rules import c073


def line(*packages):
    return rules.Line(excise_product_code="W200", packages=list(packages))


def test_bottles_with_their_number_and_bulk_without_pass(ctx):
    draft = rules.Draft(lines=[line(rules.Package("BO", 600)), line(rules.Package("VL", None), rules.Package("BO", 0))])
    assert c073.check_draft(draft, ctx) == []


def test_bottles_without_a_number_are_refused(ctx):
    draft = rules.Draft(lines=[line(rules.Package("BO", 12)), line(rules.Package("VL"), rules.Package("BO"))])
    assert c073.check_draft(draft, ctx) == [
        rules.RuleError(
            "C073",
            "lines.1.packages.1.number_of_packages",
            "Le nombre de colis est obligatoire pour ce type de colis (BO).",
        )
    ]


def test_a_number_of_packages_for_bulk_does_not_apply():
    assert c073.check(kind_of_packages="VL", number_of_packages=3, countable=False, field="f") == [
        rules.RuleError(
            "C073",
            "f",
            "Le nombre de colis ne s'applique pas aux marchandises en vrac ou non emballées (VL) : "
            "laissez ce champ vide.",
        )
    ]


def test_an_unknown_kind_is_left_to_its_own_check(ctx):
    draft = rules.Draft(lines=[line(rules.Package("ZZ"))])
    assert c073.check_draft(draft, ctx) == []
