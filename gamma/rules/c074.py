"""C074: the identification of the place of delivery (the excise number of the tax warehouse or
of the consignee) by destination type.

Official text (``emcs/spec/C074.md``)::

    IF <Destination Type Code> is "Destination - Tax warehouse" or "Destination - Certified Consignee"
       or "Destination - Temporary Certified Consignee"
    THEN <TRADER Place of Delivery.Trader Identification> is 'R'
    ELSE
    IF <Destination Type Code> is "Destination - Direct delivery" or "Destination-Return to the place
       of dispatch of the Consignor"
    THEN <TRADER Place of Delivery.Trader Identification> does not apply
    ELSE <TRADER Place of Delivery.Trader Identification> is 'O'

Checked when the place of delivery is given (C164)."""

from gamma.rules.base import RuleError
from gamma.rules.c164 import delivery_place_given
from gamma.rules.presence import EMCS_KINDS, Trader, not_applicable, required

CODE = "C074"
FIELD = "delivery_place.traderid"
REQUIRED_FOR = frozenset({1, 9, 10})
NOT_APPLICABLE_FOR = frozenset({4, 11})
REQUIRED = "Indiquez l'identifiant du lieu de livraison (numéro d'accise de l'entrepôt ou du destinataire)."
NOT_APPLICABLE = "L'identifiant du lieu de livraison ne s'applique pas à ce type de destination : laissez-le vide."


def check(*, kind: str, destination_type_code: int | None, delivery_place: Trader | None) -> list[RuleError]:
    if kind not in EMCS_KINDS or not delivery_place_given(destination_type_code, delivery_place):
        return []
    traderid = delivery_place.traderid if delivery_place else ""
    if destination_type_code in REQUIRED_FOR and not traderid:
        return [required(CODE, FIELD, REQUIRED)]
    if destination_type_code in NOT_APPLICABLE_FOR and traderid:
        return [not_applicable(CODE, FIELD, NOT_APPLICABLE)]
    return []
