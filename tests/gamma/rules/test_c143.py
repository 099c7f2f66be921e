import pytest

from gamma.rules import c143
from gamma.rules.base import RuleError


def test_the_list_is_BC26():
    assert c143.LIST == "BC26"


def test_other_without_words_is_refused():
    assert c143.check(reason_code="0", complementary_information="  ", field="f") == [
        RuleError("C143", "f", "Précisez le motif « Autre » en quelques mots.")
    ]


@pytest.mark.parametrize(("code", "words"), [("0", "Camion en panne"), ("1", ""), ("1", "En plus"), ("", "")])
def test_other_with_words_or_another_reason_passes(code, words):
    assert c143.check(reason_code=code, complementary_information=words) == []
