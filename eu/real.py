"""The real connection to the other member states: **not built** — this is its documented place.

In EMCS, France's national application exchanges the common-domain messages (IE801, IE818, IE810,
IE813, IE819, IE837, IE871 …) with the other member states' administrations over the European
Commission's CCN/CSI network (the common domain, through the national gateway). None of that is
available to this project: ``EU_GATEWAY=real`` refuses to start (``ImproperlyConfigured``) rather
than silently losing messages; the outbox rows wait (``eu.outbox``) until a connection exists.

To build it, implement here, with the same signature as ``eu.simulator.send``:

- ``send(message_type, xml_bytes, member_state, movement)``: put the validated bytes on the CCN
  queue of ``member_state`` (raise on failure: ``eu.outbox.deliver_due`` keeps the row and retries);
- the listener of the national gateway's incoming queue calls ``eu.gateway.receive(xml_bytes)``
  for each message (the application of an incoming message is common to both implementations);
- ``connect()``: check the configuration and return instead of raising.
"""

from django.core.exceptions import ImproperlyConfigured

NOT_BUILT = (
    "EU_GATEWAY=real : la connexion CCN/CSI aux autres États membres n'est pas construite. "
    "Sa place est eu/real.py (voir sa documentation et la section « Échanges avec les autres États membres » "
    "du README) ; en attendant, utilisez EU_GATEWAY=simulator."
)


def connect() -> None:
    raise ImproperlyConfigured(NOT_BUILT)


def send(message_type: str, xml_bytes: bytes, member_state: str, movement=None) -> None:
    raise ImproperlyConfigured(NOT_BUILT)
