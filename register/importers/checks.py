"""Fast SIREN / SIRET checks for the import's hot loop.

python-stdnum (``stdnum.fr.siren``, ``stdnum.fr.siret``) is the reference and the import still
asks it whenever the fast check says no (La Poste's digit-sum rule, the reason to report). But it
cleans and loops over every digit: tens of microseconds per row, minutes on 42 million rows.
Here the Luhn sum of a number is the sum of the Luhn sums of its 4- and 5-digit slices, looked
up in tables built once (about 20 MB, whatever the file size): three dictionary hits per SIRET.
A slice that is not ASCII digits is simply not a key, so the tables check the format too.
"""

from stdnum.fr import siret as stdnum_siret

LA_POSTE_SIREN = "356000000"

_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # Luhn: a doubled digit counts as the sum of its digits


def _table(width: int, doubled_first: bool) -> dict[str, int]:
    """Luhn sum of every ``width``-digit string, doubling every other digit from the first (or the second)."""
    table = {"": 0}
    for position in range(width):
        weights = _DOUBLED if (position % 2 == 0) == doubled_first else range(10)
        table = {prefix + str(digit): total + weights[digit] for prefix, total in table.items() for digit in range(10)}
    return table


# Doubled digits are those at an odd position counted from the right (the check digit is 0).
# SIRET, 14 digits: doubled at left indexes 0, 2, … 12.  SIREN, 9 digits: at 1, 3, 5, 7.
_EVEN5 = _table(5, doubled_first=True)  # siret[0:5]
_ODD5 = _table(5, doubled_first=False)  # siret[5:10], siren[0:5]
_EVEN4 = _table(4, doubled_first=True)  # siret[10:14], siren[5:9]


def siret_is_valid(siret: str) -> bool:
    """Same answer as ``stdnum.fr.siret.is_valid`` for 14 plain digits, La Poste included."""
    if len(siret) != 14:
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return siret.isdigit() and stdnum_siret.is_valid(siret)
    a = _EVEN5.get(siret[0:5])
    b = _ODD5.get(siret[5:10])
    c = _EVEN4.get(siret[10:14])
    if a is None or b is None or c is None or (a + b + c) % 10:
        return False
    return siren_is_valid(siret[0:9])


def siren_is_valid(siren: str) -> bool:
    """Same answer as ``stdnum.fr.siren.is_valid`` for 9 plain digits."""
    if len(siren) != 9:
        return False
    a = _ODD5.get(siren[0:5])
    b = _EVEN4.get(siren[5:9])
    return a is not None and b is not None and (a + b) % 10 == 0


def siren_check_digit(body: str) -> str:
    """The ninth digit that makes ``body`` (8 digits) a valid SIREN."""
    return str((10 - _luhn_partial(body) % 10) % 10)


def siret_check_digit(body: str) -> str:
    """The fourteenth digit that makes ``body`` (13 digits) a valid SIRET (Luhn)."""
    return str((10 - _luhn_partial(body) % 10) % 10)


def _luhn_partial(body: str) -> int:
    """Luhn sum of ``body`` as the left part of a number whose check digit is still to come."""
    # Counted from the right, the digit just left of the check digit is doubled.
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = ord(char) - 48
        total += _DOUBLED[digit] if i % 2 == 0 else digit
    return total


# For the import's loop, which inlines the SIRET check: Luhn sums of siret[:5], siret[5:10], siret[10:].
SIRET_SUM_TABLES = (_EVEN5, _ODD5, _EVEN4)
