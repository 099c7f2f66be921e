"""The feed as the Guichet EDI serves it (``GET /edi/v1/messages?after=CURSOR``): the messages
addressed to the excise numbers a credential reads, oldest first (``gamma.feed``), and one of
them by its id (``GET /edi/v1/messages/{id}``).

A credential reads the feed of each excise number it acts for (``habilitations.rights``: the
numbers whose adhesion in force has the EDI option and names its holder) on which the channel holds
the consultation right, « Rechercher DAA » (the feed carries the EMCS messages of DAE and DAES
only). A message that is not in those feeds — another company's, or none at all — is ``None``:
the endpoint answers both with the same 404.

    page = pull.page(credential, after=None, limit=100)
    page.entries[0].as_json(url=...)      # id, type, ARC, sequence, excise number, date, URL
    page.next                             # the cursor to read on from
    pull.message(credential, message_id)  # a MovementMessage of its feed, or None"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from edi.models import Credential
from emcs import xml
from gamma import feed
from gamma.models import FeedEntry, MovementMessage
from habilitations import catalogue, rights

CONSULTATION = catalogue.SEARCH_DAA.code  # DAE and DAES: the only movements with EMCS messages
DEFAULT_LIMIT = 100
# Where a message says which version of the e-AD it is about (the IE810 says none; the IE803 in
# its ExciseNotification).
SEQUENCE_PARENTS = frozenset({"HeaderEadEsad", "UpdateEadEsad", "ExciseMovement", "ExciseNotification"})


def readable_numbers(credential: Credential) -> list[str]:
    """The excise numbers whose feed ``credential`` reads: those it acts for with the consultation
    right (read afresh: a right taken away, or the credential revoked, stops the reading at once)."""
    held = rights.rights_by_excise_number(credential.actor, catalogue.GAMMA)
    return [number for number, codes in held.items() if CONSULTATION in codes]


def reads(credential: Credential, number: str) -> bool:
    """Whether ``credential`` reads the feed of ``number`` (the same rule as ``readable_numbers``,
    for one number: the webhooks announce only what the pull would give), read afresh."""
    held = rights.edi_channel_rights(credential, catalogue.GAMMA, number=number)
    return CONSULTATION in held.get(number, frozenset())


@dataclass(frozen=True)
class Reference:
    """What a stored message says of the e-AD it is about."""

    arc: str
    sequence: int | None


def reference_of(data: bytes) -> Reference:
    """The ARC and the sequence number a stored message (ours: valid) carries."""
    root = xml.parse(bytes(data))
    arc, sequence = "", None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = xml.local_name(element)
        if name == "AdministrativeReferenceCode" and not arc:
            arc = (element.text or "").strip()
        elif name == "SequenceNumber" and sequence is None and xml.local_name(element.getparent()) in SEQUENCE_PARENTS:
            sequence = int((element.text or "").strip())
    return Reference(arc=arc, sequence=sequence)


@dataclass(frozen=True)
class Item:
    """One message of the page, for the excise number ``excise_number``."""

    message: MovementMessage
    excise_number: str
    reference: Reference

    def as_json(self, *, url: str) -> dict[str, Any]:
        return {
            "id": self.message.pk,
            "type": self.message.message_type,
            "arc": self.reference.arc,
            "sequence": self.reference.sequence,
            "excise_number": self.excise_number,
            "created_at": _iso(self.message.created_at),
            "url": url,
        }


@dataclass(frozen=True)
class Page:
    entries: list[Item]
    next: str


def _iso(value: dt.datetime) -> str:
    """An instant as ISO 8601 with its offset, in Paris time (the portal's dates)."""
    return timezone.localtime(value).isoformat()


def page(credential: Credential, *, after: str | None, limit: int = DEFAULT_LIMIT) -> Page:
    """The credential's feed after the cursor ``after``, oldest first; ``feed.BadCursor`` or
    ``feed.FeedError`` (French messages) for a cursor or a limit the feed refuses."""
    entries, cursor = feed.read(readable_numbers(credential), after=after, limit=limit)
    return Page(
        entries=[
            Item(message=entry.message, excise_number=entry.excise_number, reference=reference_of(entry.message.xml))
            for entry in entries
        ],
        next=cursor,
    )


def message(credential: Credential, message_id: int) -> MovementMessage | None:
    """The message ``message_id`` when it is in the feed of a number the credential reads, else
    None (whether it is another company's or does not exist)."""
    numbers = readable_numbers(credential)
    if not numbers:
        return None
    if not FeedEntry.objects.filter(message_id=message_id, excise_number__in=numbers).exists():
        return None
    return MovementMessage.objects.filter(pk=message_id).first()
