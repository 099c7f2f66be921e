"""Sortable columns of a table: each header's button asks for a sort by GET (the page's other
parameters kept, back to page 1) and says the column's current order (``aria-sort``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict


@dataclass(frozen=True)
class SortHeader:
    query: str  # the address's query asking for the sort, « ?… »
    aria_sort: str  # ascending, descending or none
    label: str  # what the button does, in French


def sort_headers(
    query: QueryDict, *, current: str, columns: dict[str, str], labels: dict[str, str], param: str = "tri"
) -> dict[str, SortHeader]:
    """Per column (``columns``: a column → the sort its button offers first), its header. The list
    already sorted by a column, its button offers the other direction (when ``labels`` has it)."""
    headers = {}
    for column, first in columns.items():
        descending = current.startswith("-")
        if current.lstrip("-") == column:
            other = column if descending else f"-{column}"
            asked = other if other in labels else current
            aria_sort = "descending" if descending else "ascending"
        else:
            asked, aria_sort = first, "none"
        params = query.copy()
        params[param] = asked
        params.pop("page", None)
        headers[column] = SortHeader(query="?" + params.urlencode(), aria_sort=aria_sort, label=labels[asked])
    return headers
