"""BR049: goods for a temporary certified consignee (destination type 10, DAES) are of the
categories the register authorises it for. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR049"
WHO = "du destinataire"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if draft.destination_type_code != 10:
        return []
    found = seed.authorisation(context, draft.consignee_traderid)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
