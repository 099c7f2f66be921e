"""R058: a report of receipt (IE818) details each line of the e-AD at most once.

Official text (``emcs/spec/R058.md``): "Refers to <Body Record Unique Reference> of the e-AD/e-SAD
Body of the associated e-AD/e-SAD and must be unique within the message." (that it refers to a
line of the e-AD is BR024's)."""

from collections.abc import Iterable

from gamma.rules.base import RuleError

CODE = "R058"
TWICE = "La ligne {reference} est détaillée deux fois : regroupez ses écarts et ses motifs (R058)."


def check(*, references: Iterable[int], field: str = "lines.{reference}.indicator") -> list[RuleError]:
    seen: set[int] = set()
    errors: list[RuleError] = []
    for reference in references:
        if reference in seen:
            errors.append(RuleError(CODE, field.format(reference=reference), TWICE.format(reference=reference)))
        seen.add(reference)
    return errors
