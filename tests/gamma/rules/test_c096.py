from gamma import rules
from gamma.rules import c096

IMPORT, TAX_WAREHOUSE, DUTY_PAID = 2, 1, 3


def check(origin, numbers=(), kind=rules.DAE):
    return c096.check(kind=kind, origin_type_code=origin, import_customs_declarations=list(numbers))


def test_imported_goods_give_their_import_customs_declaration():
    assert check(IMPORT) == [
        rules.RuleError(
            "C096",
            "import_customs_declarations.0.number",
            "Indiquez le numéro de la déclaration en douane d'importation des marchandises importées.",
        )
    ]
    assert check(IMPORT, [""]) == check(IMPORT)  # a blank number is none
    assert check(IMPORT, ["26FR000690I0000123"]) == []
    assert check(IMPORT, ["26FR000690I0000123", "26FR000690I0000124"]) == []


def test_the_declaration_does_not_apply_to_goods_not_imported():
    message = (
        "La déclaration en douane d'importation ne s'applique qu'à des marchandises importées (type d'origine "
        "« Importation ») : laissez ces numéros vides."
    )
    for origin in (TAX_WAREHOUSE, DUTY_PAID, None):
        assert check(origin) == []
        assert check(origin, ["26FR000690I0000123"]) == [
            rules.RuleError("C096", "import_customs_declarations.0.number", message)
        ]
    assert check(DUTY_PAID, ["26FR000690I0000123"], kind=rules.DAES)[0].code == "C096"


def test_a_dsa_is_not_this_conditions_business():
    assert check(IMPORT, kind=rules.DSA) == []
    assert check(TAX_WAREHOUSE, ["26FR000690I0000123"], kind=rules.DSA) == []
