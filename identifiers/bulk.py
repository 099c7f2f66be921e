"""Fast SIREN / SIRET checks for bulk data: the SIRENE import's hot loop (``register.importers.sirene``).

python-stdnum (``stdnum.fr.siren``, ``stdnum.fr.siret``) is the reference, and the import still
asks it for La Poste's SIRETs (digit-sum rule) and for the reason of a refusal. But it cleans and
loops over every digit: tens of microseconds per row, minutes on 42 million rows. Here the Luhn sum
of a number is the sum of the Luhn sums of its 4- and 5-digit slices, looked up in tables built
once (about 20 MB, whatever the file size). A slice that is not ASCII digits, or not of the right
length, is simply not a key: the tables check the format too.

Doubled digits are those at an odd place counted from the right (the check digit being place 0).
With ``head, tail = siren[:5], siren[5:]`` (SIRET = SIREN + NIC):

    SIREN's Luhn sum = ODD5[head] + EVEN4[tail]
    SIRET's Luhn sum = EVEN5[head] + ODD4[tail] + ODD5[nic]
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


EVEN5 = _table(5, doubled_first=True)  # doubled at 0, 2, 4
ODD5 = _table(5, doubled_first=False)  # doubled at 1, 3
EVEN4 = _table(4, doubled_first=True)  # doubled at 0, 2
ODD4 = _table(4, doubled_first=False)  # doubled at 1, 3


def siren_is_valid(siren: str) -> bool:
    """Same answer as ``stdnum.fr.siren.is_valid`` for plain digits."""
    try:
        return len(siren) == 9 and (ODD5[siren[:5]] + EVEN4[siren[5:]]) % 10 == 0
    except KeyError:
        return False


def siret_is_valid(siret: str) -> bool:
    """Same answer as ``stdnum.fr.siret.is_valid`` for plain digits, La Poste included."""
    if len(siret) != 14:
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return siret.isdigit() and stdnum_siret.is_valid(siret)
    head, tail, nic = siret[:5], siret[5:9], siret[9:]
    try:
        return (EVEN5[head] + ODD4[tail] + ODD5[nic]) % 10 == 0 and (ODD5[head] + EVEN4[tail]) % 10 == 0
    except KeyError:
        return False


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
