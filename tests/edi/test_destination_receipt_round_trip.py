"""The web form and the Guichet EDI agree on a change of destination with its new transport and on a
report of receipt with several reasons per line: the message the form's use case stores (valid
against its schema), sent again through the EDI endpoint for a twin movement, leaves the twin with
the same fields (traders, guarantee, mode, transport units; receipt lines and reasons); and a
fault of the new parts is answered at its element."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from emcs import xml
from gamma import messages as stored_messages
from gamma.models import Movement, ReceiptLineReport, TraderRole
from tests.edi.conftest import post
from tests.edi.test_examples import evidence_faults
from tests.factories.gamma import MovementFactory

pytestmark = pytest.mark.django_db

CONSIGNOR = "FR008777E0001"  # company A, whose EDI provider holds the credential
TODAY = timezone.localdate()

TRANSPORT_FORM = {
    "destination_type_code": "2",
    "consignee_traderid": "FR012345E0009",
    "consignee_name": "CAVE DU PORT",
    "consignee_street_name": "Quai des Chartrons",
    "consignee_postcode": "33000",
    "consignee_city": "BORDEAUX",
    "transport_arrangement": "4",
    "transport_arranger_name": "LOGISTIQUE SUD",
    "transport_arranger_street_name": "Avenue de la Gare",
    "transport_arranger_postcode": "13001",
    "transport_arranger_city": "MARSEILLE",
    "transporter_vat_number": "FR40303265045",
    "transporter_name": "TRANSPORTS DURAND",
    "transporter_street_name": "Rue du Port",
    "transporter_postcode": "13002",
    "transporter_city": "MARSEILLE",
    "guarantor_type_code": "2",
    "guarantor_1_traderid": "FR008777E0001",
    "transport_mode_code": "3",
    "units_0_transport_unit_code": "2",
    "units_0_identity_of_transport_units": "GH-456-JK",
    "units_1_transport_unit_code": "3",
    "units_1_identity_of_transport_units": "REM-77",
    "units_1_commercial_seal_identification": "SC-1",
}


def movement(world, **fields) -> Movement:
    return MovementFactory(validated=True, dispatch_date=TODAY - dt.timedelta(days=2), **fields)


def with_arc(data: bytes, old: str, new: str) -> bytes:
    """The message for another movement, with a message identifier of its own."""
    data = data.replace(old.encode(), new.encode())
    return re.sub(
        rb"(<tms:MessageIdentifier>)([^<]*)(<)", lambda m: m.group(1) + b"EDI-" + m.group(2)[:40] + m.group(3), data
    )


def transport_of(movement: Movement) -> dict:
    movement.refresh_from_db()
    traders = {
        role: (t.trader_excise_number, t.traderid, t.vat_number, t.trader_name, t.street_name, t.postcode, t.city)
        for t in movement.traders.all()
        for role in [t.role]
        if role not in (TraderRole.CONSIGNOR, TraderRole.PLACE_OF_DISPATCH)  # the factory's, unchanged
    }
    units = [
        (u.position, u.transport_unit_code, u.identity_of_transport_units, u.commercial_seal_identification)
        for u in movement.transport_details.all()
    ]
    fields = ("sequence_number", "destination_type_code", "consignee_identifier", "transport_arrangement")
    fields += ("guarantor_type_code", "transport_mode_code", "status")
    return {"traders": traders, "units": units, **{name: getattr(movement, name) for name in fields}}


def test_a_change_of_destination_with_its_transport_is_the_same_by_form_and_by_edi(client, edi, emcs_codelists):
    world = edi.world
    by_form, by_edi = movement(world, consignor=world.excise_a), movement(world, consignor=world.excise_a)
    web = Client()
    web.force_login(world.antoine)
    response = web.post(f"/gamma/{CONSIGNOR}/mouvements/{by_form.pk}/changer-destination/", TRANSPORT_FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = stored_messages.last(by_form, "IE813")
    root = xml.parse_and_validate(bytes(stored.xml), "IE813")
    assert root.findtext(".//{*}NewTransporterTrader/{*}TraderName") == "TRANSPORTS DURAND"
    assert root.findtext(".//{*}MovementGuarantee/{*}GuarantorTrader/{*}TraderExciseNumber") == CONSIGNOR
    assert xml.parse_and_validate(bytes(stored_messages.last(by_form, "IE801").xml), "IE801") is not None

    response = post(client, with_arc(bytes(stored.xml), by_form.arc, by_edi.arc), edi.token)
    assert response.status_code == 201, response.content.decode()[:3000]
    assert transport_of(by_edi) == transport_of(by_form)
    assert transport_of(by_edi)["units"] == [(1, "2", "GH-456-JK", ""), (2, "3", "REM-77", "SC-1")]
    assert transport_of(by_edi)["traders"][TraderRole.FIRST_TRANSPORTER][3] == "TRANSPORTS DURAND"


def received_by_form(world):
    """Two movements A receives (the consignor is B), the first reported by the form: its stored IE818."""
    by_form, by_edi = (movement(world, consignor=world.excise_b, consignee_identifier=CONSIGNOR) for _ in range(2))
    web = Client()
    web.force_login(world.antoine)
    response = web.post(
        f"/gamma/{CONSIGNOR}/mouvements/{by_form.pk}/accuser-reception/",
        {
            "date_of_arrival": TODAY.isoformat(),
            "global_conclusion": "2",
            "line_1_indicator": "S",
            "line_1_observed_quantity": "24",
            "line_1_reasons_0_code": "2",
            "line_1_reasons_0_complementary_information": "Deux cartons manquants",
            "line_1_reasons_1_code": "3",
            "line_1_reasons_1_complementary_information": "Bouteilles cassées",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = stored_messages.last(by_form, "IE818")
    xml.parse_and_validate(bytes(stored.xml), "IE818")
    return by_form, by_edi, stored


def test_a_report_of_receipt_with_several_reasons_is_the_same_by_form_and_by_edi(client, edi, emcs_codelists):
    by_form, by_edi, stored = received_by_form(edi.world)

    response = post(client, with_arc(bytes(stored.xml), by_form.arc, by_edi.arc), edi.token)
    assert response.status_code == 201, response.content.decode()[:3000]

    def receipt(movement):
        return [
            (
                line.body_record_unique_reference,
                line.indicator,
                line.observed_quantity,
                [(r.code, r.complementary_information) for r in line.reasons.all()],
            )
            for line in ReceiptLineReport.objects.filter(movement=movement)
        ]

    assert receipt(by_edi) == receipt(by_form) != []
    assert receipt(by_edi)[0][3] == [("2", "Deux cartons manquants"), ("3", "Bouteilles cassées")]


def test_a_fault_of_a_reason_or_a_unit_is_answered_at_its_element(client, edi, emcs_codelists):
    world = edi.world
    by_form, by_edi = movement(world, consignor=world.excise_a), movement(world, consignor=world.excise_a)
    web = Client()
    web.force_login(world.antoine)
    web.post(f"/gamma/{CONSIGNOR}/mouvements/{by_form.pk}/changer-destination/", TRANSPORT_FORM)
    data = bytes(stored_messages.last(by_form, "IE813").xml)
    # The second unit loses its identity (C156).
    assert b"<IdentityOfTransportUnits>REM-77</IdentityOfTransportUnits>" in data
    data = data.replace(b"<IdentityOfTransportUnits>REM-77</IdentityOfTransportUnits>", b"")
    response = post(client, with_arc(data, by_form.arc, by_edi.arc), edi.token)
    assert response.status_code == 422, response.content.decode()[:3000]
    (fault,) = evidence_faults(response)
    assert fault["location"].endswith("/TransportDetails[2]/IdentityOfTransportUnits")
    assert "C156" in fault["message"]


def test_a_reason_given_twice_on_a_line_is_answered_at_its_element(client, edi, emcs_codelists):
    by_form, by_edi, stored = received_by_form(edi.world)
    data = bytes(stored.xml)
    first = re.search(rb"<UnsatisfactoryReason>.*?</UnsatisfactoryReason>", data, re.S).group(0)
    data = data.replace(b"</BodyReportOfReceiptExport>", first + b"</BodyReportOfReceiptExport>")
    response = post(client, with_arc(data, by_form.arc, by_edi.arc), edi.token)
    assert response.status_code == 422, response.content.decode()[:3000]
    (fault,) = evidence_faults(response)
    assert fault["location"].endswith(
        "/BodyReportOfReceiptExport[BodyRecordUniqueReference=1]/UnsatisfactoryReason[3]/UnsatisfactoryReasonCode"
    )
    assert "déjà indiqué" in fault["message"]
    assert not ReceiptLineReport.objects.filter(movement=by_edi).exists()
