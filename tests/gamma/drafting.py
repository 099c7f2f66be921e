"""Helpers of the preparation tests: the data of each section of a complete DAE of company A
(FR008777E0001, build_world) to company B (FR009990F0005), as its forms post it."""

import datetime

from django.utils import timezone

from gamma import services
from gamma.models import Movement

CONSIGNEE_NUMBER = "FR009990F0005"


def dae_sections(*, lrn: str = "LRN-0001", lines: int = 1, today: datetime.date | None = None) -> dict[str, dict]:
    today = today or timezone.localdate()
    data = {
        "movement": {
            "local_reference_number": lrn,
            "invoice_number": "FACT-2026-118",
            "invoice_date": today.isoformat(),
            "origin_type_code": "1",
            "dispatch_date": today.isoformat(),
            "dispatch_time": "08:30",
        },
        "consignee": {
            "consignee-traderid": CONSIGNEE_NUMBER,
            "consignee-trader_name": "COMPAGNIE FRANCAISE DE L ARMAGNAC",
            "consignee-street_name": "Route de Cazaubon",
            "consignee-postcode": "32800",
            "consignee-city": "EAUZE",
        },
        "destination": {
            "destination_type_code": "1",
            "delivery_place-traderid": CONSIGNEE_NUMBER,
            "delivery_place-trader_name": "Entrepôt d'Eauze",
        },
        "transport": {
            "transport_arrangement": "1",
            "journey_time": "D02",
            "transport_mode_code": "3",
            "transport_details-0-transport_unit_code": "2",
            "transport_details-0-identity_of_transport_units": "AB-123-CD",
        },
        "lines": {},
    }
    for index in range(lines):
        data["lines"].update(wine_line(index))
    return data


def wine_line(index: int = 0, **changes) -> dict:
    prefix = f"lines-{index}"
    line = {
        f"{prefix}-excise_product_code": "W200",
        f"{prefix}-cn_code": "22042109",
        f"{prefix}-quantity": "750",
        f"{prefix}-gross_mass": "1050",
        f"{prefix}-net_mass": "750",
        f"{prefix}-alcoholic_strength": "12,5",
        f"{prefix}-commercial_description": "Bordeaux rouge AOC 2022, bouteilles de 75 cl",
        f"{prefix}-wine_product_category": "3",
        f"{prefix}-wine_growing_zone_code": "4",
        f"{prefix}-wine_operations": ["0"],
        f"{prefix}-packages-0-kind_of_packages": "CT",
        f"{prefix}-packages-0-number_of_packages": "84",
    }
    line.update({f"{prefix}-{name}": value for name, value in changes.items()})
    return line


def complete_dae(actor, excise_number, **options) -> Movement:
    """A DAE draft with every section filled through the service, ready to validate."""
    movement = services.draft_create(actor=actor, excise_number=excise_number, kind="DAE")
    for section, data in dae_sections(**options).items():
        movement = services.draft_save_section(actor=actor, movement=movement, section=section, data=data)
    return movement
