"""The EMCS messages of a movement, stored as they were built and validated: one function to
store, used by every use case that causes a message (validation → IE801, each lifecycle action →
IE810, IE813, IE818, IE819, IE837, IE871), whatever the channel (web page, EDI, XML upload).

    stored = messages.store(ie801_message, movement=movement, event=event)
    stored.xml        # the bytes, exactly as validated against the V3.23 schema
    messages.last(movement, "IE801")

``store`` must be called inside the transaction of the change that causes the message, so that
the change and its message are written together or not at all. With ``recipients`` (excise
numbers, ``gamma.feed.recipients_of``) the message is also put in their feeds, in the same
transaction (``gamma.feed.publish``: then it is the transaction's last write)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from emcs import messages as emcs_messages
from emcs import xml
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

