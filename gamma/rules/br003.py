"""BR003: goods leaving a tax warehouse (DAE, type of origin 1) leave the consignor's own: the place
of dispatch's reference of tax warehouse is the one the register gives the consignor (its own
excise number when it gives none). Optional in EMCS; France applies it."""

from gamma.rules import seed
from gamma.rules.base import Authorisation, Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR003"
FIELD = "place_of_dispatch.reference_of_tax_warehouse"
TAX_WAREHOUSE = 1


def check(*, origin_type_code: int | None, place_of_dispatch_warehouse: str, consignor: Authorisation | None):
    if origin_type_code != TAX_WAREHOUSE or not place_of_dispatch_warehouse or consignor is None:
        return []
    if place_of_dispatch_warehouse == consignor.tax_warehouse:
        return []
    return [
        RuleError(
            CODE,
            FIELD,
            f"Le lieu d'expédition doit être l'entrepôt fiscal de l'expéditeur ({consignor.tax_warehouse}) : "
            f"{place_of_dispatch_warehouse} n'est pas le sien.",
        )
    ]


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    if not draft.under_duty_suspension:
        return []
    return check(
        origin_type_code=draft.origin_type_code,
        place_of_dispatch_warehouse=draft.place_of_dispatch_warehouse,
        consignor=seed.authorisation(context, draft.consignor_excise_number),
    )
