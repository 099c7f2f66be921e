"""R259: the destination types a change of destination (IE813) may name.

Official text (``emcs/spec/R259.md``): "The applicable 'Destination Type Codes' for Duty Suspension
movements are: 1 tax warehouse, 2 registered consignee, 3 temporary registered consignee,
4 direct delivery, 6 export. The applicable 'Destination Type Codes' for Duty Paid B2B movements
are: 9 certified consignee, 10 temporary certified consignee, 11 return to the place of dispatch
of the consignor for a Duty Paid B2B movement."

Not a draft rule (the registry holds IE815's): the change-of-destination service calls
:func:`check`. Whether the movement is duty paid comes from its kind, or from its ARC
(``identifiers.arc.is_duty_paid``), as the rule's note says."""

from gamma.rules.base import RuleError
from gamma.rules.draft import DAE, DAES

CODE = "R259"
FIELD = "destination_type_code"
ALLOWED = {DAE: (1, 2, 3, 4, 6), DAES: (9, 10, 11)}
MESSAGES = {
    DAE: (
        "Ce type de destination n'est pas possible pour un changement de destination en droits suspendus : "
        "choisissez entrepôt fiscal (1), destinataire enregistré (2), destinataire enregistré à titre "
        "temporaire (3), livraison directe (4) ou exportation (6)."
    ),
    DAES: (
        "Ce type de destination n'est pas possible pour un changement de destination en droits acquittés : "
        "choisissez destinataire certifié (9), destinataire certifié à titre temporaire (10) ou retour au lieu "
        "d'expédition (11)."
    ),
}


def check(*, kind: str, destination_type_code: int | None, field: str = FIELD) -> list[RuleError]:
    if destination_type_code is None or kind not in ALLOWED:
        return []
    if int(destination_type_code) not in ALLOWED[kind]:
        return [RuleError(CODE, field, MESSAGES[kind])]
    return []
