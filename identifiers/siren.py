"""SIREN: the 9-digit INSEE number of a legal unit, protected by the Luhn algorithm."""

from stdnum.fr import siren as stdnum_siren

from identifiers._text import compact, is_ascii_digits
from identifiers.exceptions import EmptyIdentifier, InvalidChecksum, InvalidFormat, InvalidIdentifier, InvalidLength

LENGTH = 9

EMPTY = "Saisissez le numéro SIREN (9 chiffres)."
FORMAT = "Le numéro SIREN ne doit comporter que des chiffres (9 chiffres)."
LENGTH_MESSAGE = "Le numéro SIREN doit comporter 9 chiffres."
CHECKSUM = "Le numéro SIREN n'est pas valide (clé de contrôle incorrecte)."


def validate(value: str) -> str:
    """The 9 digits of a valid SIREN, separators removed."""
    number = compact(value)
    if not number:
        raise EmptyIdentifier(EMPTY)
    if not is_ascii_digits(number):
        raise InvalidFormat(FORMAT)
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not stdnum_siren.is_valid(number):
        raise InvalidChecksum(CHECKSUM)
    return number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True
