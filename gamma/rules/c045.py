"""C045: the third country of origin of a wine is required for an imported wine and does not apply
to the other categories.

Official text (``emcs/spec/C045.md``)::

    IF <Category of Wine Product> is "Imported wine"
    THEN <Third Country of Origin> is 'R'
    ELSE <Third Country of Origin> does not apply

The categories are the schema's ``CategoryOfWineProduct`` (``WineProductCategory``): 4 is imported wine."""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable, required

CODE = "C045"
IMPORTED_WINE = 4
REQUIRED = "Indiquez le pays tiers d'origine du vin importé."
NOT_APPLICABLE = "Le pays tiers d'origine ne s'applique qu'à un vin importé : laissez ce champ vide."


def check(*, wine_product_category: int | None, third_country_of_origin: str, field: str) -> list[RuleError]:
    """``field``: the line's third country (``lines.0.wine_third_country_of_origin``)."""
    if wine_product_category == IMPORTED_WINE:
        return [] if third_country_of_origin else [required(CODE, field, REQUIRED)]
    if third_country_of_origin:
        return [not_applicable(CODE, field, NOT_APPLICABLE)]
    return []
