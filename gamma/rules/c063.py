"""C063: an explanation of a shortage (IE871) names its submitter's side only: the consignor's when
the consignor submits it, the consignee's when the consignee does.

Official text (``emcs/spec/C063.md``)::

    IF <Submitter Type> is "Consignor"
      THEN
        <TRADER Consignor> is 'R'
        <TRADER Consignee> does not apply
      ELSE
        <TRADER Consignor> does not apply
        <TRADER Consignee> is 'R'

The submitter type is TC61's (:mod:`gamma.rules.tc61`)."""

from gamma.rules import tc61
from gamma.rules.base import RuleError

CODE = "C063"
CONSIGNOR_REQUIRED = "L'expéditeur est obligatoire dans une explication qu'il soumet (C063)."
CONSIGNEE_REQUIRED = "Le destinataire est obligatoire dans une explication qu'il soumet (C063)."
CONSIGNOR_NOT_APPLICABLE = "L'expéditeur ne figure pas dans une explication soumise par le destinataire (C063)."
CONSIGNEE_NOT_APPLICABLE = "Le destinataire ne figure pas dans une explication soumise par l'expéditeur (C063)."


def consignor_applies(submitter_type: int) -> bool:
    return submitter_type == tc61.CONSIGNOR


def consignee_applies(submitter_type: int) -> bool:
    return not consignor_applies(submitter_type)


def check(*, submitter_type: int, consignor_given: bool, consignee_given: bool) -> list[RuleError]:
    errors = []
    if consignor_applies(submitter_type) != consignor_given:
        message = CONSIGNOR_REQUIRED if consignor_given is False else CONSIGNOR_NOT_APPLICABLE
        errors.append(RuleError(CODE, "consignor_trader", message))
    if consignee_applies(submitter_type) != consignee_given:
        message = CONSIGNEE_REQUIRED if consignee_given is False else CONSIGNEE_NOT_APPLICABLE
        errors.append(RuleError(CODE, "consignee_trader", message))
    return errors
