"""Each message type the channels accept → the GAMMA use case that handles it, the excise number
it acts for, the right it needs, and where each of the use case's fields sits in the message.

=======  ==========================================  ===========================================
message  use case                                    acting excise number
=======  ==========================================  ===========================================
IE815    ``gamma.mapping.save_ie815`` then           the consignor (``ConsignorTrader``)
         ``gamma.services.movement_validate``
IE810    ``actions.movement_cancel``                 the movement's consignor
IE813    ``actions.movement_change_destination``     the movement's consignor
IE818    ``actions.movement_report_receipt``         the movement's consignee
IE819    ``actions.movement_alert_or_reject``        the movement's consignee
IE837    ``actions.movement_explain_delay``          ``SubmitterIdentification`` (either party)
IE871    ``actions.movement_explain_shortage``       the party of ``SubmitterType`` (either)
IE904    none: ``edi.service`` answers an IE905      any of the sender's numbers playing a part,
         (``edi.answers.status_response``)           with the right to see the movement
=======  ==========================================  ===========================================

Nothing here decides a right or a rule: the use cases do (``habilitations.rights`` and
``gamma/rules``); this module only reads the message into their arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gamma import actions
from gamma.lifecycle import CONSIGNEE, CONSIGNOR
from gamma.models import Movement, MovementAction

ACCEPTED = ("IE815", "IE810", "IE813", "IE818", "IE819", "IE837", "IE871", "IE904")


@dataclass(frozen=True)
class Route:
    """How one message type reaches its use case. ``role``: whose excise number acts (consignor,
    consignee, or ``None`` when the message says it: IE837, IE871); ``action``: the lifecycle
    action whose rights it needs; ``call(movement, actor, number, body)`` runs the use case;
    ``locations``: the use case's field names → XPath of the element in the message (a ``{ref}``
    in the key is a line's BodyRecordUniqueReference)."""

    body_path: str
    role: str | None
    action: MovementAction | None
    call: Callable[..., Any] | None
    locations: dict[str, str]

    def location(self, field: str) -> str:
        """The XPath of the element a use case's field comes from; the body when unknown. A
        repeated group's row (``units.0.…``, a line's ``reasons.0.…``) is its position ``{n}``."""
        reason = re.fullmatch(r"lines\.(\d+)\.reasons\.(\d+)\.(\w+)", field)
        if reason:
            reference, row, name = reason.groups()
            template = self.locations.get(f"lines.{{ref}}.reasons.{{n}}.{name}")
            if template:
                return self.body_path + template.format(ref=reference, n=int(row) + 1)
        row = re.fullmatch(r"(\w+)\.(\d+)\.(\w+)", field)
        if row and not field.startswith("lines."):
            group, index, name = row.groups()
            template = self.locations.get(f"{group}.{{n}}.{name}")
            if template:
                return self.body_path + template.format(n=int(index) + 1)
        line = re.fullmatch(r"lines\.(\d+)\.(\w+)", field)
        if line:
            reference, name = line.groups()
            template = self.locations.get(f"lines.{{ref}}.{name}")
            if template:
                return self.body_path + template.format(ref=reference)
        relative = self.locations.get(field)
        return self.body_path + relative if relative else self.body_path


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _trader(trader: Any) -> actions.TraderInput | None:
    if trader is None:
        return None
    return actions.TraderInput(
        traderid=_text(getattr(trader, "traderid", None)),
        name=_text(trader.trader_name),
        street_name=_text(trader.street_name),
        street_number=_text(trader.street_number),
        postcode=_text(trader.postcode),
        city=_text(trader.city),
    )


def _trader_locations(prefix: str, path: str) -> dict[str, str]:
    """Where a transport trader's fields sit (``transporter_name`` → ``…/TraderName``)."""
    names = {
        "vat_number": "VatNumber",
        "name": "TraderName",
        "street_name": "StreetName",
        "street_number": "StreetNumber",
        "postcode": "Postcode",
        "city": "City",
    }
    return {f"{prefix}_{name}": f"{path}/{element}" for name, element in names.items()}


def _cancel(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    return actions.movement_cancel(
        movement=movement,
        actor=actor,
        excise_number=number,
        reason_code=body.cancellation.cancellation_reason_code,
        complementary_information=_text(body.cancellation.complementary_information),
    )


def _party(trader: Any) -> actions.PartyInput | None:
    if trader is None:
        return None
    return actions.PartyInput(
        traderid=_text(getattr(trader, "trader_excise_number", None)),
        vat_number=_text(trader.vat_number),
        name=_text(trader.trader_name),
        street_name=_text(trader.street_name),
        street_number=_text(trader.street_number),
        postcode=_text(trader.postcode),
        city=_text(trader.city),
    )


def _transport(body: Any) -> actions.TransportChange:
    update = body.update_ead_esad
    guarantee = body.destination_changed.movement_guarantee
    return actions.TransportChange(
        transport_arrangement=update.changed_transport_arrangement,
        transport_arranger=_party(body.new_transport_arranger_trader),
        transporter=_party(body.new_transporter_trader),
        guarantor_type_code=_text(guarantee.guarantor_type_code) if guarantee else "",
        guarantors=tuple(_party(trader) for trader in guarantee.guarantor_traders) if guarantee else (),
        transport_mode_code=_text(update.transport_mode_code),
        transport_mode_complementary_information=_text(update.complementary_information),
        units=tuple(
            actions.TransportUnitInput(
                transport_unit_code=_text(unit.transport_unit_code),
                identity_of_transport_units=_text(unit.identity_of_transport_units),
                commercial_seal_identification=_text(unit.commercial_seal_identification),
                seal_information=_text(unit.seal_information),
                complementary_information=_text(unit.complementary_information),
            )
            for unit in body.transport_details
        ),
    )


def _change_destination(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    changed = body.destination_changed
    office = changed.delivery_place_customs_office
    return actions.movement_change_destination(
        movement=movement,
        actor=actor,
        excise_number=number,
        destination_type_code=changed.destination_type_code,
        consignee=_trader(changed.new_consignee_trader),
        delivery_place=_trader(changed.delivery_place_trader),
        delivery_office_code=office.reference_number if office else "",
        journey_time=_text(body.update_ead_esad.journey_time),
        transport=_transport(body),
    )


def _report_receipt(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    return actions.movement_report_receipt(movement=movement, actor=actor, excise_number=number, **receipt_of(body))


def receipt_of(body: Any) -> dict[str, Any]:
    """An IE818 body read into the report of receipt's arguments (also for an IE818 another
    member state sends, ``eu.gateway.receive``)."""
    report = body.report_of_receipt_export
    return {
        "date_of_arrival": report.date_of_arrival_of_excise_products,
        "global_conclusion": report.global_conclusion_of_receipt,
        "complementary_information": _text(report.complementary_information),
        "lines": [
            actions.ReceiptLine(
                body_record_unique_reference=line.body_record_unique_reference,
                indicator=_text(line.indicator_of_shortage_or_excess),
                observed_quantity=line.observed_shortage_or_excess,
                refused_quantity=line.refused_quantity,
                reasons=[
                    actions.Reason(
                        code=reason.unsatisfactory_reason_code,
                        complementary_information=_text(reason.complementary_information),
                    )
                    for reason in line.unsatisfactory_reasons
                ],
            )
            for line in body.body_report_of_receipt_exports
        ],
    }


def _alert_or_reject(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    return actions.movement_alert_or_reject(
        movement=movement,
        actor=actor,
        excise_number=number,
        rejected=body.alert_or_rejection.ead_esad_rejected_flag,
        date=body.alert_or_rejection.date_of_alert_or_rejection,
        reasons=[
            actions.Reason(
                code=reason.alert_or_rejection_of_movement_reason_code,
                complementary_information=_text(reason.complementary_information),
            )
            for reason in body.reasons
        ],
    )


def _explain_delay(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    attributes = body.attributes
    return actions.movement_explain_delay(
        movement=movement,
        actor=actor,
        excise_number=number,
        explanation_code=attributes.explanation_code,
        complementary_information=_text(attributes.complementary_information),
        message_role=attributes.message_role,
    )


def _explain_shortage(movement: Movement, actor, number: str, body: Any) -> actions.ActionResult:
    analysis = body.analysis
    return actions.movement_explain_shortage(
        movement=movement,
        actor=actor,
        excise_number=number,
        global_explanation=_text(analysis.global_explanation) if analysis else "",
        date_of_analysis=analysis.date_of_analysis if analysis else None,
        lines=[
            actions.LineExplanation(
                body_record_unique_reference=line.body_record_unique_reference,
                explanation=_text(line.explanation),
                actual_quantity=line.actual_quantity,
            )
            for line in body.body_analyses
        ],
    )


_REASON = "{group}/{code}"
ROUTES: dict[str, Route] = {
    "IE815": Route(
        body_path="/IE815/Body/SubmittedDraftOfEADESAD",
        role=CONSIGNOR,
        action=MovementAction.VALIDATE,
        call=None,  # edi.service: save_ie815 then movement_validate
        locations={},
    ),
    "IE810": Route(
        body_path="/IE810/Body/CancellationOfEAD",
        role=CONSIGNOR,
        action=MovementAction.CANCEL,
        call=_cancel,
        locations={
            "reason_code": "/Cancellation/CancellationReasonCode",
            "complementary_information": "/Cancellation/ComplementaryInformation",
        },
    ),
    "IE813": Route(
        body_path="/IE813/Body/ChangeOfDestination",
        role=CONSIGNOR,
        action=MovementAction.CHANGE_DESTINATION,
        call=_change_destination,
        locations={
            "destination_type_code": "/DestinationChanged/DestinationTypeCode",
            "consignee_traderid": "/DestinationChanged/NewConsigneeTrader/Traderid",
            "consignee_name": "/DestinationChanged/NewConsigneeTrader/TraderName",
            "consignee_street_name": "/DestinationChanged/NewConsigneeTrader/StreetName",
            "consignee_postcode": "/DestinationChanged/NewConsigneeTrader/Postcode",
            "consignee_city": "/DestinationChanged/NewConsigneeTrader/City",
            "delivery_place_traderid": "/DestinationChanged/DeliveryPlaceTrader/Traderid",
            "delivery_place_name": "/DestinationChanged/DeliveryPlaceTrader/TraderName",
            "delivery_place_street_name": "/DestinationChanged/DeliveryPlaceTrader/StreetName",
            "delivery_place_postcode": "/DestinationChanged/DeliveryPlaceTrader/Postcode",
            "delivery_place_city": "/DestinationChanged/DeliveryPlaceTrader/City",
            "delivery_office_code": "/DestinationChanged/DeliveryPlaceCustomsOffice/ReferenceNumber",
            "journey_time": "/UpdateEadEsad/JourneyTime",
            "transport_arrangement": "/UpdateEadEsad/ChangedTransportArrangement",
            **_trader_locations("transport_arranger", "/NewTransportArrangerTrader"),
            **_trader_locations("transporter", "/NewTransporterTrader"),
            "guarantor_type_code": "/DestinationChanged/MovementGuarantee/GuarantorTypeCode",
            **_trader_locations("guarantor_1", "/DestinationChanged/MovementGuarantee/GuarantorTrader[1]"),
            **_trader_locations("guarantor_2", "/DestinationChanged/MovementGuarantee/GuarantorTrader[2]"),
            "guarantor_1_traderid": "/DestinationChanged/MovementGuarantee/GuarantorTrader[1]/TraderExciseNumber",
            "guarantor_2_traderid": "/DestinationChanged/MovementGuarantee/GuarantorTrader[2]/TraderExciseNumber",
            "transport_mode_code": "/UpdateEadEsad/TransportModeCode",
            "transport_mode_complementary_information": "/UpdateEadEsad/ComplementaryInformation",
            "units.{n}.transport_unit_code": "/TransportDetails[{n}]/TransportUnitCode",
            "units.{n}.identity_of_transport_units": "/TransportDetails[{n}]/IdentityOfTransportUnits",
            "units.{n}.commercial_seal_identification": "/TransportDetails[{n}]/CommercialSealIdentification",
            "units.{n}.seal_information": "/TransportDetails[{n}]/SealInformation",
            "units.{n}.complementary_information": "/TransportDetails[{n}]/ComplementaryInformation",
        },
    ),
    "IE818": Route(
        body_path="/IE818/Body/AcceptedOrRejectedReportOfReceiptExport",
        role=CONSIGNEE,
        action=MovementAction.REPORT_OF_RECEIPT,
        call=_report_receipt,
        locations={
            "date_of_arrival": "/ReportOfReceiptExport/DateOfArrivalOfExciseProducts",
            "global_conclusion": "/ReportOfReceiptExport/GlobalConclusionOfReceipt",
            "complementary_information": "/ReportOfReceiptExport/ComplementaryInformation",
            "lines.{ref}.indicator": "/BodyReportOfReceiptExport[BodyRecordUniqueReference={ref}]"
            "/IndicatorOfShortageOrExcess",
            "lines.{ref}.observed_quantity": "/BodyReportOfReceiptExport[BodyRecordUniqueReference={ref}]"
            "/ObservedShortageOrExcess",
            "lines.{ref}.refused_quantity": "/BodyReportOfReceiptExport[BodyRecordUniqueReference={ref}]"
            "/RefusedQuantity",
            "lines.{ref}.reasons.{n}.code": "/BodyReportOfReceiptExport[BodyRecordUniqueReference={ref}]"
            "/UnsatisfactoryReason[{n}]/UnsatisfactoryReasonCode",
            "lines.{ref}.reasons.{n}.complementary_information": "/BodyReportOfReceiptExport"
            "[BodyRecordUniqueReference={ref}]/UnsatisfactoryReason[{n}]/ComplementaryInformation",
        },
    ),
    "IE819": Route(
        body_path="/IE819/Body/AlertOrRejectionOfEADESAD",
        role=CONSIGNEE,
        action=MovementAction.ALERT_OR_REJECTION,
        call=_alert_or_reject,
        locations={
            "date": "/AlertOrRejection/DateOfAlertOrRejection",
            "reason_code": "/AlertOrRejectionOfEadEsadReason/AlertOrRejectionOfMovementReasonCode",
            "reason_complementary_information": "/AlertOrRejectionOfEadEsadReason/ComplementaryInformation",
        },
    ),
    "IE837": Route(
        body_path="/IE837/Body/ExplanationOnDelayForDelivery",
        role=None,
        action=MovementAction.EXPLAIN_DELAY,
        call=_explain_delay,
        locations={
            "explanation_code": "/Attributes/ExplanationCode",
            "explanation_complementary_information": "/Attributes/ComplementaryInformation",
            "complementary_information": "/Attributes/ComplementaryInformation",
            "message_role": "/Attributes/MessageRole",
        },
    ),
    "IE871": Route(
        body_path="/IE871/Body/ExplanationOnReasonForShortage",
        role=None,
        action=MovementAction.EXPLAIN_SHORTAGE,
        call=_explain_shortage,
        locations={
            "global_explanation": "/Analysis/GlobalExplanation",
            "date_of_analysis": "/Analysis/DateOfAnalysis",
            "lines.{ref}.explanation": "/BodyAnalysis[BodyRecordUniqueReference={ref}]/Explanation",
            "lines.{ref}.actual_quantity": "/BodyAnalysis[BodyRecordUniqueReference={ref}]/ActualQuantity",
        },
    ),
    "IE904": Route(
        body_path="/IE904/Body/StatusRequest",
        role=None,
        action=None,  # a status request changes nothing: it needs the right to see the movement
        call=None,  # edi.service: the IE905 of the movement
        locations={},
    ),
}


def arc_of(message_type: str, body: Any) -> tuple[str, str]:
    """The ARC a follow-up message is about, and its XPath."""
    body_path = ROUTES[message_type].body_path
    if message_type == "IE810":
        group, arc = "ExciseMovementEad", body.excise_movement_ead.administrative_reference_code
    elif message_type == "IE813":
        group, arc = "UpdateEadEsad", body.update_ead_esad.administrative_reference_code
    elif message_type == "IE904":
        group, arc = "Attributes", body.attributes.administrative_reference_code
    else:
        group, arc = "ExciseMovement", body.excise_movement.administrative_reference_code
    return arc, f"{body_path}/{group}/AdministrativeReferenceCode"


def acting_number(message_type: str, body: Any, movement: Movement | None) -> tuple[str, str]:
    """The excise number the message acts for, and the role it acts in."""
    if message_type == "IE815":
        consignor = body.consignor_trader
        return (_text(consignor.trader_excise_number) if consignor else ""), CONSIGNOR
    if message_type == "IE837":
        role = CONSIGNOR if body.attributes.submitter_type == 1 else CONSIGNEE
        return _text(body.attributes.submitter_identification), role
    role = ROUTES[message_type].role
    if message_type == "IE871":
        role = CONSIGNOR if body.attributes.submitter_type == 1 else CONSIGNEE
    if movement is None:
        return "", role
    if role == CONSIGNOR:
        return (movement.consignor.number if movement.consignor_id else ""), role
    return movement.consignee_identifier, role
