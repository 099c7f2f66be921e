"""Every fault of a draft, found in one pass before it is issued: the draft as the business rules
see it (``rules_draft``), the register's authorisations they read, the LRN and fallback look-ups,
and ``movement_errors`` (the required fields, then every rule, in the order of the task list)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from fallback import selectors as fallback_selectors
from gamma import rules, sections
from gamma.models import Movement, MovementStatus, TraderRole
from prodouane.compiled import CompiledQuery
from register.models import ExciseNumber


def destination_member_state(movement: Movement) -> str:
    """The member state of destination: the two letters the consignee's identifier starts with
    (an excise or VAT number), else the place of delivery's, else the exempted consignee's state;
    "" when none tells."""
    candidates = [
        movement.trader(TraderRole.CONSIGNEE),
        movement.trader(TraderRole.DELIVERY_PLACE),
    ]
    for trader in candidates:
        identifier = (trader.traderid if trader else "")[:2]
        if len(identifier) == 2 and identifier.isascii() and identifier.isalpha() and identifier.isupper():
            return identifier
    return movement.complement_consignee_member_state or ""


def rules_draft(movement: Movement) -> rules.Draft:
    """The draft as the business rules see it (``movement`` with its relations prefetched)."""
    consignor = movement.trader(TraderRole.CONSIGNOR)
    place_of_dispatch = movement.trader(TraderRole.PLACE_OF_DISPATCH)
    consignee = movement.trader(TraderRole.CONSIGNEE)
    delivery_place = movement.trader(TraderRole.DELIVERY_PLACE)
    return rules.Draft(
        kind=movement.kind,
        consignor_excise_number=movement.consignor.number
        if movement.consignor
        else (consignor.trader_excise_number if consignor else ""),
        local_reference_number=movement.local_reference_number,
        origin_type_code=movement.origin_type_code,
        place_of_dispatch_warehouse=place_of_dispatch.reference_of_tax_warehouse if place_of_dispatch else "",
        consignee_traderid=consignee.traderid if consignee else "",
        delivery_place_traderid=delivery_place.traderid if delivery_place else "",
        destination_type_code=movement.destination_type_code,
        journey_time=movement.journey_time,
        transport_mode_code=movement.transport_mode_code,
        dispatch_date=movement.dispatch_date,
        deferred_submission=bool(movement.deferred_submission),
        guarantor_type_code=movement.guarantor_type_code,
        dispatch_member_state="FR",
        destination_member_state=destination_member_state(movement),
        lines=[
            rules.Line(
                excise_product_code=line.excise_product_code,
                cn_code=line.cn_code,
                quantity=line.quantity,
                gross_mass=line.gross_mass,
                net_mass=line.net_mass,
                alcoholic_strength=line.alcoholic_strength,
                degree_plato=line.degree_plato,
                density=line.density,
                packages=[
                    rules.Package(
                        kind_of_packages=package.kind_of_packages, number_of_packages=package.number_of_packages
                    )
                    for package in line.packages.all()
                ],
            )
            for line in movement.lines.all()
        ],
    )


def _lrn_already_used(movement: Movement):
    def used(consignor_excise_number: str, lrn: str) -> bool:
        if movement.consignor and movement.consignor.number == consignor_excise_number:
            return bool(_LRN_USED.rows(consignor_id=movement.consignor_id, lrn=lrn, pk=movement.pk or 0))
        return (
            Movement.objects.filter(local_reference_number=lrn, consignor__number=consignor_excise_number)
            .exclude(status=MovementStatus.DRAFT)
            .exclude(pk=movement.pk)
            .exists()
        )

    return used


# BR001 on every validation: compiled once per connection.
_LRN_USED = CompiledQuery(
    lambda consignor_id, lrn, pk: (
        Movement.objects.filter(local_reference_number=lrn, consignor_id=consignor_id)
        .exclude(status=MovementStatus.DRAFT)
        .exclude(pk=pk)
        .values_list("pk")[:1]
    ),
    consignor_id=int,
    lrn=str,
    pk=int,
)


def _fallback_number_open(movement: Movement):
    def open_(consignor_excise_number: str, lrn: str) -> bool:
        if movement.consignor is None or movement.consignor.number != consignor_excise_number:
            return False
        return (
            fallback_selectors.document_for_regularisation(consignor=movement.consignor, local_reference_number=lrn)
            is not None
        )

    return open_


def authorisation_of(excise_number: ExciseNumber) -> rules.Authorisation:
    """The register's entry as the rules read it (product categories prefetched)."""
    return rules.Authorisation(
        number=excise_number.number,
        status=excise_number.status,
        valid_from=excise_number.valid_from,
        valid_until=excise_number.valid_until,
        categories=frozenset(category.code for category in excise_number.product_categories.all()),
        tax_warehouse=excise_number.tax_warehouse_reference or excise_number.number,
    )


def register_authorisations(numbers: set[str]) -> dict[str, rules.Authorisation]:
    """The register's entries of these excise numbers or tax warehouse references, keyed by both,
    in one query (a row per authorised category); none when there is nothing to look up."""
    if not numbers:
        return {}
    rows = (
        ExciseNumber.objects.filter(Q(number__in=numbers) | Q(tax_warehouse_reference__in=numbers))
        .order_by("number")
        .values_list(
            "number", "status", "valid_from", "valid_until", "tax_warehouse_reference", "product_categories__code"
        )
    )
    entries: dict[str, tuple[tuple, set[str]]] = {}
    for number, status, valid_from, valid_until, warehouse, category in rows:
        _head, categories = entries.setdefault(number, ((number, status, valid_from, valid_until, warehouse), set()))
        if category:
            categories.add(category)
    by_key: dict[str, rules.Authorisation] = {}
    for (number, status, valid_from, valid_until, warehouse), categories in entries.values():
        authorisation = rules.Authorisation(
            number=number,
            status=status,
            valid_from=valid_from,
            valid_until=valid_until,
            categories=frozenset(categories),
            tax_warehouse=warehouse or number,
        )
        if warehouse:
            by_key.setdefault(warehouse, authorisation)
        by_key[number] = authorisation  # a number is itself before any warehouse
    return by_key


def movement_errors(movement: Movement, *, today: dt.date | None = None) -> list[rules.RuleError]:
    """Every fault of the draft, in one pass: the required fields (in the order of the task list),
    then every business rule. ``movement`` with its relations prefetched (``prefetched``)."""
    draft = rules_draft(movement)
    context = rules.context_for(
        draft,
        lrn_already_used=_lrn_already_used(movement),
        fallback_number_open=_fallback_number_open(movement),
        authorisations=register_authorisations(rules.register_numbers(draft)),
        today=today,
    )
    errors = sections.missing(movement) + rules.check_all(draft, context)
    order = {section.key: position for position, section in enumerate(sections.SECTIONS)}

    def position(error: rules.RuleError) -> int:
        section = sections.section_of(error.field, movement.kind)
        return order[section.key] if section else len(order)

    return sorted(errors, key=position)  # stable: within a section, the order they were found in
