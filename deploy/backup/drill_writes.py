"""Writes validated movements for the restore drill (``restore-drill.sh``), through the portal's models.

Run with ``manage.py shell -c "exec(open(PATH).read())"`` and the environment:
``DRILL_PHASE`` (``before`` or ``after``: the letter in the ARC and the LRN's prefix) and
``DRILL_ROWS`` (how many movements, each with its validation event). Each movement gets an ARC of
the 21 characters of the format (``26FRDRILL`` + phase letter + 10 digits + 0), an LRN
``DRILL-<PHASE>-<n>`` and a validation time of its own, one transaction per movement as the portal
commits them.
"""

import os

from django.db import transaction
from django.utils import timezone

from gamma.models import Movement, MovementAction, MovementEvent, MovementStatus
from register.models import ExciseNumber

phase = os.environ["DRILL_PHASE"]
rows = int(os.environ["DRILL_ROWS"])
letter = {"before": "B", "after": "A"}[phase]
consignor = ExciseNumber.objects.order_by("pk").first()
start = Movement.objects.filter(local_reference_number__startswith=f"DRILL-{phase.upper()}-").count()
for n in range(start, start + rows):
    with transaction.atomic():
        now = timezone.now()
        movement = Movement.objects.create(
            status=MovementStatus.ACCEPTED,
            consignor=consignor,
            arc=f"26FRDRILL{letter}{n:010d}0",
            sequence_number=1,
            validated_at=now,
            local_reference_number=f"DRILL-{phase.upper()}-{n}",
            dispatch_date=timezone.localdate(now),
        )
        MovementEvent.objects.create(
            movement=movement,
            at=now,
            action=MovementAction.VALIDATE,
            from_status=MovementStatus.DRAFT,
            to_status=MovementStatus.ACCEPTED,
            message_type="IE815",
        )
print(f"{rows} movements written ({phase})")
