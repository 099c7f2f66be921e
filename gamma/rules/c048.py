"""C048: the degree Plato of beer is required when the member state of dispatch or of
destination taxes beer by degree Plato (list BC109), optional otherwise, and does not apply to
the other products.

Official text (``emcs/spec/C048.md``)::

    IF (<EXCISE PRODUCT.Degree Plato Applicability Flag> is "Yes")
    THEN
      IF (MS of Dispatch OR MS of Destination tax beer according to the Degree Plato)
      THEN <Degree Plato> is 'R'
      ELSE <Degree Plato> is 'O'
    ELSE <Degree Plato> does not apply

France is not in BC109: a beer dispatched from France needs it when its destination is, say,
Germany or Belgium. An unknown destination state ("") does not make it required."""

from collections.abc import Collection
from decimal import Decimal

from emcs import labels
from gamma.rules.base import Context, Product, RuleError, register
from gamma.rules.draft import Draft

CODE = "C048"
REQUIRED = (
    "Le degré Plato est obligatoire pour ce produit ({epc}) : l'État membre {role} ({state}) taxe la bière "
    "selon le degré Plato."
)
NOT_APPLICABLE = "Le degré Plato ne s'applique pas au produit {epc} : laissez ce champ vide."


def check(
    *,
    product: Product | None,
    degree_plato: Decimal | None,
    dispatch_member_state: str,
    destination_member_state: str,
    plato_states: Collection[str],
    field: str,
) -> list[RuleError]:
    if product is None:
        return []
    if not product.degree_plato_applicable:
        if degree_plato is not None:
            return [RuleError(CODE, field, NOT_APPLICABLE.format(epc=product.code))]
        return []
    taxing = [
        (role, state)
        for role, state in (("d'expédition", dispatch_member_state), ("de destination", destination_member_state))
        if state and state in plato_states
    ]
    if taxing and degree_plato is None:
        role, state = taxing[0]
        name = labels.label("BC11", state) or state
        return [RuleError(CODE, field, REQUIRED.format(epc=product.code, role=role, state=name))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(
            product=context.reference.products.get(line.excise_product_code),
            degree_plato=line.degree_plato,
            dispatch_member_state=draft.dispatch_member_state,
            destination_member_state=draft.destination_member_state,
            plato_states=context.reference.plato_states,
            field=f"lines.{index}.degree_plato",
        )
    return errors
