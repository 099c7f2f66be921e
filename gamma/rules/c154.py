"""C154: a cancellation (IE810) for the reason « Autre » says which in its complementary
information.

Official text (``emcs/spec/C154.md``)::

    IF <Cancellation Reason Code> is "Other"
      THEN <Complementary Information> is 'R'
      ELSE <Complementary Information> is "O".

The list is BC43 (``emcs.codelists.CANCELLATION_REASONS``);
« Autre » is its key ``0`` (:mod:`gamma.rules.other_reason`)."""

from emcs import codelists
from gamma.rules import other_reason
from gamma.rules.base import RuleError

CODE = "C154"
LIST = codelists.CANCELLATION_REASONS
FIELD = "reason_complementary_information"


def check(*, reason_code: str | None, complementary_information: str | None, field: str = FIELD) -> list[RuleError]:
    return other_reason.check(
        CODE, reason_code=reason_code, complementary_information=complementary_information, field=field
    )
