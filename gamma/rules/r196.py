"""R196: the destination types a draft may have, per kind of submission.

Official text (``emcs/spec/R196.md``, rule of IE815's Destination Type Code): "In case of
standard submission, the possible values of <Destination Type Code> are: 1 tax warehouse,
2 registered consignee, 3 temporary registered consignee, 4 direct delivery, 5 exempted
consignee, 6 export, 8 unknown destination (consignee unknown). In case of 'Duty Paid'
submission, the possible values are: 9 certified consignee, 10 temporary certified consignee."

So a DAE (submission type 1) takes 1 to 6 or 8 (7 is reserved in TC32), a DAES (type 3) 9 or 10;
11 (return to the place of dispatch) is only reached by a change of destination (R259, IE813).
A DSA is national: EMCS's codes do not apply to it."""

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import DAE, DAES, Draft

CODE = "R196"
FIELD = "destination_type_code"
ALLOWED = {DAE: (1, 2, 3, 4, 5, 6, 8), DAES: (9, 10)}
MESSAGES = {
    DAE: (
        "Ce type de destination n'est pas possible pour un DAE (droits suspendus) : choisissez entrepôt fiscal (1), "
        "destinataire enregistré (2), destinataire enregistré à titre temporaire (3), livraison directe (4), "
        "destinataire exonéré (5), exportation (6) ou destination inconnue (8)."
    ),
    DAES: (
        "Ce type de destination n'est pas possible pour un DAES (droits acquittés) : choisissez destinataire "
        "certifié (9) ou destinataire certifié à titre temporaire (10)."
    ),
}


def check(*, kind: str, destination_type_code: int | None, field: str = FIELD) -> list[RuleError]:
    if destination_type_code is None or kind not in ALLOWED:
        return []
    if int(destination_type_code) not in ALLOWED[kind]:
        return [RuleError(CODE, field, MESSAGES[kind])]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(kind=draft.kind, destination_type_code=draft.destination_type_code)
