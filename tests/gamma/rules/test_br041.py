from gamma.rules import br041
from gamma.rules.base import RuleError

RECEIPT = [
    {"body_record_unique_reference": 1, "indicator_of_shortage_or_excess": "S"},
    {"body_record_unique_reference": 2, "indicator_of_shortage_or_excess": None},
    {"body_record_unique_reference": 3, "indicator_of_shortage_or_excess": "E"},
]


def test_the_lines_found_short_or_in_excess():
    assert br041.lines_found_different(RECEIPT) == [1, 3]
    assert br041.lines_found_different([]) == []


def test_only_those_lines_may_be_explained():
    assert br041.check(body_record_unique_reference=3, found_different=[1, 3], field="f") == []
    assert br041.check(body_record_unique_reference=2, found_different=[1, 3], field="lines.2.explanation") == [
        RuleError(
            "BR041",
            "lines.2.explanation",
            "L'accusé de réception n'a signalé ni manquant ni excédent sur cette ligne (BR041).",
        )
    ]
