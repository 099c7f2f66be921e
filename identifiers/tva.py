"""French intra-community VAT number (numéro de TVA intracommunautaire): ``FR`` + key (2) + SIREN (9).

The numeric key is (12 + 3 * (SIREN mod 97)) mod 97. python-stdnum's ``fr.tva`` checks it, and
also the rarer alphanumeric keys and Monaco's numbers (``FRxx000xxxxxx``, no SIREN inside).
Numbers of other member states are recognised by their prefix and refused with a clear message:
this module checks French numbers only.
"""

import re

from stdnum.fr import tva as stdnum_tva

from identifiers import siren as siren_module
from identifiers._text import EU_MEMBER_STATES, compact, is_ascii_digits
from identifiers.exceptions import (
    EmptyIdentifier,
    ForeignIdentifier,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

PREFIX = "FR"
LENGTH = 13  # FR + key (2) + SIREN (9)
# The key's characters: digits and letters but I and O (python-stdnum's alphabet).
_KEY = re.compile(r"[0-9A-HJ-NP-Z]{2}", re.ASCII)
MONACO_MARK = "000"  # SIREN position starting with 000: a Monaco company, no SIREN

EMPTY = "Saisissez le numéro de TVA intracommunautaire (FR suivi de 11 caractères)."
LENGTH_MESSAGE = (
    "Le numéro de TVA intracommunautaire français comporte 13 caractères : FR, une clé de 2 caractères "
    "et le numéro SIREN (9 chiffres)."
)
FORMAT = (
    "Le numéro de TVA intracommunautaire français s'écrit FR, une clé de 2 caractères et le numéro SIREN "
    "(9 chiffres), par exemple FR40303265045."
)
SIREN_PART = "Le numéro de TVA intracommunautaire n'est pas valide : le numéro SIREN qu'il contient est incorrect."
CHECKSUM = "Le numéro de TVA intracommunautaire n'est pas valide (clé de contrôle incorrecte)."


def foreign_message(state: str) -> str:
    return (
        f"Ce numéro de TVA relève d'un autre État membre ({EU_MEMBER_STATES[state]}) : seuls les numéros "
        "français (FR) sont vérifiés ici. Pour un autre État membre, consultez le service VIES de la "
        "Commission européenne."
    )


def validate(value: str) -> str:
    """The valid French VAT number, upper case, without separators, always with its ``FR`` prefix."""
    number = compact(value).upper()
    if not number:
        raise EmptyIdentifier(EMPTY)
    state = number[:2]
    if state == PREFIX:
        number = number[2:]
    elif state in EU_MEMBER_STATES and not (len(number) == LENGTH - 2 and stdnum_tva.is_valid(number)):
        # Not a French number typed without its prefix whose key happens to read like a state code.
        raise ForeignIdentifier(foreign_message(state))
    # Now the key and the SIREN: 11 characters.
    if len(number) != LENGTH - 2:
        raise InvalidLength(LENGTH_MESSAGE)
    if not _KEY.fullmatch(number[:2]) or not is_ascii_digits(number[2:]):
        raise InvalidFormat(FORMAT)
    siren = number[2:]
    if not siren.startswith(MONACO_MARK) and not siren_module.is_valid(siren):
        raise InvalidComponent(SIREN_PART)
    if not stdnum_tva.is_valid(number):
        raise InvalidChecksum(CHECKSUM)
    return PREFIX + number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def numeric_key(siren: str) -> str:
    """The two-digit key of a (valid) SIREN: (12 + 3 * (SIREN mod 97)) mod 97."""
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}"


def compute_from_siren(value: str) -> str:
    """The VAT number of a company from its SIREN (validated first): ``FR`` + numeric key + SIREN."""
    siren = siren_module.validate(value)
    return f"{PREFIX}{numeric_key(siren)}{siren}"


def to_siren(value: str) -> str | None:
    """The SIREN inside a valid VAT number; ``None`` for Monaco's numbers, which hold none."""
    siren = validate(value)[4:]
    return None if siren.startswith(MONACO_MARK) else siren


def format_number(value: str) -> str:
    """``FR 40 303 265 045``: the usual printed form of a valid number."""
    number = validate(value)
    return " ".join((number[:2], number[2:4], number[4:7], number[7:10], number[10:]))
