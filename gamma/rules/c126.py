"""C126: an unsatisfactory receipt's reason « Autre » (report of receipt, IE818) says which in its
complementary information.

Official text (``emcs/spec/C126.md``)::

    IF <Unsatisfactory Reason Code> is "Other"
      THEN <Complementary Information> is 'R'
      ELSE <Complementary Information> is 'O'

The list is BC46 (``emcs.codelists.UNSATISFACTORY_RECEIPT_REASONS``);
« Autre » is its key ``0`` (:mod:`gamma.rules.other_reason`)."""

from emcs import codelists
from gamma.rules import other_reason
from gamma.rules.base import RuleError

CODE = "C126"
LIST = codelists.UNSATISFACTORY_RECEIPT_REASONS
FIELD = "reason_complementary_information"


def check(*, reason_code: str | None, complementary_information: str | None, field: str = FIELD) -> list[RuleError]:
    return other_reason.check(
        CODE, reason_code=reason_code, complementary_information=complementary_information, field=field
    )
