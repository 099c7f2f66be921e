"""One EMCS message in, one answer out, whatever the channel: the Guichet EDI endpoint
(``/edi/v1/messages``), the web upload « Déposer des messages XML » and the sandbox validator all
call :func:`submit` with the bytes as received.

    answer = submit(data, sender=credential, channel=EDI)          # an edi.Credential
    answer = submit(data, sender=request.user, channel=UPLOAD)     # a logged-in portal user
    answer = submit(data, sender=request.user, channel=SANDBOX, dry_run=True)   # nothing stored
    answer.status, answer.xml      # 201 and the IE801 / acknowledgement, 400 + IE917, 422 + IE704 …

The message goes through the same use cases as the web pages (``gamma.mapping.save_ie815`` then
``gamma.services.movement_validate``; the functions of ``gamma.actions``), with the rights checked
inside them by ``habilitations.rights``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gamma.models import Movement

EDI, UPLOAD, SANDBOX = "edi", "upload", "sandbox"
CHANNELS = (EDI, UPLOAD, SANDBOX)


@dataclass(frozen=True)
class Answer:
    """The answer to one message: the HTTP status (201 accepted, 400 schema-invalid with an IE917,
    403 not allowed, 409 identifier reused, 422 business-invalid with an IE704 …), the answer's XML
    bytes, the received message's type (``IE815``, or "" when unreadable), the movement it created
    or acted on, and the faults found (empty when accepted)."""

    status: int
    xml: bytes
    message_type: str
    movement: Movement | None = None
    faults: list[Any] = field(default_factory=list)


def submit(data: bytes, *, sender, channel: str, dry_run: bool = False) -> Answer:
    """Process one received message. ``sender``: an ``edi.Credential`` or a logged-in portal user.
    ``dry_run``: check everything and give the answer it would get, storing nothing (not even the
    evidence)."""
    raise NotImplementedError("edi.service.submit: being written (issue 11, helper edi)")
