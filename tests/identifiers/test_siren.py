import pytest

from identifiers import siren
from identifiers.exceptions import EmptyIdentifier, InvalidChecksum, InvalidFormat, InvalidIdentifier, InvalidLength


@pytest.mark.parametrize("value", ["353249154", "353 249 154", " 353.249.154 ", "353\u00a0249\u202f154"])
def test_a_valid_siren_is_returned_compact(value):
    assert siren.validate(value) == "353249154"


def test_the_seed_placeholder_siren_fails_the_luhn_check():
    with pytest.raises(InvalidChecksum) as refused:
        siren.validate("123456789")
    assert refused.value.message == "Le numéro SIREN n'est pas valide (clé de contrôle incorrecte)."
    assert not siren.is_valid("123456789")


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", EmptyIdentifier, "Saisissez le numéro SIREN (9 chiffres)."),
        ("  . - ", EmptyIdentifier, "Saisissez le numéro SIREN (9 chiffres)."),
        ("35324915", InvalidLength, "Le numéro SIREN doit comporter 9 chiffres."),
        ("3532491540", InvalidLength, "Le numéro SIREN doit comporter 9 chiffres."),
        ("35324915A", InvalidFormat, "Le numéro SIREN ne doit comporter que des chiffres (9 chiffres)."),
        ("३५३२४९१५४", InvalidFormat, "Le numéro SIREN ne doit comporter que des chiffres (9 chiffres)."),
    ],
)
def test_bad_sirens_are_refused_with_their_french_message(value, error, message):
    with pytest.raises(error) as refused:
        siren.validate(value)
    assert str(refused.value) == message
    assert isinstance(refused.value, InvalidIdentifier)


@pytest.mark.parametrize("value", [None, 353249154, b"353249154"])
def test_a_value_that_is_not_text_is_refused_not_crashed(value):
    assert siren.is_valid(value) is False
