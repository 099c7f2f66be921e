"""IE810: the consignor cancels an e-AD before its date of dispatch (never a DAES)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from emcs import codelists
from emcs.messages import ie810
from gamma.actions import common
from gamma.actions.common import ActionResult
from gamma.models import Movement, MovementAction
from register.models import ExciseNumber

A = MovementAction


def movement_cancel(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    reason_code: str,
    complementary_information: str = "",
    today: dt.date | None = None,
) -> ActionResult:
    """Cancel a movement before its date of dispatch (never a DAES: lifecycle)."""
    today = today or timezone.localdate()
    role = common.authorise(movement=movement, actor=actor, excise_number=excise_number, action=A.CANCEL, today=today)
    complement = common.text(complementary_information)
    errors = common.Errors()
    common.check_reason(
        errors,
        list_code=codelists.CANCELLATION_REASONS,
        code=str(reason_code or ""),
        complement=complement,
        prefix="reason_",
    )
    errors.raise_if_any()
    now = common.now()
    body = ie810.CancellationOfEad(
        attributes=ie810.Attributes(date_and_time_of_validation_of_cancellation=common.naive(now)),
        excise_movement_ead=ie810.ExciseMovementEad(administrative_reference_code=movement.arc),
        cancellation=ie810.Cancellation(
            cancellation_reason_code=str(reason_code),
            complementary_information=complement,
            complementary_information_language=common.language(complement),
        ),
    )
    return common.transition(
        movement, A.CANCEL, actor=actor, role=role, message_class=ie810.IE810, body=body, now=now, today=today
    )
