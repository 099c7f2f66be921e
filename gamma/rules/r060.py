"""R060: the goods lines are numbered 1, 2, 3 …, each number once (Body Record Unique Reference).

Official text (``emcs/spec/R060.md``): "The <Body Record Unique Reference> must be a unique
sequential number starting from 1". The schema's pattern (``[1-9]\\d{0,2}``) allows 1 to 999 and
lets duplicates and gaps through: a draft received (``gamma.mapping.save_ie815``) is checked here
before it is stored, each line's number against the set 1 … number of lines. The portal's own
drafts number their lines themselves, so the rule is not in the draft registry (like R259)."""

from collections.abc import Sequence

from gamma.rules.base import RuleError

CODE = "R060"
MAX_LINES = 999  # BodyEadEsad maxOccurs, and the three digits of the number
FIELD = "lines.{index}.body_record_unique_reference"
DUPLICATE = "Le numéro de ligne {number} est déjà celui d\u2019une ligne précédente : chaque ligne a son propre numéro."
OUT_OF_SEQUENCE = (
    "Les lignes se numérotent de 1 à {count}, sans trou ni doublon : le numéro {number} ne fait pas partie de la suite."
)
MISSING = "La ligne n\u2019a pas de numéro : les lignes se numérotent de 1 à {count}."


def check(*, references: Sequence[int | None], field: str = FIELD) -> list[RuleError]:
    """``references``: each line's number, in the order of the lines; ``field`` with ``{index}``."""
    count = len(references)
    errors = []
    seen: set[int] = set()
    for index, number in enumerate(references):
        where = field.format(index=index)
        if number is None:
            errors.append(RuleError(CODE, where, MISSING.format(count=count)))
        elif not 1 <= number <= min(count, MAX_LINES):
            errors.append(RuleError(CODE, where, OUT_OF_SEQUENCE.format(count=min(count, MAX_LINES), number=number)))
        elif number in seen:
            errors.append(RuleError(CODE, where, DUPLICATE.format(number=number)))
        else:
            seen.add(number)
    return errors
