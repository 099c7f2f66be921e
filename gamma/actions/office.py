"""What a customs office does with the GAMMA movements of the operators in its charge, as the
office does in EMCS: it sees them (:func:`movements_in_charge`, :func:`office_movement`), it
interrupts one that is travelling (IE807, with its reason from BC26), it closes one manually (no
trader message: the event keeps its reason), and it follows the receipts awaited past their date
(:func:`overdue_receipts`).

Which operators an office has in charge is ``habilitations.rights.excise_numbers_in_charge`` (the
register's office of each excise number, the one its adhesions go to): a movement is the office's
when its consignor or its consignee is one of them. Any other movement is « introuvable » (the
views' 404), logged when an action was asked on it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from emcs import codelists
from emcs.messages import ie807
from gamma import lifecycle, search
from gamma.actions import common
from gamma.actions.common import ActionRefused, ActionResult
from gamma.models import Movement, MovementAction, MovementEvent, MovementStatus
from habilitations import rights

A = MovementAction
MAX_CLOSURE_REASON = 350
NOT_FOUND = "Ce mouvement est introuvable."


def movements_in_charge(*, user) -> QuerySet[Movement]:
    """The validated movements whose consignor or consignee is an excise number of the agent's
    office; none for anybody else."""
    if rights.office_of(user) is None:
        return Movement.objects.none()
    numbers = rights.excise_numbers_in_charge(user=user)
    return Movement.objects.exclude(status=MovementStatus.DRAFT).filter(
        Q(consignor__in=numbers) | Q(consignee_identifier__in=numbers.values("number"))
    )


def office_movement(*, user, pk: int) -> Movement | None:
    """The movement ``pk`` if it is one of the office's (None: the page is a 404)."""
    return movements_in_charge(user=user).select_related("consignor").filter(pk=pk).first()


def overdue_receipts(*, user, today: dt.date | None = None) -> QuerySet[Movement]:
    """The office's movements still awaiting their report of receipt after their expected date of
    arrival (``gamma.search.overdue_q``, the reminders' own test), the oldest dispatch first."""
    today = today or timezone.localdate()
    return (
        movements_in_charge(user=user)
        .filter(search.overdue_q(today))
        .select_related("consignor")
        .order_by("dispatch_date", "id")
    )


def _authorise(*, movement: Movement, actor, action: MovementAction, today: dt.date) -> Movement:
    """The movement as the office sees it, or a refusal (logged) when it is not the office's or
    the action is not open in its status."""
    mine = office_movement(user=actor, pk=movement.pk)
    what = f"{action} on movement {movement.pk} by the office"
    if mine is None:
        raise common.forged(actor, f"{what}: movement not in charge", NOT_FOUND)
    reason = lifecycle.refusal(mine, action, role=lifecycle.OFFICE, today=today)
    if reason:
        raise common.forged(actor, f"{what}: {reason}", reason)
    return mine


def movement_interrupt(
    *,
    movement: Movement,
    actor,
    reason_code: str,
    complementary_information: str = "",
    today: dt.date | None = None,
) -> ActionResult:
    """Interrupt a travelling movement (IE807): its reason from BC26, words required for
    « Autre » (C143); the message goes to the consignor and the consignee."""
    today = today or timezone.localdate()
    movement = _authorise(movement=movement, actor=actor, action=A.INTERRUPT, today=today)
    complement = common.text(complementary_information)
    errors = common.Errors()
    common.check_reason(
        errors,
        list_code=codelists.INTERRUPTION_REASONS,
        code=str(reason_code or ""),
        complement=complement,
        prefix="reason_",
    )
    errors.raise_if_any()
    now = common.now()
    body = ie807.InterruptionOfMovement(
        attributes=ie807.Attributes(
            administrative_reference_code=movement.arc,
            complementary_information=complement,
            complementary_information_language=common.language(complement),
            date_and_time_of_issuance=common.naive(now),
            reason_for_interruption_code=str(reason_code),
            reference_number_of_excise_office=rights.office_of(actor).code,
            # ExciseOfficerIdentification (optional) left out: an agent's login is no official
            # identifier and is not for the traders to read; the event keeps who acted.
        )
    )
    return common.transition(
        movement,
        A.INTERRUPT,
        actor=actor,
        role=lifecycle.OFFICE,
        message_class=ie807.IE807,
        body=body,
        now=now,
        today=today,
    )


def movement_close_manually(*, movement: Movement, actor, reason: str, today: dt.date | None = None) -> MovementEvent:
    """Close a movement that was not discharged (« Clôturé manuellement », IE905 X07). EMCS sends
    the traders no message for it: the timeline's event keeps the office and the reason."""
    today = today or timezone.localdate()
    movement = _authorise(movement=movement, actor=actor, action=A.MANUAL_CLOSURE, today=today)
    text = common.text(reason)
    if not text:
        raise ActionRefused(common.INVALID_DATA, errors={"reason": ["Indiquez le motif de la clôture."]})
    if len(text) > MAX_CLOSURE_REASON:
        raise ActionRefused(
            common.INVALID_DATA,
            errors={"reason": [f"Le motif ne dépasse pas {MAX_CLOSURE_REASON} caractères."]},
        )
    try:
        return lifecycle.transition(
            movement,
            A.MANUAL_CLOSURE,
            actor=actor,
            role=lifecycle.OFFICE,
            payload={"reason": text, "office": rights.office_of(actor).code},
            today=today,
        )
    except lifecycle.TransitionRefused as refused:  # the status changed since the page was shown
        raise ActionRefused(refused.message) from refused


OFFICE_ACTIONS = (A.INTERRUPT, A.MANUAL_CLOSURE)


def allowed_actions(movement: Movement, *, today: dt.date) -> list[MovementAction]:
    """The office's actions open on ``movement`` (one of its own) in its status."""
    return [
        action
        for action in OFFICE_ACTIONS
        if lifecycle.refusal(movement, action, role=lifecycle.OFFICE, today=today) is None
    ]


class OfficeFound(search.Found):
    """``search.Found`` whose slices are the movements' ids (what the office's pages read)."""

    def __getitem__(self, item):
        if isinstance(item, slice):
            return search.ids(super().__getitem__(item))
        return super().__getitem__(item)


def office_search(
    *, user, filters: search.Filters, number: str = "", name: str = "", today: dt.date | None = None
) -> OfficeFound:
    """The ids of the office's movements matching the traders' filters (``gamma.search.filtered``:
    the same meaning, word for word), dispatched or received by an operator in the office's charge
    whose excise number starts with ``number`` (as ``identifiers`` normalised it) and whose company's
    name contains ``name``; sorted as the traders' search sorts, counted up to
    ``search.SHOWN_AT_MOST`` (``more`` says if there are more).

    As the traders' search, two queries rather than one ``OR``: the movements the numbers dispatched,
    and those they receive from anybody else (each one range of its index by number), merged by
    ``search.Found``: a page reads each side's first rows, never a sort of the office's history."""
    today = today or timezone.localdate()
    ordering = search.SORTS.get(filters.sort, search.SORTS[search.DEFAULT_SORT])[1]
    if rights.office_of(user) is None:
        return OfficeFound([Movement.objects.none()], ordering)
    numbers = rights.excise_numbers_in_charge(user=user)
    name = " ".join((name or "").split())
    if number:
        numbers = numbers.filter(number__startswith=number)
    if name:
        numbers = numbers.filter(operator__name__icontains=name)
    # The numbers as values (an office holds a few hundred), not a subquery: PostgreSQL then reads
    # each number's range of its index (by consignor, by consignee) instead of guessing a join.
    ids, texts = [], []
    for pk, text in numbers.values_list("pk", "number"):
        ids.append(pk)
        texts.append(text)
    base = search.filtered(Movement.objects.all(), filters, today)
    dispatched = base.filter(consignor_id__in=ids)
    received = base.filter(consignee_identifier__in=texts).exclude(consignor_id__in=ids)
    return OfficeFound([dispatched, received], ordering, set_first=bool(filters.received_from or filters.received_to))
