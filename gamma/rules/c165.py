"""C165: whether the place of delivery (``TRADER Place of Delivery``) and the customs office of the
place of delivery apply, by destination type (TC32), in an e-AD and in a change of destination
(IE813).

Official table (``emcs/spec/C165.md``):

====  ==========================  ============================  ==============================
type  destination                 TRADER Place of Delivery      OFFICE Place of Delivery
====  ==========================  ============================  ==============================
1     tax warehouse               required                      does not apply
2, 3  (temporary) registered c.   optional                      does not apply
4     direct delivery             required                      does not apply
5     exempted consignee          optional                      does not apply
6     export                      does not apply                required
8     unknown destination         does not apply                does not apply
9,10  (temporary) certified c.    required                      does not apply
11    return to place of dispatch does not apply                does not apply
====  ==========================  ============================  =============================="""

from gamma.rules.base import RuleError

CODE = "C165"
PLACE_REQUIRED = frozenset({1, 4, 9, 10})
PLACE_NOT_APPLICABLE = frozenset({6, 8, 11})
OFFICE_REQUIRED = frozenset({6})
OFFICE_FIELD = "delivery_office_code"
OFFICE_MISSING = "Saisissez le bureau d'exportation (8 caractères, par exemple FR000690)."


def place_applies(destination_type_code: int | None, *, given: bool) -> bool:
    """Whether a place of delivery is to be checked and kept: required, or optional and given."""
    if destination_type_code is None:
        return False
    return destination_type_code in PLACE_REQUIRED or (destination_type_code not in PLACE_NOT_APPLICABLE and given)


def office_applies(destination_type_code: int | None) -> bool:
    return destination_type_code in OFFICE_REQUIRED


def check_office(*, destination_type_code: int | None, office: str, field: str = OFFICE_FIELD) -> list[RuleError]:
    """The export office, required for an export (its format is ``identifiers.customs_office``'s)."""
    if office_applies(destination_type_code) and not office:
        return [RuleError(CODE, field, OFFICE_MISSING)]
    return []
