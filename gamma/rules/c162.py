"""C162: a change of destination (IE813) that changes the transport mode to « Autre » describes it in
the complementary information of the update, which does not apply otherwise.

Official text (``emcs/spec/C162.md``)::

    IF <Transport Mode Code> is given and <Transport Mode Code> is "Other"
    THEN <Complementary Information> is 'R'
    ELSE <Complementary Information> does not apply

The IE815's twin is C127."""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable, required

CODE = "C162"
FIELD = "transport_mode_complementary_information"
OTHER = "0"  # BC67
REQUIRED = "Précisez le nouveau mode de transport « Autre » (C162)."
NOT_APPLICABLE = (
    "Ces précisions ne s'appliquent qu'au nouveau mode de transport « Autre » : laissez ce champ vide (C162)."
)


def check(*, transport_mode_code: str, complementary_information: str, field: str = FIELD) -> list[RuleError]:
    if transport_mode_code == OTHER:
        return [] if complementary_information else [required(CODE, field, REQUIRED)]
    return [not_applicable(CODE, field, NOT_APPLICABLE)] if complementary_information else []
