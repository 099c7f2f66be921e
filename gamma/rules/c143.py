"""C143: an interruption of a movement (IE807) for the reason « Autre » says which in its
complementary information.

Official text (``emcs/spec/C143.md``)::

    IF <Reason for Interruption Code> is "Other"
      THEN <Complementary Information> is 'R'
      ELSE <Complementary Information> is 'O'

The list is BC26 (``emcs.codelists.INTERRUPTION_REASONS``);
« Autre » is its key ``0`` (:mod:`gamma.rules.other_reason`)."""

from emcs import codelists
from gamma.rules import other_reason
from gamma.rules.base import RuleError

CODE = "C143"
LIST = codelists.INTERRUPTION_REASONS
FIELD = "reason_complementary_information"


def check(*, reason_code: str | None, complementary_information: str | None, field: str = FIELD) -> list[RuleError]:
    return other_reason.check(
        CODE, reason_code=reason_code, complementary_information=complementary_information, field=field
    )
