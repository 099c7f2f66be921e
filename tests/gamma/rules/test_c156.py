import pytest

from gamma.rules import c156


@pytest.mark.parametrize("unit", ["1", "2", "3", "4"])
def test_a_container_vehicle_trailer_or_tractor_is_identified(unit):
    assert c156.check(transport_unit_code=unit, identity="AB-123-CD", field="units.0.identity") == []
    (error,) = c156.check(transport_unit_code=unit, identity="", field="units.0.identity")
    assert (error.code, error.field, error.message) == ("C156", "units.0.identity", c156.REQUIRED)


def test_a_fixed_installation_has_no_identity():
    assert c156.check(transport_unit_code="5", identity="", field="f") == []
    (error,) = c156.check(transport_unit_code="5", identity="PIPE-1", field="f")
    assert (error.code, error.message) == ("C156", c156.NOT_APPLICABLE)


def test_a_unit_without_code_is_not_this_rules_business():
    assert c156.check(transport_unit_code="", identity="", field="f") == []
