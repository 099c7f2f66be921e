"""C128: a delay explained as « Autre » (explanation on delay, IE837) says why in its complementary
information.

Official text (``emcs/spec/C128.md``)::

    IF <Explanation Code> is "Other"
      THEN <Complementary Information> is 'R'
      ELSE <Complementary Information> is 'O'

The list is BC51 (``emcs.codelists.DELAY_REASONS``);
« Autre » is its key ``0`` (:mod:`gamma.rules.other_reason`)."""

from emcs import codelists
from gamma.rules import other_reason
from gamma.rules.base import RuleError

CODE = "C128"
LIST = codelists.DELAY_REASONS
FIELD = "explanation_complementary_information"


def check(*, reason_code: str | None, complementary_information: str | None, field: str = FIELD) -> list[RuleError]:
    return other_reason.check(
        CODE, reason_code=reason_code, complementary_information=complementary_information, field=field
    )
