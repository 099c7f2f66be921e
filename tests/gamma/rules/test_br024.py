from gamma.rules import br024
from gamma.rules.base import RuleError

EAD = {1: "W200", 2: "B000"}


def test_a_line_the_ead_does_not_have_is_refused():
    assert br024.check(body_record_unique_reference=7, ead_lines=EAD, field="lines.7.indicator") == [
        RuleError("BR024", "lines.7.indicator", "Cette ligne n'existe pas dans le document.")
    ]


def test_a_line_of_the_ead_passes_and_carries_its_product_code():
    assert br024.check(body_record_unique_reference=2, ead_lines=EAD, field="f") == []
    assert br024.excise_product_code(body_record_unique_reference=2, ead_lines=EAD) == "B000"
