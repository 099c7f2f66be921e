"""Use cases of preparing and issuing a movement (issue 5, journeys 1 and 2): create a draft,
save it section by section, list and delete drafts, keep a draft as a template and start from one,
and validate a draft into an e-AD / e-SAD with its ARC.

Every use case checks the actor's rights with ``habilitations.rights`` on the consignor's excise
number: *Préparer un DAA* (DAE and DAES) or *Préparer un DSA* to create and edit drafts, *Emettre
un DAA* or *Emettre un DSA* to validate them. Refusals raise ``Refused`` (French, and logged on
``prodouane.security``); bad data raises ``InvalidSection`` or ``InvalidMovement`` with every
error at once, and nothing is saved.

This module holds the validation (``movement_validate``: the ARC, the IE801) and is the path every
channel imports the use cases from; the others live beside it: ``gamma.drafts``,
``gamma.movement_templates``, ``gamma.draft_checks`` (every fault of a draft), ``gamma.abilities``
(rights) and ``gamma.errors``."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import string

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import notifications
from emcs.messages import Header
from eu import outbox as eu_outbox
from fallback import selectors as fallback_selectors
from fallback import services as fallback_services
from gamma import feed, lifecycle, mapping, messages, reading, rules, sections
from gamma.abilities import (
    DAE,
    DAES,
    DSA,
    GAMMA,
    ISSUE_RIGHT,
    PREPARE_RIGHT,
    Abilities,
    _check_kind,
    _number,
    _refuse,
    _require,
    _require_draft,
    abilities,
    security_log,
)
from gamma.draft_checks import (
    _LRN_USED,
    _fallback_number_open,
    _lrn_already_used,
    authorisation_of,
    destination_member_state,
    movement_errors,
    register_authorisations,
    rules_draft,
)
from gamma.drafts import (
    SUBMISSION_TYPES,
    draft_create,
    draft_delete,
    draft_from_fallback_document,
    draft_list,
    draft_save_section,
    drafts_visible,
    prefetched,
)
from gamma.errors import (
    GammaError,
    InvalidMovement,
    InvalidSection,
    Refused,
)
from gamma.models import Movement, MovementAction, MovementEvent
from gamma.movement_templates import (
    TEMPLATE_EXCLUDED,
    TEMPLATE_SECTIONS_EXCLUDED,
    _template_data,
    draft_from_template,
    template_delete,
    template_from_draft,
    templates_visible,
)
from identifiers import arc as arc_identifier
from portal import instance
from prodouane import metrics

__all__ = [
    "ARC_ATTEMPTS",
    "ARC_MOVEMENT_TYPES",
    "DAE",
    "DAES",
    "DSA",
    "GAMMA",
    "ISSUE_RIGHT",
    "NATIONAL_CODE_ALPHABET",
    "PREPARE_RIGHT",
    "SUBMISSION_TYPES",
    "TEMPLATE_EXCLUDED",
    "TEMPLATE_SECTIONS_EXCLUDED",
    "_LRN_USED",
    "Abilities",
    "GammaError",
    "InvalidMovement",
    "InvalidSection",
    "MessageNotBuilt",
    "Refused",
    "_check_kind",
    "_fallback_number_open",
    "_lrn_already_used",
    "_number",
    "_refuse",
    "_require",
    "_require_draft",
    "_template_data",
    "abilities",
    "authorisation_of",
    "destination_member_state",
    "draft_create",
    "draft_delete",
    "draft_from_fallback_document",
    "draft_from_template",
    "draft_list",
    "draft_save_section",
    "drafts_visible",
    "movement_errors",
    "movement_validate",
    "national_code",
    "prefetched",
    "register_authorisations",
    "rules_draft",
    "security_log",
    "template_delete",
    "template_from_draft",
    "templates_visible",
]

logger = logging.getLogger(__name__)

# Character 20 of the ARC: "P" for a duty-paid movement (a DAES, and the national DSA), "0" otherwise.
ARC_MOVEMENT_TYPES = {
    DAE: arc_identifier.DUTY_SUSPENSION,
    DAES: arc_identifier.DUTY_PAID,
    DSA: arc_identifier.DUTY_PAID,
}
NATIONAL_CODE_ALPHABET = string.digits + string.ascii_uppercase
ARC_ATTEMPTS = 8


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


def _draw(length: int) -> str:
    return "".join(secrets.choice(NATIONAL_CODE_ALPHABET) for _ in range(length))


def national_code() -> str:
    """15 random digits or capital letters: 36^15 (2·10^23) codes, drawn by the OS's generator. On
    the training instance, the marker « FORMATION » and 6 random characters (36^6, 2·10^9 codes),
    which the real instance never draws (``identifiers.arc.TRAINING_MARKER``)."""
    marker = arc_identifier.TRAINING_MARKER
    if instance.is_training():
        return marker + _draw(arc_identifier.NATIONAL_CODE_LENGTH - len(marker))
    while (code := _draw(arc_identifier.NATIONAL_CODE_LENGTH)).startswith(marker):
        pass  # one draw in 10^14: drawn again, never a training ARC on the real instance
    return code


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
    consignor's and the consignee's feeds (and put in the outbox of the member state of destination
    when it is not France, ``eu.outbox``) — all in one transaction, the draft's row locked from
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
        notifications.movement_validated(movement=movement, event=event)  # the consignee's users, by e-mail
        if movement.kind in sections.EMCS_KINDS:  # a DSA is national: no EMCS message
            _store_ie801(movement, event, at=at)  # last: publishing holds the feed's lock until the commit
        metrics.count_validation(movement.kind)  # counted once committed
    return movement


def _store_ie801(movement: Movement, event: MovementEvent, *, at: dt.datetime) -> None:
    """The validated movement's IE801, stored byte for byte with the validation's event and
    published to its recipients' feeds; ``MessageNotBuilt`` (logged) if the schema refuses it."""
    message = mapping.ie801_message(movement, header=Header.new(at=at), prefetched=True)
    try:
        stored = messages.store(
            message, movement=movement, event=event, recipients=feed.recipients_of(movement, "IE801")
        )
    except messages.MessageNotValid as error:
        logger.error(
            "The IE801 of movement %s (LRN %s) fails the schema: %s",
            movement.pk,
            movement.local_reference_number,
            error,
        )
        raise MessageNotBuilt("IE801") from error
    eu_outbox.hand_over(stored, movement, role=lifecycle.CONSIGNOR)  # bound for another member state: its outbox


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
