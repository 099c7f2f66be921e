from gamma import rules
from gamma.rules import c127

FIELD = "transport_mode_complementary_information"


def test_the_mode_other_is_described():
    assert c127.check(transport_mode_code="0", complementary_information="Pipeline privé") == []
    assert c127.check(transport_mode_code="0", complementary_information="") == [
        rules.RuleError("C127", FIELD, "Précisez le mode de transport « Autre »."),
    ]


def test_the_description_does_not_apply_to_another_mode():
    assert c127.check(transport_mode_code="3", complementary_information="") == []
    assert c127.check(transport_mode_code="3", complementary_information="x") == [
        rules.RuleError(
            "C127", FIELD, "Ces précisions ne s'appliquent qu'au mode de transport « Autre » : laissez ce champ vide."
        ),
    ]


def test_before_the_mode_is_chosen_the_description_is_left_alone():
    assert c127.check(transport_mode_code="", complementary_information="x") == []
    [error] = c127.check(transport_mode_code="0", complementary_information="", field="other")
    assert error.field == "other"
