"""C049: the density is required when the excise product's flag says so, and does not apply
otherwise.

Official text (``emcs/spec/C049.md``)::

    IF <EXCISE PRODUCT.Density Applicability> is "Yes"
      THEN <Density> is 'R'
      ELSE <Density> does not apply

The flag is BC36's ``densityApplicabilityFlag`` (``ExciseProductCode.density_applicable``: most
energy products)."""

from decimal import Decimal

from gamma.rules.base import Context, Product, RuleError, register
from gamma.rules.draft import Draft

CODE = "C049"
REQUIRED = "La masse volumique à 15 °C est obligatoire pour le produit {epc}."
NOT_APPLICABLE = "La masse volumique ne s'applique pas au produit {epc} : laissez ce champ vide."


def check(*, product: Product | None, density: Decimal | None, field: str) -> list[RuleError]:
    if product is None:
        return []
    if product.density_applicable and density is None:
        return [RuleError(CODE, field, REQUIRED.format(epc=product.code))]
    if not product.density_applicable and density is not None:
        return [RuleError(CODE, field, NOT_APPLICABLE.format(epc=product.code))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(
            product=context.reference.products.get(line.excise_product_code),
            density=line.density,
            field=f"lines.{index}.density",
        )
    return errors
