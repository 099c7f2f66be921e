"""C012: goods from a tax warehouse or duty paid leave from a place of dispatch; imported goods
from an office of import.

Official text (``emcs/spec/C012.md``)::

    IF <E-AD/E-SAD.Origin Type Code> is "Origin - Tax warehouse" OR ... is "Duty Paid"
    THEN
    <TRADER Place of Dispatch> is 'R'
    <OFFICE of Dispatch - Import> does not apply
    ELSE
    <TRADER Place of Dispatch> does not apply
    <OFFICE of Dispatch - Import> is 'R'

What the place of dispatch must hold when it applies is C208's (a DAE's tax warehouse) and C207's
(a DAES's name and address)."""

from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, Trader, has_data, not_applicable, required

CODE = "C012"
OFFICE = "dispatch_import_office_code"
PLACE = "place_of_dispatch.reference_of_tax_warehouse"
IMPORT = 2  # origin type code
OFFICE_REQUIRED = "Indiquez le bureau d'importation."
PLACE_NOT_APPLICABLE = (
    "Le lieu d'expédition ne s'applique pas à des marchandises importées : laissez ces champs vides et indiquez le "
    "bureau d'importation."
)
OFFICE_NOT_APPLICABLE = "Le bureau d'importation ne s'applique qu'à des marchandises importées : laissez ce champ vide."


def imported(origin_type_code: int | None) -> bool:
    return origin_type_code == IMPORT


def check(
    *, kind: str, origin_type_code: int | None, dispatch_import_office_code: str, place_of_dispatch: Trader | None
) -> list[RuleError]:
    if kind not in EMCS_KINDS:
        return []
    errors = []
    if imported(origin_type_code):
        if not dispatch_import_office_code:
            errors.append(required(CODE, OFFICE, OFFICE_REQUIRED))
        if has_data(place_of_dispatch):
            errors.append(not_applicable(CODE, PLACE, PLACE_NOT_APPLICABLE))
    elif dispatch_import_office_code:
        errors.append(not_applicable(CODE, OFFICE, OFFICE_NOT_APPLICABLE))
    return errors
