import pytest
from stdnum import luhn

from identifiers import siret
from identifiers.exceptions import EmptyIdentifier, InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

SEED_SIRET = "35324915400017"


@pytest.mark.parametrize("value", [SEED_SIRET, "353 249 154 00017", "353.249.154.00017", "\t35324915400017\n"])
def test_the_seed_siret_is_valid(value):
    assert siret.validate(value) == SEED_SIRET
    assert siret.is_valid(value)


def test_siren_and_nic_of_a_siret():
    assert siret.to_siren(SEED_SIRET) == "353249154"
    assert siret.to_nic(SEED_SIRET) == "00017"


def test_a_wrong_check_digit_is_refused():
    with pytest.raises(InvalidChecksum) as refused:
        siret.validate("35324915400018")
    assert refused.value.message == "Le numéro SIRET n'est pas valide (clé de contrôle incorrecte)."


def test_a_siret_whose_siren_part_is_wrong_says_so():
    # Luhn-valid over 14 digits, but its first 9 digits are the seed's invalid SIREN 123456789.
    number = next(f"123456789{n:05d}" for n in range(100_000) if luhn.is_valid(f"123456789{n:05d}"))
    with pytest.raises(InvalidComponent) as refused:
        siret.validate(number)
    assert "9 premiers chiffres" in refused.value.message


def test_la_poste_establishments_follow_their_own_rule():
    # La Poste (SIREN 356000000): the digit sum must be a multiple of 5, not the Luhn sum.
    assert siret.is_valid("35600000049837")
    assert not siret.is_valid("35600000049838")


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", EmptyIdentifier, "Saisissez le numéro SIRET (14 chiffres)."),
        ("3532491540001", InvalidLength, "Le numéro SIRET doit comporter 14 chiffres."),
        ("353249154000170", InvalidLength, "Le numéro SIRET doit comporter 14 chiffres."),
        ("3532491540001O", InvalidFormat, "Le numéro SIRET ne doit comporter que des chiffres (14 chiffres)."),
        (
            "<script>alert(1)</script>",
            InvalidFormat,
            "Le numéro SIRET ne doit comporter que des chiffres (14 chiffres).",
        ),
        ("1" * 10_000, InvalidLength, "Le numéro SIRET doit comporter 14 chiffres."),
    ],
)
def test_bad_sirets_are_refused_with_their_french_message(value, error, message):
    with pytest.raises(error) as refused:
        siret.validate(value)
    assert refused.value.message == message
