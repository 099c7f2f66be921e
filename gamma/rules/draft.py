"""The draft as the rules see it: plain values, named as the movement model names them
(``gamma.models.Movement``, ``MovementLine``, ``LinePackage``), so that an error's field path
(``lines.0.packages.1.number_of_packages``) leads to the form input of the same name.

The validation service builds it from the movement; the values that are not fields of the
movement (the consignor's excise number, the member states of dispatch and destination) are
worked out there."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Kinds of document (gamma.models.MovementKind's values).
DAE = "DAE"  # under duty suspension, IE815 SubmissionMessageType 1
DAES = "DAES"  # duty paid between member states, SubmissionMessageType 3
DSA = "DSA"  # duty paid within France, national document: the EMCS-only rules do not apply


@dataclass
class Package:
    kind_of_packages: str = ""  # BC17
    number_of_packages: int | None = None


@dataclass
class Line:
    excise_product_code: str = ""  # BC36
    cn_code: str = ""  # BC37
    quantity: Decimal | None = None
    gross_mass: Decimal | None = None  # kg
    net_mass: Decimal | None = None  # kg
    alcoholic_strength: Decimal | None = None  # % vol.
    degree_plato: Decimal | None = None
    density: Decimal | None = None  # kg/m³ at 15 °C
    packages: Sequence[Package] = field(default_factory=list)


@dataclass
class Draft:
    kind: str = DAE
    consignor_excise_number: str = ""
    local_reference_number: str = ""
    origin_type_code: int | None = None  # 1 tax warehouse, 2 import, 3 duty paid
    place_of_dispatch_warehouse: str = ""  # the place of dispatch's reference of tax warehouse
    consignee_traderid: str = ""  # excise number (or VAT number for an export)
    delivery_place_traderid: str = ""  # the tax warehouse of delivery, for destination type 1
    destination_type_code: int | None = None  # TC32
    journey_time: str = ""  # H01…H24 or D01…D92
    transport_mode_code: str = ""  # BC67
    dispatch_date: date | None = None
    deferred_submission: bool = False  # a fallback (paper) document entered afterwards
    guarantor_type_code: str = ""  # TC29
    dispatch_member_state: str = "FR"
    destination_member_state: str = ""  # of the consignee or the place of delivery; "" if unknown
    lines: Sequence[Line] = field(default_factory=list)

    @property
    def under_duty_suspension(self) -> bool:
        return self.kind == DAE

    @property
    def duty_paid_b2b(self) -> bool:
        return self.kind == DAES
