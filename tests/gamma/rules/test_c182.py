import pytest

from gamma.rules import c182


def test_no_guarantee_needs_the_transport_mode():
    (error,) = c182.check(guarantor_type_code="5", transport_mode_code="")
    assert (error.code, error.field, error.message) == ("C182", "transport_mode_code", c182.REQUIRED)
    assert c182.check(guarantor_type_code="5", transport_mode_code="1") == []


@pytest.mark.parametrize("guarantor", ["", "1", "12", "1234"])
def test_otherwise_the_mode_is_optional(guarantor):
    assert c182.check(guarantor_type_code=guarantor, transport_mode_code="") == []
