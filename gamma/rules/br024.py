"""BR024: each line of a report of receipt (IE818) refers to a line of the e-AD, whose excise product
code it carries.

Official text (``emcs/spec/BR024.md``): "It is obligatory that the body record unique reference of
each body report of receipt/manual closure that is included in the draft report of
receipt/manual closure corresponds to the same excise product code as in the e-AD/e-SAD."

The portal writes the e-AD's own product code into the report (:func:`excise_product_code`), so
the only fault left to a trader is a line the e-AD does not have."""

from collections.abc import Mapping

from gamma.rules.base import RuleError

CODE = "BR024"
UNKNOWN_LINE = "Cette ligne n'existe pas dans le document."


def check(*, body_record_unique_reference: int, ead_lines: Mapping[int, str], field: str) -> list[RuleError]:
    """``ead_lines``: the e-AD's product code by body record unique reference."""
    if body_record_unique_reference in ead_lines:
        return []
    return [RuleError(CODE, field, UNKNOWN_LINE)]


def excise_product_code(*, body_record_unique_reference: int, ead_lines: Mapping[int, str]) -> str:
    """The product code the report's line carries: the e-AD's line's."""
    return ead_lines[body_record_unique_reference]
