"""Movements with the other member states (issue 14): a DAE sent to Germany comes back discharged
through the simulator; a DAE from Italy reaches its French consignee, who discharges it, his IE818
going back through the same interface; the refusal; the messages valid against the schemas; a
message received twice applied once; another company never sees the incoming movement."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from emcs import messages as emcs_messages
from emcs import xml
from eu import gateway, outbox, simulator
from eu.models import Direction, Exchange, ExchangeState, SimulatedMessage
from gamma import actions, mapping, services
from gamma.demo import dae_draft
from gamma.models import MessageDirection, Movement, MovementStatus
from identifiers import arc as arc_identifier
from tests.gamma.drafting import dae_sections

pytestmark = pytest.mark.django_db

GERMAN_CONSIGNEE = "DE0000000000A"
ITALIAN_CONSIGNOR = "IT56973827130"
FRENCH_CONSIGNEE = "FR009990F0005"  # company B of build_world


def dae_to_germany(world):
    sections = dae_sections()
    sections["consignee"]["consignee-traderid"] = GERMAN_CONSIGNEE
    sections["consignee"]["consignee-trader_name"] = "Weinhandel Müller GmbH"
    sections["consignee"]["consignee-city"] = "Mainz"
    sections["consignee"]["consignee-postcode"] = "55116"
    sections["destination"]["delivery_place-traderid"] = GERMAN_CONSIGNEE
    draft = dae_draft(world.antoine, world.excise_a, sections)
    return services.movement_validate(actor=world.antoine, movement=draft)


def test_a_dae_to_germany_comes_back_discharged(world, emcs_codelists):
    movement = dae_to_germany(world)
    queued = Exchange.objects.get(direction=Direction.OUT)
    assert (queued.message_type, queued.member_state, queued.state) == ("IE801", "DE", ExchangeState.PENDING)
    assert bytes(queued.xml) == bytes(movement.messages.get(message_type="IE801").xml)

    assert outbox.deliver_due() == (1, 0)
    assert SimulatedMessage.objects.get().member_state == "DE"
    assert simulator.run_due() == 1

    movement.refresh_from_db()
    assert movement.status == MovementStatus.DELIVERED
    assert movement.get_status_display() == "Apuré"
    received = Exchange.objects.get(direction=Direction.IN)
    assert (received.message_type, received.state, received.movement) == ("IE818", ExchangeState.APPLIED, movement)
    xml.parse_and_validate(bytes(received.xml))  # the simulator's IE818 is schema-valid
    kept = movement.messages.get(message_type="IE818")  # as Germany sent it, for the consignor's feed
    assert kept.direction == MessageDirection.RECEIVED and bytes(kept.xml) == bytes(received.xml)
    # The answer is not sent back: the report comes from Germany.
    assert not Exchange.objects.filter(direction=Direction.OUT, message_type="IE818").exists()
    # Nothing left to do, nothing done twice.
    assert outbox.deliver_due() == (0, 0) and simulator.run_due() == 0


def test_the_simulator_refuses_for_the_consignees_listed(world, emcs_codelists, settings):
    settings.EU_SIMULATOR_REFUSED_CONSIGNEES = [GERMAN_CONSIGNEE]
    movement = dae_to_germany(world)
    call_command("run_eu_simulator")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.REFUSED
    report = emcs_messages.parse(xml.parse_and_validate(bytes(Exchange.objects.get(direction=Direction.IN).xml)))
    assert report.body.report_of_receipt_export.global_conclusion_of_receipt == 3


def test_the_answer_waits_for_its_delay(world, emcs_codelists, settings, time_machine):
    settings.EU_SIMULATOR_DELAY_SECONDS = 600
    time_machine.move_to(datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC), tick=False)
    movement = dae_to_germany(world)
    outbox.deliver_due()
    assert simulator.run_due() == 0
    time_machine.move_to(datetime.datetime(2026, 12, 4, 10, 11, tzinfo=datetime.UTC), tick=False)
    assert simulator.run_due() == 1
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DELIVERED


def test_a_french_dae_stays_in_france(world, emcs_codelists):
    services.movement_validate(actor=world.antoine, movement=dae_draft(world.antoine, world.excise_a, dae_sections()))
    assert not Exchange.objects.exists()


def test_an_ie818_received_twice_is_applied_once(world, emcs_codelists):
    movement = dae_to_germany(world)
    outbox.deliver_due()
    body = emcs_messages.parse(xml.parse(bytes(SimulatedMessage.objects.get().xml))).body
    answer = simulator.report_of_receipt(body, member_state="DE", accepted=True, at=movement.validated_at)
    first = gateway.receive(answer)
    events = movement.events.count()
    again = gateway.receive(answer)
    assert again.pk == first.pk and Exchange.objects.filter(direction=Direction.IN).count() == 1
    assert movement.events.count() == events
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DELIVERED


def test_an_italian_dae_reaches_its_french_consignee_who_discharges_it(world, emcs_codelists):
    exchange = simulator.send_incoming_ie801(consignee=FRENCH_CONSIGNEE, consignor=ITALIAN_CONSIGNOR)
    assert exchange.state == ExchangeState.APPLIED, exchange.error
    movement = exchange.movement
    assert movement.status == MovementStatus.ACCEPTED and movement.consignor is None
    assert movement.arc[2:4] == "IT" and arc_identifier.is_valid(movement.arc)
    assert movement.consignee_identifier == FRENCH_CONSIGNEE
    ie801 = movement.messages.get(message_type="IE801")
    assert ie801.direction == MessageDirection.RECEIVED and bytes(ie801.xml) == bytes(exchange.xml)

    actions.movement_report_receipt(
        movement=movement,
        actor=world.bob,
        excise_number=FRENCH_CONSIGNEE,
        date_of_arrival=movement.dispatch_date,
        global_conclusion=1,
    )
    movement.refresh_from_db()
    assert movement.get_status_display() == "Apuré"
    back = Exchange.objects.get(direction=Direction.OUT)
    assert (back.message_type, back.member_state, back.movement) == ("IE818", "IT", movement)
    report = emcs_messages.parse(xml.parse_and_validate(bytes(back.xml)))
    assert report.body.excise_movement.administrative_reference_code == movement.arc
    assert outbox.deliver_due() == (1, 0)
    recorded = SimulatedMessage.objects.get()
    assert (recorded.message_type, recorded.member_state) == ("IE818", "IT")
    assert simulator.run_due() == 0  # an IE818 asks no answer


def test_an_incoming_dae_is_received_once(world, emcs_codelists):
    data = simulator.incoming_ie801(consignee=FRENCH_CONSIGNEE)
    first = gateway.receive(data)
    assert gateway.receive(data).pk == first.pk
    assert Movement.objects.filter(consignee_identifier=FRENCH_CONSIGNEE).count() == 1


def test_an_incoming_dae_for_a_consignee_outside_france_is_refused(world, emcs_codelists):
    exchange = gateway.receive(simulator.incoming_ie801(consignee="DE0000000000A"))
    assert exchange.state == ExchangeState.REFUSED and "n'est pas en France" in exchange.error
    assert not Movement.objects.exists()


def test_another_company_never_sees_the_incoming_movement(world, emcs_codelists, client):
    movement = simulator.send_incoming_ie801(consignee=FRENCH_CONSIGNEE).movement
    client.force_login(world.antoine)  # company A: not the consignee
    assert client.get(f"/gamma/{world.excise_a.number}/mouvements/{movement.pk}/").status_code == 404
    assert client.get(f"/gamma/{FRENCH_CONSIGNEE}/mouvements/{movement.pk}/").status_code == 404
    with pytest.raises(actions.ActionRefused):
        actions.movement_report_receipt(
            movement=movement,
            actor=world.antoine,
            excise_number=world.excise_a.number,
            date_of_arrival=movement.dispatch_date,
            global_conclusion=1,
        )
    client.force_login(world.bob)
    assert client.get(f"/gamma/{FRENCH_CONSIGNEE}/mouvements/{movement.pk}/").status_code == 200


def test_a_member_state_cannot_report_for_another_consignee(world, emcs_codelists):
    movement = dae_to_germany(world)
    with pytest.raises(actions.ActionRefused):
        actions.movement_report_receipt_from_member_state(
            movement=movement, consignee="DE0000000000B", date_of_arrival=movement.dispatch_date, global_conclusion=1
        )
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED


def test_the_real_gateway_names_its_documented_place(settings):
    settings.EU_GATEWAY = "real"
    with pytest.raises(ImproperlyConfigured, match=r"eu/real\.py"):
        gateway.send("IE801", b"<x/>", "DE")


def test_a_failed_delivery_waits_for_the_next_run(world, emcs_codelists, monkeypatch):
    dae_to_germany(world)

    def down(*args, **kwargs):
        raise ConnectionError("réseau indisponible")

    monkeypatch.setattr(simulator, "send", down)
    assert outbox.deliver_due() == (0, 1)
    row = Exchange.objects.get(direction=Direction.OUT)
    assert (row.state, row.attempts) == (ExchangeState.PENDING, 1) and "indisponible" in row.error
    monkeypatch.undo()
    assert outbox.deliver_due() == (0, 0)  # not before its next attempt (backoff)
    assert row.next_attempt_at > timezone.now()
    assert outbox.deliver_due(now=row.next_attempt_at) == (1, 0)


def test_the_demo_command_creates_the_incoming_dae(world, emcs_codelists, capsys):
    call_command("eu_simulate_incoming", FRENCH_CONSIGNEE)
    movement = Movement.objects.get(consignee_identifier=FRENCH_CONSIGNEE)
    assert movement.arc in capsys.readouterr().out
    assert mapping.kind_of_arc(movement.arc) == "DAE"


def test_the_incoming_movement_is_in_its_consignees_inbox_and_search_only(world, emcs_codelists, client):
    movement = simulator.send_incoming_ie801(consignee=FRENCH_CONSIGNEE).movement
    arc, link = movement.arc, f"/mouvements/{movement.pk}/"
    client.force_login(world.bob)
    assert (
        f"DAE {arc} : un document vous est adressé"
        in client.get(f"/gamma/{FRENCH_CONSIGNEE}/messages/").content.decode()
    )
    assert link in client.get(f"/gamma/{FRENCH_CONSIGNEE}/mouvements/", {"arc": arc}).content.decode()
    client.force_login(world.antoine)
    number = world.excise_a.number
    assert arc not in client.get(f"/gamma/{number}/messages/").content.decode()
    assert link not in client.get(f"/gamma/{number}/mouvements/", {"arc": arc}).content.decode()
    assert client.get(f"/gamma/{FRENCH_CONSIGNEE}/messages/").status_code == 404


def test_the_incoming_movement_prints_for_its_consignee(world, emcs_codelists, client):
    movement = simulator.send_incoming_ie801(consignee=FRENCH_CONSIGNEE).movement
    client.force_login(world.bob)
    response = client.get(f"/gamma/{FRENCH_CONSIGNEE}/mouvements/{movement.pk}/document.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_bytes_that_are_not_a_valid_message_change_nothing(world, emcs_codelists):
    data = simulator.incoming_ie801(consignee=FRENCH_CONSIGNEE).replace(b"<LocalReferenceNumber>", b"<Lrn>", 1)
    with pytest.raises(xml.InvalidMessage):
        gateway.receive(data)
    assert not Exchange.objects.exists() and not Movement.objects.exists()


def test_the_exchanges_are_read_only_in_the_admin(world, emcs_codelists, admin_client):
    dae_to_germany(world)
    row = Exchange.objects.get()
    page = admin_client.get(f"/admin/eu/exchange/{row.pk}/change/")
    assert page.status_code == 200 and "IE801" in page.content.decode()
    assert admin_client.get("/admin/eu/exchange/", {"q": row.movement.arc}).context["cl"].result_list[0] == row
    assert admin_client.get("/admin/eu/exchange/add/").status_code == 403


@pytest.mark.parametrize(
    ("production", "training", "expected"),
    [(False, False, "simulator"), (True, True, "simulator"), (True, False, "real")],
)
def test_without_a_setting_only_the_main_production_instance_wants_the_real_connection(
    settings, production, training, expected
):
    settings.EU_GATEWAY, settings.PRODUCTION, settings.TRAINING = "", production, training
    assert gateway.default_name() == expected
    if expected == "real":
        with pytest.raises(ImproperlyConfigured, match="CCN/CSI"):
            gateway.implementation()
    else:
        assert gateway.implementation() is simulator


def test_an_incoming_dae_carries_the_lines_given(world, emcs_codelists):
    lines = [
        simulator.Line(),
        simulator.Line(
            excise_product_code="S200",
            cn_code="22083011",
            quantity=Decimal("70.000"),
            gross_mass=Decimal("120.00"),
            net_mass=Decimal("100.00"),
            alcoholic_strength=Decimal("40"),
            commercial_description="Grappa",
        ),
    ]
    movement = simulator.send_incoming_ie801(
        consignee=FRENCH_CONSIGNEE, consignor="IT0000000000A", lines=lines
    ).movement
    assert [
        (line.excise_product_code, line.quantity) for line in movement.lines.order_by("body_record_unique_reference")
    ] == [
        ("W200", Decimal("1000.000")),
        ("S200", Decimal("70.000")),
    ]
    assert movement.trader("consignor").trader_excise_number == "IT0000000000A"
