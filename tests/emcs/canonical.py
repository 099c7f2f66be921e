"""Canonical form of an EMCS message, to say two messages carry the same data.

Namespaces by URI (prefixes do not matter), element order kept, attributes sorted, ``xsi:``
attributes (a schema location is no data) left out, texts with the ``xs:token`` whitespace rule.
Elements whose schema type is a number, a time or a date-time compare by value — ``100.000`` and
``100``, ``14:10:10.00`` and ``14:10:10`` are one value — and only those: a code typed as a
token must come back character for character."""

import datetime as dt
import typing
from decimal import Decimal

from lxml import etree

from emcs.messages.binding import Header, collapse, typed_element_names

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NUMBERS = (int, Decimal)
TIMES = (dt.time, dt.datetime)


def value_typed_names(message_cls: type) -> tuple[set[str], set[str]]:
    """(number elements, time elements) of a message class (``ie815.IE815`` …), header included."""
    body_cls = typing.get_type_hints(message_cls)["body"]
    numbers = typed_element_names(body_cls, NUMBERS) | typed_element_names(Header, NUMBERS)
    times = typed_element_names(body_cls, TIMES) | typed_element_names(Header, TIMES)
    texts = typed_element_names(body_cls, (str,))
    # A name typed as text somewhere and as a number elsewhere would be compared loosely: refuse.
    assert not (numbers | times) & texts, (numbers | times) & texts
    return numbers, times


def _value(text: str, name: str, numbers: set[str], times: set[str]) -> str:
    if name in numbers:
        return f"{Decimal(text).normalize():f}"
    if name in times:
        parsed = dt.datetime.fromisoformat(text) if "T" in text else dt.time.fromisoformat(text)
        return parsed.isoformat()
    return text


def canonical(element: etree._Element, numbers: set[str], times: set[str]) -> tuple:
    name = etree.QName(element)
    attributes = sorted(
        (key, collapse(value)) for key, value in element.attrib.items() if etree.QName(key).namespace != XSI
    )
    children = [canonical(child, numbers, times) for child in element if isinstance(child.tag, str)]
    text = "" if children else _value(collapse(element.text), name.localname, numbers, times)
    return (name.namespace, name.localname, tuple(attributes), text, tuple(children))


def differences(a: tuple, b: tuple, path: str = "") -> list[str]:
    """Where two canonical forms differ, by path — readable assertion messages."""
    here = f"{path}/{a[1]}"
    if a[:4] != b[:4]:
        return [f"{here}: {a[:4]} != {b[:4]}"]
    found = []
    if len(a[4]) != len(b[4]):
        found.append(f"{here}: {[c[1] for c in a[4]]} != {[c[1] for c in b[4]]}")
    for left, right in zip(a[4], b[4], strict=False):
        found += differences(left, right, here)
    return found
