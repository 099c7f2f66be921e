"""C156: a transport unit is identified (its registration, its container number …) unless it is a
fixed transport installation (a pipeline).

Official text (``emcs/spec/C156.md``)::

    IF <Transport Unit Code> is "5: Fixed transport installations"
    THEN <Identity of Transport Units> does not apply
    ELSE <Identity of Transport Units> is 'R'

The unit codes are BC35's: 1 container, 2 vehicle, 3 trailer, 4 tractor, 5 fixed transport
installations. A unit whose code is missing is the required fields' business."""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable, required

CODE = "C156"
FIXED_INSTALLATIONS = "5"
REQUIRED = "Indiquez l'identité de l'unité de transport (immatriculation, numéro de conteneur…) (C156)."
NOT_APPLICABLE = "Une installation de transport fixe n'a pas d'identité à indiquer : laissez ce champ vide (C156)."


def check(*, transport_unit_code: str, identity: str, field: str) -> list[RuleError]:
    if not transport_unit_code:
        return []
    if transport_unit_code == FIXED_INSTALLATIONS:
        return [not_applicable(CODE, field, NOT_APPLICABLE)] if identity else []
    return [] if identity else [required(CODE, field, REQUIRED)]
