import pytest

from identifiers import tva
from identifiers.exceptions import (
    EmptyIdentifier,
    ForeignIdentifier,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)


@pytest.mark.parametrize(
    ("siren", "expected"),
    [("353249154", "FR67353249154"), ("303265045", "FR40303265045"), ("732829320", "FR44732829320")],
)
def test_the_vat_number_is_computed_from_the_siren(siren, expected):
    assert tva.compute_from_siren(siren) == expected
    assert tva.validate(expected) == expected


def test_the_key_is_twelve_plus_three_times_the_siren_mod_97_mod_97():
    for siren in ("353249154", "303265045", "552100554", "000000000"):
        assert int(tva.numeric_key(siren)) == (12 + 3 * (int(siren) % 97)) % 97


def test_computing_from_an_invalid_siren_refuses_with_the_siren_message():
    with pytest.raises(InvalidChecksum) as refused:
        tva.compute_from_siren("123456789")
    assert refused.value.message == "Le numéro SIREN n'est pas valide (clé de contrôle incorrecte)."


@pytest.mark.parametrize(
    "value", ["FR40303265045", "fr 40 303 265 045", "FR-40-303-265-045", "40303265045", "FR40.303.265.045"]
)
def test_input_is_normalised_with_its_fr_prefix(value):
    assert tva.validate(value) == "FR40303265045"


def test_new_style_alphanumeric_keys_are_accepted():
    assert tva.validate("FRK7399859412") == "FRK7399859412"


def test_a_monaco_number_holds_no_siren():
    number = "FR" + f"{int('000123456' + '12') % 97:02d}" + "000123456"
    assert tva.is_valid(number)
    assert tva.to_siren(number) is None


def test_the_siren_inside_a_valid_number():
    assert tva.to_siren("FR40303265045") == "303265045"
    assert tva.format_number("FR40303265045") == "FR 40 303 265 045"


@pytest.mark.parametrize(
    ("value", "error", "message_part"),
    [
        ("", EmptyIdentifier, "Saisissez le numéro de TVA"),
        ("FR4030326504", InvalidLength, "comporte 13 caractères"),
        ("FR403032650451", InvalidLength, "comporte 13 caractères"),
        ("FRIO303265045", InvalidFormat, "s'écrit FR, une clé de 2 caractères"),
        ("FR40303A65045", InvalidFormat, "s'écrit FR, une clé de 2 caractères"),
        ("FR41303265045", InvalidChecksum, "clé de contrôle incorrecte"),
        ("FR00123456789", InvalidComponent, "le numéro SIREN qu'il contient est incorrect"),
    ],
)
def test_bad_french_numbers_are_refused(value, error, message_part):
    with pytest.raises(error) as refused:
        tva.validate(value)
    assert message_part in refused.value.message


@pytest.mark.parametrize(("value", "state"), [("DE123456789", "Allemagne"), ("ATU12345678", "Autriche")])
def test_other_member_states_numbers_are_pointed_to_vies(value, state):
    with pytest.raises(ForeignIdentifier) as refused:
        tva.validate(value)
    assert state in refused.value.message
    assert "VIES" in refused.value.message
