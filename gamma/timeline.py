"""The movement's timeline in French: each event (``MovementEvent``) with what it said, read back
from its payload (the EMCS message's body, see ``gamma.actions``). The movement page and the
inbox both read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from emcs import labels
from gamma.lifecycle import GLOBAL_CONCLUSIONS
from gamma.models import DestinationType, Movement, MovementAction, MovementEvent, MovementMessage, MovementStatus

A = MovementAction
INDICATORS = {"S": "manquant", "E": "excédent"}
DELAY_ROLES = {1: "retard de l'accusé de réception", 2: "retard dans l'indication de la destination"}
SUBMITTERS = {1: "l'expéditeur", 2: "le destinataire"}


@dataclass(frozen=True)
class Entry:
    event: MovementEvent
    title: str  # « Accusé de réception (IE818) »
    details: list[str]
    actor: str
    change: str  # « Validé → Apuré », blank when the status stayed
    messages: tuple[MovementMessage, ...] = ()  # the EMCS messages stored with the event (their XML not read)


def _date(value: Any) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _quantity(value: Any) -> str:
    try:
        return f"{Decimal(str(value)).normalize():f}".replace(".", ",")
    except (InvalidOperation, ValueError):
        return str(value)


def _reason(list_code: str, code: Any, complement: Any = None) -> str:
    text = labels.label(list_code, str(code)) or f"code {code}"
    return f"{text} ({complement})" if complement else text


def _destination(code: Any) -> str:
    try:
        return DestinationType(int(code)).label
    except (TypeError, ValueError):
        return str(code)


def _transport_changed(payload: dict) -> list[str]:
    """What a change of destination changed in the transport (``gamma.actions.transport_change``)."""
    update = payload.get("update_ead_esad") or {}
    guarantee = (payload.get("destination_changed") or {}).get("movement_guarantee") or {}
    lines = []
    for key, label in (
        ("new_transport_arranger_trader", "Nouvel organisateur du transport"),
        ("new_transporter_trader", "Nouveau transporteur"),
    ):
        if (payload.get(key) or {}).get("trader_name"):
            lines.append(f"{label} : {payload[key]['trader_name']}")
    if guarantee.get("guarantor_type_code"):
        lines.append(f"Nouvelle garantie : type {guarantee['guarantor_type_code']}")
    if update.get("transport_mode_code"):
        lines.append(f"Nouveau mode de transport : {labels.label('BC67', str(update['transport_mode_code']))}")
    units = [
        unit.get("identity_of_transport_units") or unit.get("transport_unit_code")
        for unit in payload.get("transport_details") or []
    ]
    if units:
        lines.append("Nouvelles unités de transport : " + ", ".join(str(unit) for unit in units))
    return lines


def details(event: MovementEvent) -> list[str]:
    """What the event's message said, a line each."""
    payload = event.payload or {}
    action = event.action
    lines: list[str] = []
    if action == A.CANCEL:
        cancellation = payload.get("cancellation") or {}
        lines.append(
            "Motif : "
            + _reason(
                "BC43",
                cancellation.get("cancellation_reason_code"),
                cancellation.get("complementary_information"),
            )
        )
    elif action == A.CHANGE_DESTINATION:
        changed = payload.get("destination_changed") or {}
        update = payload.get("update_ead_esad") or {}
        lines.append(f"Nouvelle destination : {_destination(changed.get('destination_type_code'))}")
        consignee = changed.get("new_consignee_trader") or {}
        if consignee:
            who = consignee.get("trader_name") or ""
            if consignee.get("traderid"):
                who += f" ({consignee['traderid']})"
            lines.append(f"Nouveau destinataire : {who}")
        place = changed.get("delivery_place_trader") or {}
        if place:
            lines.append(f"Lieu de livraison : {place.get('trader_name') or place.get('traderid') or ''}")
        if update.get("journey_time"):
            lines.append(f"Durée du transport : {update['journey_time']}")
        lines += _transport_changed(payload)
        if update.get("sequence_number"):
            lines.append(f"Numéro de séquence : {update['sequence_number']}")
    elif action == A.REPORT_OF_RECEIPT:
        report = payload.get("report_of_receipt_export") or {}
        lines.append(f"Arrivée des produits le {_date(report.get('date_of_arrival_of_excise_products'))}")
        conclusion = payload.get("global_conclusion") or report.get("global_conclusion_of_receipt")
        if conclusion in GLOBAL_CONCLUSIONS:
            lines.append(GLOBAL_CONCLUSIONS[conclusion])
        if report.get("complementary_information"):
            lines.append(report["complementary_information"])
        for body in payload.get("body_report_of_receipt_exports") or []:
            parts = []
            if body.get("indicator_of_shortage_or_excess"):
                parts.append(
                    f"{INDICATORS.get(body['indicator_of_shortage_or_excess'], '?')} de "
                    f"{_quantity(body.get('observed_shortage_or_excess'))}"
                )
            if body.get("refused_quantity"):
                parts.append(f"{_quantity(body['refused_quantity'])} refusé")
            reasons = [
                _reason("BC46", reason.get("unsatisfactory_reason_code"), reason.get("complementary_information"))
                for reason in body.get("unsatisfactory_reasons") or []
            ]
            if reasons:
                parts.append("motif : " + ", ".join(reasons))
            lines.append(f"Ligne {body.get('body_record_unique_reference')} : " + " ; ".join(parts))
    elif action == A.ALERT_OR_REJECTION:
        alert = payload.get("alert_or_rejection") or {}
        kind = "Refus du document" if payload.get("rejected") else "Alerte"
        lines.append(f"{kind} du {_date(alert.get('date_of_alert_or_rejection'))}")
        for reason in payload.get("reasons") or []:
            lines.append(
                "Motif : "
                + _reason(
                    "BC22",
                    reason.get("alert_or_rejection_of_movement_reason_code"),
                    reason.get("complementary_information"),
                )
            )
    elif action == A.EXPLAIN_DELAY:
        attributes = payload.get("attributes") or {}
        lines.append(
            f"Par {SUBMITTERS.get(attributes.get('submitter_type'), '')} "
            f"({attributes.get('submitter_identification', '')}) : "
            f"{DELAY_ROLES.get(attributes.get('message_role'), '')}"
        )
        lines.append(
            "Motif : "
            + _reason("BC51", attributes.get("explanation_code"), attributes.get("complementary_information"))
        )
    elif action == A.EXPLAIN_SHORTAGE:
        attributes = payload.get("attributes") or {}
        lines.append(f"Par {SUBMITTERS.get(attributes.get('submitter_type'), '')}")
        analysis = payload.get("analysis") or {}
        if analysis:
            lines.append(f"Analyse du {_date(analysis.get('date_of_analysis'))} : {analysis.get('global_explanation')}")
        for body in payload.get("body_analyses") or []:
            text = f"Ligne {body.get('body_record_unique_reference')} : {body.get('explanation')}"
            if body.get("actual_quantity"):
                text += f" (quantité réelle {_quantity(body['actual_quantity'])})"
            lines.append(text)
    elif action == A.REMINDER:
        attributes = payload.get("attributes") or {}
        lines.append(
            f"Arrivée attendue le {_date(attributes.get('limit_date_and_time'))} : "
            "l'accusé de réception n'a pas été envoyé."
        )
    elif action == A.INTERRUPT:
        attributes = payload.get("attributes") or {}
        lines.append(f"Par le bureau de douane {attributes.get('reference_number_of_excise_office', '')}")
        lines.append(
            "Motif : "
            + _reason(
                "BC26",
                attributes.get("reason_for_interruption_code"),
                attributes.get("complementary_information"),
            )
        )
    elif action == A.MANUAL_CLOSURE:
        lines.append(f"Par le bureau de douane {payload.get('office', '')}")
        lines.append(f"Motif : {payload.get('reason', '')}")
    return [line for line in lines if line]


def title(event: MovementEvent) -> str:
    label = MovementAction(event.action).label if event.action in MovementAction.values else event.action
    return f"{label} ({event.message_type})" if event.message_type else label


def actor_label(event: MovementEvent) -> str:
    if event.actor is None:
        return "GAMMA (système)"
    name = f"{event.actor.first_name} {event.actor.last_name}".strip()
    if event.actor.is_staff:  # a customs agent (the office's actions): his login is not the traders' to read
        return f"{name} (bureau de douane)" if name else "Bureau de douane"
    return f"{name} ({event.actor.username})" if name else event.actor.username


def change(event: MovementEvent) -> str:
    if event.from_status == event.to_status:
        return ""
    return f"{MovementStatus(event.from_status).label} → {MovementStatus(event.to_status).label}"


def entry(event: MovementEvent, messages: tuple[MovementMessage, ...] = ()) -> Entry:
    return Entry(
        event=event,
        title=title(event),
        details=details(event),
        actor=actor_label(event),
        change=change(event),
        messages=messages,
    )


def entries(movement: Movement) -> list[Entry]:
    """The whole timeline, oldest first, each event with the messages stored with it."""
    stored = MovementMessage.objects.filter(movement=movement, event__isnull=False).only(
        "id", "event_id", "message_type"
    )
    by_event: dict[int, list[MovementMessage]] = {}
    for message in stored.order_by("created_at", "id"):
        by_event.setdefault(message.event_id, []).append(message)
    events = movement.events.select_related("actor").order_by("at", "id")
    return [entry(event, tuple(by_event.get(event.pk, ()))) for event in events]
