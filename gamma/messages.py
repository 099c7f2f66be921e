"""The EMCS messages of a movement, stored as they were built and validated: one function to
store, used by every use case that causes a message (validation → IE801, each lifecycle action →
IE810, IE813, IE818, IE819, IE837, IE871), whatever the channel (web page, EDI, XML upload).

    stored = messages.store(ie801_message, movement=movement, event=event)
    stored.xml        # the bytes, exactly as validated against the V3.23 schema
    messages.last(movement, "IE801")

``store`` must be called inside the transaction of the change that causes the message, so that
the change and its message are written together or not at all. With ``recipients`` (excise
numbers, ``gamma.feed.recipients_of``) the message is also put in their feeds, in the same
transaction (``gamma.feed.publish``: then it is the transaction's last write).

What the IE801 carries of the validation — ARC, date and time of validation, sequence number and
date and time of its update — is shown as the stored IE801 says it (``show_stored_ie801``): the
movement's page and its printed copy read it there, so both show what was sent."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from emcs import messages as emcs_messages
from emcs import times, xml
from emcs.messages import binding, ie801
from gamma import feed
from gamma.models import MessageDirection, Movement, MovementEvent, MovementMessage


class MessageNotValid(Exception):
    """A message built by the portal fails the schema: a bug of the mapping, never the user's."""


def serialise(message: Any) -> bytes:
    """The message's XML, validated against its V3.23 schema (``MessageNotValid`` otherwise)."""
    root = emcs_messages.build(message)
    try:
        xml.validate(root)
    except xml.InvalidMessage as error:
        raise MessageNotValid(f"{error} {'; '.join(error.errors)}") from error
    return xml.to_bytes(root)


def store(
    message: Any,
    *,
    movement: Movement,
    event: MovementEvent | None = None,
    direction: str = MessageDirection.SENT,
    recipients: Iterable[str] | None = None,
) -> MovementMessage:
    """Serialise, validate and store ``message`` (an ``emcs.messages`` object) with ``movement``;
    published to ``recipients``' feeds when given."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("gamma.messages.store is called in the transaction of the change it records.")
    data = serialise(message)
    return store_bytes(
        data,
        movement=movement,
        event=event,
        direction=direction,
        message_type=type(message).__name__,
        message_identifier=message.header.message_identifier,
        recipients=recipients,
    )


def store_bytes(
    data: bytes,
    *,
    movement: Movement,
    message_type: str,
    message_identifier: str,
    event: MovementEvent | None = None,
    direction: str = MessageDirection.RECEIVED,
    recipients: Iterable[str] | None = None,
) -> MovementMessage:
    """Store bytes already validated (a received message, kept exactly as it came); published to
    ``recipients``' feeds when given."""
    stored = MovementMessage.objects.create(
        movement=movement,
        event=event,
        message_type=message_type,
        message_identifier=message_identifier,
        direction=direction,
        xml=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if recipients is not None:
        feed.publish(stored, recipients)
    return stored


def last(movement: Movement, message_type: str) -> MovementMessage | None:
    """The movement's latest stored message of this type, or None."""
    return movement.messages.filter(message_type=message_type).order_by("-created_at", "-id").first()


# --- What the stored IE801 says -----------------------------------------------------------------

# The movement's fields the IE801 carries of its validation, shown as the stored IE801 says them.
IE801_FIELDS = ("arc", "validated_at", "sequence_number", "validation_updated_at")


@dataclass(frozen=True)
class Validation:
    """The validation as an IE801 states it (instants aware, in UTC)."""

    arc: str
    validated_at: dt.datetime
    sequence_number: int
    validation_updated_at: dt.datetime | None  # the update's, once a change of destination made one


def validation_of(data: bytes) -> Validation:
    """What the IE801 ``data`` (stored, so valid) says of the validation: its two groups that say
    it, read by the IE801's own bindings (``emcs.messages.ie801``), the rest left unread."""
    ns = xml.namespace(ie801.CODE)
    container = xml.parse(bytes(data)).find(f"{{{ns}}}Body/{{{ns}}}{ie801.BODY}")
    excise_movement = binding.read(container.find(f"{{{ns}}}ExciseMovement"), ie801.ExciseMovementEad, ns)
    header = binding.read(container.find(f"{{{ns}}}HeaderEadEsad"), ie801.HeaderEadEsad, ns)
    sequence = header.sequence_number
    return Validation(
        arc=excise_movement.administrative_reference_code,
        validated_at=times.from_emcs(excise_movement.date_and_time_of_validation_of_ead_esad),
        sequence_number=sequence,
        validation_updated_at=times.from_emcs(header.date_and_time_of_update_validation) if sequence > 1 else None,
    )


def show_ie801(movement: Movement, data: bytes | None) -> Movement:
    """``movement`` (in hand, never saved from here) with the validation its IE801 ``data``
    states; as it is when there is none (a movement validated before the IE801 was kept). After a
    change of destination whose updated IE801 is not stored, the sequence number and the time of
    the update stay the movement's: the copy must show the new sequence."""
    if data is None:
        return movement
    stated = validation_of(data)
    movement.arc = stated.arc
    movement.validated_at = stated.validated_at
    if stated.sequence_number >= (movement.sequence_number or 0):
        movement.sequence_number = stated.sequence_number
        movement.validation_updated_at = stated.validation_updated_at
    return movement


def show_stored_ie801(movement: Movement) -> Movement:
    """``movement`` with the validation its latest stored IE801 states (``show_ie801``)."""
    stored = last(movement, "IE801")
    return show_ie801(movement, bytes(stored.xml) if stored else None)
