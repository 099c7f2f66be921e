from gamma.rules import c181
from gamma.rules.base import RuleError


def test_nothing_explained_is_refused():
    assert c181.check(global_explanation=" ", lines_explained=0) == [
        RuleError("C181", "global_explanation", "Saisissez une explication globale ou celle d'une ligne (C181).")
    ]


def test_a_global_explanation_or_a_line_is_enough():
    assert c181.check(global_explanation="Casse", lines_explained=0) == []
    assert c181.check(global_explanation="", lines_explained=1) == []
