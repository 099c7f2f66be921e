"""LRN (local reference number, numéro de référence local): the consignor's own reference of a
draft e-AD, 1 to 22 characters of its choice (schema ``LocalReferenceNumberType``: an
``xs:token`` of pattern ``.{1,22}``), unique per consignor (rule BR001, checked in
``gamma.rules.br001``). A regularised fallback document keeps its GPS number as LRN.

As in an ``xs:token``, blanks around are dropped and runs of blanks inside become one space;
letters keep their case. Control characters, which an XML message cannot carry, are refused."""

import re

from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidIdentifier, InvalidLength

MAX_LENGTH = 22
_BLANKS = re.compile(r"\s+")
# Characters XML 1.0 cannot carry, or only as escapes no trader software expects.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

EMPTY = "Saisissez le numéro de référence local (LRN) : 22 caractères au plus, choisis par l'expéditeur."
LENGTH_MESSAGE = f"Le numéro de référence local (LRN) comporte {MAX_LENGTH} caractères au plus."
FORMAT = "Le numéro de référence local (LRN) contient un caractère de contrôle : saisissez-le à nouveau."


def validate(value: str) -> str:
    """The LRN with its blanks normalised as the schema does."""
    if not isinstance(value, str):
        raise EmptyIdentifier(EMPTY)
    lrn = _BLANKS.sub(" ", value.replace("\u00a0", " ")).strip()
    if _FORBIDDEN.search(lrn):
        raise InvalidFormat(FORMAT)
    if not lrn:
        raise EmptyIdentifier(EMPTY)
    if len(lrn) > MAX_LENGTH:
        raise InvalidLength(LENGTH_MESSAGE)
    return lrn


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True
