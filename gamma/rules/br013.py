"""BR013: goods for a tax warehouse (destination type 1) are of the categories the register
authorises the (French) tax warehouse of delivery for. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR013"
WHO = "de l'entrepôt de livraison"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if draft.destination_type_code != 1:
        return []
    found = seed.authorisation(context, draft.delivery_place_traderid)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
