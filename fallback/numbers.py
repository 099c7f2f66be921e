"""GPS numbers: the number of a paper document of the fallback procedure.

21 characters: the year of dispatch (2 digits) + the consignor's excise number (13) + the order
number in that excise number's series for that year (6 digits), e.g. ``09FR009990F0005000141``
(seed, part IV). One continuous series per excise number and year, starting at 1 *(assumption:
the seed shows one number; the series and its lack of gaps are ours)*. The number is also the LRN
of the movement that regularises the paper document in GAMMA (22 characters at most: it fits).

Pure Python: the allocation of the next order number, which needs the database, is
``fallback.services``."""

import re
from dataclasses import dataclass

from identifiers import excise
from identifiers._text import compact
from identifiers.exceptions import EmptyIdentifier, InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength

LENGTH = 21
ORDER_DIGITS = 6
MAX_ORDER = 10**ORDER_DIGITS - 1
# The training instance (issue 14, « GAMMA FORMATION ») numbers its series from 900001 to 999999;
# the real series stop at 899999 (no excise number issues that many paper documents in a year). A
# training number keeps the format (it is still an LRN and a valid GPS number) and can never be
# taken for, nor collide with, a real one: ``09FR009990F0005900001``.
REAL_ORDERS = range(1, 900_000)
TRAINING_ORDERS = range(900_001, MAX_ORDER + 1)
_PATTERN = re.compile(r"(?P<year>[0-9]{2})(?P<excise_number>[A-Z0-9]{13})(?P<order>[0-9]{6})", re.ASCII)

EMPTY = "Saisissez le numéro de document de secours (21 caractères, par exemple 09FR009990F0005000141)."
LENGTH_MESSAGE = "Le numéro de document de secours comporte 21 caractères (par exemple 09FR009990F0005000141)."
FORMAT = (
    "Le numéro de document de secours s'écrit l'année sur 2 chiffres, le numéro d'accise de l'expéditeur "
    "(13 caractères) et un numéro d'ordre sur 6 chiffres, par exemple 09FR009990F0005000141."
)
ZERO_ORDER = "Le numéro d'ordre d'un document de secours commence à 000001."


@dataclass(frozen=True)
class GpsNumber:
    number: str
    year: int  # two last digits of the year of dispatch
    excise_number: str
    order: int


def build(*, year: int, excise_number: str, order: int) -> str:
    """``build(year=2009, excise_number="FR009990F0005", order=141)`` → ``09FR009990F0005000141``."""
    number = excise.validate(excise_number)
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"order {order} outside 1..{MAX_ORDER}")
    return f"{year % 100:02d}{number}{order:0{ORDER_DIGITS}d}"


def validate(value: object) -> str:
    """A valid GPS number, in upper case and without separators."""
    number = compact(value).upper()
    if not number:
        raise EmptyIdentifier(EMPTY)
    if len(number) != LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    match = _PATTERN.fullmatch(number)
    if not match:
        raise InvalidFormat(FORMAT)
    try:
        excise.validate(match["excise_number"])
    except InvalidIdentifier as exc:
        raise InvalidComponent(f"{FORMAT} {exc.message}") from exc
    if int(match["order"]) == 0:
        raise InvalidComponent(ZERO_ORDER)
    return number


def is_valid(value: object) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def parse(value: object) -> GpsNumber:
    number = validate(value)
    match = _PATTERN.fullmatch(number)
    return GpsNumber(
        number=number,
        year=int(match["year"]),
        excise_number=match["excise_number"],
        order=int(match["order"]),
    )


def orders(*, training: bool) -> range:
    """The order numbers a series may take on the real or the training instance."""
    return TRAINING_ORDERS if training else REAL_ORDERS


def is_training_number(value: object) -> bool:
    """Whether ``value`` is a GPS number of the training instance (its order in :data:`TRAINING_ORDERS`)."""
    return is_valid(value) and parse(value).order in TRAINING_ORDERS
