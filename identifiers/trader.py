"""The identifier of a consignee or of a place of delivery in an e-AD (``Traderid``, an..16).

Rule R045 says what it holds by type of destination: an excise number or a tax warehouse
reference (the structure of rule R070, checked per member state by :mod:`identifiers.excise`), or
for an export a VAT number. This portal takes either and nothing else: an excise number of a member
state, or a valid intra-community VAT number (French ones checked by :mod:`identifiers.tva`, the
others by python-stdnum's per-country rules). Whether the type of destination wants an excise
number is the business rules' question (``gamma.rules.r045``), not this module's.
"""

from stdnum.eu import vat as stdnum_vat

from identifiers import excise, tva
from identifiers._text import EU_MEMBER_STATES, compact
from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidIdentifier

MAX_LENGTH = 16

EMPTY = "Saisissez l'identifiant : un numéro d'accise (par exemple FR008777E0001) ou un numéro de TVA."
FORMAT = (
    "L'identifiant est un numéro d'accise (13 caractères, par exemple FR008777E0001) ou un numéro de TVA "
    "intracommunautaire (par exemple FR40303265045)."
)


def _vat(number: str) -> str | None:
    """The VAT number, normalised, when ``number`` is a valid one of a member state."""
    state = number[:2]
    if state == tva.PREFIX:
        return tva.validate(number) if tva.is_valid(number) else None
    if state in EU_MEMBER_STATES and stdnum_vat.is_valid(number):
        return stdnum_vat.compact(number)
    return None


def validate(value: str) -> str:
    """An excise number of a member state or a VAT number, upper case and without separators."""
    number = compact(value).upper()
    if not number:
        raise EmptyIdentifier(EMPTY)
    try:
        return excise.validate_seed(number)
    except InvalidIdentifier as error:
        vat = _vat(number)
        if vat is not None:
            return vat
        if len(number) == excise.LENGTH:
            raise  # 13 characters: meant as an excise number, whose own fault is the clearest
        raise InvalidFormat(FORMAT) from error


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def is_excise_number(value: str) -> bool:
    """Whether a (valid) identifier is an excise number rather than a VAT number."""
    return excise.is_valid_seed(value)
