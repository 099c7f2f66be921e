"""One EMCS message in, one answer out, whatever the channel: the Guichet EDI endpoint
(``/edi/v1/messages``), the web upload « Déposer des messages XML » and the sandbox validator all
call :func:`submit` with the bytes as received.

    answer = submit(data, sender=credential, channel=EDI)          # an edi.Credential
    answer = submit(data, sender=request.user, channel=UPLOAD)     # a logged-in portal user
    answer = submit(data, sender=request.user, channel=UPLOAD, dry_run=True)   # sandbox: nothing stored
    answer.status, answer.xml      # 201 + IE801 / acknowledgement, 200 + IE905 (IE904), 400 + IE917, 422 + IE704 …

The message goes through the same use cases as the web pages (``edi.routing``: the IE815 through
``gamma.mapping.save_ie815`` then ``gamma.services.movement_validate``, the others through
``gamma.actions``; an IE904 is answered with the movement's IE905), with the rights checked inside
them by ``habilitations.rights`` — for a credential, on its channel account (``rights_for`` gives
it the EDI channel's rights).

In order: the XML (safe parsing, V3.23 schema: 400), then the MessageIdentifier (a replay gets the
first answer again; the same identifier with other bytes, 409), then the acting excise number and
its right (403), then the use case (422 with every fault, or 201; 200 for an IE904). Every message
received on a channel leaves one evidence row (``edi.models.InboundMessage``) written in the
transaction of its effects; a dry run leaves nothing."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from lxml import etree

from edi import answers, routing
from edi.models import Channel, Credential, InboundMessage
from emcs import messages as emcs_messages
from emcs import xml
from emcs.messages import ie904
from gamma import actions, mapping, reading, services
from gamma import messages as gamma_messages
from gamma.models import Movement
from habilitations import catalogue, rights
from prodouane.compiled import CompiledQuery
from register.models import ExciseNumber

logger = logging.getLogger(__name__)

EDI, UPLOAD = Channel.EDI.value, Channel.UPLOAD.value
CHANNELS = (EDI, UPLOAD)
OK, CREATED, SCHEMA_INVALID, FORBIDDEN, CONFLICT, BUSINESS_INVALID = 200, 201, 400, 403, 409, 422
# Answers final for their MessageIdentifier: sent again, the same bytes get them again.
FINAL_STATUSES = frozenset({OK, CREATED, SCHEMA_INVALID, BUSINESS_INVALID})
_RULE_CODE = re.compile(r"\(((?:BR|TR|TC|[CR])\d{2,3}[A-Z]?)\)")


@dataclass(frozen=True)
class Fault:
    """One fault of a refused message, as an IE704 FunctionalError or an IE917 error says it: the
    TC49 error type, the official rule's code (``BR023``, "" when none), the French reason, where
    (XPath into the message, or line and column for a schema error) and the value received."""

    message: str
    location: str = ""
    value: str | None = None
    code: str = ""
    error_type: int = 0
    field: str = ""  # the use case's field, for the web upload to reopen a draft at it
    line: int = 0  # a schema error's place in the bytes received (IE917), 0 when unknown
    column: int = 0


@dataclass(frozen=True)
class Answer:
    """The answer to one message: the HTTP status (201 accepted, 400 schema-invalid with an IE917,
    403 not allowed, 409 identifier reused, 422 business-invalid with an IE704 …), the answer's XML
    bytes, the received message's type (``IE815``, or "" when unreadable), the movement it created
    or acted on (for a refused IE815 on the upload, the draft kept to be corrected), and the faults
    found (empty when accepted). ``detail``: a French sentence for the answers without XML (403,
    409); ``replayed``: the first answer given again."""

    status: int
    xml: bytes
    message_type: str
    movement: Movement | None = None
    faults: list[Fault] = field(default_factory=list)
    detail: str = ""
    replayed: bool = False
    message_identifier: str = ""
    # A replay: the bytes first sent and their content type, given again as they were.
    sent: bytes = b""
    sent_content_type: str = ""


@dataclass(frozen=True)
class _Sender:
    key: str  # the scope of a MessageIdentifier
    actor: Any  # the user the use cases act as: the credential's channel account, or the person
    credential: Credential | None
    user: Any


def _sender(sender) -> _Sender:
    """Who sends: the use cases act as ``actor``, whose rights are read once for this message
    (``rights.read_once``): the check here and the use case's own read the same rights."""
    if isinstance(sender, Credential):
        actor = rights.read_once(sender.actor)
        return _Sender(key=f"credential:{sender.pk}", actor=actor, credential=sender, user=None)
    if not rights.is_activated(sender):
        raise ValueError("edi.service.submit: the sender is a Credential or a logged-in, activated user.")
    return _Sender(key=f"user:{sender.pk}", actor=rights.read_once(sender), credential=None, user=sender)


class _Refusal(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.status)
        self.answer = answer


# --- Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    root: etree._Element | None
    message_type: str
    identifier: str


def _identifier(root: etree._Element) -> str:
    # The Header is in the message's own namespace, whether it is the default one or a prefix's.
    found = root.find(f"{{{etree.QName(root).namespace or ''}}}Header/{{{xml.TMS}}}MessageIdentifier")
    return (found.text or "").strip()[:44] if found is not None else ""


def _read(data: bytes) -> tuple[_Read, Answer | None]:
    """The parsed message, or the IE917 refusal of bytes that are not a valid V3.23 message; a
    message the schema accepts but the channels do not take (an IE801 …) is refused the same way."""
    try:
        root = xml.parse(data)
    except xml.InvalidMessage as error:
        return _Read(None, "", ""), answers.schema_refusal(error, data=data)
    read = _Read(root, xml.message_type(root), _identifier(root))
    try:
        if read.message_type not in routing.ACCEPTED:
            refusal = (
                f"Le message {read.message_type} n'est pas accepté par ce canal "
                f"(messages acceptés : {', '.join(routing.ACCEPTED)})."
            )
            where = xml.XmlError(line=root.sourceline or 0, column=0, path=f"/{read.message_type}", message=refusal)
            raise xml.InvalidMessage(refusal, [where])
        xml.validate(root, data=data)
    except xml.InvalidMessage as error:
        return read, answers.schema_refusal(error, data=data, message_type=read.message_type, root=root)
    return read, None


# --- Deciding ----------------------------------------------------------------------------------------


def _forbidden(read: _Read, message: str) -> _Refusal:
    return _Refusal(Answer(status=FORBIDDEN, xml=b"", message_type=read.message_type, detail=message))


def _require_right(sender: _Sender, read: _Read, number: str, movement_kind: str, action) -> None:
    """403 unless ``number`` is one the sender acts for and holds a right ``action`` needs there
    (the use case checks it again, with the same function)."""
    held = rights.rights_by_excise_number(sender.actor, catalogue.GAMMA)
    whom = "Cet identifiant EDI" if sender.credential else "Votre compte"
    if number not in held:
        raise _forbidden(read, f"{whom} n'agit pas pour le numéro d'accise « {number or '(absent)'} ».")
    needed = actions.action_rights(action, movement_kind)
    if not needed & held[number]:
        labels = " ou ".join(f"« {catalogue.label_of(catalogue.GAMMA, code)} »" for code in sorted(needed))
        raise _forbidden(read, f"{whom} n'a pas le droit {labels} pour le numéro d'accise {number}.")


def _rule_code(message: str) -> str:
    found = _RULE_CODE.search(message)
    return found.group(1) if found else ""


def _unknown_arc(read: _Read, arc: str, location: str) -> _Refusal:
    """The refusal of an ARC the sender plays no part in: made of the message received alone (its
    ARC, and the sequence number beside it when it has one), so that it says nothing of a movement."""
    fault = Fault(
        message=f"Aucun document de ce numéro ne vous est connu : ARC « {arc} ».",
        location=location,
        value=arc,
        error_type=answers.UNKNOWN_ARC,
    )
    sequence = answers.value_at(read.root, f"{location.rpartition('/')[0]}/SequenceNumber")
    return _Refusal(
        answers.business_refusal(
            [fault],
            root=read.root,
            message_type=read.message_type,
            arc=arc,
            sequence_number=int(sequence) if sequence and sequence.isdigit() else None,
        )
    )


def _movement_for(sender: _Sender, read: _Read, body: Any) -> Movement:
    """The movement a follow-up message is about, when the sender plays a part in it; the same
    refusal for an unknown ARC and for another company's (it must not learn it exists)."""
    arc, location = routing.arc_of(read.message_type, body)
    movement = Movement.objects.select_related("consignor").filter(arc=arc).first()
    if movement is not None:
        numbers = rights.rights_by_excise_number(sender.actor, catalogue.GAMMA)
        if any(actions.roles_of(movement, number) for number in numbers):
            return movement
    raise _unknown_arc(read, arc, location)


def _action_faults(route: routing.Route, root: etree._Element, refusal: actions.ActionRefused) -> list[Fault]:
    if not refusal.errors:
        return [Fault(message=refusal.message, code=_rule_code(refusal.message), error_type=answers.OUT_OF_SEQUENCE)]
    faults = []
    for name, messages in refusal.errors.items():
        location = route.location(name)
        for message in messages:
            code = _rule_code(message)
            faults.append(
                Fault(
                    message=message.replace(f" ({code})", "") if code else message,  # the code goes apart
                    location=location,
                    value=answers.value_at(root, location),
                    code=code,
                    error_type=answers.NOT_SUPPORTED,
                    field=name,
                )
            )
    return faults


def _follow_up(sender: _Sender, read: _Read, message: Any) -> Answer:
    route = routing.ROUTES[read.message_type]
    movement = _movement_for(sender, read, message.body)
    number, _role = routing.acting_number(read.message_type, message.body, movement)
    _require_right(sender, read, number, movement.kind, route.action)
    try:
        with transaction.atomic():
            result = route.call(movement, sender.actor, number, message.body)
    except actions.ActionRefused as refusal:
        faults = _action_faults(route, read.root, refusal)
        return answers.business_refusal(
            faults,
            root=read.root,
            message_type=read.message_type,
            arc=movement.arc,
            sequence_number=movement.sequence_number,
            movement=movement,
        )
    movement.refresh_from_db()
    return Answer(
        status=CREATED,
        xml=answers.acknowledgement(result, movement=movement),
        message_type=read.message_type,
        movement=movement,
    )


class _RefusedWhole(Exception):
    """An IE815 breaking a rule its draft's tables hold: its faults found on the message, and the
    validation's on its draft stored without those values (raised in the draft's transaction, which
    it undoes unless the draft is kept)."""

    def __init__(self, on_message: list, on_draft: list) -> None:
        super().__init__(len(on_message) + len(on_draft))
        self.on_message = on_message
        self.on_draft = on_draft


def _submission(sender: _Sender, read: _Read, message: Any, *, keep_refused_draft: bool) -> Answer:
    """An IE815: stored as a draft (``save_ie815``), then validated as the web page validates it.
    A message breaking a rule the draft's tables hold (``mapping.storage_errors``: R060, R219,
    TC29) is stored without those values (``mapping.storable``) and its draft checked by the
    validation's rules without being validated: refused on all its faults at once, as the web form
    lists them. ``keep_refused_draft`` (the upload): the refused draft stays, to be corrected."""
    body = message.body
    number, _role = routing.acting_number("IE815", body, None)
    _require_right(sender, read, number, "DAE", routing.ROUTES["IE815"].action)
    consignor = ExciseNumber.objects.get(number=number)
    lrn = body.ead_esad_draft.local_reference_number
    on_message = mapping.storage_errors(body)
    stored = mapping.storable(body, on_message) if on_message else body
    draft = None
    try:
        with transaction.atomic():
            draft = mapping.save_ie815(stored, consignor=consignor, created_by=sender.actor)
            if not keep_refused_draft:
                movement, ie801 = _validated(sender, draft, on_message)
        if keep_refused_draft:
            with transaction.atomic():
                movement, ie801 = _validated(sender, draft, on_message)
    except (services.MessageNotBuilt, gamma_messages.MessageNotValid):
        # The portal's fault, not the message's (the web page says it apart too): no field to correct.
        fault = Fault(message=services.MessageNotBuilt("IE801").message, error_type=answers.OTHER)
        kept = draft if keep_refused_draft and draft is not None and draft.pk else None
        return answers.business_refusal([fault], root=read.root, message_type="IE815", lrn=lrn, movement=kept)
    except _RefusedWhole as refusal:
        faults = answers.message_and_draft_faults(
            refusal.on_message, refusal.on_draft, root=read.root, body=body, stored=stored
        )
        kept = draft if keep_refused_draft and draft is not None and draft.pk else None
        return answers.business_refusal(faults, root=read.root, message_type="IE815", lrn=lrn, movement=kept)
    except (mapping.RefusedMessage, services.InvalidMovement) as refusal:
        faults = answers.rule_faults(
            refusal.errors, root=read.root, body=body, draft_order=isinstance(refusal, services.InvalidMovement)
        )
        kept = draft if keep_refused_draft and draft is not None and draft.pk else None
        return answers.business_refusal(faults, root=read.root, message_type="IE815", lrn=lrn, movement=kept)
    except services.Refused as refusal:
        raise _forbidden(read, refusal.message) from None
    return Answer(status=CREATED, xml=ie801, message_type="IE815", movement=movement)


def _validated(sender: _Sender, draft: Movement, on_message: list) -> tuple[Movement, bytes]:
    """The draft validated, and the IE801 the validation stored with it (the 201's body, byte for
    byte); none stored is the portal's bug: ``MessageNotBuilt``, and the validation is undone.
    With faults found on the message (``on_message``), the draft is not validated: its faults, as
    the validation finds them (``services.movement_errors``, the validation's right required as
    it), are added to them in ``_RefusedWhole``."""
    if on_message:
        services._require(sender.actor, draft.consignor, services.ISSUE_RIGHT[draft.kind], "validate a movement")
        raise _RefusedWhole(on_message, services.movement_errors(reading.movement_with_children(draft.pk)))
    movement = services.movement_validate(actor=sender.actor, movement=draft)
    ie801 = answers.ie801_of(movement)
    if ie801 is None:
        logger.error("The validation of movement %s stored no IE801.", movement.pk)
        raise services.MessageNotBuilt("IE801")
    return movement, ie801


def _require_view_right(sender: _Sender, read: _Read, movement: Movement) -> None:
    """403 unless one of the sender's numbers that play a part in ``movement`` holds a right to see
    it in that part (``gamma.actions.view_rights``: the consultation right, or one to act on it)."""
    held = rights.rights_by_excise_number(sender.actor, catalogue.GAMMA)
    needed: set[str] = set()
    for number, codes in held.items():
        for role in actions.roles_of(movement, number):
            wanted = actions.view_rights(movement.kind, role)
            if wanted & codes:
                return
            needed |= wanted
    whom = "Cet identifiant EDI" if sender.credential else "Votre compte"
    labels = " ou ".join(f"« {catalogue.label_of(catalogue.GAMMA, code)} »" for code in sorted(needed))
    raise _forbidden(read, f"{whom} n'a pas le droit de consulter le document {movement.arc} ({labels}).")


def _status_request(sender: _Sender, read: _Read, message: Any) -> Answer:
    """An IE904: the IE905 of the movement its ARC names (status, sequence number, last message),
    for a sender that plays a part in it with the right to see it; an unknown ARC and another
    company's get the same IE704. A movement history request (type 2) is not answered here."""
    movement = _movement_for(sender, read, message.body)
    _require_view_right(sender, read, movement)
    attributes = message.body.attributes
    if attributes.status_request_message_type == ie904.MOVEMENT_HISTORY:
        fault = Fault(
            message=(
                "La demande d'historique d'un mouvement (StatusRequestMessageType 2) n'est pas prise en charge "
                "par le Guichet EDI : envoyez une demande de synchronisation (1), ou consultez l'historique "
                "sur la page du document dans GAMMA."
            ),
            location=f"{routing.ROUTES['IE904'].body_path}/Attributes/StatusRequestMessageType",
            value=str(ie904.MOVEMENT_HISTORY),
            error_type=answers.NOT_SUPPORTED,
        )
        return answers.business_refusal(
            [fault],
            root=read.root,
            message_type="IE904",
            arc=movement.arc,
            sequence_number=movement.sequence_number,
            movement=movement,
        )
    return Answer(
        status=OK, xml=answers.status_response(movement, root=read.root), message_type="IE904", movement=movement
    )


def _decide(sender: _Sender, read: _Read, *, channel: str) -> Answer:
    try:
        message = emcs_messages.parse(read.root)
    except xml.InvalidMessage as error:
        return answers.schema_refusal(error, data=None, message_type=read.message_type, root=read.root)
    try:
        if read.message_type == "IE815":
            return _submission(sender, read, message, keep_refused_draft=channel == UPLOAD)
        if read.message_type == "IE904":
            return _status_request(sender, read, message)
        return _follow_up(sender, read, message)
    except _Refusal as refusal:
        return refusal.answer


# --- Evidence and idempotency ------------------------------------------------------------------------


def _evidence(sender: _Sender, channel: str, data: bytes, digest: str, read: _Read, **values) -> InboundMessage:
    return InboundMessage(
        channel=channel,
        credential=sender.credential,
        user=sender.user,
        sender_key=sender.key,
        data=data,
        size=len(data),
        sha256=digest,
        message_identifier=read.identifier,
        message_type=read.message_type,
        **values,
    )


def _with_identifier(answer: Answer, read: _Read) -> Answer:
    return Answer(**{**answer.__dict__, "message_identifier": read.identifier})


def _replay(sender: _Sender, channel: str, data: bytes, digest: str, read: _Read, first: InboundMessage) -> Answer:
    """The same bytes again: the first answer, byte for byte; other bytes under the same
    MessageIdentifier: 409. Either way, one more evidence row."""
    if first.sha256 == digest:
        answer = Answer(
            status=first.status,
            xml=bytes(first.answer) if first.answer_content_type == answers.XML_CONTENT_TYPE else b"",
            message_type=read.message_type,
            movement=first.movement,
            replayed=True,
            sent=bytes(first.answer),
            sent_content_type=first.answer_content_type,
        )
    else:
        answer = Answer(
            status=CONFLICT,
            xml=b"",
            message_type=read.message_type,
            detail=(
                f"Le MessageIdentifier « {read.identifier} » a déjà servi, le "
                f"{timezone.localtime(first.received_at):%d/%m/%Y à %H:%M:%S}, pour un autre message : "
                "chaque message porte un identifiant qui lui est propre."
            ),
        )
    sent, content_type = answers.body_of(answer)
    _evidence(
        sender,
        channel,
        data,
        digest,
        read,
        status=answer.status,
        answer=sent,
        answer_content_type=content_type,
        replay_of=first,
        movement=answer.movement,
    ).save()
    return _with_identifier(answer, read)


# Asked of every message carrying an identifier, nearly always to find none: compiled once per connection.
_HOLDS_IDENTIFIER = CompiledQuery(
    lambda sender_key, identifier: (
        InboundMessage.objects.filter(sender_key=sender_key, message_identifier=identifier, holds_identifier=True)
        .order_by()
        .values_list("pk")[:1]
    ),
    sender_key=str,
    identifier=str,
)


def _first_answer(sender: _Sender, identifier: str) -> InboundMessage | None:
    if not _HOLDS_IDENTIFIER.rows(sender_key=sender.key, identifier=identifier):
        return None
    return (
        InboundMessage.objects.select_related("movement")
        .filter(sender_key=sender.key, message_identifier=identifier, holds_identifier=True)
        .first()
    )


def submit(data: bytes, *, sender, channel: str, dry_run: bool = False) -> Answer:
    """Process one received message. ``sender``: an ``edi.Credential`` or a logged-in portal user.
    ``channel``: ``EDI`` or ``UPLOAD`` (a refused IE815 uploaded keeps its draft, to be corrected in
    the web form). ``dry_run``: check everything and give the answer it would get — the use cases
    run and are rolled back — storing nothing, not even the evidence (an IE801 of a dry run
    carries an ARC that is not kept)."""
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}: one of {CHANNELS}.")
    data = bytes(data)
    who = _sender(sender)
    read, refusal = _read(data)
    if dry_run:
        if refusal is not None:
            return _with_identifier(refusal, read)
        with transaction.atomic():
            answer = _decide(who, read, channel=channel)
            transaction.set_rollback(True)
        return _with_identifier(Answer(**{**answer.__dict__, "movement": None}), read)
    digest = hashlib.sha256(data).hexdigest()
    if read.identifier:
        first = _first_answer(who, read.identifier)
        if first is not None:
            return _replay(who, channel, data, digest, read, first)
    with transaction.atomic():
        evidence = _evidence(who, channel, data, digest, read, status=0, answer=b"")
        if read.identifier:
            evidence.holds_identifier = True
            try:
                with transaction.atomic():
                    evidence.save()
            except IntegrityError:  # another request with this identifier got there first
                evidence = None
        else:
            evidence.save()
        if evidence is not None:
            answer = refusal or _decide(who, read, channel=channel)
            evidence.status = answer.status
            evidence.answer, evidence.answer_content_type = answers.body_of(answer)
            evidence.movement = answer.movement
            evidence.holds_identifier = bool(read.identifier) and answer.status in FINAL_STATUSES
            evidence.save(update_fields=["status", "answer", "answer_content_type", "movement", "holds_identifier"])
    if evidence is None:
        first = _first_answer(who, read.identifier)
        if first is None:  # the first one's answer was not final (403): it no longer holds the identifier
            return submit(data, sender=sender, channel=channel)
        return _replay(who, channel, data, digest, read, first)
    return _with_identifier(answer, read)


def record_refusal(*, credential: Credential, status: int, size: int, answer: bytes, content_type: str) -> None:
    """The evidence of a request refused before its body was read (rate limit, size, media type)."""
    InboundMessage.objects.create(
        channel=EDI,
        credential=credential,
        sender_key=f"credential:{credential.pk}",
        data=b"",
        size=size,
        status=status,
        answer=answer,
        answer_content_type=content_type,
    )
