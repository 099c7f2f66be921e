"""The date of dispatch: from today to 7 days ahead; in the past only for a fallback document
entered afterwards (deferred submission).

No official EU code: the EMCS specification sets no window for ``DateOfDispatch`` (IE815 gives
it no rule), the window is the national rule of domain.md §6. ``DATE-EXP`` is this portal's code
for it."""

from datetime import date, timedelta

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "DATE-EXP"
FIELD = "dispatch_date"
MAX_DAYS_AHEAD = 7
PAST = (
    "La date d'expédition ne peut pas être antérieure à aujourd'hui ({today}), sauf pour la régularisation "
    "d'un document établi en procédure de secours."
)
TOO_FAR = "La date d'expédition ne peut pas dépasser de plus de 7 jours la date du jour : au plus tard le {latest}."


def check(*, dispatch_date: date | None, today: date, deferred_submission: bool, field: str = FIELD) -> list[RuleError]:
    if dispatch_date is None:
        return []
    latest = today + timedelta(days=MAX_DAYS_AHEAD)
    if dispatch_date > latest:
        return [RuleError(CODE, field, TOO_FAR.format(latest=f"{latest:%d/%m/%Y}"))]
    if dispatch_date < today and not deferred_submission:
        return [RuleError(CODE, field, PAST.format(today=f"{today:%d/%m/%Y}"))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        dispatch_date=draft.dispatch_date, today=context.today, deferred_submission=bool(draft.deferred_submission)
    )
