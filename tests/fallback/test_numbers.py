"""The GPS number: year (2) + excise number (13) + order (6), as the seed shows it."""

import pytest

from fallback import numbers
from identifiers.exceptions import InvalidIdentifier

SEED = "09FR009990F0005000141"


def test_the_seed_number_is_built_from_its_parts():
    assert numbers.build(year=2009, excise_number="FR009990F0005", order=141) == SEED


def test_the_seed_number_parses_into_its_parts():
    parsed = numbers.parse(SEED)

    assert (parsed.year, parsed.excise_number, parsed.order) == (9, "FR009990F0005", 141)
    assert len(SEED) == numbers.LENGTH == 21


@pytest.mark.parametrize(
    ("year", "order", "expected"),
    [(2026, 1, "26FR009990F0005000001"), (2100, 999_999, "00FR009990F0005999999"), (2010, 42, "10FR009990F0005000042")],
)
def test_the_year_keeps_two_digits_and_the_order_six(year, order, expected):
    assert numbers.build(year=year, excise_number="FR009990F0005", order=order) == expected


@pytest.mark.parametrize("order", [0, -1, 1_000_000])
def test_an_order_outside_the_six_digits_is_never_built(order):
    with pytest.raises(ValueError):
        numbers.build(year=2026, excise_number="FR009990F0005", order=order)


def test_build_refuses_an_invalid_excise_number():
    with pytest.raises(InvalidIdentifier):
        numbers.build(year=2026, excise_number="FR12", order=1)


def test_typed_separators_and_case_are_forgiven():
    assert numbers.validate(" 09fr009990f0005-000141 ") == SEED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Saisissez le numéro de document de secours"),
        ("09FR009990F000500014", "comporte 21 caractères"),
        ("9XFR009990F0005000141", "l'année sur 2 chiffres"),
        ("09FR009990F00050001X1", "numéro d'ordre sur 6 chiffres"),
        ("09FR109990F0005000141", "Le numéro d'accise français s'écrit FR0"),
        ("09FR009990F0005000000", "commence à 000001"),
    ],
)
def test_invalid_numbers_are_refused_with_their_reason(value, message):
    with pytest.raises(InvalidIdentifier, match=message):
        numbers.validate(value)
    assert not numbers.is_valid(value)


def test_a_gps_number_fits_in_an_lrn():
    from identifiers import lrn

    assert lrn.validate(SEED) == SEED
