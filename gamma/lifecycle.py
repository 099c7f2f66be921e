"""The lifecycle of a movement: one table of the actions a trader may take, by status and role,
and the one function that moves a movement from status to status and writes its timeline.

Who may do what follows domain.md §6 (after HMRC's trader front-end):

| action               | message | who                   | from                                       |
|----------------------|---------|-----------------------|--------------------------------------------|
| validate             | IE815   | consignor             | draft                                      |
| cancel               | IE810   | consignor             | accepted — not a DAES, not after dispatch  |
| change destination   | IE813   | consignor             | accepted, rejected, refused, part. refused |
| report of receipt    | IE818   | consignee             | accepted                                   |
| alert or rejection   | IE819   | consignee             | accepted                                   |
| explain delay        | IE837   | consignor, consignee  | any validated status                       |
| explain shortage     | IE871   | consignor, consignee  | delivered, refused, part. refused, diverted|
| reminder             | IE802   | the portal (system)   | accepted (receipt overdue), status kept    |
| interrupt            | IE807   | the office in charge  | accepted → interrupted (« Interrompu »)    |
| manual closure       | —       | the office in charge  | not discharged → « Clôturé manuellement »  |

Rights (habilitations) and business rules are checked by the services before they call
``transition``; this module only knows statuses, roles and dates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from gamma.models import (
    NOT_DISCHARGED_STATUSES,
    DestinationType,
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementStatus,
)

Role = Literal["consignor", "consignee", "system", "office"]
CONSIGNOR: Role = "consignor"
CONSIGNEE: Role = "consignee"
SYSTEM: Role = "system"  # the portal itself: the daily reminders, never a trader
OFFICE: Role = "office"  # an agent of the customs office in charge of the consignor or the consignee
ROLES: tuple[Role, ...] = (CONSIGNOR, CONSIGNEE)  # the traders' roles

S = MovementStatus
A = MovementAction

# Every status but the draft: the movement exists in EMCS, with its ARC.
VALIDATED_STATUSES = frozenset(status for status in S if status != S.DRAFT)


@dataclass(frozen=True)
class Transition:
    action: MovementAction
    message_type: str
    roles: frozenset[str]
    sources: frozenset[str]
    # The status after the action; None keeps the current one (an explanation, an alert).
    target: MovementStatus | None = None
    # When the outcome is chosen by the trader: the payload key and the status of each value.
    outcome_key: str | None = None
    outcomes: Mapping[Any, MovementStatus | None] = field(default_factory=dict)

    def target_for(self, payload: Mapping[str, Any]) -> MovementStatus | None:
        if self.outcome_key is None:
            return self.target
        return self.outcomes[payload[self.outcome_key]]


# Report of receipt (IE818): the global conclusion decides where the movement ends.
GLOBAL_CONCLUSIONS: dict[int, str] = {
    1: "Réception acceptée et satisfaisante",
    2: "Réception acceptée bien que non satisfaisante",
    3: "Réception refusée",
    4: "Réception partiellement refusée",
}

TRANSITIONS: dict[MovementAction, Transition] = {
    A.VALIDATE: Transition(
        action=A.VALIDATE,
        message_type="IE815",
        roles=frozenset({CONSIGNOR}),
        sources=frozenset({S.DRAFT}),
        target=S.ACCEPTED,
    ),
    A.CANCEL: Transition(
        action=A.CANCEL,
        message_type="IE810",
        roles=frozenset({CONSIGNOR}),
        sources=frozenset({S.ACCEPTED}),
        target=S.CANCELLED,
    ),
    A.CHANGE_DESTINATION: Transition(
        action=A.CHANGE_DESTINATION,
        message_type="IE813",
        roles=frozenset({CONSIGNOR}),
        sources=frozenset({S.ACCEPTED, S.REJECTED, S.REFUSED, S.PARTIALLY_REFUSED}),
        target=S.ACCEPTED,  # travelling again, to its new destination (sequence number + 1)
    ),
    A.REPORT_OF_RECEIPT: Transition(
        action=A.REPORT_OF_RECEIPT,
        message_type="IE818",
        roles=frozenset({CONSIGNEE}),
        sources=frozenset({S.ACCEPTED}),
        outcome_key="global_conclusion",
        outcomes={1: S.DELIVERED, 2: S.DELIVERED, 3: S.REFUSED, 4: S.PARTIALLY_REFUSED},
    ),
    A.ALERT_OR_REJECTION: Transition(
        action=A.ALERT_OR_REJECTION,
        message_type="IE819",
        roles=frozenset({CONSIGNEE}),
        sources=frozenset({S.ACCEPTED}),
        outcome_key="rejected",
        outcomes={True: S.REJECTED, False: None},  # an alert leaves the movement travelling
    ),
    A.EXPLAIN_DELAY: Transition(
        action=A.EXPLAIN_DELAY,
        message_type="IE837",
        roles=frozenset({CONSIGNOR, CONSIGNEE}),
        sources=VALIDATED_STATUSES,
    ),
    A.EXPLAIN_SHORTAGE: Transition(
        action=A.EXPLAIN_SHORTAGE,
        message_type="IE871",
        roles=frozenset({CONSIGNOR, CONSIGNEE}),
        sources=frozenset({S.DELIVERED, S.REFUSED, S.PARTIALLY_REFUSED, S.DIVERTED}),
    ),
    A.REMINDER: Transition(
        action=A.REMINDER,
        message_type="IE802",
        roles=frozenset({SYSTEM}),
        sources=frozenset({S.ACCEPTED}),
    ),
    A.INTERRUPT: Transition(
        action=A.INTERRUPT,
        message_type="IE807",
        roles=frozenset({OFFICE}),
        sources=frozenset({S.ACCEPTED}),  # goods travelling: the office stops them
        target=S.STOPPED,
    ),
    A.MANUAL_CLOSURE: Transition(
        action=A.MANUAL_CLOSURE,
        message_type="",  # EMCS sends no trader message for it: the event and its reason are kept
        roles=frozenset({OFFICE}),
        sources=frozenset({*NOT_DISCHARGED_STATUSES, S.STOPPED}),
        target=S.MANUALLY_CLOSED,
    ),
}


class TransitionRefused(Exception):
    """The action is not allowed for this movement, status, role or date; the message is French
    and may be shown as is."""

    def __init__(self, message: str, *, action: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.action = action


def _label(action: MovementAction | str) -> str:
    return MovementAction(action).label


def refusal(movement: Movement, action: MovementAction | str, *, role: str, today: dt.date) -> str | None:
    """Why ``role`` may not take ``action`` on ``movement`` today, in French; None when it may."""
    try:
        action = MovementAction(action)
    except ValueError:
        return f"L'action « {action} » n'existe pas."
    rule = TRANSITIONS[action]
    if role not in rule.roles:
        who = (
            "à l'expéditeur"
            if CONSIGNOR in rule.roles
            else "au destinataire"
            if CONSIGNEE in rule.roles
            else "au bureau de douane"
            if OFFICE in rule.roles
            else "au portail"
        )
        return f"{_label(action)} : action réservée {who} du mouvement."
    if movement.status not in rule.sources:
        status = MovementStatus(movement.status).label.lower()
        return f"{_label(action)} impossible : le mouvement est à l'état « {status} »."
    if action == A.CANCEL:
        if movement.kind == MovementKind.DAES:
            return (
                "Un DAES ne peut pas être annulé : faites un changement de destination "
                "« retour au lieu d'expédition de l'expéditeur »."
            )
        if movement.upstream_arc:
            return "Un mouvement issu d'un fractionnement ne peut pas être annulé."
        if movement.dispatch_date is None or movement.dispatch_date < today:
            return "Annulation impossible : la date d'expédition est passée."
    if action == A.CHANGE_DESTINATION and movement.destination_type_code == DestinationType.RETURN_TO_PLACE_OF_DISPATCH:
        return "Le mouvement revient déjà au lieu d'expédition : sa destination ne peut plus changer."
    return None


def allowed_actions(movement: Movement, *, role: Role, today: dt.date) -> list[MovementAction]:
    """The actions ``role`` may take on ``movement`` today, in the table's order (pure: no query)."""
    return [action for action in TRANSITIONS if refusal(movement, action, role=role, today=today) is None]


def transition(
    movement: Movement,
    action: MovementAction | str,
    *,
    actor,
    role: Role,
    payload: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
    locked: bool = False,
    changes: Mapping[str, Any] | None = None,
) -> MovementEvent:
    """Apply ``action``: check it is allowed, change the status, log the event — all or nothing.

    The movement row is locked (``select_for_update``) and re-read, so two concurrent actions on
    one movement cannot both pass the check; ``locked``: the caller has locked and read it in this
    transaction already (``reading.movement_with_children(for_update=True)``). ``changes``: other
    fields of the movement written with the status, in the same statement (the ARC …); the caller
    may also save its own in the same transaction.

    Inside the caller's transaction the check comes first, then the writes, without a savepoint of
    their own: a refusal leaves that transaction as it was; a failed write (an IntegrityError) fails
    it, as PostgreSQL does — the caller that retries wraps the call in its own savepoint."""
    payload = dict(payload or {})
    at = at or timezone.now()
    today = today or timezone.localdate(at)
    arguments = {"actor": actor, "role": role, "payload": payload, "today": today, "at": at, "locked": locked}
    if transaction.get_connection().in_atomic_block:
        return _apply(movement, action, changes=changes or {}, **arguments)
    with transaction.atomic():
        return _apply(movement, action, changes=changes or {}, **arguments)


def _apply(movement, action, *, actor, role, payload, today, at, locked, changes) -> MovementEvent:
    if not locked:
        movement.status = Movement.objects.select_for_update().only("status").get(pk=movement.pk).status
    reason = refusal(movement, action, role=role, today=today)
    if reason:
        raise TransitionRefused(reason, action=str(action))
    rule = TRANSITIONS[MovementAction(action)]
    try:
        target = rule.target_for(payload)
    except KeyError as error:
        raise TransitionRefused(
            f"{_label(action)} : la valeur de « {rule.outcome_key} » est manquante ou inconnue.", action=str(action)
        ) from error
    source = movement.status
    target = target or source
    # Stored as JSON (dates as ISO text, decimals as text): the event in hand reads as the row.
    stored = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    values = {"status": target, **changes}
    if rule.action == A.REPORT_OF_RECEIPT:  # the search by date of receipt reads it from the movement
        values["received_on"] = date_of_arrival(stored)
    before = {name: getattr(movement, name) for name in (*values, "updated_at")}
    for name, value in values.items():
        setattr(movement, name, value)
    try:
        with transaction.atomic(savepoint=False):
            movement.save(update_fields=[*values, "updated_at"])
            return MovementEvent.objects.create(
                movement=movement,
                at=at,
                actor=actor,
                action=rule.action,
                from_status=source,
                to_status=target,
                message_type=rule.message_type,
                payload=stored,
            )
    except BaseException:
        for name, value in before.items():  # the movement in hand stays as the database keeps it
            setattr(movement, name, value)
        raise


def date_of_arrival(payload: Mapping[str, Any]) -> dt.date | None:
    """The date of arrival a report of receipt's payload states (None if it states none)."""
    value = (payload.get("report_of_receipt_export") or {}).get("date_of_arrival_of_excise_products")
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
