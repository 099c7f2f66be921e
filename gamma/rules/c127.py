"""C127: the transport mode « Autre » (code 0) is described in the complementary information, which
does not apply to the other modes.

Official text (``emcs/spec/C127.md``)::

    IF <TRANSPORT MODE.Transport Mode Code> is "Other"
      THEN <Complementary Information> is 'R'
      ELSE <Complementary Information> does not apply

(the same for the means of transport's complementary information, not entered here). A mode not yet
chosen leaves the information to the user. It holds for a DSA too."""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable, required

CODE = "C127"
FIELD = "transport_mode_complementary_information"
OTHER = "0"  # BC67
REQUIRED = "Précisez le mode de transport « Autre »."
NOT_APPLICABLE = "Ces précisions ne s'appliquent qu'au mode de transport « Autre » : laissez ce champ vide."


def check(*, transport_mode_code: str, complementary_information: str, field: str = FIELD) -> list[RuleError]:
    if transport_mode_code == OTHER and not complementary_information:
        return [required(CODE, field, REQUIRED)]
    if transport_mode_code not in ("", OTHER) and complementary_information:
        return [not_applicable(CODE, field, NOT_APPLICABLE)]
    return []
