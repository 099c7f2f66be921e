import pytest
from stdnum.fr import accise as stdnum_accise

from identifiers import excise
from identifiers.exceptions import (
    EmptyIdentifier,
    ForeignIdentifier,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)


@pytest.mark.parametrize("number", ["FR008777E0001", "FR009990F0005"])
def test_the_seeds_excise_numbers_are_valid(number):
    assert excise.validate(number) == number
    assert excise.is_valid(number)


def test_python_stdnum_refuses_the_seeds_letter_f_which_we_accept():
    assert not stdnum_accise.is_valid("FR009990F0005")
    assert excise.is_valid("FR009990F0005")


@pytest.mark.parametrize("value", ["fr009990f0005", "FR 009 990 F 0005", " FR0-09-990-F-0005 "])
def test_input_with_spaces_or_lower_case_is_normalised(value):
    assert excise.validate(value) == "FR009990F0005"


def test_the_parts_of_a_french_number():
    parts = excise.parse("FR009990F0005")
    assert (parts.year, parts.office, parts.letter, parts.order) == ("09", "990", "F", "0005")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", EmptyIdentifier),
        ("FR008777E001", InvalidLength),
        ("FR008777E00011", InvalidLength),
        ("FR108777E0001", InvalidFormat),  # FR0 prefix
        ("FR0X8777E0001", InvalidFormat),  # year
        ("FR008A77E0001", InvalidFormat),  # office
        ("FR00877710001", InvalidFormat),  # letter
        ("FR008777EE001", InvalidFormat),  # order
        ("XX008777E0001", InvalidFormat),  # not a member state
        ("FR008777É0001", InvalidFormat),
    ],
)
def test_malformed_french_numbers_are_refused(value, error):
    with pytest.raises(error) as refused:
        excise.validate(value)
    assert "FR008777E0001" in refused.value.message


def test_another_member_states_number_is_refused_as_foreign_by_the_french_rule():
    with pytest.raises(ForeignIdentifier) as refused:
        excise.validate("DE00012345678")
    assert "Allemagne" in refused.value.message


@pytest.mark.parametrize("value", ["DE00012345678", "IT00ABC12345x", "FR008777E0001", "xi00012345678"])
def test_seed_format_of_any_member_state(value):
    assert excise.is_valid_seed(value)
    assert excise.validate_seed(value)[:2] == value[:2].upper()


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("DE0001234567", InvalidLength),
        ("DE00012345678X", InvalidLength),
        ("D100012345678", InvalidFormat),
        ("US00012345678", InvalidComponent),
        ("FR0001234567A", InvalidFormat),
    ],
)
def test_seed_format_refusals(value, error):
    with pytest.raises(error):
        excise.validate_seed(value)


def test_member_state_of_a_number():
    assert excise.member_state("de00012345678") == "DE"
    assert excise.member_state_name("DE") == "Allemagne"
