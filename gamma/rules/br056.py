"""BR056: the goods do not arrive before they left: a report of receipt's (IE818) date of arrival is on
or after the e-AD's date of dispatch.

Official text (``emcs/spec/BR056.md``): "It is obligatory that the Date of Arrival of Excise
Products that is included in the draft report of receipt/export is equal or after the Date of
Dispatch that is included in the e-AD/e-SAD message.\""""

from datetime import date

from gamma.rules.base import RuleError

CODE = "BR056"
FIELD = "date_of_arrival"
BEFORE_DISPATCH = "La date d'arrivée ne peut pas précéder la date d'expédition du {dispatch_date:%d/%m/%Y} (BR056)."


def check(*, date_of_arrival: date | None, dispatch_date: date | None, field: str = FIELD) -> list[RuleError]:
    if date_of_arrival is None or dispatch_date is None or date_of_arrival >= dispatch_date:
        return []
    return [RuleError(CODE, field, BEFORE_DISPATCH.format(dispatch_date=dispatch_date))]
