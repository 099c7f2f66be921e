"""BR001: the LRN is unique per consignor.

Official text (``emcs/spec/BR001.md``): "It is obligatory that the local reference number of the
draft e-AD/e-SAD has not been used by the consignor of the movement in another e-AD/e-SAD."

Applied to every kind of document (a DSA's LRN is the consignor's reference too). The question
"is it used?" is the caller's (``lrn_already_used``), so the rule knows no model; the database
should back it with a unique constraint on (consignor, LRN) against races."""

from collections.abc import Callable

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR001"
FIELD = "local_reference_number"
MESSAGE = (
    "Ce numéro de référence local (LRN) est déjà utilisé par l'expéditeur {consignor} pour un autre document : "
    "choisissez-en un autre."
)


def check(
    *, lrn: str, consignor_excise_number: str, lrn_already_used: Callable[[str, str], bool], field: str = FIELD
) -> list[RuleError]:
    if not lrn or not consignor_excise_number:
        return []
    if lrn_already_used(consignor_excise_number, lrn):
        return [RuleError(CODE, field, MESSAGE.format(consignor=consignor_excise_number))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        lrn=draft.local_reference_number,
        consignor_excise_number=draft.consignor_excise_number,
        lrn_already_used=context.lrn_already_used,
    )
