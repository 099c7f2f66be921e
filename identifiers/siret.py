"""SIRET: the 14-digit INSEE number of an establishment, SIREN (9) + NIC (5).

Protected by the Luhn algorithm, except La Poste's establishments (SIREN 356000000), whose digit
sum must be a multiple of 5 instead: python-stdnum knows the exception.
"""

from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from identifiers._text import compact, is_ascii_digits
from identifiers.exceptions import (
    EmptyIdentifier,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

LENGTH = 14

EMPTY = "Saisissez le numéro SIRET (14 chiffres)."
FORMAT = "Le numéro SIRET ne doit comporter que des chiffres (14 chiffres)."
LENGTH_MESSAGE = "Le numéro SIRET doit comporter 14 chiffres."
CHECKSUM = "Le numéro SIRET n'est pas valide (clé de contrôle incorrecte)."
SIREN_PART = "Le numéro SIRET n'est pas valide : ses 9 premiers chiffres ne forment pas un numéro SIREN valide."


def validate(value: str) -> str:
    """The 14 digits of a valid SIRET, separators removed."""
    number = compact(value)
    if not number:
        raise EmptyIdentifier(EMPTY)
    if not is_ascii_digits(number):
        raise InvalidFormat(FORMAT)
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not stdnum_siret.is_valid(number):
        if not stdnum_siren.is_valid(number[:9]):
            raise InvalidComponent(SIREN_PART)
        raise InvalidChecksum(CHECKSUM)
    return number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def to_siren(value: str) -> str:
    """The SIREN of a valid SIRET."""
    return validate(value)[:9]


def to_nic(value: str) -> str:
    """The NIC (establishment's internal number) of a valid SIRET."""
    return validate(value)[9:]
