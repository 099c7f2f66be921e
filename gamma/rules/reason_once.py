"""A reason is given once per line of a report of receipt (IE818): its UNSATISFACTORY REASON groups
(9 at most, the schema's maxOccurs) each name a different reason of BC46, the words of one reason
going in its own complementary information. Not an official code: the portal's rule, as HMRC's
EMCS service has it (« you have already added this reason »), so that the office reads each
reason once."""

from collections.abc import Sequence

from gamma.rules.base import RuleError

CODE = "MOTIF-UNIQUE"
MAX_REASONS = 9  # UNSATISFACTORY REASON: 9x
TWICE = "Ce motif est déjà indiqué pour cette ligne : un motif ne s'indique qu'une fois par ligne."
TOO_MANY = "Neuf motifs au plus par ligne."


def check(*, codes: Sequence[str], field: str) -> list[RuleError]:
    """``codes``: the reasons of one line, in order; ``field``: a template with ``{index}``."""
    errors: list[RuleError] = []
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            errors.append(RuleError(CODE, field.format(index=index), TWICE))
        seen.add(code)
    if len(codes) > MAX_REASONS:
        errors.append(RuleError(CODE, field.format(index=MAX_REASONS), TOO_MANY))
    return errors
