"""IE837 and IE871: either side explains why the report of receipt (or the destination) is late, or
why the goods arrived short or in excess; the status is kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from emcs import codelists
from emcs.messages import ie837, ie871
from gamma.actions import common
from gamma.actions.common import ActionResult
from gamma.lifecycle import CONSIGNEE, CONSIGNOR
from gamma.models import Movement, MovementAction, MovementEvent
from gamma.rules import br041, c063, c181, tc61, tc73
from register.models import ExciseNumber

A = MovementAction


SUBMITTER_TYPES = {CONSIGNOR: tc61.CONSIGNOR, CONSIGNEE: tc61.CONSIGNEE}
# TC73: what is late.
DELAY_OF_RECEIPT, DELAY_OF_DESTINATION = tc73.DELAY_OF_RECEIPT, tc73.DELAY_OF_DESTINATION
MESSAGE_ROLES = tc73.LABELS


def movement_explain_delay(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    explanation_code: str,
    complementary_information: str = "",
    message_role: int | str | None = None,
    today: dt.date | None = None,
) -> ActionResult:
    """Explain why the report of receipt (or the destination) is late; the status is kept."""
    today = today or timezone.localdate()
    role = common.authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.EXPLAIN_DELAY, today=today
    )
    errors = common.Errors()
    complement = common.text(complementary_information)
    common.check_reason(
        errors,
        list_code=codelists.DELAY_REASONS,
        code=str(explanation_code or ""),
        complement=complement,
        prefix="explanation_",
    )
    if message_role in (None, ""):
        message_role = DELAY_OF_RECEIPT if role == CONSIGNEE else DELAY_OF_DESTINATION
    try:
        message_role = int(message_role)
    except (TypeError, ValueError):
        message_role = None
    errors.extend(tc73.check(message_role=message_role))
    errors.raise_if_any()

    now = common.now()
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    body = ie837.ExplanationOnDelayForDelivery(
        attributes=ie837.Attributes(
            submitter_identification=number,
            submitter_type=SUBMITTER_TYPES[role],
            explanation_code=str(explanation_code),
            complementary_information=complement,
            complementary_information_language=common.language(complement),
            message_role=message_role,
            date_and_time_of_validation_of_explanation_on_delay=common.naive(now),
        ),
        excise_movement=common.excise_movement(movement),
    )
    return common.transition(
        movement, A.EXPLAIN_DELAY, actor=actor, role=role, message_class=ie837.IE837, body=body, now=now, today=today
    )


# --------------------------------------------------------------------------------------------
# IE871 — explanation of a shortage or an excess


@dataclass(frozen=True)
class LineExplanation:
    body_record_unique_reference: int
    explanation: str = ""
    actual_quantity: Any = None

    @property
    def is_blank(self) -> bool:
        return not (self.explanation or "").strip() and self.actual_quantity in (None, "")


def last_receipt(movement: Movement) -> MovementEvent | None:
    """The latest report of receipt of the movement's current sequence, if any."""
    events = movement.events.filter(action=A.REPORT_OF_RECEIPT).order_by("-at", "-id")
    for event in events:
        sequence = (event.payload.get("excise_movement") or {}).get("sequence_number")
        if sequence in (None, movement.sequence_number):
            return event
    return None


def lines_with_difference(movement: Movement) -> list[int]:
    """BR041: the lines an explanation may concern, those the last report of receipt found short
    or in excess."""
    event = last_receipt(movement)
    if event is None:
        return []
    return br041.lines_found_different(event.payload.get("body_report_of_receipt_exports", []))


def movement_explain_shortage(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    global_explanation: str = "",
    date_of_analysis: dt.date | None = None,
    lines: list[LineExplanation] | tuple = (),
    today: dt.date | None = None,
) -> ActionResult:
    """Explain a shortage or an excess found at receipt, as a whole and/or line by line."""
    today = today or timezone.localdate()
    role = common.authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.EXPLAIN_SHORTAGE, today=today
    )
    errors = common.Errors()
    explanation = common.text(global_explanation)
    if explanation and len(explanation) > 350:
        errors.add("global_explanation", "L'explication ne dépasse pas 350 caractères.")
    date_of_analysis = date_of_analysis or today
    if date_of_analysis > today:
        errors.add("date_of_analysis", "La date de l'analyse ne peut pas être dans le futur.")
    by_reference = {line.body_record_unique_reference: line for line in movement.lines.all()}
    allowed = set(lines_with_difference(movement)) & set(by_reference)
    bodies = []
    for line in lines:
        if line.is_blank:
            continue
        prefix = f"lines.{line.body_record_unique_reference}."
        not_found_different = br041.check(
            body_record_unique_reference=line.body_record_unique_reference,
            found_different=allowed,
            field=f"{prefix}explanation",
        )
        if not_found_different:
            errors.extend(not_found_different)
            continue
        goods = by_reference[line.body_record_unique_reference]
        text = common.text(line.explanation)
        if not text:
            errors.add(f"{prefix}explanation", "Saisissez l'explication de cette ligne.")
        elif len(text) > 350:
            errors.add(f"{prefix}explanation", "L'explication ne dépasse pas 350 caractères.")
        quantity = None
        try:
            quantity = common.quantity(line.actual_quantity)
        except ValueError as error:
            errors.add(f"{prefix}actual_quantity", str(error))
        bodies.append(
            ie871.BodyAnalysis(
                excise_product_code=goods.excise_product_code,
                body_record_unique_reference=goods.body_record_unique_reference,
                explanation=text or "",
                explanation_language=common.LANGUAGE,
                actual_quantity=quantity,
            )
        )
    if not errors.by_field:  # C181 only once the lines are right: a wrong line is not « no line »
        errors.extend(c181.check(global_explanation=explanation, lines_explained=len(bodies)))
    errors.raise_if_any()

    now = common.now()
    body = ie871.ExplanationOnReasonForShortage(
        attributes=ie871.Attributes(
            submitter_type=SUBMITTER_TYPES[role],
            date_and_time_of_validation_of_explanation_on_shortage=common.naive(now),
        ),
        consignee_trader=common.consignee_trader(movement) if c063.consignee_applies(SUBMITTER_TYPES[role]) else None,
        excise_movement=common.excise_movement(movement),
        consignor_trader=common.consignor_trader(movement) if c063.consignor_applies(SUBMITTER_TYPES[role]) else None,
        analysis=ie871.Analysis(
            date_of_analysis=date_of_analysis,
            global_explanation=explanation,
            global_explanation_language=common.LANGUAGE,
        )
        if explanation
        else None,
        body_analyses=bodies,
    )
    return common.transition(
        movement, A.EXPLAIN_SHORTAGE, actor=actor, role=role, message_class=ie871.IE871, body=body, now=now, today=today
    )
