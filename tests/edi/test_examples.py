"""Every official example of a message the Guichet EDI takes goes through it, its traders loaded in
the register (company A holds them, through an adhesion naming the provider) and, for a follow-up
message, the movement its ARC names: each is accepted (201; 200 and an IE905 for an IE904) or
refused on business grounds (422, with its faults at their XPath), never refused as XML,
forbidden, or a server error."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from edi.models import InboundMessage
from emcs import xml
from gamma.models import Movement, MovementStatus
from habilitations.models import Adhesion
from tests.edi.conftest import PROVIDER_SIRET, post
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"  # the official examples (../shared/emcs/examples)
# example → (ARC, consignor, consignee, dispatch date) of the movement it is about (None for the
# IE815); the date of dispatch and of validation fit the example's dates, or future (IE810).
MOVEMENTS = {
    "IE815": None,
    "IE810": ("25XI00000000000035882", "FR008777E0001", "FR009990F0005", None),
    "IE813": ("25XI00000000000051440", "FR008777E0001", "FR009990F0005", dt.date(2025, 11, 10)),
    "IE818": ("25XI00000000000047116", "FR009990F0005", "FR00000602078", dt.date(2025, 11, 10)),
    "IE819": ("25IT30173191940206136", "FR009990F0005", "XI30138436292", dt.date(2025, 11, 10)),
    "IE837_consignee": ("25XI00000000000019602", "GBWK002281023", "GBWKQOZ8OVLYR", dt.date(2025, 11, 10)),
    "IE837_consignor": ("25XI00000000000019602", "GBWK002281023", "GBWKQOZ8OVLYR", dt.date(2025, 11, 10)),
    "IE871": ("23IT00020230217192543", "FR009990F0005", "XIWK708415963", dt.date(2023, 2, 1)),
    "IE904": ("25XI00000000000051456", "FR008777E0001", "FR009990F0005", None),
}
# The numbers the examples act for, held by company A and named on an EDI adhesion.
ACTING = ("XIRC649326241", "FR00000602078", "XI30138436292", "GBWK002281023", "GBWKQOZ8OVLYR", "XIWK708415963")
# What each example gets by today's rules (its dates are of 2022 to 2025): 201, or 422 and a piece
# of one of its faults (the rule's code, or where it is).
EXPECTED = {
    "IE815": (422, "DATE-EXP"),  # dispatched in the past; R045 too: a British consignee
    "IE810": (201, None),
    "IE813": (422, "NewConsigneeTrader/Traderid"),  # FR54609882383 is no French excise number
    "IE818": (201, None),
    "IE819": (201, None),
    "IE837_consignee": (201, None),
    "IE837_consignor": (201, None),
    "IE871": (422, "impossible"),  # no report of receipt with a shortage before it
    "IE904": (200, None),  # answered with the movement's IE905
}


@pytest.fixture
def traders(edi, emcs_codelists):
    world = edi.world
    for number in ACTING:
        excise = ExciseNumberFactory(number=number, operator=world.company_a, customs_office=world.office_a)
        AdhesionFactory(
            excise_number=excise,
            approved=True,
            prepared_by=world.marie,
            edi_enabled=True,
            edi_provider_siret=PROVIDER_SIRET,
            lines={world.antoine: ALL_GAMMA},
        )
    return world


@pytest.mark.parametrize("name", sorted(MOVEMENTS))
def test_every_official_example_goes_through_the_endpoint(client, edi, traders, name):
    if MOVEMENTS[name]:
        movement_of(*MOVEMENTS[name])
    data = (EXAMPLES / f"{name}.xml").read_bytes()
    response = post(client, data, edi.token)
    evidence = InboundMessage.objects.get(replay_of=None)
    assert evidence.message_type == name.split("_")[0]
    status, fragment = EXPECTED[name]
    assert response.status_code == status, (response.status_code, response.content.decode()[:2000])
    assert bytes(evidence.answer) == response.content
    if response.status_code == 422:
        faults = evidence_faults(response)
        assert faults and all(fault.get("message") for fault in faults)
        assert any(fragment in " ".join(str(value) for value in fault.values()) for fault in faults)
    else:
        movement = evidence.movement
        assert movement is not None and movement.arc == MOVEMENTS[name][0]


def movement_of(arc: str, consignor: str, consignee: str, dispatch: dt.date | None) -> Movement:
    dates = {}
    if dispatch is not None:
        validated_at = dt.datetime.combine(dispatch, dt.time(8), tzinfo=dt.UTC)
        dates = {"dispatch_date": dispatch, "validated_at": validated_at, "validation_updated_at": validated_at}
    return MovementFactory(
        validated=True,
        arc=arc,
        consignor=ExciseNumberFactory(number=consignor),
        consignee_identifier=consignee,
        **dates,
    )


def evidence_faults(response) -> list[dict]:
    """The IE704's FunctionalErrors (the answer is valid against its schema)."""
    from lxml import etree

    assert response["Content-Type"] == "application/xml"
    root = xml.parse_and_validate(response.content)
    assert xml.message_type(root) == "IE704"
    return [
        {
            "message": error.findtext("{*}ErrorReason"),
            "location": error.findtext("{*}ErrorLocation"),
            "value": error.findtext("{*}OriginalAttributeValue"),
        }
        for error in root.iter(f"{{{etree.QName(root).namespace}}}FunctionalError")
    ]


def test_the_movements_status_follows_an_accepted_follow_up(client, edi, traders):
    arc = movement_of(*MOVEMENTS["IE810"]).arc
    assert post(client, (EXAMPLES / "IE810.xml").read_bytes(), edi.token).status_code == 201
    assert Movement.objects.get(arc=arc).status == MovementStatus.CANCELLED
    assert Adhesion.objects.filter(edi_enabled=True).count() == len(ACTING) + 1


def test_a_refused_follow_up_gives_each_fault_at_its_element_with_its_code_apart(client, edi, traders):
    arc = movement_of(*MOVEMENTS["IE818"]).arc
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat().encode()
    data = re.sub(
        rb"<(\w+:)?DateOfArrivalOfExciseProducts>[^<]*<",
        rb"<\1DateOfArrivalOfExciseProducts>" + future + b"<",
        (EXAMPLES / "IE818.xml").read_bytes(),
    )
    response = post(client, data, edi.token)
    assert response.status_code == 422, response.content.decode()[:1000]
    faults = evidence_faults(response)
    assert {
        "message": "[BR023] La date d'arrivée ne peut pas être dans le futur.",
        "location": "/IE818/Body/AcceptedOrRejectedReportOfReceiptExport/ReportOfReceiptExport"
        "/DateOfArrivalOfExciseProducts",
        "value": future.decode(),
    } in faults
    attributes = xml.parse(response.content).find("{*}Body/*/{*}Attributes")
    assert attributes.findtext("{*}AdministrativeReferenceCode") == arc
    assert attributes.findtext("{*}SequenceNumber") == "1"
