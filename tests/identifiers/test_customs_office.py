import pytest

from identifiers import customs_office
from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidLength


@pytest.mark.parametrize("value", ["FR000690", "fr000690", " FR 000 690 "])
def test_a_customs_office_reference_is_normalised(value):
    assert customs_office.validate(value) == "FR000690"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", EmptyIdentifier),
        ("FR00069", InvalidLength),
        ("FR0006900", InvalidLength),
        ("F1000690", InvalidFormat),
        ("FR00069é", InvalidFormat),
    ],
)
def test_bad_references_are_refused(value, error):
    with pytest.raises(error) as refused:
        customs_office.validate(value)
    assert "FR000690" in refused.value.message
    assert not customs_office.is_valid(value)
