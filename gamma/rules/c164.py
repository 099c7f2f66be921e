"""C164: the place of delivery (trader and customs office) by destination type.

Official text (``emcs/spec/C164.md``)::

    IF <Destination Type Code> is "Unknown destination" or "Destination - Registered consignee"
    THEN <(DELIVERY PLACE) TRADER> does not apply
         <(DELIVERY PLACE) CUSTOMS OFFICE> does not apply
    ELSE IF <Destination Type Code> is "Destination - Export"
    THEN <(DELIVERY PLACE) TRADER> does not apply
         <(DELIVERY PLACE) CUSTOMS OFFICE> is 'R'
    ELSE IF <Destination Type Code> is "Destination - Exempted consignee" or "Destination - Temporary
            registered consignee"
    THEN <(DELIVERY PLACE) TRADER> is 'O'
         <(DELIVERY PLACE) CUSTOMS OFFICE> does not apply
    ELSE <(DELIVERY PLACE) TRADER> is 'R'
         <(DELIVERY PLACE) CUSTOMS OFFICE> does not apply

What the place of delivery must hold when it is given is C074's (its identification), C079's
(its name) and C078's (its address): ``delivery_place_given`` says when they apply."""

from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, Trader, has_data, not_applicable, required

CODE = "C164"
TRADER = "delivery_place.trader_name"
OFFICE = "delivery_place_customs_office_code"
EXPORT = 6
TRADER_NOT_APPLICABLE_FOR = frozenset({2, 6, 8})
TRADER_REQUIRED_FOR = frozenset({1, 4, 9, 10, 11})
TRADER_OPTIONAL_FOR = frozenset({3, 5})
TRADER_NOT_APPLICABLE = "Le lieu de livraison ne s'applique pas à ce type de destination : laissez ces champs vides."
OFFICE_REQUIRED = "Indiquez le bureau de douane de sortie (lieu de livraison d'une exportation)."
OFFICE_NOT_APPLICABLE = "Le bureau du lieu de livraison ne s'applique qu'à une exportation : laissez ce champ vide."


def delivery_place_given(destination_type_code: int | None, delivery_place: Trader | None) -> bool:
    """The place of delivery is required, or optional and filled in: what it holds is checked."""
    return destination_type_code in TRADER_REQUIRED_FOR or (
        destination_type_code in TRADER_OPTIONAL_FOR and has_data(delivery_place)
    )


def check(
    *,
    kind: str,
    destination_type_code: int | None,
    delivery_place: Trader | None,
    delivery_place_customs_office_code: str,
) -> list[RuleError]:
    if kind not in EMCS_KINDS or destination_type_code is None:
        return []
    errors = []
    if destination_type_code in TRADER_NOT_APPLICABLE_FOR and has_data(delivery_place):
        errors.append(not_applicable(CODE, TRADER, TRADER_NOT_APPLICABLE))
    if destination_type_code == EXPORT and not delivery_place_customs_office_code:
        errors.append(required(CODE, OFFICE, OFFICE_REQUIRED))
    elif destination_type_code != EXPORT and delivery_place_customs_office_code:
        errors.append(not_applicable(CODE, OFFICE, OFFICE_NOT_APPLICABLE))
    return errors
