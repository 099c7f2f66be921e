"""Dataclasses ↔ XML: the small engine under every EMCS message module.

A message's data is a tree of ``kw_only`` dataclasses whose fields follow the schema's sequence, in
order, each bound to its XML element by ``element("CnCode")`` (or ``group``/``groups``/``codes``
for the nested ones). The Python type of a field says how its text is read and written: ``str``
(an ``xs:token``: whitespace collapsed), ``int``, ``Decimal``, ``bool`` (an EMCS flag ``0``/``1``),
``date``, ``time``, ``datetime`` (naive and UTC, as EMCS writes them: ``emcs.times`` says the
rule; a time or date-time read keeps its text as received and is written back with it). A field
typed ``X | None`` is optional; ``list[...]`` repeats.

Free texts carry a ``language`` attribute (the schema's LSD types) and traders carry one on their
own element: ``element("CommercialDescription", language="commercial_description_language")``
keeps it in a sibling field declared with ``language_of()``; ``attribute("language")`` keeps an
attribute of the group itself. Nothing the schema allows is dropped: parsing refuses an element
that no field is bound to, so a message cannot lose data silently."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
import uuid
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, ClassVar

from lxml import etree

from emcs import times
from emcs.xml import TMS, InvalidMessage, namespace


def element(name: str, *, language: str | None = None, required: bool = False) -> Any:
    """A simple child element; ``language`` names the sibling field that keeps its attribute."""
    metadata = {"xml": name, "language_field": language}
    if required:
        return dataclasses.field(metadata=metadata)
    return dataclasses.field(default=None, metadata=metadata)


def group(name: str, *, required: bool = False) -> Any:
    """A nested group (a dataclass); an optional one is None when absent."""
    if required:
        return dataclasses.field(metadata={"xml": name})
    return dataclasses.field(default=None, metadata={"xml": name})


def groups(name: str) -> Any:
    """A repeated group (``list`` of dataclasses), empty when absent."""
    return dataclasses.field(default_factory=list, metadata={"xml": name})


def codes(name: str, child: str) -> Any:
    """A repeated group holding one simple element (``WineOperation/WineOperationCode``): a list of values."""
    return dataclasses.field(default_factory=list, metadata={"xml": name, "child": child})


def attribute(name: str = "language") -> Any:
    """An attribute of the group's own element (the trader's ``language``)."""
    return dataclasses.field(default=None, metadata={"xml_attribute": name})


def language_of() -> Any:
    """The ``language`` attribute of a sibling text element (see ``element(..., language=...)``)."""
    return dataclasses.field(default=None, metadata={"language_of": True})


# ---------------------------------------------------------------------------------------------
# Field introspection (cached per class)


@dataclasses.dataclass(frozen=True)
class _Binding:
    name: str  # Python field name
    xml: str | None  # element local name
    kind: type  # str, int, Decimal, bool, date, time, datetime, or a dataclass
    repeated: bool
    child: str | None = None  # for codes(): the element inside each repetition
    language_field: str | None = None
    attribute: str | None = None  # xml attribute of the group's own element


def _unwrap(annotation: Any) -> tuple[type, bool]:
    """``list[X] | None`` → (X, True); ``X | None`` → (X, False)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(arguments[0])
    if origin is list:
        return typing.get_args(annotation)[0], True
    return annotation, False


@cache
def bindings(cls: type) -> tuple[_Binding, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for field in dataclasses.fields(cls):
        kind, repeated = _unwrap(hints[field.name])
        meta = field.metadata
        if meta.get("language_of"):
            continue
        result.append(
            _Binding(
                name=field.name,
                xml=meta.get("xml"),
                kind=kind,
                repeated=repeated,
                child=meta.get("child"),
                language_field=meta.get("language_field"),
                attribute=meta.get("xml_attribute"),
            )
        )
    return tuple(result)


def _namespace_of(cls: type, inherited: str) -> str:
    return getattr(cls, "xml_namespace", None) or inherited


# ---------------------------------------------------------------------------------------------
# Values


def collapse(text: str | None) -> str:
    """``xs:token`` whitespace rules: runs of spaces collapsed, ends trimmed."""
    return " ".join((text or "").split())


def format_decimal(value: Decimal) -> str:
    """``Decimal("100.000000")`` → ``100``, ``Decimal("10.50")`` → ``10.5``: the schemas' patterns
    forbid exponents and cap the fraction digits, which the stored precision already respects."""
    return f"{value.normalize():f}"


def _format_time(value: dt.time) -> str:
    if value.microsecond:
        return value.isoformat(timespec="microseconds").rstrip("0")
    return value.isoformat(timespec="seconds")


def to_text(value: Any, kind: type) -> str:
    received = times.text_of(value) if kind in (dt.datetime, dt.time) else None
    if received is not None:
        return received  # as the message said it, fractions of a second included
    if kind is dt.datetime:
        value = times.to_emcs(value)  # an aware instant: in UTC
    if kind is bool:
        return "1" if value else "0"
    if kind is Decimal:
        return format_decimal(value)
    if kind is dt.datetime:
        return value.date().isoformat() + "T" + _format_time(value.time())
    if kind is dt.time:
        return _format_time(value)
    if kind is dt.date:
        return value.isoformat()
    return str(value)


def from_text(text: str, kind: type, where: str) -> Any:
    text = collapse(text)
    try:
        if kind is str:
            return text
        if kind is int:
            return int(text)
        if kind is bool:
            if text not in ("0", "1"):
                raise ValueError(text)
            return text == "1"
        if kind is Decimal:
            return Decimal(text)
        if kind is dt.datetime:
            return times.ReceivedDateTime.parse(text)
        if kind is dt.time:
            return times.ReceivedTime.parse(text)
        if kind is dt.date:
            return dt.date.fromisoformat(text)
    except (ValueError, InvalidOperation) as error:
        raise InvalidMessage(f"Valeur illisible pour {where} : « {text} ».") from error
    raise TypeError(f"Unsupported field type {kind!r} for {where}")


# ---------------------------------------------------------------------------------------------
# Writing


def write(parent: etree._Element, data: Any, ns: str) -> etree._Element:
    """Append the children of ``data`` (a dataclass) to ``parent``, in field order."""
    for binding in bindings(type(data)):
        value = getattr(data, binding.name)
        if binding.attribute:
            if value is not None:
                parent.set(binding.attribute, value)
            continue
        values = value if binding.repeated else [value]
        for item in values:
            if item is None:
                continue
            child = etree.SubElement(parent, f"{{{ns}}}{binding.xml}")
            if binding.child:
                inner = etree.SubElement(child, f"{{{ns}}}{binding.child}")
                inner.text = to_text(item, binding.kind)
            elif dataclasses.is_dataclass(binding.kind):
                write(child, item, _namespace_of(binding.kind, ns))
            else:
                child.text = to_text(item, binding.kind)
                if binding.language_field:
                    language = getattr(data, binding.language_field)
                    if language is not None:
                        child.set("language", language)
    return parent


# ---------------------------------------------------------------------------------------------
# Reading


def read(node: etree._Element, cls: type, ns: str) -> Any:
    """Build a ``cls`` from the children of ``node``; an unexpected child is refused."""
    own = bindings(cls)
    known = {f"{{{ns}}}{b.xml}" for b in own if b.xml}
    for child in node:
        if child.tag not in known:
            raise InvalidMessage(
                f"Élément inattendu dans {etree.QName(node).localname} : {etree.QName(child).localname}."
            )
    values: dict[str, Any] = {}
    for binding in own:
        if binding.attribute:
            values[binding.name] = node.get(binding.attribute)
            continue
        found = node.findall(f"{{{ns}}}{binding.xml}")
        items = []
        for child in found:
            if binding.child:
                inner = child.find(f"{{{ns}}}{binding.child}")
                items.append(from_text(inner.text if inner is not None else "", binding.kind, binding.child))
            elif dataclasses.is_dataclass(binding.kind):
                items.append(read(child, binding.kind, _namespace_of(binding.kind, ns)))
            else:
                items.append(from_text(child.text, binding.kind, binding.xml))
                if binding.language_field:
                    values[binding.language_field] = child.get("language")
        if binding.repeated:
            values[binding.name] = items
        else:
            values[binding.name] = items[0] if items else None
    return cls(**values)


# ---------------------------------------------------------------------------------------------
# The message envelope


@dataclasses.dataclass(kw_only=True)
class Header:
    """``tms:HeaderType``: the envelope of every message (who sends to whom, when, which id)."""

    xml_namespace: ClassVar[str] = TMS

    message_sender: str = element("MessageSender", required=True)
    message_recipient: str = element("MessageRecipient", required=True)
    date_of_preparation: dt.date = element("DateOfPreparation", required=True)
    time_of_preparation: dt.time = element("TimeOfPreparation", required=True)
    message_identifier: str = element("MessageIdentifier", required=True)
    correlation_identifier: str | None = element("CorrelationIdentifier")

    @classmethod
    def new(
        cls,
        *,
        sender: str = "NDEA.FR",
        recipient: str = "NDEA.FR",
        correlation_identifier: str | None = None,
        at: dt.datetime | None = None,
    ) -> Header:
        """A fresh header: now (``at``, aware, by default the clock's) in UTC, a new unique identifier."""
        now = times.to_emcs(at) if at is not None else times.now()
        return cls(
            message_sender=sender,
            message_recipient=recipient,
            date_of_preparation=now.date(),
            time_of_preparation=now.time().replace(microsecond=(now.microsecond // 1000) * 1000),
            message_identifier=f"uuid:{uuid.uuid4()}",
            correlation_identifier=correlation_identifier,
        )


def build_message(code: str, header: Header, body_tag: str, body: Any) -> etree._Element:
    """``<IEnnn><Header/><Body><body_tag>…</body_tag></Body></IEnnn>`` in the message's namespace."""
    ns = namespace(code)
    root = etree.Element(f"{{{ns}}}{code}", nsmap={None: ns, "tms": TMS})
    write(etree.SubElement(root, f"{{{ns}}}Header"), header, TMS)
    content = etree.SubElement(etree.SubElement(root, f"{{{ns}}}Body"), f"{{{ns}}}{body_tag}")
    write(content, body, ns)
    return root


def parse_message(root: etree._Element, code: str, body_tag: str, body_cls: type) -> tuple[Header, Any]:
    ns = namespace(code)
    if root.tag != f"{{{ns}}}{code}":
        raise InvalidMessage(f"Message {code} attendu, reçu {etree.QName(root).localname}.")
    header = root.find(f"{{{ns}}}Header")
    content = root.find(f"{{{ns}}}Body/{{{ns}}}{body_tag}")
    if header is None or content is None:
        raise InvalidMessage(f"Le message {code} n'a pas d'en-tête ou de corps {body_tag}.")
    return read(header, Header, TMS), read(content, body_cls, ns)


def typed_element_names(cls: type, kinds: tuple[type, ...]) -> set[str]:
    """The local names of the elements under ``cls`` whose values are of one of ``kinds``."""
    names: set[str] = set()
    for binding in bindings(cls):
        if dataclasses.is_dataclass(binding.kind):
            names |= typed_element_names(binding.kind, kinds)
        elif binding.kind in kinds and binding.xml:
            names.add(binding.child or binding.xml)
    return names
