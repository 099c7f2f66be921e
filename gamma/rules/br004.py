"""BR004: goods leaving a tax warehouse (DAE, type of origin 1) are of the categories the
register authorises that warehouse for — the consignor's (BR003), looked up by the place of
dispatch's reference. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR004"
WHO = "de l'entrepôt d'expédition"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if not (draft.under_duty_suspension and draft.origin_type_code == 1):
        return []
    found = seed.authorisation(context, draft.place_of_dispatch_warehouse or draft.consignor_excise_number)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
