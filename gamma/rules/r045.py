"""R045: what identifies the consignee, by type of destination. For types 1, 2, 3, 4, 9 and 10
(``seed.RECEIVING``) it is an excise number — of its member state's structure (R070, checked by
``identifiers.excise``) — and a French one must be the register's, valid on the date of dispatch,
with the status the type of destination calls for (1: entrepositaire agréé, 2: destinataire
enregistré, 3: destinataire enregistré à titre temporaire, 4: either of the first two, 9 and 10:
destinataire certifié). For type 1 the place of delivery is a tax warehouse the register knows
(note 5). Another member state's numbers are that state's register's to answer."""

from datetime import date

from gamma.rules import seed
from gamma.rules.base import Authorisation, Context, RuleError, register
from gamma.rules.draft import Draft
from identifiers import excise
from identifiers.exceptions import InvalidIdentifier

CODE = "R045"
FIELD = "consignee.traderid"
DELIVERY_FIELD = "delivery_place.traderid"
WHO = "du destinataire"
TAX_WAREHOUSE = 1


def check(
    *, destination_type_code: int | None, consignee_traderid: str, day: date, found: Authorisation | None
) -> list[RuleError]:
    """The consignee's number for this type of destination (``found``: the register's entry)."""
    if destination_type_code not in seed.RECEIVING or not consignee_traderid:
        return []
    try:
        excise.validate_seed(consignee_traderid)
    except InvalidIdentifier as error:
        message = f"Pour ce type de destination, l'identifiant du destinataire est son numéro d'accise. {error}"
        return [RuleError(CODE, FIELD, message)]
    if not seed.is_french(consignee_traderid):
        return []
    if found is None:
        return [RuleError(CODE, FIELD, seed.unknown(consignee_traderid, WHO))]
    faults = [
        seed.validity_fault(found, day, WHO),
        seed.status_fault(
            found,
            seed.RECEIVING[destination_type_code],
            WHO,
            f"pour recevoir des produits sous le type de destination {destination_type_code}",
        ),
    ]
    return [RuleError(CODE, FIELD, fault) for fault in faults if fault]


def check_tax_warehouse(*, destination_type_code: int | None, delivery_place_traderid: str, found) -> list[RuleError]:
    """Type 1: the place of delivery, a French tax warehouse, is one the register knows."""
    if destination_type_code != TAX_WAREHOUSE or not seed.is_french(delivery_place_traderid) or found is not None:
        return []
    return [
        RuleError(
            CODE,
            DELIVERY_FIELD,
            f"L'entrepôt fiscal de livraison {delivery_place_traderid} n'est pas connu du référentiel douanier.",
        )
    ]


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        destination_type_code=draft.destination_type_code,
        consignee_traderid=draft.consignee_traderid,
        day=seed.day_of(draft, context),
        found=seed.authorisation(context, draft.consignee_traderid),
    ) + check_tax_warehouse(
        destination_type_code=draft.destination_type_code,
        delivery_place_traderid=draft.delivery_place_traderid,
        found=seed.authorisation(context, draft.delivery_place_traderid),
    )
