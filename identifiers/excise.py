"""Excise numbers (numéros d'accise).

French numbers (13 characters, no check digit): ``FR0`` + year (2 digits) + customs office
(3 digits) + one letter for the kind of operator + order number (4 digits), e.g. ``FR008777E0001``.
python-stdnum's ``fr.accise`` only admits the letters E, N, C and B and so refuses the seed's
``FR009990F0005``: the rule is written here, with any letter A-Z.

Other member states' numbers follow the EMCS (SEED) schema only: member state (2 letters) +
11 letters or digits, ``[A-Z]{2}[a-zA-Z0-9]{11}``.
"""

import re
from dataclasses import dataclass

from identifiers._text import EU_MEMBER_STATES, compact, is_ascii_alnum
from identifiers.exceptions import (
    EmptyIdentifier,
    ForeignIdentifier,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

LENGTH = 13
FRENCH_PREFIX = "FR0"
_FRENCH = re.compile(r"FR0(?P<year>[0-9]{2})(?P<office>[0-9]{3})(?P<letter>[A-Z])(?P<order>[0-9]{4})", re.ASCII)
_SEED = re.compile(r"[A-Z]{2}[a-zA-Z0-9]{11}", re.ASCII)

EMPTY = "Saisissez le numéro d'accise (13 caractères, par exemple FR008777E0001)."
LENGTH_MESSAGE = "Le numéro d'accise comporte 13 caractères (par exemple FR008777E0001)."
FRENCH_FORMAT = (
    "Le numéro d'accise français s'écrit FR0, 2 chiffres (année), 3 chiffres (bureau de douane), "
    "une lettre et 4 chiffres (numéro d'ordre), par exemple FR008777E0001."
)
SEED_FORMAT = (
    "Un numéro d'accise commence par le code de l'État membre (2 lettres) suivi de 11 lettres ou chiffres, "
    "par exemple FR008777E0001."
)
UNKNOWN_STATE = "Le numéro d'accise doit commencer par le code d'un État membre de l'Union européenne (par exemple FR)."


def foreign_message(state: str) -> str:
    return (
        f"Ce numéro d'accise relève d'un autre État membre ({EU_MEMBER_STATES[state]}) : seuls les numéros "
        "français (FR) sont acceptés ici."
    )


@dataclass(frozen=True)
class FrenchExciseNumber:
    """The parts of a French excise number."""

    number: str
    year: str  # two last digits of the year of issue
    office: str  # the issuing customs office's 3-digit code
    letter: str  # the kind of operator
    order: str  # order number within year, office and kind


def _normalise(value: object) -> str:
    number = compact(value)
    if not number:
        raise EmptyIdentifier(EMPTY)
    return number


def validate(value: str) -> str:
    """A valid French excise number, upper case and without separators."""
    number = _normalise(value).upper()
    state = number[:2]
    if state != "FR" and state in EU_MEMBER_STATES and is_ascii_alnum(number) and len(number) == LENGTH:
        raise ForeignIdentifier(foreign_message(state))
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not _FRENCH.fullmatch(number):
        raise InvalidFormat(FRENCH_FORMAT)
    return number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def parse(value: str) -> FrenchExciseNumber:
    number = validate(value)
    match = _FRENCH.fullmatch(number)
    return FrenchExciseNumber(number=number, **match.groupdict())


def validate_seed(value: str) -> str:
    """An excise number of any member state, checked against the EMCS schema's pattern.

    The member state code is put in upper case; the 11 characters after it keep their case (the
    schema allows lower case letters there). A number of a state whose national structure is known
    (:data:`NATIONAL_STRUCTURES`: France's) must also follow it.
    """
    number = _normalise(value)
    number = number[:2].upper() + number[2:]
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    if not _SEED.fullmatch(number):
        raise InvalidFormat(SEED_FORMAT)
    if number[:2] not in EU_MEMBER_STATES:
        raise InvalidComponent(UNKNOWN_STATE)
    national = NATIONAL_STRUCTURES.get(number[:2])
    return national(number) if national else number


# The member states whose national structure of the 11 characters after the state code is known
# here, with the function checking it. Every other state's number is checked against rule R070's
# structure only (state + 11 letters or digits): no public source gives their national layout.
NATIONAL_STRUCTURES = {"FR": validate}


def is_valid_seed(value: str) -> bool:
    try:
        validate_seed(value)
    except InvalidIdentifier:
        return False
    return True


def member_state_name(code: str) -> str:
    """``DE`` → ``Allemagne``."""
    return EU_MEMBER_STATES.get(code, code)


def member_state(value: str) -> str:
    """The member state code (``FR``, ``DE`` …) of a valid excise number of any member state."""
    return validate_seed(value)[:2]
