from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c012

WAREHOUSE = MovementTrader(reference_of_tax_warehouse="FR008777E0001")


def check(origin, office="", place=None, kind=rules.DAE):
    return c012.check(kind=kind, origin_type_code=origin, dispatch_import_office_code=office, place_of_dispatch=place)


def test_imported_goods_need_the_office_of_import_and_no_place_of_dispatch():
    assert check(2, office="FR000690") == []
    assert check(2, place=WAREHOUSE) == [
        rules.RuleError("C012", "dispatch_import_office_code", "Indiquez le bureau d'importation."),
        rules.RuleError(
            "C012",
            "place_of_dispatch.reference_of_tax_warehouse",
            "Le lieu d'expédition ne s'applique pas à des marchandises importées : laissez ces champs vides et "
            "indiquez le bureau d'importation.",
        ),
    ]


def test_the_office_of_import_does_not_apply_to_goods_from_a_warehouse_or_duty_paid():
    for origin in (1, 3, None):
        assert check(origin, place=WAREHOUSE) == []
        assert check(origin, office="FR000690") == [
            rules.RuleError(
                "C012",
                "dispatch_import_office_code",
                "Le bureau d'importation ne s'applique qu'à des marchandises importées : laissez ce champ vide.",
            )
        ]


def test_a_dsa_is_not_this_rules_business():
    assert check(2, kind=rules.DSA) == []
