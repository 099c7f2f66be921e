"""A report of receipt (IE818) with several unsatisfactory reasons per line, each with its words, as
HMRC's service takes them: the message carries them (valid against its schema), the lines and
reasons are kept with the event, shown on the movement's page, and the tables refuse what the
rules refuse (a reason twice on a line, a zero quantity)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from emcs import xml
from gamma import actions
from gamma import messages as stored_messages
from gamma.actions import ActionRefused, Reason, ReceiptLine
from gamma.models import MovementStatus, ReceiptLineReason, ReceiptLineReport
from tests.gamma.support import CONSIGNEE_NUMBER, assert_valid, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


@pytest.fixture
def movement(world):
    return shipped(world, dispatch_date=TODAY - datetime.timedelta(days=2))


def report(world, movement, conclusion, *lines):
    return actions.movement_report_receipt(
        movement=movement,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        today=TODAY,
        date_of_arrival=TODAY,
        global_conclusion=conclusion,
        lines=list(lines),
    )


SHORT_AND_DAMAGED = ReceiptLine(
    1,
    "S",
    "24",
    reasons=[Reason("2", "Deux cartons manquants"), Reason(""), Reason("3", "Bouteilles cassées")],
)


def test_several_reasons_on_one_line_go_in_the_message_and_are_kept(world, movement):
    result = report(world, movement, actions.ACCEPTED_UNSATISFACTORY, SHORT_AND_DAMAGED)
    (body,) = result.message.body.body_report_of_receipt_exports
    assert [(r.unsatisfactory_reason_code, r.complementary_information) for r in body.unsatisfactory_reasons] == [
        ("2", "Deux cartons manquants"),
        ("3", "Bouteilles cassées"),
    ]
    assert [r.complementary_information_language for r in body.unsatisfactory_reasons] == ["fr", "fr"]
    assert_valid(result.message)
    root = xml.parse_and_validate(bytes(stored_messages.last(movement, "IE818").xml), "IE818")
    assert [e.text for e in root.iterfind(".//{*}UnsatisfactoryReason/{*}UnsatisfactoryReasonCode")] == ["2", "3"]

    (line,) = ReceiptLineReport.objects.filter(movement=movement)
    assert line.event == result.event
    assert (line.body_record_unique_reference, line.excise_product_code) == (1, "W200")
    assert (line.indicator, line.observed_quantity, line.refused_quantity) == ("S", Decimal("24.000"), None)
    assert [(r.position, r.code, r.complementary_information) for r in line.reasons.all()] == [
        (1, "2", "Deux cartons manquants"),
        (2, "3", "Bouteilles cassées"),
    ]
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DELIVERED


def test_a_partial_refusal_keeps_its_refused_quantity(world, movement):
    result = report(
        world,
        movement,
        actions.PARTIALLY_REFUSED,
        ReceiptLine(1, "E", "5", refused_quantity="100", reasons=[Reason("1"), Reason("4", "Scellé 12 rompu")]),
    )
    assert_valid(result.message)
    line = ReceiptLineReport.objects.get(event=result.event)
    assert (line.indicator, line.observed_quantity, line.refused_quantity) == ("E", Decimal("5"), Decimal("100"))
    assert [r.code for r in line.reasons.all()] == ["1", "4"]


def test_a_refusal_needs_a_reason_on_each_line_and_keeps_nothing(world, movement):
    with pytest.raises(ActionRefused) as refused:
        report(world, movement, actions.REFUSED, ReceiptLine(1, reasons=[Reason(""), Reason("")]))
    assert any("C140" in m for m in refused.value.errors["global_conclusion"])  # no line detailed
    with pytest.raises(ActionRefused) as refused:
        report(world, movement, actions.REFUSED, ReceiptLine(1, "S", "10", reasons=[Reason(""), Reason("")]))
    assert any("C159" in m for m in refused.value.errors["lines.1.reasons.0.code"])
    assert not ReceiptLineReport.objects.exists()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED


def test_a_satisfactory_receipt_keeps_no_line(world, movement):
    report(world, movement, actions.ACCEPTED_SATISFACTORY)
    assert not ReceiptLineReport.objects.exists()


def test_the_tables_refuse_a_reason_twice_and_a_zero_quantity(world, movement):
    result = report(world, movement, actions.ACCEPTED_UNSATISFACTORY, SHORT_AND_DAMAGED)
    line = ReceiptLineReport.objects.get(event=result.event)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceiptLineReason.objects.create(line=line, position=3, code="2")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceiptLineReport.objects.filter(pk=line.pk).update(observed_quantity=Decimal(0))
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceiptLineReport.objects.filter(pk=line.pk).update(indicator="X")
