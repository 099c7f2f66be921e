"""What must never happen to a movement is refused by the database itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from gamma.models import MovementStatus, MovementTrader, TraderRole
from tests.factories.gamma import MovementFactory, MovementLineFactory

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_two_movements_never_share_an_arc():
    first = MovementFactory(validated=True, complete=False)
    assert refused(lambda: MovementFactory(validated=True, complete=False, arc=first.arc))


def test_br001_an_lrn_is_used_once_per_consignor_once_submitted():
    first = MovementFactory(validated=True, complete=False, local_reference_number="LRN-1")
    assert refused(
        lambda: MovementFactory(
            validated=True, complete=False, consignor=first.consignor, local_reference_number="LRN-1"
        )
    )
    # Drafts may share it until one is validated (the rule then refuses the other with its message),
    # and so may other consignors.
    MovementFactory(complete=False, consignor=first.consignor, local_reference_number="LRN-1")
    MovementFactory(complete=False, consignor=first.consignor, local_reference_number="LRN-1")
    MovementFactory(validated=True, complete=False, local_reference_number="LRN-1")


def test_many_drafts_may_wait_for_their_lrn():
    first = MovementFactory(validated=True, complete=False, local_reference_number="")
    MovementFactory(validated=True, complete=False, consignor=first.consignor, local_reference_number="")


def test_a_draft_has_no_arc():
    assert refused(lambda: MovementFactory(complete=False, status=MovementStatus.DRAFT, arc="24FR00000000000000100"))


def test_line_references_are_unique_within_a_movement_and_between_1_and_999():
    movement = MovementFactory(complete=False)
    MovementLineFactory(movement=movement, body_record_unique_reference=1)
    assert refused(lambda: MovementLineFactory(movement=movement, body_record_unique_reference=1))
    assert refused(lambda: MovementLineFactory(movement=movement, body_record_unique_reference=0))
    assert refused(lambda: MovementLineFactory(movement=movement, body_record_unique_reference=1000))
    MovementLineFactory(movement=MovementFactory(complete=False), body_record_unique_reference=1)


def test_r219_gross_mass_is_never_below_net_mass():
    movement = MovementFactory(complete=False)
    assert refused(lambda: MovementLineFactory(movement=movement, gross_mass=Decimal("10"), net_mass=Decimal("10.5")))
    MovementLineFactory(movement=movement, gross_mass=Decimal("10"), net_mass=Decimal("10"))
    MovementLineFactory(movement=movement, gross_mass=None, net_mass=Decimal("10"))  # a draft in progress


def test_one_trader_per_role():
    movement = MovementFactory()
    assert refused(lambda: MovementTrader.objects.create(movement=movement, role=TraderRole.CONSIGNEE))
    MovementTrader.objects.create(movement=movement, role=TraderRole.GUARANTOR_1)
    MovementTrader.objects.create(movement=movement, role=TraderRole.GUARANTOR_2)


def test_a_movement_reads_by_its_arc_or_lrn_and_knows_its_ie905_status():
    draft = MovementFactory(local_reference_number="LRN-7")
    assert str(draft) == "LRN-7" and draft.is_draft and draft.ie905_code is None
    accepted = MovementFactory(validated=True)
    assert str(accepted) == accepted.arc and accepted.ie905_code == "X01"
    assert accepted.trader(TraderRole.CONSIGNOR).trader_excise_number == accepted.consignor.number
    assert accepted.trader(TraderRole.TRANSPORT_ARRANGER) is None
