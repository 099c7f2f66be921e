"""IE819: the consignee warns of a problem (alert: the movement goes on) or rejects the e-AD before
the goods arrive (rejection: the consignor must change the destination)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from emcs import codelists
from emcs.messages import groups as g
from emcs.messages import ie819
from gamma.actions import common
from gamma.actions.common import ActionResult, Reason
from gamma.models import Movement, MovementAction
from gamma.rules import c032, c116
from register.models import ExciseNumber

A = MovementAction


def movement_alert_or_reject(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    rejected: bool,
    reasons: list[Reason] | tuple = (),
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> ActionResult:
    """The consignee warns (alert: the movement goes on) or refuses the e-AD before the goods
    arrive (rejection: the consignor must change the destination)."""
    today = today or timezone.localdate()
    role = common.authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.ALERT_OR_REJECTION, today=today
    )
    errors = common.Errors()
    date = date or today
    validated_on = timezone.localdate(movement.validated_at) if movement.validated_at else None
    if date > today:
        errors.add("date", "La date de l'alerte ou du refus ne peut pas être dans le futur.")
    elif validated_on and date < validated_on:
        errors.add("date", f"La date ne peut pas précéder la validation du document, le {validated_on:%d/%m/%Y}.")
    reasons = [reason for reason in reasons if reason.code not in (None, "")]
    errors.extend(c032.check(rejected=bool(rejected), reasons=len(reasons)))
    if len(reasons) > common.MAX_REASONS:
        errors.add("reason_code", "Neuf motifs au plus.")
    for reason in reasons:
        common.check_reason(
            errors,
            list_code=codelists.ALERT_REJECTION_REASONS,
            code=str(reason.code),
            complement=common.text(reason.complementary_information),
            prefix="reason_",
        )
    errors.raise_if_any()

    now = common.now()
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    body = ie819.AlertOrRejectionOfEadEsad(
        attributes=ie819.Attributes(date_and_time_of_validation_of_alert_rejection=common.naive(now)),
        consignee_trader=common.consignee_trader(movement)
        if movement.destination_type_code != c116.UNKNOWN_DESTINATION
        else None,
        excise_movement=common.excise_movement(movement),
        destination_office=g.Office(reference_number=common.office_of(number) or movement.dispatch_office_code),
        alert_or_rejection=ie819.AlertOrRejection(
            date_of_alert_or_rejection=date, ead_esad_rejected_flag=bool(rejected)
        ),
        reasons=[
            ie819.AlertOrRejectionOfEadEsadReason(
                alert_or_rejection_of_movement_reason_code=str(reason.code),
                complementary_information=common.text(reason.complementary_information),
                complementary_information_language=common.language(common.text(reason.complementary_information)),
            )
            for reason in reasons
        ],
    )
    return common.transition(
        movement,
        A.ALERT_OR_REJECTION,
        actor=actor,
        role=role,
        message_class=ie819.IE819,
        body=body,
        outcome={"rejected": bool(rejected)},
        now=now,
        today=today,
    )
