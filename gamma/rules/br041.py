"""BR041: an explanation of a shortage or an excess (IE871) concerns only the lines the report of
receipt of the same sequence found short or in excess.

Official text (``emcs/spec/BR041.md``): "It is obligatory that the body record unique reference of
each body analysis that is included in the draft explanation on reason for shortage exists in a
body report of receipt in which the indicator of shortage or excess is given and that is included
in the corresponding report of receipt (which has the same administrative reference code and
sequence number as the draft explanation on reason for shortage)."

:func:`lines_found_different` reads the report of receipt's lines (its ``body_report_of_receipt_exports``
as the event's payload stores them); :func:`check` one line of the explanation."""

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from gamma.rules.base import RuleError

CODE = "BR041"
NO_DIFFERENCE = "L'accusé de réception n'a signalé ni manquant ni excédent sur cette ligne (BR041)."


def lines_found_different(receipt_lines: Iterable[Mapping[str, Any]]) -> list[int]:
    """The body record unique references of the lines a report of receipt found short or in excess."""
    return [
        line["body_record_unique_reference"] for line in receipt_lines if line.get("indicator_of_shortage_or_excess")
    ]


def check(*, body_record_unique_reference: int, found_different: Collection[int], field: str) -> list[RuleError]:
    if body_record_unique_reference in found_different:
        return []
    return [RuleError(CODE, field, NO_DIFFERENCE)]
