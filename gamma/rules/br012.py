"""BR012: goods delivered to a tax warehouse (destination type 1) go to the consignee's own: the
place of delivery is the reference of tax warehouse the register gives the consignee."""

from gamma.rules import seed
from gamma.rules.base import Authorisation, Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR012"
FIELD = "delivery_place.traderid"
TAX_WAREHOUSE = 1


def check(
    *, destination_type_code: int | None, delivery_place_traderid: str, consignee: Authorisation | None
) -> list[RuleError]:
    if destination_type_code != TAX_WAREHOUSE or not delivery_place_traderid or consignee is None:
        return []
    if delivery_place_traderid == consignee.tax_warehouse:
        return []
    return [
        RuleError(
            CODE,
            FIELD,
            f"Le lieu de livraison doit être l'entrepôt fiscal du destinataire ({consignee.tax_warehouse}) : "
            f"{delivery_place_traderid} n'est pas le sien.",
        )
    ]


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        destination_type_code=draft.destination_type_code,
        delivery_place_traderid=draft.delivery_place_traderid,
        consignee=seed.authorisation(context, draft.consignee_traderid),
    )
