"""REG-EXP-CAT (a code of this portal's; no EMCS rule covers it): the consignor of a duty-paid
document — a DAES, or a national DSA — dispatches only the categories of products the register
authorises its excise number for, as BR004 and BR006 require of a DAE. One error per line."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import DAES, DSA, Draft

CODE = "REG-EXP-CAT"
WHO = "de l'expéditeur"


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if draft.kind not in (DAES, DSA):
        return []
    found = seed.authorisation(context, draft.consignor_excise_number)
    return seed.line_faults(draft, context, found, CODE, WHO) if found else []
