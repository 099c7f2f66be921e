"""BR018: a line's CN code must be one of its excise product's (correspondence E200), except for
S500.

Official text (``emcs/spec/BR018.md``): "It is obligatory that the cn code of each body
e-AD/e-SAD that is included in the draft message exists in the same correspondence cn
code-excise product of the reference data in seed, with the excise product code of the same body
e-AD/e-SAD that is included in the draft message, if the excise product code is anything but
S500." (S500: other products containing ethyl alcohol.)

A line whose EPC the reference data does not know is left to the EPC's own check (BC36)."""

from collections.abc import Collection

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "BR018"
ANY_CN_CODE = "S500"
MESSAGE = "Le code NC {cn_code} ne correspond pas au produit {epc} : choisissez un code NC de ce produit."


def check(
    *, excise_product_code: str, cn_code: str, cn_codes_of_epc: Collection[str] | None, field: str
) -> list[RuleError]:
    """``cn_codes_of_epc``: the CN codes E200 gives the EPC, None when the EPC is unknown."""
    if not excise_product_code or not cn_code or excise_product_code == ANY_CN_CODE or cn_codes_of_epc is None:
        return []
    if cn_code not in cn_codes_of_epc:
        return [RuleError(CODE, field, MESSAGE.format(cn_code=cn_code, epc=excise_product_code))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    reference = context.reference
    for index, line in enumerate(draft.lines):
        known = line.excise_product_code in reference.products
        errors += check(
            excise_product_code=line.excise_product_code,
            cn_code=line.cn_code,
            cn_codes_of_epc=reference.cn_codes_by_epc.get(line.excise_product_code, frozenset()) if known else None,
            field=f"lines.{index}.cn_code",
        )
    return errors
