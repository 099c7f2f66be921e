"""ARC (administrative reference code, code de référence administratif): the identifier EMCS gives
an e-AD / e-SAD when it is validated, 21 characters (rule R030, schema
``[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]``):

======  =======================================================================================
 1-2    last two digits of the year of validation (``23``)
 3-4    member state where the document was submitted (``FR``)
 5-19   nationally assigned code, unique per movement: 15 digits or capital letters
 20     type of movement: ``P`` for a duty-paid movement (SubmissionMessageType 3) since 2023;
        ARCs made before 2023 are all duty-suspension movements, whatever this character
 21     check digit over the 20 characters before it
======  =======================================================================================

The check digit follows ISO 6346 (the containers' check digit): digits count for their value,
letters from A = 10 upward skipping the multiples of 11 (so B = 12 … K = 21, L = 23 … U = 32,
V = 34 …), each weighted by 2 to the power of its position (0 for the first character); the sum
modulo 11, then modulo 10, is the digit. The official text (DDNEA, "Design Principles") was not at
hand: the rule is the one every real ARC tested here obeys (``17DKK1KHPMQH2W23ABI62``,
``23GB00000000000378553`` and the ARCs HMRC's EMCS gave its example messages). Some example
messages carry hand-written ARCs that do not obey it: :func:`validate_format` reads those.
"""

import re

from identifiers._text import compact
from identifiers.exceptions import (
    EmptyIdentifier,
    InvalidChecksum,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

LENGTH = 21
NATIONAL_CODE_LENGTH = 15
_PATTERN = re.compile(r"[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]", re.ASCII)
_BODY = re.compile(r"[0-9A-Z]{20}", re.ASCII)
_CODE_CHARACTER = re.compile(r"[0-9A-Z]", re.ASCII)
_NATIONAL_CODE = re.compile(r"[0-9A-Z]{15}", re.ASCII)

# Character 20, the type of movement (R030 field 4). "P" is the only value the rule defines; any
# other character means a duty-suspension movement. "0" is the one this portal writes for those
# (HMRC's EMCS writes a digit there too).
DUTY_PAID = "P"
DUTY_SUSPENSION = "0"
DUTY_PAID_SINCE_YEAR = 23  # R030's note: the "P" convention applies to ARCs made from 01/01/2023

# The training instance (issue 14, « GAMMA FORMATION »): its ARCs are French ARCs whose national code
# starts with this marker (``26FRFORMATION4K7Q2P01``: still the schema's pattern, with its check
# digit), followed by 6 random characters. The real instance never draws a national code starting
# with it, so a training ARC can never be taken for a real one, nor collide with one.
TRAINING_MARKER = "FORMATION"

EXAMPLE = "23GB00000000000378553"
EMPTY = f"Saisissez l'ARC (code de référence administratif, 21 caractères, par exemple {EXAMPLE})."
LENGTH_MESSAGE = f"L'ARC comporte 21 caractères (par exemple {EXAMPLE})."
FORMAT = (
    "L'ARC s'écrit avec 2 chiffres (année), le code de l'État membre (2 lettres), 16 chiffres ou lettres "
    f"majuscules et un chiffre de contrôle, par exemple {EXAMPLE}."
)
CHECKSUM = "Le chiffre de contrôle de cet ARC ne correspond pas : vérifiez chaque caractère saisi."


def _values() -> dict[str, int]:
    values = {str(digit): digit for digit in range(10)}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


_VALUES = _values()


def check_digit(body: str) -> str:
    """The check digit of the first 20 characters of an ARC."""
    if not _BODY.fullmatch(body):
        raise ValueError(f"An ARC's body is 20 digits or capital letters, not {body!r}.")
    return str(sum(_VALUES[character] << position for position, character in enumerate(body)) % 11 % 10)


def validate_format(value: str) -> str:
    """The ARC, upper case and without blanks, checked against the schema's pattern only (for
    messages received from outside, whose ARCs the issuing state vouches for)."""
    arc = compact(value).upper()
    if not arc:
        raise EmptyIdentifier(EMPTY)
    if len(arc) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not _PATTERN.fullmatch(arc):
        raise InvalidFormat(FORMAT)
    return arc


def validate(value: str) -> str:
    """A valid ARC, upper case and without blanks: format and check digit."""
    arc = validate_format(value)
    if check_digit(arc[:20]) != arc[20]:
        raise InvalidChecksum(CHECKSUM)
    return arc


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def build(*, year: int, national_code: str, movement_type: str, member_state: str = "FR") -> str:
    """The ARC of a movement validated in ``year`` (``2025`` or ``25``), from its unique national
    code (15 digits or capital letters) and its type (:data:`DUTY_PAID` or
    :data:`DUTY_SUSPENSION`). Making the national code unique is the caller's task."""
    if not 0 <= year <= 9999:
        raise ValueError(f"Not a year: {year!r}.")
    if not _NATIONAL_CODE.fullmatch(national_code):
        raise ValueError(f"A national code is 15 digits or capital letters, not {national_code!r}.")
    if not _CODE_CHARACTER.fullmatch(movement_type):
        raise ValueError(f"A movement type is one digit or capital letter, not {movement_type!r}.")
    if not re.fullmatch(r"[A-Z]{2}", member_state, re.ASCII):
        raise ValueError(f"A member state is two capital letters, not {member_state!r}.")
    body = f"{year % 100:02d}{member_state}{national_code}{movement_type}"
    return body + check_digit(body)


def is_duty_paid(arc: str) -> bool:
    """Whether the ARC is a duty-paid (B2B) movement's: ``P`` in 20th position, from 2023 (R030)."""
    return int(arc[:2]) >= DUTY_PAID_SINCE_YEAR and arc[19] == DUTY_PAID


def is_training_arc(value: str) -> bool:
    """Whether ``value`` is an ARC of the training instance (:data:`TRAINING_MARKER`)."""
    arc = compact(value).upper()
    return bool(_PATTERN.fullmatch(arc)) and arc[2:4] == "FR" and arc[4:].startswith(TRAINING_MARKER)
