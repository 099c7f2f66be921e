"""BR006: imported goods (DAE, type of origin 2) are of the categories the register
authorises the consignor for. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR006"
WHO = "de l'expéditeur"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if not (draft.under_duty_suspension and draft.origin_type_code == 2):
        return []
    found = seed.authorisation(context, draft.consignor_excise_number)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
