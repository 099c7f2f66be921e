"""Reads of the preparation side: the movements an excise number receives."""

from django.db.models import QuerySet

from gamma.models import Movement, MovementStatus
from register.models import ExciseNumber


def movements_received(*, excise_number: ExciseNumber | str) -> QuerySet[Movement]:
    """The validated movements addressed to ``excise_number`` (the consignee's Traderid is one of
    the portal's excise numbers), the latest validated first; drafts are their consignor's only."""
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    return (
        Movement.objects.filter(consignee_identifier=number)
        .exclude(status=MovementStatus.DRAFT)
        .select_related("consignor__operator")
        .order_by("-validated_at", "-id")
    )
