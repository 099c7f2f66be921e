"""BR011: goods for a registered consignee (destination type 2) or delivered directly (type
4) are of the categories the register authorises the (French) consignee for. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR011"
WHO = "du destinataire"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if draft.destination_type_code not in (2, 4):
        return []
    found = seed.authorisation(context, draft.consignee_traderid)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
