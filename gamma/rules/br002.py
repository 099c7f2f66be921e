"""BR002: a registered consignor (expéditeur enregistré) dispatches imported goods only: the type of
origin of its DAE is « importation » (2)."""

from gamma.rules import seed
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR002"
FIELD = "origin_type_code"
IMPORT = 2
MESSAGE = (
    "L'expéditeur est expéditeur enregistré : il n'expédie que des marchandises importées, choisissez le type "
    "d'origine « Importation »."
)


def check(*, status: str | None, origin_type_code: int | None) -> list[RuleError]:
    if status == seed.REGISTERED_CONSIGNOR and origin_type_code not in (None, IMPORT):
        return [RuleError(CODE, FIELD, MESSAGE)]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if not draft.under_duty_suspension:
        return []
    found = seed.authorisation(context, draft.consignor_excise_number)
    return check(status=found.status if found else None, origin_type_code=draft.origin_type_code)
