from gamma import rules
from gamma.rules import r060


def test_lines_numbered_one_to_n_pass_in_any_order():
    assert r060.check(references=[1, 2, 3]) == []
    assert r060.check(references=[2, 1]) == []
    assert r060.check(references=[]) == []


def test_a_number_used_twice_is_refused_at_the_second_line():
    assert r060.check(references=[1, 1]) == [
        rules.RuleError(
            "R060",
            "lines.1.body_record_unique_reference",
            "Le numéro de ligne 1 est déjà celui d\u2019une ligne précédente : chaque ligne a son propre numéro.",
        )
    ]


def test_a_gap_zero_or_a_missing_number_is_refused_at_its_line():
    errors = r060.check(references=[1, 5, 0, None], field="l{index}")
    assert [(error.code, error.field) for error in errors] == [("R060", "l1"), ("R060", "l2"), ("R060", "l3")]
    assert errors[0].message == (
        "Les lignes se numérotent de 1 à 4, sans trou ni doublon : le numéro 5 ne fait pas partie de la suite."
    )
    assert "de 1 à 4" in errors[2].message


def test_no_document_has_more_than_999_lines():
    errors = r060.check(references=list(range(1, 1001)))
    assert [(error.field, error.code) for error in errors] == [("lines.999.body_record_unique_reference", "R060")]
