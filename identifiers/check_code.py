"""The check code of a printed document (« code de vérification »): printed in clear under the
QR code of every printed e-AD, DSA and fallback document, it opens the public check page
``/verifier/<code>/``. It is drawn at random (``secrets``), never derived from the ARC or the GPS
number: knowing a document's references does not give its code.

20 characters of Crockford's base 32 (digits and capital letters without I, L, O and U): 100 bits,
easy to read aloud and to type from paper. It is printed in groups of four
(``7K2M-QX9D-…``); typed, the dashes and blanks are dropped, lower case is raised and the letters
one mistakes for digits are read as those digits (O as 0, I and L as 1)."""

import secrets

from identifiers._text import compact
from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidIdentifier, InvalidLength

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})

EMPTY = "Saisissez le code de vérification imprimé à côté du QR code du document (20 caractères)."
LENGTH_MESSAGE = "Le code de vérification comporte 20 caractères (les tirets sont facultatifs)."
FORMAT = "Le code de vérification ne comporte que des chiffres et des lettres : vérifiez chaque caractère saisi."


def new() -> str:
    """A fresh random code (100 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def validate(value: object) -> str:
    """The code as stored (20 characters, upper case, no dashes), or :class:`InvalidIdentifier`."""
    code = compact(value).upper().translate(_LOOKALIKES)
    if not code:
        raise EmptyIdentifier(EMPTY)
    if len(code) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if any(character not in ALPHABET for character in code):
        raise InvalidFormat(FORMAT)
    return code


def is_valid(value: object) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def display(code: str) -> str:
    """The code as printed: ``7K2M-QX9D-4HNP-T8WB-C3RZ``."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))
