"""The transport part of a change of destination (IE813), as HMRC's EMCS service offers it: a new
transport arrangement and its arranger, a new transporter, a new guarantee (its type and
guarantors), a new transport mode and new transport units (vehicles, containers …). Each is
optional: what is not given stays as the movement has it.

``check`` reads what was typed against the rules of the IE813 (C017, C101, C103, C156, C162,
C182, C210, R216, TC29, BC35, BC67), ``body_parts`` gives the message's groups, ``apply`` writes
the movement as it becomes (its updated IE801 is read from it). The errors' fields are the form's
names: ``transporter_name``, ``guarantor_1_traderid``, ``units.0.transport_unit_code`` …"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from emcs import codelists
from emcs.messages import groups as g
from gamma.actions import common
from gamma.models import Movement, MovementTrader, TraderRole, TransportArrangement, TransportDetail
from gamma.rules import c017, c103, c156, c162, c182, c210, r216, tc29
from identifiers import excise
from identifiers.exceptions import InvalidIdentifier

MAX_UNITS = 99  # TRANSPORT DETAILS: 99x
UNIT_LIMITS = {
    "transport_unit_code": 2,
    "identity_of_transport_units": 35,
    "commercial_seal_identification": 35,
    "seal_information": 350,
    "complementary_information": 350,
}
TRADER_LIMITS = {"name": 182, "street_name": 65, "street_number": 11, "postcode": 10, "city": 50, "vat_number": 14}


@dataclass(frozen=True)
class PartyInput:
    """A transport arranger, transporter or guarantor typed in a form: for a guarantor, ``traderid``
    is its excise number."""

    traderid: str = ""
    vat_number: str = ""
    name: str = ""
    street_name: str = ""
    street_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def is_blank(self) -> bool:
        return not any(dataclasses.astuple(self))

    def as_trader(self) -> MovementTrader:
        """The party as a trader group the presence rules read (not saved)."""
        return MovementTrader(
            trader_excise_number=self.traderid,
            vat_number=self.vat_number,
            trader_name=self.name,
            street_name=self.street_name,
            street_number=self.street_number,
            postcode=self.postcode,
            city=self.city,
        )


@dataclass(frozen=True)
class TransportUnitInput:
    transport_unit_code: str = ""
    identity_of_transport_units: str = ""
    commercial_seal_identification: str = ""
    seal_information: str = ""
    complementary_information: str = ""

    @property
    def is_blank(self) -> bool:
        return not any(dataclasses.astuple(self))


@dataclass(frozen=True)
class TransportChange:
    """What a change of destination changes in the transport; blank: nothing."""

    transport_arrangement: int | str | None = None
    transport_arranger: PartyInput | None = None
    transporter: PartyInput | None = None
    guarantor_type_code: str = ""
    guarantors: tuple[PartyInput, ...] = ()
    transport_mode_code: str = ""
    transport_mode_complementary_information: str = ""
    units: tuple[TransportUnitInput, ...] = field(default_factory=tuple)


def _clean(value) -> str:
    return " ".join(str(value or "").split())


def _party(party: PartyInput | None) -> PartyInput:
    party = party or PartyInput()
    cleaned = {name: _clean(value) for name, value in dataclasses.asdict(party).items()}
    cleaned["vat_number"] = cleaned["vat_number"].replace(" ", "").upper()
    return PartyInput(**cleaned)


def _check_party(errors: common.Errors, party: PartyInput, prefix: str, *, address_required: bool) -> None:
    for name, limit in TRADER_LIMITS.items():
        if len(getattr(party, name)) > limit:
            errors.add(f"{prefix}{name}", f"{limit} caractères au plus.")
    if not address_required:
        return
    for name, message in (
        ("name", "Saisissez le nom."),
        ("street_name", "Saisissez la rue."),
        ("postcode", "Saisissez le code postal."),
        ("city", "Saisissez la ville."),
    ):
        if not getattr(party, name):
            errors.add(f"{prefix}{name}", message)


def _rule_field(name: str) -> str:
    """A presence rule's field (``guarantor_1.trader_name``) as the form names it (``guarantor_1_name``)."""
    return name.replace(".trader_excise_number", "_traderid").replace(".trader_name", "_name").replace(".", "_")


def _extend(errors: common.Errors, rule_errors) -> None:
    for error in rule_errors:
        errors.add(_rule_field(error.field), error.message)


@dataclass(frozen=True)
class CheckedTransport:
    arrangement: int | None
    arranger: PartyInput | None
    transporter: PartyInput | None
    guarantor_type_code: str
    guarantors: tuple[PartyInput, ...]
    mode: str
    mode_information: str
    units: tuple[TransportUnitInput, ...]

    @property
    def guarantee_given(self) -> bool:
        return bool(self.guarantor_type_code)


def _arrangement(errors: common.Errors, value) -> int | None:
    if value in (None, ""):
        return None
    try:
        arrangement = int(value)
    except (TypeError, ValueError):
        arrangement = None
    if arrangement not in TransportArrangement.values:
        errors.add("transport_arrangement", "Choisissez qui organise le transport dans la liste.")
        return None
    return arrangement


def _in_list(errors: common.Errors, list_code: str, code: str, field_name: str, message: str) -> None:
    if code and code not in dict(codelists.choices(list_code)):
        errors.add(field_name, message)


def _units(errors: common.Errors, units) -> tuple[TransportUnitInput, ...]:
    kept = []
    for unit in units or ():
        cleaned = TransportUnitInput(**{name: _clean(value) for name, value in dataclasses.asdict(unit).items()})
        if not cleaned.is_blank:
            kept.append(cleaned)
    if len(kept) > MAX_UNITS:
        errors.add("units.0.transport_unit_code", "99 unités de transport au plus.")
    for index, unit in enumerate(kept):
        prefix = f"units.{index}."
        for name, limit in UNIT_LIMITS.items():
            if len(getattr(unit, name)) > limit:
                errors.add(f"{prefix}{name}", f"{limit} caractères au plus.")
        if not unit.transport_unit_code:
            errors.add(f"{prefix}transport_unit_code", "Choisissez le type d'unité de transport.")
        _in_list(
            errors,
            codelists.TRANSPORT_UNITS,
            unit.transport_unit_code,
            f"{prefix}transport_unit_code",
            "Choisissez un type d'unité de transport de la liste.",
        )
        errors.extend(
            c156.check(
                transport_unit_code=unit.transport_unit_code,
                identity=unit.identity_of_transport_units,
                field=f"{prefix}identity_of_transport_units",
            )
        )
    return tuple(kept)


def _guarantor(errors: common.Errors, party: PartyInput, index: int) -> PartyInput:
    """A guarantor, its excise number checked (any member state's)."""
    _check_party(errors, party, f"guarantor_{index}_", address_required=False)
    if not party.traderid:
        return party
    try:
        return dataclasses.replace(party, traderid=excise.validate_seed(party.traderid))
    except InvalidIdentifier as error:
        errors.add(f"guarantor_{index}_traderid", error.message)
        return party


def check(errors: common.Errors, movement: Movement, change: TransportChange | None) -> CheckedTransport:
    """The transport change as typed, checked; its errors added to ``errors``."""
    change = change or TransportChange()
    arrangement = _arrangement(errors, change.transport_arrangement)
    arranger = _party(change.transport_arranger)
    _check_party(errors, arranger, "transport_arranger_", address_required=False)
    _extend(
        errors,
        c103.check(
            changed_transport_arrangement=arrangement,
            transport_arranger=None if arranger.is_blank else arranger.as_trader(),
        ),
    )

    transporter = _party(change.transporter)
    _check_party(errors, transporter, "transporter_", address_required=not transporter.is_blank)

    guarantor_type = _clean(change.guarantor_type_code)
    guarantors = tuple(
        _guarantor(errors, _party(party), index)
        for index, party in enumerate((*change.guarantors, PartyInput(), PartyInput())[:2], start=1)
    )
    errors.extend(c210.check(kind=movement.kind, guarantee_given=bool(guarantor_type)))
    errors.extend(tc29.check(guarantor_type_code=guarantor_type))
    if guarantor_type:
        _extend(
            errors,
            c017.check(
                kind=movement.kind,
                guarantor_type_code=guarantor_type,
                guarantors=[None if party.is_blank else party.as_trader() for party in guarantors],
            ),
        )
    elif any(not party.is_blank for party in guarantors):
        errors.add("guarantor_type_code", "Choisissez le nouveau type de garantie de ces garants.")

    mode = _clean(change.transport_mode_code)
    information = _clean(change.transport_mode_complementary_information)
    _in_list(
        errors, codelists.TRANSPORT_MODES, mode, "transport_mode_code", "Choisissez un mode de transport de la liste."
    )
    errors.extend(c162.check(transport_mode_code=mode, complementary_information=information))
    if len(information) > 350:
        errors.add("transport_mode_complementary_information", "350 caractères au plus.")
    errors.extend(c182.check(guarantor_type_code=guarantor_type, transport_mode_code=mode))
    errors.extend(
        r216.check(
            guarantor_type_code=guarantor_type or movement.guarantor_type_code,
            transport_mode_code=mode or movement.transport_mode_code,
        )
    )
    return CheckedTransport(
        arrangement=arrangement,
        arranger=None if arranger.is_blank else arranger,
        transporter=None if transporter.is_blank else transporter,
        guarantor_type_code=guarantor_type,
        guarantors=tuple(party for party in guarantors if not party.is_blank)[: c017.needed(guarantor_type)],
        mode=mode,
        mode_information=information,
        units=_units(errors, change.units),
    )


def _transport_trader(party: PartyInput | None) -> g.TransportTrader | None:
    if party is None:
        return None
    return g.TransportTrader(
        language=common.LANGUAGE,
        vat_number=party.vat_number or None,
        trader_name=party.name,
        street_name=party.street_name,
        street_number=party.street_number or None,
        postcode=party.postcode,
        city=party.city,
    )


def _guarantor_trader(party: PartyInput) -> g.GuarantorTrader:
    address = any((party.name, party.street_name, party.street_number, party.city, party.postcode))
    return g.GuarantorTrader(
        language=common.LANGUAGE if address else None,
        trader_excise_number=party.traderid or None,
        trader_name=party.name or None,
        street_name=party.street_name or None,
        street_number=party.street_number or None,
        city=party.city or None,
        postcode=party.postcode or None,
        vat_number=party.vat_number or None,
    )


def body_parts(checked: CheckedTransport) -> dict:
    """The IE813's groups for the transport: keyword arguments of its groups, by group."""
    information = checked.mode_information
    return {
        "new_transport_arranger_trader": _transport_trader(checked.arranger),
        "new_transporter_trader": _transport_trader(checked.transporter),
        "transport_details": [
            g.TransportDetails(
                transport_unit_code=unit.transport_unit_code,
                identity_of_transport_units=unit.identity_of_transport_units or None,
                commercial_seal_identification=unit.commercial_seal_identification or None,
                complementary_information=unit.complementary_information or None,
                complementary_information_language=common.LANGUAGE if unit.complementary_information else None,
                seal_information=unit.seal_information or None,
                seal_information_language=common.LANGUAGE if unit.seal_information else None,
            )
            for unit in checked.units
        ],
        "update": {
            "changed_transport_arrangement": checked.arrangement,
            "transport_mode_code": checked.mode or None,
            "complementary_information": information or None,
            "complementary_information_language": common.LANGUAGE if information else None,
        },
        "movement_guarantee": g.MovementGuarantee(
            guarantor_type_code=checked.guarantor_type_code,
            guarantor_traders=[_guarantor_trader(party) for party in checked.guarantors],
        )
        if checked.guarantee_given
        else None,
    }


def _save_party(movement: Movement, role: str, party: PartyInput | None) -> None:
    movement.traders.filter(role=role).delete()
    if party is None:
        return
    MovementTrader.objects.create(
        movement=movement,
        role=role,
        trader_excise_number=party.traderid,
        vat_number=party.vat_number,
        trader_name=party.name,
        street_name=party.street_name,
        street_number=party.street_number,
        postcode=party.postcode,
        city=party.city,
        language=common.LANGUAGE,
    )


def apply(movement: Movement, checked: CheckedTransport) -> list[str]:
    """The movement's transport as the change leaves it (in the transition's transaction); the
    movement's fields changed, for its ``save(update_fields=…)``."""
    changed = []
    if checked.arrangement is not None:
        movement.transport_arrangement = checked.arrangement
        changed.append("transport_arrangement")
        _save_party(movement, TraderRole.TRANSPORT_ARRANGER, checked.arranger)
    if checked.transporter is not None:
        _save_party(movement, TraderRole.FIRST_TRANSPORTER, checked.transporter)
    if checked.guarantee_given:
        movement.guarantor_type_code = checked.guarantor_type_code
        changed.append("guarantor_type_code")
        guarantors = (*checked.guarantors, None, None)
        for role, party in zip((TraderRole.GUARANTOR_1, TraderRole.GUARANTOR_2), guarantors, strict=False):
            _save_party(movement, role, party)
    if checked.mode:
        movement.transport_mode_code = checked.mode
        movement.transport_mode_complementary_information = checked.mode_information
        movement.transport_mode_complementary_information_language = common.LANGUAGE if checked.mode_information else ""
        changed += [
            "transport_mode_code",
            "transport_mode_complementary_information",
            "transport_mode_complementary_information_language",
        ]
    if checked.units:
        movement.transport_details.all().delete()
        TransportDetail.objects.bulk_create(
            TransportDetail(
                movement=movement,
                position=position,
                **dataclasses.asdict(unit),
                complementary_information_language=common.LANGUAGE if unit.complementary_information else "",
                seal_information_language=common.LANGUAGE if unit.seal_information else "",
            )
            for position, unit in enumerate(checked.units, start=1)
        )
    return changed
