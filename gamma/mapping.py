"""A movement ↔ its EMCS messages: the draft's IE815 and the validated movement's IE801.

``emcs.messages`` knows the XML; this module knows what each field means for a movement. The
web pages, the EDI channel and the printing all go through it:

    message = ie815_message(movement)                  # → emcs.messages.ie815.IE815
    root = emcs.messages.build(message)                # → lxml, to validate or send
    movement = save_ie815(message.body, consignor=number, created_by=user)   # EDI draft in

A message is checked before it is stored (``storage_errors``): the rules the database's
constraints hold — the lines' numbers (R060), the gross mass at least the net mass (R219) — and
the guarantor type of the EU list (TC29). A message that breaks one is refused whole with
``RefusedMessage``, each error with its rule's code and its field path (``lines.1.gross_mass``),
never a database error; ``storable`` gives the message without those values, for a channel that
stores it all the same to list every other fault of its draft with them (``edi.service``).

Empty model values are blank strings or nulls; in the messages they are ``None`` (element left
out). An optional group is written when any of its fields is filled, so a draft in progress gives
an IE815 the schema may still refuse: the business rules, not this module, say what is missing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any

from django.db import models, transaction

from emcs import times
from emcs.messages import groups as g
from emcs.messages import ie801, ie815
from emcs.messages.binding import Header
from gamma import feed, messages
from gamma.models import (
    LinePackage,
    MessageDirection,
    Movement,
    MovementDocument,
    MovementKind,
    MovementLine,
    MovementStatus,
    MovementTrader,
    SubmissionMessageType,
    TraderRole,
    TransportDetail,
)
from gamma.rules import r060, r219, tc29
from gamma.rules.base import RuleError
from identifiers import arc as arc_identifier
from register.models import ExciseNumber

# Trader role → (attribute of the IE815 / IE801 body, its dataclass). Guarantors are apart.
TRADER_GROUPS: dict[str, tuple[str, type]] = {
    TraderRole.CONSIGNEE: ("consignee_trader", g.ConsigneeTrader),
    TraderRole.CONSIGNOR: ("consignor_trader", g.ConsignorTrader),
    TraderRole.PLACE_OF_DISPATCH: ("place_of_dispatch_trader", g.PlaceOfDispatchTrader),
    TraderRole.DELIVERY_PLACE: ("delivery_place_trader", g.DeliveryPlaceTrader),
    TraderRole.TRANSPORT_ARRANGER: ("transport_arranger_trader", g.TransportTrader),
    TraderRole.FIRST_TRANSPORTER: ("first_transporter_trader", g.TransportTrader),
}
GUARANTOR_ROLES = (TraderRole.GUARANTOR_1, TraderRole.GUARANTOR_2)

# MovementLine field → BodyEadEsad / WineProduct field, where the names differ.
LINE_FIELDS = {
    "body_record_unique_reference": "body_record_unique_reference",
    "excise_product_code": "excise_product_code",
    "cn_code": "cn_code",
    "quantity": "quantity",
    "gross_mass": "gross_mass",
    "net_mass": "net_mass",
    "alcoholic_strength": "alcoholic_strength_by_volume_in_percentage",
    "degree_plato": "degree_plato",
    "fiscal_mark": "fiscal_mark",
    "fiscal_mark_language": "fiscal_mark_language",
    "fiscal_mark_used": "fiscal_mark_used_flag",
    "designation_of_origin": "designation_of_origin",
    "designation_of_origin_language": "designation_of_origin_language",
    "size_of_producer": "size_of_producer",
    "density": "density",
    "commercial_description": "commercial_description",
    "commercial_description_language": "commercial_description_language",
    "brand_name": "brand_name_of_products",
    "brand_name_language": "brand_name_of_products_language",
    "maturation_period": "maturation_period_or_age_of_products",
    "maturation_period_language": "maturation_period_or_age_of_products_language",
    "independent_small_producers_declaration": "independent_small_producers_declaration",
    "independent_small_producers_declaration_language": "independent_small_producers_declaration_language",
}
WINE_FIELDS = {
    "wine_product_category": "wine_product_category",
    "wine_growing_zone_code": "wine_growing_zone_code",
    "wine_third_country_of_origin": "third_country_of_origin",
    "wine_other_information": "other_information",
    "wine_other_information_language": "other_information_language",
}


# ---------------------------------------------------------------------------------------------
# Values: blank ↔ None, aware ↔ naive


@functools.cache  # models and their fields do not change while the process runs
def _is_text(model: type[models.Model], name: str) -> bool:
    return isinstance(model._meta.get_field(name), models.CharField)


def _out(model_obj: models.Model, name: str) -> Any:
    """A model value as the message wants it: blank text is None."""
    value = getattr(model_obj, name)
    return value or None if _is_text(type(model_obj), name) else value


def _in(model: type[models.Model], name: str, value: Any) -> Any:
    """A message value as the model stores it: None text is blank."""
    if _is_text(model, name):
        return "" if value is None else value
    return value


# Movement field → where its received text is kept in ``received_times`` (``emcs.times``).
RECEIVED_TIMES = ("validated_at", "validation_updated_at", "dispatch_time")


def _emcs_time(movement: Movement, name: str) -> Any:
    """A stored date-time or time as a message writes it: its text as received while the field
    still holds that instant, else the value (UTC for a date-time)."""
    value = getattr(movement, name)
    text = (movement.received_times or {}).get(name)
    if text and times.same_instant(text, value):
        return (times.ReceivedDateTime if isinstance(value, dt.datetime) else times.ReceivedTime).parse(text)
    return times.to_emcs(value) if isinstance(value, dt.datetime) else value


def _keep_received_times(movement: Movement, **values: dt.datetime | dt.time | None) -> None:
    """Store each value read from a message with its text, as received."""
    for name, value in values.items():
        text = times.text_of(value)
        if text is None:
            movement.received_times.pop(name, None)
        else:
            movement.received_times[name] = text


def _filled(*values: Any) -> bool:
    return any(value not in (None, "", []) for value in values)


# ---------------------------------------------------------------------------------------------
# Movement → message


def _trader_data(row: MovementTrader | None, cls: type) -> Any:
    if row is None:
        return None
    return cls(**{f.name: _out(row, f.name) for f in dataclasses.fields(cls)})


def _office(code: str) -> g.Office | None:
    return g.Office(reference_number=code) if code else None


def _line_data(line: MovementLine) -> g.BodyEadEsad:
    values = {data_name: _out(line, name) for name, data_name in LINE_FIELDS.items()}
    wine = None
    if _filled(*(getattr(line, name) for name in WINE_FIELDS if not name.endswith("_language")), line.wine_operations):
        wine = g.WineProduct(
            **{data_name: _out(line, name) for name, data_name in WINE_FIELDS.items()},
            wine_operation_codes=list(line.wine_operations),
        )
    packages = [
        g.Package(**{f.name: _out(package, f.name) for f in dataclasses.fields(g.Package)})
        for package in line.packages.all()
    ]
    return g.BodyEadEsad(**values, packages=packages, wine_product=wine)


def _common(movement: Movement) -> dict[str, Any]:
    """The groups IE815 and IE801 share, by their attribute name in both bodies."""
    traders = {row.role: row for row in movement.traders.all()}
    data: dict[str, Any] = {
        attribute: _trader_data(traders.get(role), cls) for role, (attribute, cls) in TRADER_GROUPS.items()
    }
    complement = None
    if _filled(movement.complement_consignee_member_state, movement.complement_consignee_exemption_certificate):
        complement = g.ComplementConsigneeTrader(
            member_state_code=movement.complement_consignee_member_state or None,
            serial_number_of_certificate_of_exemption=movement.complement_consignee_exemption_certificate or None,
        )
    data.update(
        dispatch_import_office=_office(movement.dispatch_import_office_code),
        complement_consignee_trader=complement,
        delivery_place_customs_office=_office(movement.delivery_place_customs_office_code),
        competent_authority_dispatch_office=g.Office(reference_number=movement.dispatch_office_code or None),
        document_certificates=[
            g.DocumentCertificate(**{f.name: _out(doc, f.name) for f in dataclasses.fields(g.DocumentCertificate)})
            for doc in movement.documents.all()
        ],
        transport_mode=g.TransportMode(
            transport_mode_code=movement.transport_mode_code or None,
            complementary_information=movement.transport_mode_complementary_information or None,
            complementary_information_language=movement.transport_mode_complementary_information_language or None,
        ),
        movement_guarantee=g.MovementGuarantee(
            guarantor_type_code=movement.guarantor_type_code or None,
            guarantor_traders=[
                _trader_data(traders[role], g.GuarantorTrader) for role in GUARANTOR_ROLES if role in traders
            ],
        ),
        body_ead_esads=[_line_data(line) for line in movement.lines.all()],
        transport_details=[
            g.TransportDetails(**{f.name: _out(unit, f.name) for f in dataclasses.fields(g.TransportDetails)})
            for unit in movement.transport_details.all()
        ],
    )
    return data


def _ead_fields(movement: Movement) -> dict[str, Any]:
    return {
        "local_reference_number": movement.local_reference_number or None,
        "invoice_number": movement.invoice_number or None,
        "invoice_date": movement.invoice_date,
        "origin_type_code": movement.origin_type_code,
        "date_of_dispatch": movement.dispatch_date,
        "time_of_dispatch": _emcs_time(movement, "dispatch_time"),
        "import_customs_declaration_numbers": list(movement.import_customs_declarations),
    }


def _header_fields(movement: Movement) -> dict[str, Any]:
    return {
        "destination_type_code": movement.destination_type_code,
        "journey_time": movement.journey_time or None,
        "transport_arrangement": movement.transport_arrangement,
    }


def _prefetched(movement: Movement) -> Movement:
    if movement.pk is None:
        return movement
    return (
        Movement.objects.prefetch_related("traders", "documents", "lines__packages", "transport_details")
        .select_related("consignor")
        .get(pk=movement.pk)
    )


def ie815_body(movement: Movement) -> ie815.SubmittedDraftOfEadEsad:
    movement = _prefetched(movement)
    return ie815.SubmittedDraftOfEadEsad(
        attributes=ie815.Attributes(
            submission_message_type=movement.submission_message_type,
            deferred_submission_flag=movement.deferred_submission,
        ),
        header_ead_esad=ie815.HeaderEadEsad(**_header_fields(movement)),
        ead_esad_draft=ie815.EadEsadDraft(**_ead_fields(movement)),
        **_common(movement),
    )


def ie801_body(movement: Movement, *, prefetched: bool = False) -> ie801.EadEsadContainer:
    """``prefetched``: ``movement`` is in hand with its children (``gamma.reading``), as the
    validation holds it; otherwise it is read again."""
    movement = movement if prefetched else _prefetched(movement)
    return ie801.EadEsadContainer(
        excise_movement=ie801.ExciseMovementEad(
            administrative_reference_code=movement.arc,
            date_and_time_of_validation_of_ead_esad=_emcs_time(movement, "validated_at"),
        ),
        ead_esad=ie801.EadEsad(**_ead_fields(movement), upstream_arc=movement.upstream_arc or None),
        header_ead_esad=ie801.HeaderEadEsad(
            sequence_number=movement.sequence_number,
            date_and_time_of_update_validation=(
                _emcs_time(movement, "validation_updated_at")
                if movement.validation_updated_at
                else _emcs_time(movement, "validated_at")
            ),
            **_header_fields(movement),
        ),
        **_common(movement),
    )


def ie815_message(movement: Movement, *, header: Header | None = None) -> ie815.IE815:
    return ie815.IE815(header=header or Header.new(), body=ie815_body(movement))


def ie801_message(movement: Movement, *, header: Header | None = None, prefetched: bool = False) -> ie801.IE801:
    return ie801.IE801(header=header or Header.new(), body=ie801_body(movement, prefetched=prefetched))


# ---------------------------------------------------------------------------------------------
# Message → movement


def _trader_row(movement: Movement, role: str, data: Any) -> MovementTrader:
    return MovementTrader(
        movement=movement,
        role=role,
        **{f.name: _in(MovementTrader, f.name, getattr(data, f.name)) for f in dataclasses.fields(data)},
    )


def _write_children(movement: Movement, body: Any, *, new: bool = False) -> None:
    """Replace the movement's traders, documents, lines, packages and transport units by the body's
    (``new``: the movement was just created, it has none to delete). One INSERT per table."""
    if not new:
        for related in (movement.traders, movement.documents, movement.lines, movement.transport_details):
            related.all().delete()
    traders = [
        _trader_row(movement, role, getattr(body, attribute))
        for role, (attribute, _cls) in TRADER_GROUPS.items()
        if getattr(body, attribute) is not None
    ]
    traders += [
        _trader_row(movement, role, guarantor)
        for role, guarantor in zip(GUARANTOR_ROLES, body.movement_guarantee.guarantor_traders, strict=False)
    ]
    MovementTrader.objects.bulk_create(traders)
    MovementDocument.objects.bulk_create(
        MovementDocument(
            movement=movement,
            position=position,
            **{f.name: _in(MovementDocument, f.name, getattr(doc, f.name)) for f in dataclasses.fields(doc)},
        )
        for position, doc in enumerate(body.document_certificates, start=1)
    )
    TransportDetail.objects.bulk_create(
        TransportDetail(
            movement=movement,
            position=position,
            **{f.name: _in(TransportDetail, f.name, getattr(unit, f.name)) for f in dataclasses.fields(unit)},
        )
        for position, unit in enumerate(body.transport_details, start=1)
    )
    lines = []
    for data in body.body_ead_esads:
        line = MovementLine(
            movement=movement,
            **{name: _in(MovementLine, name, getattr(data, data_name)) for name, data_name in LINE_FIELDS.items()},
        )
        if data.wine_product is not None:
            for name, data_name in WINE_FIELDS.items():
                setattr(line, name, _in(MovementLine, name, getattr(data.wine_product, data_name)))
            line.wine_operations = list(data.wine_product.wine_operation_codes)
        lines.append(line)
    MovementLine.objects.bulk_create(lines)  # the primary keys come back (PostgreSQL, SQLite ≥ 3.35)
    LinePackage.objects.bulk_create(
        LinePackage(
            line=line,
            position=position,
            **{f.name: _in(LinePackage, f.name, getattr(package, f.name)) for f in dataclasses.fields(package)},
        )
        for line, data in zip(lines, body.body_ead_esads, strict=True)
        for position, package in enumerate(data.packages, start=1)
    )


def _set_common_fields(movement: Movement, body: Any, ead: Any) -> None:
    header = body.header_ead_esad
    complement = body.complement_consignee_trader
    mode = body.transport_mode
    consignee = body.consignee_trader
    values = {
        "consignee_identifier": consignee.traderid if consignee and consignee.traderid else None,
        "local_reference_number": ead.local_reference_number,
        "invoice_number": ead.invoice_number,
        "invoice_date": ead.invoice_date,
        "origin_type_code": ead.origin_type_code,
        "dispatch_date": ead.date_of_dispatch,
        "dispatch_time": ead.time_of_dispatch,  # as declared: no conversion (emcs.times)
        "import_customs_declarations": list(ead.import_customs_declaration_numbers),
        "destination_type_code": header.destination_type_code,
        "journey_time": header.journey_time,
        "transport_arrangement": header.transport_arrangement,
        "transport_mode_code": mode.transport_mode_code if mode else None,
        "transport_mode_complementary_information": mode.complementary_information if mode else None,
        "transport_mode_complementary_information_language": mode.complementary_information_language if mode else None,
        "guarantor_type_code": body.movement_guarantee.guarantor_type_code,
        "dispatch_office_code": body.competent_authority_dispatch_office.reference_number,
        "delivery_place_customs_office_code": (
            body.delivery_place_customs_office.reference_number if body.delivery_place_customs_office else None
        ),
        "dispatch_import_office_code": (
            body.dispatch_import_office.reference_number if body.dispatch_import_office else None
        ),
        "complement_consignee_member_state": complement.member_state_code if complement else None,
        "complement_consignee_exemption_certificate": (
            complement.serial_number_of_certificate_of_exemption if complement else None
        ),
    }
    for name, value in values.items():
        setattr(movement, name, _in(Movement, name, value))
    _keep_received_times(movement, dispatch_time=ead.time_of_dispatch)


def _consignor_number(body: Any, consignor: ExciseNumber | None) -> ExciseNumber | None:
    if consignor is not None:
        return consignor
    number = body.consignor_trader.trader_excise_number if body.consignor_trader else None
    return ExciseNumber.objects.filter(number=number).first() if number else None


class RefusedMessage(Exception):
    """A message whose data breaks a rule the stored movement must keep: nothing is stored;
    ``errors`` lists every fault (``RuleError``: code, field path, French message)."""

    def __init__(self, errors: list[RuleError]) -> None:
        count = len(errors)
        super().__init__(f"Le message n\u2019est pas enregistré : {count} erreur{'s' if count > 1 else ''} à corriger.")
        self.errors = errors


# Each constraint of the tables a message is stored in → the rule checked before (``storage_errors``),
# or why a message the schema accepts cannot break it; a new constraint needs its line here.
CONSTRAINT_RULES = {
    "gamma_movement_arc_unique": "none for save_ie815 (no ARC); save_ie801 of an ARC already stored: not checked yet",
    "gamma_movement_lrn_unique_per_consignor": "none: drafts may share an LRN (BR001 runs at validation)",
    "gamma_movement_draft_has_no_arc": "none: save_ie815 sets no ARC",
    "gamma_movement_sequence_number_positive": "none: SequenceNumber's pattern starts at 1",
    "gamma_trader_one_per_role": "none: one group per role, at most 2 guarantors (schema's maxOccurs)",
    "gamma_line_reference_unique": "R060",
    "gamma_line_reference_range": "R060",
    "gamma_line_gross_mass_at_least_net_mass": "R219",
}


def storage_errors(body: Any) -> list[RuleError]:
    """Every fault of an IE815 or IE801 body that the movement's tables cannot hold, by rule."""
    errors = tc29.check(guarantor_type_code=body.movement_guarantee.guarantor_type_code)
    errors += r060.check(references=[line.body_record_unique_reference for line in body.body_ead_esads])
    for index, line in enumerate(body.body_ead_esads):
        errors += r219.check(gross_mass=line.gross_mass, net_mass=line.net_mass, field=f"lines.{index}.gross_mass")
    return errors


def storable(body: Any, errors: list[RuleError]) -> Any:
    """``body`` without the values ``errors`` (its ``storage_errors``) refuse, so that the rest can
    be stored as a draft and go through the validation's rules (``edi.service``: a message is
    refused on every fault at once): a gross mass below its net mass (R219) and a guarantor type
    outside TC29 left out, a line number repeated or out of the sequence (R060) replaced by the
    first number of 1 … n no other line holds. Each value left out keeps its fault in ``errors``;
    the lines stay in the message's order, so a position in ``body`` is one in the result."""
    faulty: dict[str, set[int]] = {}
    for error in errors:
        head, _, rest = error.field.partition(".")
        index = rest.partition(".")[0]
        if head == "lines" and index.isdigit():
            faulty.setdefault(error.code, set()).add(int(index))
    renumbered = faulty.get(r060.CODE, set())
    lines = body.body_ead_esads
    kept = {line.body_record_unique_reference for index, line in enumerate(lines) if index not in renumbered}
    free = iter(number for number in range(1, len(lines) + 1) if number not in kept)
    result = []
    for index, line in enumerate(lines):
        changes: dict[str, Any] = {}
        if index in renumbered:
            changes["body_record_unique_reference"] = next(free)
        if index in faulty.get(r219.CODE, ()):
            changes["gross_mass"] = None
        result.append(dataclasses.replace(line, **changes) if changes else line)
    guarantee = body.movement_guarantee
    if any(error.code == tc29.CODE for error in errors):
        guarantee = dataclasses.replace(guarantee, guarantor_type_code=None)
    return dataclasses.replace(body, body_ead_esads=result, movement_guarantee=guarantee)


def _refuse_unless_storable(body: Any) -> None:
    errors = storage_errors(body)
    if errors:
        raise RefusedMessage(errors)


def save_ie815(
    body: ie815.SubmittedDraftOfEadEsad,
    *,
    consignor: ExciseNumber | None = None,
    created_by=None,
    movement: Movement | None = None,
) -> Movement:
    """Store a submitted draft as a draft movement (a new one, or replacing ``movement``'s data).

    ``consignor`` is the portal's excise number it is submitted under; by default the register's
    number of the message's consignor, if any. ``RefusedMessage`` when a rule refuses the data
    (``storage_errors``): nothing is stored, nor replaced."""
    if movement is not None and not movement.is_draft:
        raise ValueError(f"Movement {movement.pk} is no longer a draft: its data cannot be replaced.")
    _refuse_unless_storable(body)
    new = movement is None
    # Within a caller's transaction (the EDI channel's), no savepoint of its own: a failure here
    # fails the caller's block, which rolls back to its own savepoint or the whole transaction.
    with transaction.atomic(savepoint=False):
        movement = movement or Movement(created_by=created_by)
        submission_type = body.attributes.submission_message_type
        movement.kind = (
            MovementKind.DAES if submission_type == SubmissionMessageType.DUTY_PAID_B2B else MovementKind.DAE
        )
        movement.status = MovementStatus.DRAFT
        movement.consignor = _consignor_number(body, consignor)
        movement.submission_message_type = submission_type
        movement.deferred_submission = body.attributes.deferred_submission_flag
        _set_common_fields(movement, body, body.ead_esad_draft)
        movement.save()
        _write_children(movement, body, new=new)
    return movement


def kind_of_arc(arc: str) -> str:
    """DAES for an ARC of movement type ``P`` (duty paid) made since 2023, otherwise DAE (R030)."""
    return MovementKind.DAES if arc_identifier.is_duty_paid(arc) else MovementKind.DAE


def save_ie801(
    body: ie801.EadEsadContainer,
    *,
    consignor: ExciseNumber | None = None,
    movement: Movement | None = None,
    received: bytes | None = None,
    message_identifier: str | None = None,
) -> Movement:
    """Store a validated e-AD / e-SAD (an IE801 received, or the portal's own) as an accepted
    movement; ``RefusedMessage`` as ``save_ie815``. ``received``: the message's bytes as they came
    (validated by the caller against the schema), with its ``message_identifier``: kept byte for
    byte with the movement and published to its consignor's and consignee's feeds, in the same
    transaction."""
    if received is not None and not message_identifier:
        raise ValueError("A received IE801 is stored with its message identifier.")
    _refuse_unless_storable(body)
    new = movement is None
    with transaction.atomic():
        movement = movement or Movement()
        arc = body.excise_movement.administrative_reference_code
        movement.kind = kind_of_arc(arc)
        movement.submission_message_type = (
            SubmissionMessageType.DUTY_PAID_B2B
            if movement.kind == MovementKind.DAES
            else SubmissionMessageType.STANDARD
        )
        movement.status = MovementStatus.ACCEPTED
        movement.consignor = _consignor_number(body, consignor)
        movement.arc = arc
        validated_at = body.excise_movement.date_and_time_of_validation_of_ead_esad
        updated_at = body.header_ead_esad.date_and_time_of_update_validation
        movement.validated_at = times.from_emcs(validated_at)  # UTC, never the portal's local time
        movement.sequence_number = body.header_ead_esad.sequence_number
        movement.validation_updated_at = times.from_emcs(updated_at)
        _keep_received_times(movement, validated_at=validated_at, validation_updated_at=updated_at)
        movement.upstream_arc = body.ead_esad.upstream_arc or ""
        _set_common_fields(movement, body, body.ead_esad)
        movement.save()
        _write_children(movement, body, new=new)
        if received is not None:
            messages.store_bytes(
                bytes(received),
                movement=movement,
                message_type="IE801",
                message_identifier=message_identifier,
                direction=MessageDirection.RECEIVED,
                recipients=feed.recipients_of(movement, "IE801"),
            )
    return movement
