"""C181: an explanation of a shortage or an excess (IE871) explains as a whole (``ANALYSIS``), line by
line (``ANALYSIS Body``), or both — never neither.

Official text (``emcs/spec/C181.md``): "At least one of the <ANALYSIS> or <ANALYSIS Body> data
groups must be present"."""

from gamma.rules.base import RuleError

CODE = "C181"
FIELD = "global_explanation"
NOTHING_EXPLAINED = "Saisissez une explication globale ou celle d'une ligne (C181)."


def check(*, global_explanation: str | None, lines_explained: int, field: str = FIELD) -> list[RuleError]:
    if (global_explanation or "").strip() or lines_explained:
        return []
    return [RuleError(CODE, field, NOTHING_EXPLAINED)]
