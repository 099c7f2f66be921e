"""The other member states, simulated (``EU_GATEWAY=simulator``: development, tests, the training
instance). It behaves as their administrations would, with messages valid against the V3.23
schemas, and delivers its own through ``eu.gateway.receive`` like a real connection:

- ``send``: a message from France is recorded (``SimulatedMessage``); an IE801 gets its answer after
  ``settings.EU_SIMULATOR_DELAY_SECONDS``;
- ``run_due`` (``manage.py run_eu_simulator``): each answer due — an IE818 from the consignee,
  accepted (« Apuré » in France), or refused (« Refusé ») when the consignee's excise number is
  listed in ``settings.EU_SIMULATOR_REFUSED_CONSIGNEES``. An answer waits for the date of
  dispatch: a report of receipt is never dated before it (BR056) nor in the future (BR023);
- ``send_incoming_ie801``: a new DAE from another member state's consignor (Italian by default)
  to a French consignee (``manage.py eu_simulate_incoming``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from emcs import messages as emcs_messages
from emcs import xml
from emcs.messages import groups as g
from emcs.messages import ie801, ie818
from emcs.messages.binding import Header
from eu.models import SimulatedMessage
from identifiers import arc as arc_identifier

TEMPLATE = Path(__file__).parent / "data" / "ie801_template.xml"
ACCEPTED, REFUSED = 1, 3
DAMAGED = "3"  # BC46: goods damaged
DEFAULT_CONSIGNOR = "IT56973827130"


def send(message_type: str, xml_bytes: bytes, member_state: str, movement=None) -> SimulatedMessage:
    """Record a message France sends ``member_state``; an IE801 is answered later (``run_due``).
    The same message sent again is recorded once."""
    root = xml.parse_and_validate(bytes(xml_bytes))
    identifier = emcs_messages.parse(root).header.message_identifier
    due = None
    if message_type == "IE801":
        due = timezone.now() + dt.timedelta(seconds=int(settings.EU_SIMULATOR_DELAY_SECONDS))
    recorded, _created = SimulatedMessage.objects.get_or_create(
        message_identifier=identifier,
        defaults={
            "message_type": message_type,
            "member_state": member_state,
            "xml": bytes(xml_bytes),
            "answer_due_at": due,
        },
    )
    return recorded


def run_due(*, now: dt.datetime | None = None) -> int:
    """Answer every IE801 whose answer is due: how many were answered."""
    from eu import gateway

    now = now or timezone.now()
    today = timezone.localdate(now)
    answered = 0
    due = SimulatedMessage.objects.filter(message_type="IE801", answered_at__isnull=True, answer_due_at__lte=now)
    for pk in list(due.order_by("id").values_list("pk", flat=True)):
        with transaction.atomic():
            received = SimulatedMessage.objects.select_for_update().filter(pk=pk, answered_at__isnull=True).first()
            if received is None:
                continue
            body = emcs_messages.parse(xml.parse(bytes(received.xml))).body
            if body.ead_esad.date_of_dispatch > today:  # the goods have not left yet
                continue
            consignee = body.consignee_trader.traderid if body.consignee_trader else ""
            refused = consignee in set(settings.EU_SIMULATOR_REFUSED_CONSIGNEES)
            answer = report_of_receipt(body, member_state=received.member_state, accepted=not refused, at=now)
            gateway.receive(answer)
            received.answered_at = now
            received.save(update_fields=["answered_at"])
            answered += 1
    return answered


def report_of_receipt(body: ie801.EadEsadContainer, *, member_state: str, accepted: bool, at: dt.datetime) -> bytes:
    """The consignee's IE818 for the e-AD ``body`` (the IE801 received), dated ``at``: accepted and
    satisfactory, or refused (each line: goods damaged). Valid against the schema."""
    from gamma import messages as gamma_messages

    lines = (
        []
        if accepted
        else [
            ie818.BodyReportOfReceiptExport(
                body_record_unique_reference=line.body_record_unique_reference,
                excise_product_code=line.excise_product_code,
                unsatisfactory_reasons=[ie818.UnsatisfactoryReason(unsatisfactory_reason_code=DAMAGED)],
            )
            for line in body.body_ead_esads
        ]
    )
    consignee = body.consignee_trader
    report = ie818.AcceptedOrRejectedReportOfReceiptExport(
        attributes=ie818.Attributes(date_and_time_of_validation_of_report_of_receipt_export=_naive(at)),
        consignee_trader=g.ConsigneeTrader(
            language=consignee.language,
            traderid=consignee.traderid,
            trader_name=consignee.trader_name,
            street_name=consignee.street_name,
            street_number=consignee.street_number,
            postcode=consignee.postcode,
            city=consignee.city,
        ),
        excise_movement=g.ExciseMovement(
            administrative_reference_code=body.excise_movement.administrative_reference_code,
            sequence_number=body.header_ead_esad.sequence_number,
        ),
        report_of_receipt_export=ie818.ReportOfReceiptExport(
            date_of_arrival_of_excise_products=timezone.localdate(at),
            global_conclusion_of_receipt=ACCEPTED if accepted else REFUSED,
        ),
        body_report_of_receipt_exports=lines,
    )
    header = Header.new(sender=f"NDEA.{member_state}", recipient="NDEA.FR", at=at)
    return gamma_messages.serialise(ie818.IE818(header=header, body=report))


def _naive(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


@dataclasses.dataclass(frozen=True)
class Line:
    """One line of a simulated e-AD: still wine by default."""

    excise_product_code: str = "W200"
    cn_code: str = "22042109"
    quantity: Decimal = Decimal("1000.000")
    gross_mass: Decimal = Decimal("1250.00")
    net_mass: Decimal = Decimal("1000.00")
    alcoholic_strength: Decimal | None = Decimal("12.5")
    commercial_description: str = "Vino rosso"


def incoming_ie801(
    *,
    consignee: str,
    consignor: str = DEFAULT_CONSIGNOR,
    consignee_name: str = "Destinataire en France",
    lines: list[Line] | tuple = (),
    dispatch_date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> bytes:
    """A valid IE801 of a DAE from ``consignor`` (another member state's excise number) to the French
    ``consignee``, with a new ARC of the consignor's state (``identifiers.arc``)."""
    from gamma import messages as gamma_messages
    from gamma.services import national_code

    at = at or timezone.now()
    state = consignor[:2]
    template = emcs_messages.parse(xml.parse(TEMPLATE.read_bytes())).body
    line = template.body_ead_esads[0]
    body_lines = [
        dataclasses.replace(
            line,
            body_record_unique_reference=number,
            excise_product_code=wanted.excise_product_code,
            cn_code=wanted.cn_code,
            quantity=wanted.quantity,
            gross_mass=wanted.gross_mass,
            net_mass=wanted.net_mass,
            alcoholic_strength_by_volume_in_percentage=wanted.alcoholic_strength,
            degree_plato=None,
            density=None,
            fiscal_mark=None,
            fiscal_mark_language=None,
            fiscal_mark_used_flag=None,
            commercial_description=wanted.commercial_description,
            commercial_description_language="it",
        )
        for number, wanted in enumerate(lines or [Line()], start=1)
    ]
    dispatch = dispatch_date or timezone.localdate(at)
    arc = arc_identifier.build(
        year=dispatch.year,
        national_code=national_code(),
        movement_type=arc_identifier.DUTY_SUSPENSION,
        member_state=state,
    )
    validated = _naive(at)
    body = dataclasses.replace(
        template,
        consignee_trader=g.ConsigneeTrader(
            language="fr",
            traderid=consignee,
            trader_name=consignee_name,
            street_name="Rue de la Paix",
            street_number="1",
            postcode="75002",
            city="Paris",
        ),
        excise_movement=ie801.ExciseMovementEad(
            administrative_reference_code=arc, date_and_time_of_validation_of_ead_esad=validated
        ),
        consignor_trader=dataclasses.replace(
            template.consignor_trader,
            trader_excise_number=consignor,
            trader_name="Cantina Sociale",
            street_name="Via Roma",
            street_number="10",
            postcode="00100",
            city="Roma",
        ),
        dispatch_import_office=None,
        complement_consignee_trader=None,
        delivery_place_trader=None,
        competent_authority_dispatch_office=g.Office(reference_number=f"{state}004098"),
        transport_arranger_trader=None,
        first_transporter_trader=None,
        document_certificates=[],
        ead_esad=dataclasses.replace(
            template.ead_esad,
            local_reference_number=f"SIM{arc[-12:]}",
            invoice_date=dispatch,
            origin_type_code=1,
            date_of_dispatch=dispatch,
            upstream_arc=None,
            import_customs_declaration_numbers=[],
        ),
        header_ead_esad=dataclasses.replace(
            template.header_ead_esad,
            date_and_time_of_update_validation=validated,
            destination_type_code=1,
            transport_arrangement=1,
        ),
        movement_guarantee=dataclasses.replace(
            template.movement_guarantee, guarantor_type_code="1", guarantor_traders=[]
        ),
        body_ead_esads=body_lines,
    )
    header = Header.new(sender=f"NDEA.{state}", recipient="NDEA.FR", at=at)
    return gamma_messages.serialise(ie801.IE801(header=header, body=body))


def send_incoming_ie801(*, consignee: str, consignor: str = DEFAULT_CONSIGNOR, **options):
    """A member state sends France a new DAE (``incoming_ie801``), delivered by ``eu.gateway.receive``:
    its ``Exchange`` row (``.movement``: the movement the French consignee now sees)."""
    from eu import gateway

    return gateway.receive(incoming_ie801(consignee=consignee, consignor=consignor, **options))
