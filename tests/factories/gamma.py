"""Factories of GAMMA movements: a complete DAE draft by default (consignor, consignee, place of
dispatch, one wine line with its package, one vehicle), with traits ``validated`` and ``daes``.

    MovementFactory()                      # a draft that passes the schema
    MovementFactory(validated=True)        # accepted, with an ARC, sequence 1, validation time
    MovementFactory(complete=False)        # the bare Movement row (a draft just started)
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from gamma.models import (
    DestinationType,
    GuarantorType,
    LinePackage,
    Movement,
    MovementKind,
    MovementLine,
    MovementStatus,
    MovementTrader,
    OriginType,
    SubmissionMessageType,
    TraderRole,
    TransportArrangement,
    TransportDetail,
    WineProductCategory,
)
from identifiers import arc
from tests.factories.register import ExciseNumberFactory


def _arc(movement, n: int) -> str:
    """A genuine ARC (with its check digit) for the n-th validated movement: type P for a DAES."""
    movement_type = arc.DUTY_PAID if movement.kind == MovementKind.DAES else arc.DUTY_SUSPENSION
    return arc.build(year=24, national_code=f"{n:015d}", movement_type=movement_type)


class MovementTraderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MovementTrader

    movement = factory.SubFactory("tests.factories.gamma.MovementFactory", complete=False)
    role = TraderRole.CONSIGNEE
    trader_name = factory.Sequence(lambda n: f"CAVE EXEMPLE {n}")
    street_name = "Rue des Vignes"
    street_number = "12"
    postcode = "33000"
    city = "BORDEAUX"
    language = "fr"


class MovementLineFactory(factory.django.DjangoModelFactory):
    """A line of still wine (W200, CN 22042109) under a protected designation, in 84 cartons."""

    class Meta:
        model = MovementLine
        skip_postgeneration_save = True

    movement = factory.SubFactory("tests.factories.gamma.MovementFactory", complete=False)
    body_record_unique_reference = factory.Sequence(lambda n: (n % 999) + 1)
    excise_product_code = "W200"
    cn_code = "22042109"
    quantity = Decimal("750.000")
    gross_mass = Decimal("1050.000000")
    net_mass = Decimal("750.000000")
    alcoholic_strength = Decimal("12.50")
    commercial_description = "Bordeaux rouge AOC 2022, bouteilles de 75 cl"
    designation_of_origin = "AOP Bordeaux"
    wine_product_category = WineProductCategory.WITH_PDO_PGI
    wine_growing_zone_code = "4"
    wine_operations = ["0"]

    @factory.post_generation
    def packages(self, create, extracted, **kwargs):
        """One package of 84 cartons unless ``packages=[]`` (or a list of LinePackage fields)."""
        if not create:
            return
        for position, fields in enumerate(
            [{"kind_of_packages": "CT", "number_of_packages": 84}] if extracted is None else extracted, start=1
        ):
            LinePackage.objects.create(line=self, position=position, **fields)


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement
        skip_postgeneration_save = True

    kind = MovementKind.DAE
    status = MovementStatus.DRAFT
    consignor = factory.SubFactory(ExciseNumberFactory)
    consignee_identifier = "FR012345E0001"
    submission_message_type = SubmissionMessageType.STANDARD
    local_reference_number = factory.Sequence(lambda n: f"LRN-{n:06d}")
    invoice_number = factory.Sequence(lambda n: f"FACT-{n:05d}")
    invoice_date = factory.LazyFunction(timezone.localdate)
    origin_type_code = OriginType.TAX_WAREHOUSE
    dispatch_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    dispatch_time = datetime.time(8, 30)
    destination_type_code = DestinationType.TAX_WAREHOUSE
    journey_time = "D02"
    transport_arrangement = TransportArrangement.CONSIGNOR
    transport_mode_code = "3"  # road (BC67)
    guarantor_type_code = GuarantorType.CONSIGNOR
    dispatch_office_code = factory.LazyAttribute(lambda o: o.consignor.customs_office.code if o.consignor else "")

    class Params:
        validated = factory.Trait(
            status=MovementStatus.ACCEPTED,
            arc=factory.LazyAttributeSequence(_arc),
            sequence_number=1,
            validated_at=factory.LazyFunction(timezone.now),
            validation_updated_at=factory.SelfAttribute("validated_at"),
        )
        daes = factory.Trait(
            kind=MovementKind.DAES,
            submission_message_type=SubmissionMessageType.DUTY_PAID_B2B,
            origin_type_code=OriginType.DUTY_PAID,
            destination_type_code=DestinationType.CERTIFIED_CONSIGNEE,
        )

    @factory.post_generation
    def complete(self, create, extracted, **kwargs):
        """Traders, a wine line and a vehicle, unless ``complete=False``."""
        if not create or extracted is False:
            return
        operator = self.consignor.operator if self.consignor else None
        MovementTraderFactory(
            movement=self,
            role=TraderRole.CONSIGNOR,
            trader_excise_number=self.consignor.number if self.consignor else "FR099999E9999",
            trader_name=operator.name if operator else "EXPEDITEUR EXEMPLE",
            street_name=operator.address if operator else "1 rue du Port",
            street_number="",
            postcode=operator.postal_code if operator else "75001",
            city=operator.city if operator else "PARIS",
        )
        MovementTraderFactory(movement=self, role=TraderRole.CONSIGNEE, traderid=self.consignee_identifier)
        MovementTraderFactory(
            movement=self,
            role=TraderRole.PLACE_OF_DISPATCH,
            reference_of_tax_warehouse=self.consignor.number if self.consignor else "",
        )
        MovementLineFactory(movement=self, body_record_unique_reference=1)
        TransportDetail.objects.create(
            movement=self, position=1, transport_unit_code="2", identity_of_transport_units="AB-123-CD"
        )
