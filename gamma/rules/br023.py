"""BR023: a report of receipt (IE818) is submitted on or after the date the goods arrived: the date of
arrival is not in the future.

Official text (``emcs/spec/BR023.md``): "It is obligatory that the submission date of the draft
report of receipt is equal or after the date of arrival of excise products of the report of
receipt/export that is included in the draft report of receipt."

``today`` is the Paris date of the submission."""

from datetime import date

from gamma.rules.base import RuleError

CODE = "BR023"
FIELD = "date_of_arrival"
IN_THE_FUTURE = "La date d'arrivée ne peut pas être dans le futur (BR023)."


def check(*, date_of_arrival: date | None, today: date, field: str = FIELD) -> list[RuleError]:
    """A missing date is not this rule's business (the form says it is required)."""
    if date_of_arrival is not None and date_of_arrival > today:
        return [RuleError(CODE, field, IN_THE_FUTURE)]
    return []
