import pytest

from gamma.rules import r216


@pytest.mark.parametrize("mode", ["1", "7"])
def test_without_guarantee_by_sea_or_fixed_installation(mode):
    assert r216.check(guarantor_type_code="5", transport_mode_code=mode) == []


@pytest.mark.parametrize("mode", ["0", "2", "3", "4", "5", "8"])
def test_without_guarantee_no_other_mode(mode):
    (error,) = r216.check(guarantor_type_code="5", transport_mode_code=mode)
    assert (error.code, error.field, error.message) == ("R216", "transport_mode_code", r216.REFUSED)


def test_with_a_guarantee_any_mode():
    assert r216.check(guarantor_type_code="1", transport_mode_code="3") == []
    assert r216.check(guarantor_type_code="5", transport_mode_code="") == []  # C182 asks for it
