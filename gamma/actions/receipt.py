"""IE818: the consignee reports the receipt of the goods — accepted (the movement is discharged),
refused or partially refused (the consignor must change its destination). Per line, as in HMRC's
EMCS service: a shortage or an excess and its quantity, the quantity refused, and several
unsatisfactory reasons (BC46: shortage, excess, damaged, broken seal, other …), each once, with
its own words. The lines are kept with the event (``gamma.receipt_parts``) besides the message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from emcs import codelists
from emcs.messages import groups as g
from emcs.messages import ie818
from gamma import lifecycle
from gamma.actions import common
from gamma.actions.common import ActionResult, Reason
from gamma.models import (
    DestinationType,
    Movement,
    MovementAction,
    MovementEvent,
    ReceiptLineReason,
    ReceiptLineReport,
)
from gamma.rules import br023, br024, br025, br056, c067, c095, c119, c140, c159, r058, r232, reason_once
from register.models import ExciseNumber

A = MovementAction


@dataclass(frozen=True)
class ReceiptLine:
    """What the consignee observed on one line: a shortage (``S``) or an excess (``E``) and its
    quantity, the quantity refused (partial refusal), and why the receipt is unsatisfactory."""

    body_record_unique_reference: int
    indicator: str = ""  # "S", "E" or blank
    observed_quantity: Any = None
    refused_quantity: Any = None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (
            self.indicator or self.observed_quantity not in (None, "") or self.refused_quantity not in (None, "")
        )


SHORTAGE, EXCESS = "S", "E"
INDICATORS = {SHORTAGE: "Manquant", EXCESS: "Excédent"}
ACCEPTED_SATISFACTORY, ACCEPTED_UNSATISFACTORY, REFUSED, PARTIALLY_REFUSED = 1, 2, 3, 4


def movement_report_receipt(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    date_of_arrival: dt.date | None,
    global_conclusion: int | str | None,
    complementary_information: str = "",
    lines: list[ReceiptLine] | tuple = (),
    today: dt.date | None = None,
) -> ActionResult:
    """The consignee reports what arrived. Accepted (1, 2): the movement is discharged (« apuré »);
    refused (3) or partially refused (4): the consignor must change its destination."""
    today = today or timezone.localdate()
    role = common.authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.REPORT_OF_RECEIPT, today=today
    )
    return _report(
        movement=movement,
        actor=actor,
        role=role,
        number=excise_number if isinstance(excise_number, str) else excise_number.number,
        date_of_arrival=date_of_arrival,
        global_conclusion=global_conclusion,
        complementary_information=complementary_information,
        lines=lines,
        today=today,
    )


def movement_report_receipt_from_member_state(
    *,
    movement: Movement,
    consignee: str,
    date_of_arrival: dt.date | None,
    global_conclusion: int | str | None,
    complementary_information: str = "",
    lines: list[ReceiptLine] | tuple = (),
    today: dt.date | None = None,
    received: tuple[bytes, str] | None = None,
) -> ActionResult:
    """The report of receipt of a movement sent to another member state, as that state sends it
    (an IE818 received by ``eu.gateway.receive``): no portal user acts, the consignee is the
    movement's own, in another member state; the same checks and transition as the French
    consignee's report. ``received``: the IE818's bytes and MessageIdentifier, kept as they came."""
    if not consignee or consignee != movement.consignee_identifier or consignee[:2] == "FR":
        raise common.forged(None, f"IE818 of {consignee} for movement {movement.pk}", "Ce mouvement est introuvable.")
    return _report(
        movement=movement,
        actor=None,
        role=lifecycle.CONSIGNEE,
        number=consignee,
        date_of_arrival=date_of_arrival,
        global_conclusion=global_conclusion,
        complementary_information=complementary_information,
        lines=lines,
        today=today or timezone.localdate(),
        received=received,
    )


def _report(
    *,
    movement: Movement,
    actor,
    role: str,
    number: str,
    date_of_arrival: dt.date | None,
    global_conclusion: int | str | None,
    complementary_information: str,
    lines,
    today: dt.date,
    received: tuple[bytes, str] | None = None,
) -> ActionResult:
    errors = common.Errors()
    try:
        conclusion = int(global_conclusion)
    except (TypeError, ValueError):
        conclusion = None
    if conclusion not in lifecycle.GLOBAL_CONCLUSIONS:
        errors.add("global_conclusion", "Choisissez la conclusion de la réception.")
    if date_of_arrival is None:
        errors.add("date_of_arrival", "Saisissez la date d'arrivée des produits.")
    else:
        errors.extend(
            br023.check(date_of_arrival=date_of_arrival, today=today)
            or br056.check(date_of_arrival=date_of_arrival, dispatch_date=movement.dispatch_date)
        )
    complement = common.text(complementary_information)
    if complement and len(complement) > 350:
        errors.add("complementary_information", "Le complément d'information ne dépasse pas 350 caractères.")

    by_reference = {line.body_record_unique_reference: line for line in movement.lines.all()}
    ead_lines = {reference: line.excise_product_code for reference, line in by_reference.items()}
    reported = [line for line in lines if not line.is_blank or _given(line.reasons)]
    errors.extend(r058.check(references=[line.body_record_unique_reference for line in reported]))
    bodies = [
        body
        for line in reported
        if (body := _receipt_line(errors, line, conclusion=conclusion, ead_lines=ead_lines, by_reference=by_reference))
        is not None
    ]
    errors.extend(c140.check(global_conclusion=conclusion, lines_reported=len(reported)))
    errors.extend(
        c119.check(global_conclusion=conclusion, refused_quantities=[body.refused_quantity for body in bodies])
    )
    errors.raise_if_any()

    now = common.now()
    office = common.office_of(number) if movement.destination_type_code != DestinationType.EXPORT else ""
    body = ie818.AcceptedOrRejectedReportOfReceiptExport(
        attributes=ie818.Attributes(date_and_time_of_validation_of_report_of_receipt_export=common.naive(now)),
        consignee_trader=common.consignee_trader(movement),
        excise_movement=common.excise_movement(movement),
        delivery_place_trader=common.delivery_place_trader(movement),
        destination_office=g.Office(reference_number=office) if office else None,
        report_of_receipt_export=ie818.ReportOfReceiptExport(
            date_of_arrival_of_excise_products=date_of_arrival,
            global_conclusion_of_receipt=conclusion,
            complementary_information=complement,
            complementary_information_language=common.language(complement),
        ),
        body_report_of_receipt_exports=bodies,
    )
    return common.transition(
        movement,
        A.REPORT_OF_RECEIPT,
        actor=actor,
        role=role,
        message_class=ie818.IE818,
        body=body,
        outcome={"global_conclusion": conclusion},
        now=now,
        today=today,
        with_event=lambda event: _keep_lines(movement, event, bodies),
        received=received,
    )


def _given(reasons) -> list[tuple[int, Reason]]:
    """The reasons typed, with their position among the line's rows (an empty row is none)."""
    return [
        (index, reason)
        for index, reason in enumerate(reasons)
        if str(reason.code or "").strip() or common.text(reason.complementary_information)
    ]


def _keep_lines(movement: Movement, event: MovementEvent, bodies: list[ie818.BodyReportOfReceiptExport]) -> None:
    """The report's lines and their reasons, kept with its event."""
    for body in bodies:
        line = ReceiptLineReport.objects.create(
            movement=movement,
            event=event,
            body_record_unique_reference=body.body_record_unique_reference,
            excise_product_code=body.excise_product_code,
            indicator=body.indicator_of_shortage_or_excess or "",
            observed_quantity=body.observed_shortage_or_excess,
            refused_quantity=body.refused_quantity,
        )
        ReceiptLineReason.objects.bulk_create(
            ReceiptLineReason(
                line=line,
                position=position,
                code=reason.unsatisfactory_reason_code,
                complementary_information=reason.complementary_information or "",
                complementary_information_language=reason.complementary_information_language or "",
            )
            for position, reason in enumerate(body.unsatisfactory_reasons, start=1)
        )


def _receipt_line(
    errors: common.Errors, line: ReceiptLine, *, conclusion: int | None, ead_lines: dict[int, str], by_reference: dict
) -> ie818.BodyReportOfReceiptExport | None:
    """One line of the report, checked (BR024, R232, C067, C095, BR025, C159, C126, each reason once);
    None for a line the e-AD does not have. A reason's errors are at ``lines.<ref>.reasons.<row>.code``
    (or ``.complementary_information``), the row as the line's reasons were given."""
    prefix = f"lines.{line.body_record_unique_reference}."
    unknown_line = br024.check(
        body_record_unique_reference=line.body_record_unique_reference, ead_lines=ead_lines, field=f"{prefix}indicator"
    )
    if unknown_line:
        errors.extend(unknown_line)
        return None
    goods = by_reference[line.body_record_unique_reference]
    indicator = (line.indicator or "").strip().upper()
    observed = refused = None
    try:
        observed = common.quantity(line.observed_quantity)
    except ValueError as error:
        errors.add(f"{prefix}observed_quantity", str(error))
    try:
        refused = common.quantity(line.refused_quantity)
    except ValueError as error:
        errors.add(f"{prefix}refused_quantity", str(error))
    if indicator and indicator not in INDICATORS:
        errors.add(f"{prefix}indicator", "Choisissez manquant ou excédent.")
    not_positive = r232.check(quantity=observed, field=f"{prefix}observed_quantity")
    errors.extend(not_positive + r232.check(quantity=refused, field=f"{prefix}refused_quantity"))
    if not not_positive:
        errors.extend(c067.check(indicator=indicator, observed=observed, prefix=prefix))
    errors.extend(c095.check(global_conclusion=conclusion, refused=refused, field=f"{prefix}refused_quantity"))
    errors.extend(
        br025.check(quantity=goods.quantity, indicator=indicator, observed=observed, refused=refused, prefix=prefix)
    )
    given = _given(line.reasons)
    reasons = [(index, reason) for index, reason in given if str(reason.code or "").strip()]
    errors.extend(
        c159.check(
            global_conclusion=conclusion,
            reasons=len(reasons),
            field=f"{prefix}reasons.{given[0][0] if given else 0}.code",
        )
    )
    codes = [str(reason.code).strip() for _, reason in reasons]
    positions = [index for index, _ in reasons]
    for error in reason_once.check(codes=codes, field="{index}"):
        index = int(error.field)
        errors.add(f"{prefix}reasons.{positions[min(index, len(positions) - 1)]}.code", error.message)
    for index, reason in given:
        complement = common.text(reason.complementary_information)
        if not str(reason.code or "").strip():
            errors.add(f"{prefix}reasons.{index}.code", "Choisissez le motif de ces précisions.")
            continue
        common.check_reason(
            errors,
            list_code=codelists.UNSATISFACTORY_RECEIPT_REASONS,
            code=str(reason.code).strip(),
            complement=complement,
            prefix=f"{prefix}reasons.{index}.",
        )
    return ie818.BodyReportOfReceiptExport(
        body_record_unique_reference=goods.body_record_unique_reference,
        indicator_of_shortage_or_excess=indicator or None,
        observed_shortage_or_excess=observed,
        excise_product_code=br024.excise_product_code(
            body_record_unique_reference=goods.body_record_unique_reference, ead_lines=ead_lines
        ),
        refused_quantity=refused,
        unsatisfactory_reasons=[
            ie818.UnsatisfactoryReason(
                unsatisfactory_reason_code=str(reason.code).strip(),
                complementary_information=common.text(reason.complementary_information),
                complementary_information_language=common.language(common.text(reason.complementary_information)),
            )
            for _, reason in reasons
        ],
    )
