import pytest

from gamma.rules import c128
from gamma.rules.base import RuleError


def test_the_list_is_BC51():
    assert c128.LIST == "BC51"


def test_other_without_words_is_refused():
    assert c128.check(reason_code="0", complementary_information="  ", field="f") == [
        RuleError("C128", "f", "Précisez le motif « Autre » en quelques mots.")
    ]


@pytest.mark.parametrize(("code", "words"), [("0", "Camion en panne"), ("1", ""), ("1", "En plus"), ("", "")])
def test_other_with_words_or_another_reason_passes(code, words):
    assert c128.check(reason_code=code, complementary_information=words) == []
