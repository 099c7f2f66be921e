"""Use cases of preparing and issuing a movement (issue 5, journeys 1 and 2): create a draft,
save it section by section, list and delete drafts, keep a draft as a template and start from one,
and validate a draft into an e-AD / e-SAD with its ARC.

Every use case checks the actor's rights with ``habilitations.rights`` on the consignor's excise
number: *Préparer un DAA* (DAE and DAES) or *Préparer un DSA* to create and edit drafts, *Emettre
un DAA* or *Emettre un DSA* to validate them. Refusals raise ``Refused`` (French, and logged on
``prodouane.security``); bad data raises ``InvalidSection`` or ``InvalidMovement`` with every
error at once, and nothing is saved."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from emcs.messages import Header
from fallback import selectors as fallback_selectors
from fallback import services as fallback_services
from gamma import feed, lifecycle, mapping, messages, reading, rules, sections
from gamma.models import (
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementStatus,
    MovementTemplate,
    MovementTrader,
    OriginType,
    SubmissionMessageType,
    TraderRole,
    TransportArrangement,
)
from habilitations import catalogue
from habilitations import rights as habilitation_rights
from identifiers import arc as arc_identifier
from prodouane.compiled import CompiledQuery
from register.models import ExciseNumber

security_log = logging.getLogger("prodouane.security")
logger = logging.getLogger(__name__)

GAMMA = catalogue.GAMMA
DAE, DAES, DSA = MovementKind.DAE, MovementKind.DAES, MovementKind.DSA
PREPARE_RIGHT = {DAE: catalogue.PREPARE_DAA, DAES: catalogue.PREPARE_DAA, DSA: catalogue.PREPARE_DSA}
ISSUE_RIGHT = {DAE: catalogue.ISSUE_DAA, DAES: catalogue.ISSUE_DAA, DSA: catalogue.ISSUE_DSA}
SUBMISSION_TYPES = {DAE: SubmissionMessageType.STANDARD, DAES: SubmissionMessageType.DUTY_PAID_B2B, DSA: None}
# Character 20 of the ARC: "P" for a duty-paid movement (a DAES, and the national DSA), "0" otherwise.
ARC_MOVEMENT_TYPES = {
    DAE: arc_identifier.DUTY_SUSPENSION,
    DAES: arc_identifier.DUTY_PAID,
    DSA: arc_identifier.DUTY_PAID,
}
NATIONAL_CODE_ALPHABET = string.digits + string.ascii_uppercase
ARC_ATTEMPTS = 8
# What a template leaves out: it belongs to one movement only.
TEMPLATE_EXCLUDED = {
    "movement": frozenset(
        {"local_reference_number", "invoice_number", "invoice_date", "dispatch_date", "dispatch_time"}
    ),
}
# Sections a template does not keep: the consignor is always taken afresh from the register.
TEMPLATE_SECTIONS_EXCLUDED = frozenset({"consignor"})


class GammaError(Exception):
    """A French message that may be shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(GammaError):
    """The actor may not do this (right, status, another company's movement)."""


class InvalidSection(GammaError):
    """The data of a section cannot be saved: ``errors`` maps each field path to its messages;
    ``bound`` is the section's forms bound to the data, to show them again."""

    def __init__(self, errors: dict[str, list[str]], bound: sections.Bound | None = None) -> None:
        super().__init__("Certaines données ne peuvent pas être enregistrées : corrigez les champs signalés.")
        self.errors = errors
        self.bound = bound


class InvalidMovement(GammaError):
    """The draft cannot be validated: every fault at once (``rules.RuleError``: code, field path,
    message)."""

    def __init__(self, errors: list[rules.RuleError]) -> None:
        count = len(errors)
        super().__init__(f"Le document n'est pas émis : {count} erreur{'s' if count > 1 else ''} à corriger.")
        self.errors = errors


class MessageNotBuilt(InvalidMovement):
    """The draft passed every rule but the EMCS message it makes fails the V3.23 schema: a bug of
    the portal's mapping, never the user's, logged as an error. Nothing is issued. An
    ``InvalidMovement`` (one error, code of the message, no field), so every channel that shows a
    refused validation shows it; the web page says it apart."""

    def __init__(self, message_type: str) -> None:
        text = (
            f"Le document n'a pas pu être émis : le message {message_type} préparé par GAMMA n'est pas conforme "
            "au schéma EMCS. Cette anomalie vient du portail, pas de vos données ; elle a été signalée. "
            "Votre brouillon est conservé tel quel : réessayez plus tard ou contactez l'assistance."
        )
        super().__init__([rules.RuleError(code=message_type, field="", message=text)])
        self.message = text
        self.args = (text,)


# --- Rights -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Abilities:
    """What a user may do in GAMMA's preparation for one excise number."""

    prepare: frozenset[str]  # kinds the user may create and edit drafts of
    issue: frozenset[str]  # kinds the user may validate

    @property
    def sees_drafts(self) -> frozenset[str]:
        return self.prepare | self.issue

    @property
    def any(self) -> bool:
        return bool(self.prepare or self.issue)


def abilities(user, excise_number: ExciseNumber | str) -> Abilities:
    held = habilitation_rights.rights_for(user, GAMMA, excise_number)
    return Abilities(
        prepare=frozenset(kind for kind, right in PREPARE_RIGHT.items() if right.code in held),
        issue=frozenset(kind for kind, right in ISSUE_RIGHT.items() if right.code in held),
    )


def _refuse(actor, what: str, message: str) -> Refused:
    security_log.warning("GAMMA refused to %s: %s", getattr(actor, "username", actor), what)
    return Refused(message)


def _number(excise_number: ExciseNumber | None) -> str:
    return excise_number.number if excise_number else "?"


def _require(actor, excise_number: ExciseNumber | None, right: catalogue.Right, what: str) -> None:
    if excise_number is None or right.code not in habilitation_rights.rights_for(actor, GAMMA, excise_number):
        raise _refuse(
            actor,
            f"{what} on {_number(excise_number)} without the right {right.code}",
            f"Votre compte n'est pas habilité à « {right.label} » pour le numéro d'accise {_number(excise_number)}.",
        )


def _require_draft(actor, movement: Movement, what: str) -> None:
    if not movement.is_draft:
        raise _refuse(
            actor,
            f"{what} movement {movement.pk} in status {movement.status}",
            "Ce document n'est plus un brouillon : il ne se modifie plus.",
        )


def _check_kind(kind: str) -> str:
    if kind not in MovementKind.values:
        raise Refused(f"Nature de document inconnue : « {kind} » (DAE, DAES ou DSA).")
    return kind


# --- Drafts -------------------------------------------------------------------------------------


def draft_create(*, actor, excise_number: ExciseNumber, kind: str) -> Movement:
    """A new draft for ``excise_number``, its consignor, place of dispatch and office taken from
    the register, and the usual choices made (they can all be changed)."""
    kind = _check_kind(kind)
    _require(actor, excise_number, PREPARE_RIGHT[kind], f"create a {kind} draft")
    operator = excise_number.operator
    emcs = kind in sections.EMCS_KINDS
    with transaction.atomic():
        movement = Movement.objects.create(
            kind=kind,
            status=MovementStatus.DRAFT,
            consignor=excise_number,
            created_by=actor,
            submission_message_type=SUBMISSION_TYPES[kind],
            origin_type_code=(OriginType.TAX_WAREHOUSE if kind == DAE else OriginType.DUTY_PAID) if emcs else None,
            dispatch_date=timezone.localdate(),
            dispatch_office_code=excise_number.customs_office.code,
            transport_arrangement=TransportArrangement.CONSIGNOR if emcs else None,
            guarantor_type_code="1" if kind == DAE else "",  # the warehousekeeper's own guarantee
        )
        address = {
            "trader_name": operator.name[:182],
            "street_name": operator.address[:65],
            "postcode": operator.postal_code[:10],
            "city": operator.city[:50],
        }
        traders = [
            MovementTrader(
                movement=movement, role=TraderRole.CONSIGNOR, trader_excise_number=excise_number.number, **address
            ),
        ]
        if kind == DAE:
            traders.append(
                MovementTrader(
                    movement=movement,
                    role=TraderRole.PLACE_OF_DISPATCH,
                    reference_of_tax_warehouse=excise_number.tax_warehouse_reference or excise_number.number,
                    **address,
                )
            )
        elif kind == DAES:
            traders.append(MovementTrader(movement=movement, role=TraderRole.PLACE_OF_DISPATCH, **address))
        MovementTrader.objects.bulk_create(traders)
    return movement


def prefetched(movement: Movement | int) -> Movement:
    """The movement with everything the task list, the rules and the messages read: its
    consignor, traders, documents, lines with their packages, transport units (six statements,
    compiled once per process: ``gamma.reading``)."""
    return reading.movement_with_children(movement if isinstance(movement, int) else movement.pk)


def draft_save_section(*, actor, movement: Movement, section: str, data: Mapping[str, Any]) -> Movement:
    """Save one section of the task list from the data of its form (input names as the form
    posts them: ``local_reference_number``, ``consignee-trader_name``, ``lines-0-cn_code`` …).
    Nothing is saved when one value is wrong: ``InvalidSection`` gives every error."""
    handler = sections.BY_KEY.get(section)
    if handler is None or not handler.applies_to(movement.kind):
        raise Refused(f"Cette rubrique n'existe pas pour un {movement.kind}.")
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], f"edit section {section}")
    with transaction.atomic():
        locked = Movement.objects.select_for_update().filter(pk=movement.pk).first()
        if locked is None:
            raise Refused("Ce brouillon n'existe plus.")
        movement = prefetched(movement)
        _require_draft(actor, movement, f"edit section {section} of")
        bound = handler.bind(movement, data)
        if not bound.is_valid():
            raise InvalidSection(bound.errors(), bound)
        handler.save(bound)
    return prefetched(movement)


def draft_delete(*, actor, movement: Movement) -> None:
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], "delete a draft")
    with transaction.atomic():
        locked = Movement.objects.select_for_update().filter(pk=movement.pk).first()
        if locked is None:
            return
        _require_draft(actor, locked, "delete")
        locked.delete()


def drafts_visible(*, actor, excise_number: ExciseNumber) -> QuerySet[Movement]:
    """The drafts of ``excise_number`` whose kind the actor may prepare or issue."""
    kinds = abilities(actor, excise_number).sees_drafts
    return Movement.objects.filter(consignor=excise_number, status=MovementStatus.DRAFT, kind__in=kinds)


def draft_list(
    *,
    actor,
    excise_number: ExciseNumber,
    kind: str = "",
    lrn: str = "",
    consignee: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Movement]:
    """The drafts the actor may see, filtered: kind, LRN (part of it), consignee (identifier or
    name, part of it), date of dispatch from / to; the last modified first."""
    drafts = drafts_visible(actor=actor, excise_number=excise_number)
    if kind:
        drafts = drafts.filter(kind=kind)
    if lrn:
        drafts = drafts.filter(local_reference_number__icontains=lrn.strip())
    if consignee:
        consignee = consignee.strip()
        drafts = drafts.filter(
            Q(consignee_identifier__icontains=consignee.replace(" ", ""))
            | Q(traders__role=TraderRole.CONSIGNEE, traders__trader_name__icontains=consignee)
        ).distinct()
    if date_from:
        drafts = drafts.filter(dispatch_date__gte=date_from)
    if date_to:
        drafts = drafts.filter(dispatch_date__lte=date_to)
    return drafts.order_by("-updated_at", "-id").prefetch_related("traders")


# --- Templates ----------------------------------------------------------------------------------


def _template_data(movement: Movement) -> dict[str, dict[str, Any]]:
    data = {}
    for section in sections.sections_for(movement.kind):
        if section.key in TEMPLATE_SECTIONS_EXCLUDED:
            continue
        values = section.current_data(movement)
        excluded = TEMPLATE_EXCLUDED.get(section.key, frozenset())
        data[section.key] = {key: value for key, value in values.items() if key not in excluded}
    return data


def template_from_draft(*, actor, movement: Movement, name: str) -> MovementTemplate:
    """Keep the draft's data under ``name`` (LRN, invoice and dates left out); a template of the
    same name for this excise number is replaced."""
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], "save a template")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidSection({"name": ["Donnez un nom au modèle."]})
    if len(name) > 80:
        raise InvalidSection({"name": ["Le nom du modèle compte 80 caractères au plus."]})
    if sections.has_control_characters(name):
        raise InvalidSection({"name": ["Ce nom contient un caractère de contrôle : saisissez-le à nouveau."]})
    movement = prefetched(movement)
    template, _created = MovementTemplate.objects.update_or_create(
        excise_number=movement.consignor,
        name=name,
        defaults={"kind": movement.kind, "data": _template_data(movement), "created_by": actor},
    )
    return template


def templates_visible(*, actor, excise_number: ExciseNumber) -> QuerySet[MovementTemplate]:
    kinds = abilities(actor, excise_number).prepare
    return MovementTemplate.objects.filter(excise_number=excise_number, kind__in=kinds)


def template_delete(*, actor, template: MovementTemplate) -> None:
    _require(actor, template.excise_number, PREPARE_RIGHT[template.kind], "delete a template")
    template.delete()


def draft_from_template(*, actor, template: MovementTemplate) -> Movement:
    """A new draft holding the template's data; the values the code lists no longer accept are
    left out (the task list then shows what to complete)."""
    with transaction.atomic():
        movement = prefetched(draft_create(actor=actor, excise_number=template.excise_number, kind=template.kind))
        for section in sections.sections_for(template.kind):
            data = template.data.get(section.key)
            if not isinstance(data, dict) or not data:
                continue
            # On top of what the new draft already holds (its dispatch date, its prefilled traders).
            data = {**section.current_data(movement), **data}
            try:
                movement = draft_save_section(actor=actor, movement=movement, section=section.key, data=data)
            except InvalidSection as error:
                kept = {key: value for key, value in data.items() if sections.path_of(key) not in error.errors}
                try:
                    movement = draft_save_section(actor=actor, movement=movement, section=section.key, data=kept)
                except InvalidSection:
                    continue  # this section starts empty
    return movement


# --- Validation ---------------------------------------------------------------------------------


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


def national_code() -> str:
    """15 random digits or capital letters: 36^15 (2·10^23) codes, drawn by the OS's generator."""
    return "".join(secrets.choice(NATIONAL_CODE_ALPHABET) for _ in range(arc_identifier.NATIONAL_CODE_LENGTH))


def _issue(actor, movement: Movement, *, at: dt.datetime, today: dt.date) -> MovementEvent:
    """The lifecycle transition ``validate``, writing with the status a new ARC, sequence number 1
    and the date and time of validation. Uniqueness of the ARC is the database's
    (``gamma_movement_arc_unique``): a code already taken — even by a validation running at the
    same moment — fails the update in its savepoint, and another code is drawn."""
    year = timezone.localdate(at).year
    for _attempt in range(ARC_ATTEMPTS):
        arc = arc_identifier.build(
            year=year, national_code=national_code(), movement_type=ARC_MOVEMENT_TYPES[movement.kind]
        )
        try:
            with transaction.atomic():
                event = lifecycle.transition(
                    movement,
                    MovementAction.VALIDATE,
                    actor=actor,
                    role=lifecycle.CONSIGNOR,
                    today=today,
                    at=at,
                    payload={"local_reference_number": movement.local_reference_number},
                    locked=True,
                    changes={"arc": arc, "sequence_number": 1, "validated_at": at, "validation_updated_at": None},
                )
        except lifecycle.TransitionRefused as refusal:
            raise _refuse(actor, f"validate movement {movement.pk}: {refusal.message}", refusal.message) from None
        except IntegrityError as error:
            if _arc_taken(error):
                continue
            # BR001 lost a race: another document of this consignor took the LRN meanwhile.
            raise InvalidMovement(
                rules.br001.check(
                    lrn=movement.local_reference_number,
                    consignor_excise_number=movement.consignor.number,
                    lrn_already_used=lambda *_: True,
                )
            ) from None
        return event
    raise RuntimeError(f"No free ARC found in {ARC_ATTEMPTS} draws: the national code generator is broken.")


def _arc_taken(error: IntegrityError) -> bool:
    message = str(error)
    return "gamma_movement_arc_unique" in message or "gamma_movement.arc" in message  # PostgreSQL, SQLite


def movement_validate(*, actor, movement: Movement, today: dt.date | None = None) -> Movement:
    """Issue the draft (« Valider (émettre) »): every required field and every business rule
    checked in one pass — ``InvalidMovement`` with all the errors, nothing saved — then the ARC,
    sequence number 1, the date and time of validation and the status « validé » (lifecycle
    transition ``validate``, logged in the timeline), then (DAE, DAES) the IE801 built from it,
    validated against the schema and stored with the validation's event, published to the
    consignor's and the consignee's feeds — all in one transaction, the draft's row locked from
    its read; an IE801 the schema refuses issues nothing (``MessageNotBuilt``). A deferred
    submission (LRN = a GPS number, rule SECOURS) marks its fallback document « régularisé » in the
    same transaction."""
    _require(actor, movement.consignor, ISSUE_RIGHT[movement.kind], "validate a movement")
    at = timezone.now()
    today = today or timezone.localdate(at)
    with transaction.atomic():
        movement = reading.movement_with_children(movement.pk, for_update=True)
        _require_draft(actor, movement, "validate")
        errors = movement_errors(movement, today=today)
        if errors:
            raise InvalidMovement(errors)
        event = _issue(actor, movement, at=at, today=today)
        if movement.deferred_submission:
            _regularise_fallback_document(actor, movement, at=at)
        if movement.kind in sections.EMCS_KINDS:  # a DSA is national: no EMCS message
            _store_ie801(movement, event, at=at)  # last: publishing holds the feed's lock until the commit
    return movement


def _store_ie801(movement: Movement, event: MovementEvent, *, at: dt.datetime) -> None:
    """The validated movement's IE801, stored byte for byte with the validation's event and
    published to its recipients' feeds; ``MessageNotBuilt`` (logged) if the schema refuses it."""
    message = mapping.ie801_message(movement, header=Header.new(at=at), prefetched=True)
    try:
        messages.store(message, movement=movement, event=event, recipients=feed.recipients_of(movement, "IE801"))
    except messages.MessageNotValid as error:
        logger.error(
            "The IE801 of movement %s (LRN %s) fails the schema: %s",
            movement.pk,
            movement.local_reference_number,
            error,
        )
        raise MessageNotBuilt("IE801") from error


def _regularise_fallback_document(actor, movement: Movement, *, at: dt.datetime) -> None:
    document = fallback_selectors.document_for_regularisation(
        consignor=movement.consignor, local_reference_number=movement.local_reference_number
    )
    if document is None:  # SECOURS checked it a moment ago: only a concurrent regularisation gets here
        raise InvalidMovement(
            rules.secours.check(
                lrn=movement.local_reference_number,
                consignor_excise_number=movement.consignor.number,
                deferred_submission=True,
                fallback_number_open=lambda *_: False,
            )
        )
    fallback_services.mark_regularised(document=document, movement=movement, actor=actor, now=at)
