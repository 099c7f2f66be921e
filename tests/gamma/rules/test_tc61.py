import pytest

from gamma.rules import tc61


def test_the_list():
    assert (tc61.CONSIGNOR, tc61.CONSIGNEE) == (1, 2)
    assert tc61.check(submitter_type=1) == tc61.check(submitter_type="2") == []


@pytest.mark.parametrize("value", [0, 3, "x", None])
def test_other_values_are_refused(value):
    [error] = tc61.check(submitter_type=value)
    assert (error.code, error.field) == ("TC61", "submitter_type")
    assert "1 (expéditeur) ou 2 (destinataire)" in error.message
