"""R263: S600 (completely denatured alcohol) never travels under duty suspension.

Official text (``emcs/spec/R263.md``): "The applicable 'Excise Product Codes' for Duty Suspension
movements are: all codes listed in the 'CL - Excise Product' codelist, except from 'S600 -
Completely denatured alcohol […]'. The applicable 'Excise Product Codes' for Duty Paid B2B
movements are: all codes listed in the 'Excise Product' codelist. Note: The distinction between
Duty Paid B2B and Duty Suspension movements should be derived from the ARC structure or based on
the <Submission Message Type> in case of IE815."

Only a DAE (submission type 1) is under duty suspension."""

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import DAE, Draft

CODE = "R263"
FORBIDDEN_UNDER_SUSPENSION = "S600"
MESSAGE = (
    "L'alcool totalement dénaturé (S600) ne peut pas circuler en suspension de droits : ce produit ne peut pas "
    "figurer sur un DAE."
)


def check(*, kind: str, excise_product_code: str, field: str) -> list[RuleError]:
    if kind == DAE and excise_product_code == FORBIDDEN_UNDER_SUSPENSION:
        return [RuleError(CODE, field, MESSAGE)]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(
            kind=draft.kind,
            excise_product_code=line.excise_product_code,
            field=f"lines.{index}.excise_product_code",
        )
    return errors
