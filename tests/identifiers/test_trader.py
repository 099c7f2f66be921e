import pytest

from identifiers import excise, trader
from identifiers.exceptions import EmptyIdentifier, InvalidComponent, InvalidFormat


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FR009990F0005", "FR009990F0005"),
        ("fr 0099 90f0005", "FR009990F0005"),
        ("DE012345678AB", "DE012345678AB"),  # another member state's excise number (R070)
        ("FR40303265045", "FR40303265045"),  # a French VAT number (an export's consignee)
        ("FR 40 303 265 045", "FR40303265045"),
    ],
)
def test_an_excise_or_vat_number_is_a_trader_identifier(value, expected):
    assert trader.validate(value) == expected and trader.is_valid(value)


def test_a_number_of_13_characters_is_answered_as_an_excise_number():
    with pytest.raises(InvalidFormat) as refused:
        trader.validate("FR12345678901")
    assert refused.value.message == excise.FRENCH_FORMAT
    with pytest.raises(InvalidComponent) as refused:
        trader.validate("ZZ12345678901")
    assert refused.value.message == excise.UNKNOWN_STATE


@pytest.mark.parametrize("value", ["ABC", "35324915400017", "DE123456789", "FR0123"])
def test_anything_else_is_refused_in_french(value):
    with pytest.raises(InvalidFormat, match=r"numéro d'accise .* ou un numéro de TVA"):
        trader.validate(value)
    assert not trader.is_valid(value)


def test_blank_is_empty():
    with pytest.raises(EmptyIdentifier):
        trader.validate(" ")


def test_excise_and_vat_numbers_are_told_apart():
    assert trader.is_excise_number("FR009990F0005") and not trader.is_excise_number("FR40303265045")


def test_only_france_s_national_structure_is_known_the_others_follow_r070():
    assert set(excise.NATIONAL_STRUCTURES) == {"FR"}
    assert excise.validate_seed("ITabcdefghijk") == "ITabcdefghijk"
    with pytest.raises(InvalidComponent):
        excise.validate_seed("GBWK924908680")  # not a member state since 2021 (XI for Northern Ireland)
