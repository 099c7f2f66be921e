"""C047: the alcoholic strength is required when the excise product's flag says so, and does not
apply otherwise.

Official text (``emcs/spec/C047.md``)::

    IF <EXCISE PRODUCT.Alcoholic Strength By Volume In Percentage Applicability Flag> is "Yes"
    THEN <Alcoholic Strength by Volume in Percentage> is 'R'
    ELSE <Alcoholic Strength by Volume in Percentage> does not apply

The flag is BC36's ``alcoholicStrengthApplicabilityFlag``
(``ExciseProductCode.alcoholic_strength_applicable``). A line of an unknown EPC is left alone."""

from decimal import Decimal

from gamma.rules.base import Context, Product, RuleError, register
from gamma.rules.draft import Draft

CODE = "C047"
REQUIRED = "Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit {epc}."
NOT_APPLICABLE = "Le titre alcoométrique volumique ne s'applique pas au produit {epc} : laissez ce champ vide."


def check(*, product: Product | None, alcoholic_strength: Decimal | None, field: str) -> list[RuleError]:
    if product is None:
        return []
    if product.alcoholic_strength_applicable and alcoholic_strength is None:
        return [RuleError(CODE, field, REQUIRED.format(epc=product.code))]
    if not product.alcoholic_strength_applicable and alcoholic_strength is not None:
        return [RuleError(CODE, field, NOT_APPLICABLE.format(epc=product.code))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(
            product=context.reference.products.get(line.excise_product_code),
            alcoholic_strength=line.alcoholic_strength,
            field=f"lines.{index}.alcoholic_strength",
        )
    return errors
