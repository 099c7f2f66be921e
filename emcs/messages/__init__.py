"""The EMCS messages a trader exchanges, one module per message: its data as dataclasses that
follow the schema (``ie815.IE815`` …), ``build(message) -> lxml element`` and
``parse(root) -> message``. ``emcs.xml`` parses safely and validates against the XSD.

    root = emcs.xml.parse_and_validate(data)
    message = emcs.messages.parse(root)          # an ie815.IE815, ie801.IE801 …
    root = emcs.messages.build(message)          # back to XML
"""

from types import ModuleType
from typing import Any

from lxml import etree

from emcs import xml
from emcs.messages import (
    ie704,
    ie801,
    ie802,
    ie803,
    ie807,
    ie810,
    ie813,
    ie815,
    ie818,
    ie819,
    ie837,
    ie871,
    ie904,
    ie905,
    ie917,
)
from emcs.messages.binding import Header

MODULES: dict[str, ModuleType] = {
    module.CODE: module
    for module in (
        ie704,
        ie801,
        ie802,
        ie803,
        ie807,
        ie810,
        ie813,
        ie815,
        ie818,
        ie819,
        ie837,
        ie871,
        ie904,
        ie905,
        ie917,
    )
}
MESSAGE_CLASSES: dict[type, ModuleType] = {getattr(module, code): module for code, module in MODULES.items()}


def parse(root: etree._Element) -> Any:
    """The message's data, by its root element; an unsupported message type is refused."""
    code = xml.message_type(root)
    if code not in MODULES:
        raise xml.InvalidMessage(f"Le message {code} n'est pas pris en charge.")
    return MODULES[code].parse(root)


def build(message: Any) -> etree._Element:
    return MESSAGE_CLASSES[type(message)].build(message)


__all__ = ["MODULES", "Header", "build", "parse"]
