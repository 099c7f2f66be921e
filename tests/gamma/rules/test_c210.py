import pytest

from gamma.rules import c210


@pytest.mark.parametrize("kind", ["DAES", "DSA"])
def test_a_duty_paid_movement_takes_no_guarantee(kind):
    (error,) = c210.check(kind=kind, guarantee_given=True)
    assert (error.code, error.field, error.message) == ("C210", "guarantor_type_code", c210.NOT_APPLICABLE)
    assert c210.check(kind=kind, guarantee_given=False) == []


def test_a_movement_under_suspension_may_change_its_guarantee():
    assert c210.check(kind="DAE", guarantee_given=True) == []
