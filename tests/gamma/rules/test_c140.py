import pytest

from gamma.rules import c140


def test_accepted_and_satisfactory_details_no_line():
    [error] = c140.check(global_conclusion=1, lines_reported=1)
    assert (error.code, error.field) == ("C140", "global_conclusion")
    assert error.message.startswith("Une réception « acceptée et satisfaisante » ne signale ni manquant")
    assert c140.check(global_conclusion=1, lines_reported=0) == []


@pytest.mark.parametrize("conclusion", [2, 3, 4])
def test_any_other_conclusion_details_one_line_at_least(conclusion):
    [error] = c140.check(global_conclusion=conclusion, lines_reported=0)
    assert error.message == "Détaillez au moins une ligne : ce qui manque, excède ou est refusé (C140)."
    assert c140.check(global_conclusion=conclusion, lines_reported=2) == []


def test_an_unknown_conclusion_is_left_to_the_form():
    assert c140.check(global_conclusion=9, lines_reported=0) == []
    assert c140.check(global_conclusion=None, lines_reported=1) == []
