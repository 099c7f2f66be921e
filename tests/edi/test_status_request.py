"""IE904 → IE905: a status synchronisation request about a movement the sender plays a part in gets
its status (TC50), sequence number and the last message of it the portal holds (TC64); an unknown
ARC and another company's movement get the same IE704 (type 90), so nobody learns that a movement
exists; seeing the status needs a right to see the movement."""

import datetime as dt
import re

import pytest
from lxml import etree

from edi import service
from edi.models import InboundMessage
from emcs import xml
from emcs.messages import ie704, ie904
from emcs.messages.binding import Header
from gamma import messages as gamma_messages
from gamma.models import Movement, MovementStatus
from habilitations.models import AdhesionLine, Habilitation
from tests.edi.conftest import post
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import company_user

pytestmark = pytest.mark.django_db


def status_request(arc: str, *, sequence_number: int = 1, kind: int | None = ie904.STATUS_SYNCHRONISATION) -> bytes:
    message = ie904.IE904(
        header=Header.new(sender="NDEA.XI", recipient="NDEA.FR"),
        body=ie904.StatusRequest(
            attributes=ie904.Attributes(
                administrative_reference_code=arc,
                sequence_number=sequence_number,
                status="X01",
                last_received_message_type="None",
                status_request_message_type=kind,
                national_movement_information_requested_flag=False,
            )
        ),
    )
    return gamma_messages.serialise(message)


def attributes(response, message_type: str) -> dict[str, str]:
    assert response["Content-Type"] == "application/xml", response.content[:300]
    root = xml.parse_and_validate(response.content)
    assert xml.message_type(root) == message_type
    return {etree.QName(child).localname: child.text for child in root.find("{*}Body/*/{*}Attributes")}


def correlation(response) -> str:
    return xml.parse(response.content).findtext("{*}Header/{*}CorrelationIdentifier")


def identifier(message: bytes) -> str:
    return re.search(rb"<tms:MessageIdentifier>([^<]*)<", message).group(1).decode()


def test_the_status_of_a_movement_issued_through_the_endpoint(client, edi, ie815):
    assert post(client, ie815, edi.token).status_code == 201
    movement = Movement.objects.get()
    request = status_request(movement.arc)
    response = post(client, request, edi.token)
    assert response.status_code == 200
    assert attributes(response, "IE905") == {
        "AdministrativeReferenceCode": movement.arc,
        "SequenceNumber": "1",
        "Status": "X01",
        "LastReceivedMessageType": "IE801",
    }
    assert correlation(response) == identifier(request)
    assert xml.parse(response.content).findtext("{*}Header/{*}MessageRecipient") == "NDEA.XI"
    evidence = InboundMessage.objects.get(message_type="IE904")
    assert evidence.status == 200 and evidence.movement == movement and bytes(evidence.answer) == response.content
    # The same request again gets the same answer (200 is final for its identifier).
    again = post(client, request, edi.token)
    assert (again.status_code, again.content, again["Idempotent-Replayed"]) == (200, response.content, "true")


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (MovementStatus.ACCEPTED, "X01"),
        (MovementStatus.CANCELLED, "X02"),
        (MovementStatus.DELIVERED, "X03"),
        (MovementStatus.REFUSED, "X08"),
        (MovementStatus.PARTIALLY_REFUSED, "X10"),
    ],
)
def test_each_status_is_its_tc50_code(client, edi, status, code):
    movement = MovementFactory(validated=True, consignor=edi.world.excise_a, status=status, sequence_number=3)
    response = post(client, status_request(movement.arc), edi.token)
    assert response.status_code == 200
    assert attributes(response, "IE905") == {
        "AdministrativeReferenceCode": movement.arc,
        "SequenceNumber": "3",
        "Status": code,
        "LastReceivedMessageType": "None",  # no message of it is kept (made before they were)
    }


def test_the_consignee_may_ask_too(client, edi):
    movement = MovementFactory(validated=True, consignee_identifier=edi.world.excise_a.number)
    response = post(client, status_request(movement.arc), edi.token)
    assert response.status_code == 200
    assert attributes(response, "IE905")["Status"] == "X01"


def test_another_companys_movement_gets_the_same_answer_as_an_unknown_arc(client, edi):
    world = edi.world
    other = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="FR012345E0001")
    arc = other.arc
    hidden = post(client, status_request(arc), edi.token)
    other.delete()
    unknown = post(client, status_request(arc), edi.token)
    assert hidden.status_code == unknown.status_code == 422
    assert (
        attributes(hidden, "IE704")
        == attributes(unknown, "IE704")
        == {
            "AdministrativeReferenceCode": arc,
            "SequenceNumber": "1",  # the request's own: nothing of the movement
        }
    )

    def body(response) -> bytes:
        return etree.tostring(xml.parse(response.content).find("{*}Body"))

    assert body(hidden) == body(unknown)
    error = xml.parse(hidden.content).find("{*}Body/*/{*}FunctionalError")
    assert error.findtext("{*}ErrorType") == str(ie704.UNKNOWN_ARC)
    assert error.findtext("{*}ErrorLocation") == "/IE904/Body/StatusRequest/Attributes/AdministrativeReferenceCode"
    assert not InboundMessage.objects.exclude(movement=None).exists()


def test_seeing_the_status_needs_a_right_to_see_the_movement(world, emcs_codelists):
    """An account of A holding only « Préparer DSA » on A's number plays a part in A's DAE but may not see it."""
    dsa_only = company_user(world.company_a, "preparateur.dsa")
    AdhesionLine.objects.create(adhesion=world.adhesion_a, user=dsa_only, rights=["prepare_dsa"])
    Habilitation.objects.create(
        user=dsa_only,
        teleservice="gamma",
        excise_number=world.excise_a,
        right="prepare_dsa",
        adhesion=world.adhesion_a,
        granted_by=world.marie,
    )
    movement = MovementFactory(validated=True, consignor=world.excise_a)
    refused = service.submit(status_request(movement.arc), sender=dsa_only, channel=service.UPLOAD)
    assert refused.status == 403
    assert refused.detail.startswith(f"Votre compte n'a pas le droit de consulter le document {movement.arc} (")
    assert "« Rechercher DAA »" in refused.detail
    allowed = service.submit(status_request(movement.arc), sender=world.luc, channel=service.UPLOAD)  # searches
    assert allowed.status == 200 and b"<Status>X01</Status>" in allowed.xml


def test_a_movement_history_request_is_refused_in_french(client, edi):
    movement = MovementFactory(validated=True, consignor=edi.world.excise_a, sequence_number=2)
    response = post(client, status_request(movement.arc, kind=ie904.MOVEMENT_HISTORY), edi.token)
    assert response.status_code == 422
    assert attributes(response, "IE704") == {"AdministrativeReferenceCode": movement.arc, "SequenceNumber": "2"}
    error = xml.parse(response.content).find("{*}Body/*/{*}FunctionalError")
    assert error.findtext("{*}ErrorType") == str(ie704.NOT_SUPPORTED_IN_THIS_POSITION)
    assert error.findtext("{*}ErrorReason").startswith("La demande d'historique d'un mouvement")
    assert error.findtext("{*}OriginalAttributeValue") == "2"


def test_the_last_message_is_the_latest_one_tc64_names(client, edi, ie815):
    assert post(client, ie815, edi.token).status_code == 201
    movement = Movement.objects.get()
    later = gamma_messages.last(movement, "IE801").created_at + dt.timedelta(seconds=1)
    # An IE837 (not in TC64) after it changes nothing; an IE810 does.
    movement.messages.create(message_type="IE837", message_identifier="x", direction="sent", xml=b"", created_at=later)
    response = post(client, status_request(movement.arc), edi.token)
    assert attributes(response, "IE905")["LastReceivedMessageType"] == "IE801"
    movement.messages.create(
        message_type="IE810", message_identifier="y", direction="sent", xml=b"", created_at=later + dt.timedelta(1)
    )
    response = post(client, status_request(movement.arc, sequence_number=2), edi.token)
    assert attributes(response, "IE905")["LastReceivedMessageType"] == "IE810"
