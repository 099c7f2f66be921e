from gamma import rules
from gamma.rules import c208


def test_a_dae_leaves_from_a_tax_warehouse():
    assert c208.check(kind=rules.DAE, origin_type_code=1, reference_of_tax_warehouse="FR008777E0001") == []
    assert c208.check(kind=rules.DAE, origin_type_code=1, reference_of_tax_warehouse="") == [
        rules.RuleError(
            "C208",
            "place_of_dispatch.reference_of_tax_warehouse",
            "Indiquez la référence de l'entrepôt fiscal d'expédition.",
        )
    ]


def test_a_daes_does_not():
    assert c208.check(kind=rules.DAES, origin_type_code=3, reference_of_tax_warehouse="") == []
    assert c208.check(kind=rules.DAES, origin_type_code=3, reference_of_tax_warehouse="FR008777E0001") == [
        rules.RuleError(
            "C208",
            "place_of_dispatch.reference_of_tax_warehouse",
            "Un DAES (droits acquittés) ne part pas d'un entrepôt fiscal : laissez ce champ vide.",
        )
    ]


def test_imported_goods_and_a_dsa_are_not_this_rules_business():
    assert c208.check(kind=rules.DAE, origin_type_code=2, reference_of_tax_warehouse="") == []
    assert c208.check(kind=rules.DSA, origin_type_code=None, reference_of_tax_warehouse="X") == []
