"""Customs office reference number (référence du bureau de douane): member state (2 letters) +
6 letters or digits, e.g. ``FR000690`` (EMCS schema ``[A-Z]{2}[a-zA-Z0-9]{6}``).

Offices outside the Union exist too (offices of exit, for example): any two letters are taken.
References are written in upper case; input is put in upper case."""

import re

from identifiers._text import compact
from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidIdentifier, InvalidLength

LENGTH = 8
_PATTERN = re.compile(r"[A-Z]{2}[A-Z0-9]{6}", re.ASCII)

EMPTY = "Saisissez la référence du bureau de douane (8 caractères, par exemple FR000690)."
LENGTH_MESSAGE = "La référence du bureau de douane comporte 8 caractères (par exemple FR000690)."
FORMAT = (
    "La référence du bureau de douane s'écrit avec le code de l'État membre (2 lettres) suivi de 6 lettres "
    "ou chiffres, par exemple FR000690."
)


def validate(value: str) -> str:
    """A valid customs office reference, upper case and without separators."""
    number = compact(value).upper()
    if not number:
        raise EmptyIdentifier(EMPTY)
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not _PATTERN.fullmatch(number):
        raise InvalidFormat(FORMAT)
    return number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True
