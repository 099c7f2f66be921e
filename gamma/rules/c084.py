"""C084: the complement of an exempted consignee (its member state, its exemption certificate) is
required for an exempted consignee and does not apply otherwise.

Official text (``emcs/spec/C084.md``)::

    IF <Destination Type Code> is "Destination - Exempted consignee"
    THEN <TRADER COMPLEMENT Consignee> is 'R'
    ELSE <TRADER COMPLEMENT Consignee> does not apply.

Only a DAE may go to an exempted consignee (R196): a DAES has no complement to fill in. Of the
group, the member state is required; the certificate's number stays optional."""

from gamma.rules.base import RuleError
from gamma.rules.draft import DAE
from gamma.rules.presence import not_applicable, required

CODE = "C084"
FIELD = "complement_consignee_member_state"
EXEMPTED_CONSIGNEE = 5
REQUIRED = "Indiquez l'État membre du destinataire exonéré."
NOT_APPLICABLE = "Ces données ne s'appliquent qu'à un destinataire exonéré (type de destination 5) : laissez-les vides."


def check(
    *, kind: str, destination_type_code: int | None, member_state: str, exemption_certificate: str
) -> list[RuleError]:
    if kind != DAE:
        return []
    if destination_type_code == EXEMPTED_CONSIGNEE:
        return [] if member_state else [required(CODE, FIELD, REQUIRED)]
    if member_state or exemption_certificate:
        return [not_applicable(CODE, FIELD, NOT_APPLICABLE)]
    return []
