"""Regularisation of a fallback document (domain.md §7): a movement entered afterwards
(deferred submission) re-enters a paper document issued in the fallback procedure, and its LRN
is that document's GPS number — year (2) + the consignor's excise number (13) + order (6).

No official EU code: deferred submission is an EMCS flag with no rule of its own; reserving it
to the GPS numbers of the consignor still to regularise is the national procedure. ``SECOURS`` is
this portal's code for it. Two faults:

- the flag is set but the LRN is not an open fallback number of this consignor (a dispatch date
  in the past would otherwise be accepted for any document);
- the LRN is such a number but the flag is not set (the document would not be regularised)."""

from collections.abc import Callable

from fallback import numbers as gps_numbers
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "SECOURS"
FIELD = "local_reference_number"
FLAG_FIELD = "deferred_submission"
NOT_OPEN = (
    "La régularisation d'un document de secours demande comme numéro de référence local (LRN) le numéro "
    "de secours obtenu dans GPS pour {consignor}, tel quel (21 caractères en majuscules, par exemple "
    "{example}), d'un document qui n'est pas encore régularisé."
)
FLAG_MISSING = (
    "Ce numéro de référence local est le numéro d'un document de secours à régulariser : cochez "
    "« Régularisation d'un document établi en procédure de secours »."
)


def looks_like_fallback_number(lrn: str, consignor_excise_number: str) -> bool:
    """Whether ``lrn`` is, as typed, a GPS number of this consignor (``fallback.numbers``, whose
    excise number ``identifiers`` checks; no database read)."""
    lrn = (lrn or "").strip()
    if not gps_numbers.is_valid(lrn) or gps_numbers.validate(lrn) != lrn:
        return False
    return gps_numbers.parse(lrn).excise_number == consignor_excise_number


def check(
    *,
    lrn: str,
    consignor_excise_number: str,
    deferred_submission: bool,
    fallback_number_open: Callable[[str, str], bool],
) -> list[RuleError]:
    if not lrn or not consignor_excise_number:
        return []
    shaped = looks_like_fallback_number(lrn, consignor_excise_number)
    if deferred_submission:
        if shaped and fallback_number_open(consignor_excise_number, lrn):
            return []
        example = f"26{consignor_excise_number}000141"
        return [RuleError(CODE, FIELD, NOT_OPEN.format(consignor=consignor_excise_number, example=example))]
    if shaped and fallback_number_open(consignor_excise_number, lrn):
        return [RuleError(CODE, FLAG_FIELD, FLAG_MISSING)]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        lrn=draft.local_reference_number,
        consignor_excise_number=draft.consignor_excise_number,
        deferred_submission=bool(draft.deferred_submission),
        fallback_number_open=context.fallback_number_open,
    )
