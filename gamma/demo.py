"""Demo GAMMA documents for `make run`: SOCIETE DE DISTRIBUTION D'ALCOOLS (`FR008777E0001`,
demo user antoineleris) has issued two DAE to COMPAGNIE FRANCAISE DE L ARMAGNAC
(`FR009990F0005`), keeps a DAE draft in progress and a template, so that search, the movement page,
the printed copy and the drafts list have something to show. Everything goes through the GAMMA
services, the same rules as a user's. Idempotent (keyed on the LRN); never in production.

``dae_sections`` is also what the tests post to build a complete DAE."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

CONSIGNOR_NUMBER = "FR008777E0001"
CONSIGNEE_NUMBER = "FR009990F0005"
DEMO_USER = "antoineleris"


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


DESCRIPTIONS = [
    "Bordeaux rouge AOC 2022, bouteilles de 75 cl",
    "Côtes de Gascogne blanc IGP 2024, bouteilles de 75 cl",
    "Floc de Gascogne AOC, bouteilles de 75 cl",
]


def dae_draft(actor, excise_number, sections: dict[str, dict]):
    """A DAE draft with ``sections`` (as ``dae_sections`` gives them) saved through the service."""
    from gamma import services

    movement = services.draft_create(actor=actor, excise_number=excise_number, kind="DAE")
    for section, values in sections.items():
        movement = services.draft_save_section(actor=actor, movement=movement, section=section, data=values)
    return movement


def _complete(actor, excise_number, *, lrn: str, lines: int):
    data = dae_sections(lrn=lrn, lines=lines)
    for index in range(lines):
        data["lines"][f"lines-{index}-commercial_description"] = DESCRIPTIONS[index % len(DESCRIPTIONS)]
    return dae_draft(actor, excise_number, data)


def _give_ie801(movements) -> None:
    """A demo document validated before the IE801 was kept gets its own, as a validation now
    stores it (with the validation's event, in the consignor's and consignee's feeds)."""
    from gamma import feed, mapping, messages
    from gamma.models import MovementAction, MovementKind, MovementStatus

    validated = movements.exclude(status=MovementStatus.DRAFT).filter(kind__in=[MovementKind.DAE, MovementKind.DAES])
    for movement in validated.exclude(messages__message_type="IE801"):
        messages.store(
            mapping.ie801_message(movement),
            movement=movement,
            event=movement.events.filter(action=MovementAction.VALIDATE).first(),
            recipients=feed.recipients_of(movement, "IE801"),
        )


@transaction.atomic
def load(stdout) -> None:
    if settings.PRODUCTION:
        return
    from accounts.models import User
    from emcs import codelists
    from gamma import services
    from gamma.models import Movement, MovementTemplate
    from register.models import ExciseNumber

    if not codelists.excise_products().exists():
        stdout.write(
            "GAMMA de démonstration : non chargé, les listes de codes EMCS manquent "
            "(lancez d'abord manage.py load_emcs_codelists)."
        )
        return
    actor = User.objects.get(username=DEMO_USER)
    excise_number = ExciseNumber.objects.get(number=CONSIGNOR_NUMBER)
    mine = Movement.objects.filter(consignor=excise_number)
    for lrn, lines in (("DEMO-2026-0001", 3), ("DEMO-2026-0002", 1)):
        if not mine.filter(local_reference_number=lrn).exists():
            services.movement_validate(actor=actor, movement=_complete(actor, excise_number, lrn=lrn, lines=lines))
    _give_ie801(mine)
    if not mine.filter(local_reference_number="DEMO-2026-0003").exists():
        dae_draft(actor, excise_number, {"movement": dae_sections(lrn="DEMO-2026-0003")["movement"]})
    if not MovementTemplate.objects.filter(excise_number=excise_number, name="Livraison Eauze").exists():
        model = _complete(actor, excise_number, lrn="DEMO-MODELE", lines=1)
        services.template_from_draft(actor=actor, movement=model, name="Livraison Eauze")
        services.draft_delete(actor=actor, movement=model)
    stdout.write(
        f"GAMMA de démonstration : deux DAE émis par {CONSIGNOR_NUMBER} vers {CONSIGNEE_NUMBER}, "
        "un brouillon et un modèle (antoineleris)."
    )
