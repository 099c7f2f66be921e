"""Reading the printed copy of a movement: its own row (enough to decide who may print it) and its
parts, each in one query by its id that fetches only the columns shown, compiled from the ORM once
per process; and the refusal to print a draft (``PrintRefused``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OuterRef, Subquery

from gamma import messages
from gamma.models import (
    LinePackage,
    Movement,
    MovementDocument,
    MovementLine,
    MovementMessage,
    MovementStatus,
    MovementTrader,
    TransportDetail,
)
from prodouane.compiled import CompiledQuery
from register.models import CustomsOffice, ExciseNumber


class PrintRefused(Exception):
    """The movement cannot be printed; the message is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


DRAFT_REFUSED = (
    "Un brouillon ne s'imprime pas : il n'a pas encore d'ARC. Validez-le d'abord ; le document validé "
    "pourra alors être imprimé pour accompagner les marchandises."
)


# The offices named on the copy, read with the movement (their names are the register's).
OFFICES = {
    "dispatch_office_name": "dispatch_office_code",
    "delivery_place_office_name": "delivery_place_customs_office_code",
    "import_office_name": "dispatch_import_office_code",
}
# The movement's columns the copy and the access check (``gamma.actions.movement_access``) read.
MOVEMENT_COLUMNS = (
    "kind",
    "status",
    "consignor",
    "consignee_identifier",
    "deferred_submission",
    "arc",
    "sequence_number",
    "validated_at",
    "validation_updated_at",
    "local_reference_number",
    "invoice_number",
    "invoice_date",
    "origin_type_code",
    "dispatch_date",
    "dispatch_time",
    "upstream_arc",
    "import_customs_declarations",
    "destination_type_code",
    "journey_time",
    "transport_arrangement",
    "transport_mode_code",
    "transport_mode_complementary_information",
    "guarantor_type_code",
    "dispatch_office_code",
    "delivery_place_customs_office_code",
    "dispatch_import_office_code",
    "complement_consignee_member_state",
    "complement_consignee_exemption_certificate",
    "verification_code",  # printed in clear under the copy's QR code (``gamma.verification_print``)
)
_MOVEMENT = CompiledQuery(
    lambda pk: (
        Movement.objects.only(*MOVEMENT_COLUMNS)
        .annotate(
            consignor_number=F("consignor__number"),
            **{
                name: Subquery(CustomsOffice.objects.filter(code=OuterRef(code)).values("name")[:1])
                for name, code in OFFICES.items()
            },
            # What the copy shows of the validation is what the IE801 sent says (``gamma.messages``).
            stored_ie801=Subquery(
                MovementMessage.objects.filter(movement_id=OuterRef("pk"), message_type="IE801")
                .order_by("-created_at", "-id")
                .values("xml")[:1]
            ),
        )
        .filter(pk=pk)
    ),
    pk=int,
)
# The parts of the movement, each read by the movement's id in its own order (the models' default
# order would join the movement table to sort by it).
_TRADERS = CompiledQuery(
    lambda pk: MovementTrader.objects.filter(movement_id=pk).only(
        "role",
        "trader_excise_number",
        "traderid",
        "reference_of_tax_warehouse",
        "vat_number",
        "eori_number",
        "trader_name",
        "street_name",
        "street_number",
        "postcode",
        "city",
    ),
    pk=int,
)
_DOCUMENTS = CompiledQuery(
    lambda pk: (
        MovementDocument.objects.filter(movement_id=pk)
        .order_by("position", "id")
        .only("document_type", "document_reference", "reference_of_document", "document_description")
    ),
    pk=int,
)
_LINES = CompiledQuery(
    lambda pk: (
        MovementLine.objects.filter(movement_id=pk)
        .order_by("body_record_unique_reference")
        .only(
            "body_record_unique_reference",
            "excise_product_code",
            "cn_code",
            "quantity",
            "gross_mass",
            "net_mass",
            "alcoholic_strength",
            "degree_plato",
            "density",
            "commercial_description",
            "brand_name",
            "designation_of_origin",
            "maturation_period",
            "fiscal_mark",
            "size_of_producer",
            "wine_product_category",
            "wine_growing_zone_code",
            "wine_third_country_of_origin",
            "wine_other_information",
            "wine_operations",
        )
    ),
    pk=int,
)
_PACKAGES = CompiledQuery(  # the lines' packages, by the lines' index on the movement
    lambda pk: (
        LinePackage.objects.filter(line__movement_id=pk)
        .order_by("line_id", "position", "id")
        .only("line", "kind_of_packages", "number_of_packages", "shipping_marks", "commercial_seal_identification")
    ),
    pk=int,
)
_UNITS = CompiledQuery(
    lambda pk: (
        TransportDetail.objects.filter(movement_id=pk)
        .order_by("position", "id")
        .only(
            "transport_unit_code",
            "identity_of_transport_units",
            "commercial_seal_identification",
            "seal_information",
            "complementary_information",
        )
    ),
    pk=int,
)


@dataclass
class Copy:
    """What the copy shows: the movement and its parts, in the order printed."""

    movement: Movement
    traders: dict[str, MovementTrader]
    documents: list[MovementDocument]
    lines: list[tuple[MovementLine, list[LinePackage]]]
    units: list[TransportDetail]
    offices: dict[str, str]  # the offices' names by code


def read(pk: int) -> Movement | None:
    """The movement's own row (with its consignor's number, its offices' names and its stored
    IE801), enough to decide who may print it; None if there is none. :func:`parts` reads the rest."""
    found = _MOVEMENT.instances(pk=pk)
    if not found:
        return None
    movement = found[0]
    if movement.consignor_id is not None:
        movement.consignor = ExciseNumber.from_db(
            DEFAULT_DB_ALIAS, ["id", "number"], [movement.consignor_id, movement.consignor_number]
        )
    return movement


def parts(movement: Movement) -> Copy:
    """The copy of ``movement`` (from :func:`read`): its traders, documents, lines, packages and
    transport units, five queries by its id; the validation (ARC, date and time, sequence number)
    as its stored IE801 states it."""
    stored = getattr(movement, "stored_ie801", None)
    messages.show_ie801(movement, bytes(stored) if stored is not None else None)
    packages: dict[int, list[LinePackage]] = {}
    for package in _PACKAGES.instances(pk=movement.pk):
        packages.setdefault(package.line_id, []).append(package)
    offices = {}
    for name, code in OFFICES.items():
        if getattr(movement, name, None):
            offices[getattr(movement, code)] = getattr(movement, name)
    return Copy(
        movement=movement,
        traders={trader.role: trader for trader in _TRADERS.instances(pk=movement.pk)},
        documents=_DOCUMENTS.instances(pk=movement.pk),
        lines=[(line, packages.get(line.pk, [])) for line in _LINES.instances(pk=movement.pk)],
        units=_UNITS.instances(pk=movement.pk),
        offices=offices,
    )


def load(movement: Movement | int) -> Copy:
    """Everything the copy of the movement shows, in six queries."""
    found = read(movement if isinstance(movement, int) else movement.pk)
    if found is None:
        raise Movement.DoesNotExist
    return parts(found)


def filename(movement: Movement) -> str:
    return f"{movement.kind}-{movement.arc or movement.pk}.pdf"


def printable(movement: Movement) -> None:
    """Raise :class:`PrintRefused` for a movement that has no copy (a draft)."""
    if movement.status == MovementStatus.DRAFT or not movement.arc:
        raise PrintRefused(DRAFT_REFUSED)
