"""C116: the consignee (``TRADER Consignee``) is given for every destination type but 8, « destination
inconnue », where it does not apply.

Official text (``emcs/spec/C116.md``)::

    IF <Destination Type> is "8: Unknown destination (consignee unknown)",
    THEN <TRADER Consignee> does not apply
    ELSE <TRADER Consignee> is 'R';

An alert or rejection (IE819) copies the movement's consignee under this condition
(:func:`consignee_applies`); :func:`check` answers for a message received with or without one."""

from gamma.rules.base import RuleError

CODE = "C116"
FIELD = "consignee_trader"
UNKNOWN_DESTINATION = 8  # TC32
REQUIRED = "Le destinataire est obligatoire pour ce type de destination (C116)."
NOT_APPLICABLE = "Le destinataire ne s'applique pas à une destination inconnue (type 8) (C116)."


def consignee_applies(destination_type_code: int | None) -> bool:
    return destination_type_code != UNKNOWN_DESTINATION


def check(*, destination_type_code: int | None, consignee_given: bool, field: str = FIELD) -> list[RuleError]:
    if consignee_applies(destination_type_code) and not consignee_given:
        return [RuleError(CODE, field, REQUIRED)]
    if not consignee_applies(destination_type_code) and consignee_given:
        return [RuleError(CODE, field, NOT_APPLICABLE)]
    return []
