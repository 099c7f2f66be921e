"""The one interface to the other member states (issue 14).

    gateway.send("IE801", xml_bytes, "DE", movement)   # France → a member state
    gateway.receive(xml_bytes)                          # a member state → France: applied here

``send`` goes to the implementation ``settings.EU_GATEWAY`` names (unset: ``default_name``):
``simulator`` (``eu.simulator``: development, tests, the training instance) or ``real``
(``eu.real``: where the CCN/CSI connection goes; not built, it raises ``ImproperlyConfigured``).
Callers do not call ``send`` in a use case's transaction: they write an outbox row
(``eu.outbox.hand_over``), delivered by ``eu.outbox.deliver_due``.

``receive`` is the same for both implementations (``eu.inbound``): an IE801 from another member
state becomes a movement for its French consignee, an IE818 is the report of receipt of a French
movement, each through the use cases the other channels call; applied once per MessageIdentifier."""

from __future__ import annotations

from types import ModuleType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal import instance

__all__ = ["ImproperlyConfigured", "implementation", "receive", "send"]


def default_name() -> str:
    """Without ``EU_GATEWAY``: the simulator in development, in the tests and on the training
    instance (``portal.instance``); the real connection in production."""
    if not getattr(settings, "PRODUCTION", False) or instance.is_training():
        return "simulator"
    return "real"


def implementation() -> ModuleType:
    """The module that talks to the other member states, as ``settings.EU_GATEWAY`` chooses."""
    name = getattr(settings, "EU_GATEWAY", "") or default_name()
    if name == "simulator":
        from eu import simulator

        return simulator
    if name == "real":
        from eu import real

        real.connect()  # raises: the connection is not built
        return real
    raise ImproperlyConfigured(f"EU_GATEWAY={name!r}: use simulator or real.")


def send(message_type: str, xml_bytes: bytes, member_state: str, movement=None) -> None:
    """Send one message (validated bytes) to ``member_state``'s administration."""
    implementation().send(message_type, xml_bytes, member_state, movement)


def receive(xml_bytes: bytes):
    """Apply one message a member state sends France; returns its ``eu.models.Exchange`` row."""
    from eu import inbound

    return inbound.receive(xml_bytes)
