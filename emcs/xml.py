"""XML of the EMCS messages: safe parsing and validation against the official schemas (V3.23).

Parsing never resolves DTDs or entities, never reaches the network, and refuses huge trees: a
message from outside (EDI upload) cannot blow up memory or read local files. It takes the bytes
received (never a decoded ``str``: the XML declaration says the encoding) and refuses a message of
another EMCS version or namespace, saying which it received and which it expects.

Before the parser sees a byte, ``parse`` refuses what it never needs to read: more than
``MAX_MESSAGE_BYTES``, an encoding other than UTF-8 (EMCS messages are UTF-8: a UTF-16 or UTF-32
byte order mark, NUL bytes or another declared encoding are refused), and any DOCTYPE or entity
declaration (XXE, billion laughs, quadratic blow-up, external DTD) — the bytes are searched, not
parsed. After parsing, a tree deeper than ``MAX_DEPTH`` is refused (EMCS messages are about ten
levels deep).

A refusal (``InvalidMessage``) says where: each fault is an ``XmlError`` (line, column, the XPath
of the element by local names, libxml2's message and the value received), which the IE917 answer
(``emcs.answers.ie917_for``) carries; ``errors`` gives them as French sentences."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

from emcs import xml_errors_fr

VERSION = "V3.23"
NAMESPACE_TEMPLATE = "urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:{}:" + VERSION
TMS = NAMESPACE_TEMPLATE.format("TMS")
MAX_MESSAGE_BYTES = 5 * 1024 * 1024
MAX_ERRORS = 999  # an IE917 holds at most 999 XmlError
MAX_DEPTH = 32
# The XML declaration's encoding, if any: <?xml version="1.0" encoding="…"?>
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# An EMCS phase 4 namespace of any message and version: ``urn:…:PHASE4:IE815:V3.13``.
_EMCS_NAMESPACE = re.compile(r"urn:publicid:-:EC:DGTAXUD:EMCS:PHASE\d+:(?P<message>[A-Z0-9]+):(?P<version>V[\d.]+)")
_SCHEMA_NAME = re.compile(r"IE\d{3}", re.IGNORECASE)  # a file name of emcs/schemas, nothing else
_ELEMENT = re.compile(r"^Element '(?P<tag>[^']+)'")
_ATTRIBUTE = re.compile(r"^Element '[^']*', attribute '(?P<name>[^']+)'")


@dataclass(frozen=True)
class XmlError:
    """One fault of a message as XML: where it is and what libxml2 (or the portal) says of it."""

    line: int  # from 1; 0 when unknown
    column: int  # from 1; 0 when unknown
    path: str  # XPath by local names (``/IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad[2]/Quantity``), or ""
    message: str  # libxml2's message as it says it (English), or the portal's own (French)
    value: str | None = None  # the element's or attribute's text as received, when it has one

    @property
    def french(self) -> str:
        return xml_errors_fr.translate(self.message)

    def __str__(self) -> str:
        where = f"ligne {self.line}" + (f", colonne {self.column}" if self.column else "")
        return f"{where} : {self.path} : {self.french}" if self.path else f"{where} : {self.french}"


class InvalidMessage(Exception):
    """The XML is unsafe, malformed, or not valid against its schema. ``details`` lists the faults
    as ``XmlError`` (line, column, path, message, value); ``errors`` the same as French sentences
    (« ligne 13, colonne 9 : /IE815/… : Élément … »), with any plain text given instead."""

    def __init__(self, message: str, errors: Sequence[str | XmlError] | None = None) -> None:
        super().__init__(message)
        self.details: list[XmlError] = [error for error in errors or [] if isinstance(error, XmlError)]
        self.errors: list[str] = [str(error) for error in errors or []]


def namespace(message: str) -> str:
    """``namespace("IE815")`` → ``urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23``."""
    return NAMESPACE_TEMPLATE.format(message.upper())


def schema_dir() -> Path:
    return Path(settings.EMCS_SCHEMA_DIR)


def _parser(*, recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


# ---------------------------------------------------------------------------------------------
# Where a fault is: path, column, value


def local_name(element: etree._Element) -> str:
    """``Quantity`` of ``{urn:…}Quantity``; never refuses a name (a recovered tree may hold ``tms:``)."""
    return str(element.tag).rpartition("}")[2]


def path_of(element: etree._Element) -> str:
    """``/IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad[2]/Quantity``: local names, and a
    position (from 1) where the element has siblings of its name."""
    parts = []
    node: etree._Element | None = element
    while node is not None:
        name = local_name(node)
        parent = node.getparent()
        if parent is not None:
            same = [child for child in parent if child.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


def _text_lines(data: bytes, root: etree._Element) -> list[str]:
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    try:
        return data.decode(encoding, errors="replace").splitlines()
    except LookupError:
        return data.decode("utf-8", errors="replace").splitlines()


def _columns(elements: Iterable[etree._Element], data: bytes, root: etree._Element) -> dict[etree._Element, int]:
    """The column (from 1) of each element's start tag in ``data``: lxml keeps only its line, so
    its start tag is looked for on that line, the n-th one when several of its name share it."""
    wanted = {element for element in elements if element.sourceline}
    if not wanted:
        return {}
    lines = _text_lines(data, root)
    by_line: dict[int, list[etree._Element]] = {}
    needed = {element.sourceline for element in wanted}
    for element in root.iter(etree.Element):
        if element.sourceline in needed:
            by_line.setdefault(element.sourceline, []).append(element)
    columns = {}
    for element in wanted:
        line = element.sourceline - 1
        if line >= len(lines):
            continue
        qname = local_name(element) if element.prefix is None else f"{element.prefix}:{local_name(element)}"
        namesakes = [
            other
            for other in by_line[element.sourceline]
            if other.tag == element.tag and other.prefix == element.prefix
        ]
        starts = [found.start() + 1 for found in re.finditer(rf"<{re.escape(qname)}(?=[\s/>]|$)", lines[line])]
        position = namesakes.index(element)
        if position < len(starts):
            columns[element] = starts[position]
    return columns


def _value_of(element: etree._Element, message: str) -> str | None:
    attribute = _ATTRIBUTE.match(message)
    if attribute:
        return element.get(attribute["name"])
    if len(element):
        return None
    return element.text if element.text is not None else ""


def _element_at(entry, root: etree._Element, prefixes: dict[str, str]) -> etree._Element | None:
    """The element a schema error is about: by libxml2's path (its prefixes are the message's own),
    else by the element the message names on the error's line."""
    if entry.path:
        try:
            matches = root.getroottree().xpath(entry.path, namespaces=prefixes)
        except etree.XPathError:
            matches = []
        if matches and isinstance(matches[0], etree._Element):
            return matches[0]
    named = _ELEMENT.match(entry.message)
    if named and entry.line:
        for element in root.iter(etree.Element):
            if element.sourceline == entry.line and element.tag == named["tag"]:
                return element
    return None


def _located(log: Iterable, root: etree._Element, data: bytes | None) -> list[XmlError]:
    """The schema's error log as ``XmlError``: each entry's element found by libxml2's path."""
    entries = list(log)[:MAX_ERRORS]
    prefixes: dict[str, str] = {}
    for element in root.iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            if prefix:
                prefixes.setdefault(prefix, uri)
    elements = [_element_at(entry, root, prefixes) for entry in entries]
    columns = _columns((e for e in elements if e is not None), data, root) if data is not None else {}
    return [
        XmlError(
            line=entry.line or (element.sourceline if element is not None else 0) or 0,
            column=columns.get(element, 0) if element is not None else 0,
            path=path_of(element) if element is not None else "",
            message=entry.message.strip(),
            value=_value_of(element, entry.message) if element is not None else None,
        )
        for entry, element in zip(entries, elements, strict=True)
    ]


def read_leniently(data: bytes) -> etree._Element | None:
    """What can be read of a message that is not well-formed (a recovering parse, as safe as
    ``parse``: no DTD, no entity, no network), or None: only to say where it breaks, or who sent
    it, never to act on its content."""
    try:
        return etree.fromstring(bytes(data), parser=_parser(recover=True))
    except (etree.XMLSyntaxError, ValueError, TypeError):
        return None


def _open_element_path(data: bytes, line: int) -> str:
    """Where a message stops being well-formed: the last element started at or before ``line``
    (not looked for in a message declaring a DTD or entities: it is refused for that alone)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return ""
    root = read_leniently(data)
    if root is None:
        return ""
    last = None
    for element in root.iter(etree.Element):
        if element.sourceline and element.sourceline > line:
            break
        last = element
    return path_of(last) if last is not None else ""


def _syntax_errors(parser: etree.XMLParser, error: etree.XMLSyntaxError, data: bytes) -> list[XmlError]:
    entries = [entry for entry in parser.error_log if entry.level_name in ("ERROR", "FATAL")][:MAX_ERRORS]
    if not entries:
        line, column = error.position
        return [XmlError(line=line or 0, column=column or 0, path="", message=error.msg or str(error))]
    first_line = entries[0].line or 0
    path = _open_element_path(data, first_line) if first_line else ""
    return [
        XmlError(line=entry.line or 0, column=entry.column or 0, path=path, message=entry.message.strip())
        for entry in entries
    ]


def _position(data: bytes, marker: bytes) -> tuple[int, int]:
    index = data.find(marker)
    if index < 0:
        return 0, 0
    return data.count(b"\n", 0, index) + 1, index - (data.rfind(b"\n", 0, index) + 1) + 1


# ---------------------------------------------------------------------------------------------
# Parsing and validating


def parse(data: bytes) -> etree._Element:
    """Parse a message safely; a DOCTYPE (the way to XML bombs and external entities) is refused,
    and so is a root outside the EMCS V3.23 namespaces (``check_version``)."""
    if not isinstance(data, bytes | bytearray):
        raise InvalidMessage(
            f"Le message doit être transmis tel qu\u2019il a été reçu, en octets, et non en {type(data).__name__} : "
            "son encodage est celui que déclare son en-tête XML."
        )
    if len(data) > MAX_MESSAGE_BYTES:
        raise InvalidMessage(f"Le message dépasse la taille maximale ({MAX_MESSAGE_BYTES // 1024 // 1024} Mo).")
    data = bytes(data)
    _check_before_parsing(data)
    parser = _parser()
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        details = _syntax_errors(parser, error, data)
        first = details[0]
        raise InvalidMessage(
            f"Le message n'est pas un XML bien formé : {first.french} (ligne {first.line}, colonne {first.column})",
            details,
        ) from error
    if root.getroottree().docinfo.doctype:
        line, column = _position(data, b"<!DOCTYPE")
        message = "Le message contient une déclaration DOCTYPE, refusée par sécurité."
        raise InvalidMessage(message, [XmlError(line=line, column=column, path="", message=message)])
    if _deeper_than(root, MAX_DEPTH):
        message = f"Le message est imbriqué sur plus de {MAX_DEPTH} niveaux : il est refusé par sécurité."
        raise InvalidMessage(message, [XmlError(line=1, column=1, path="", message=message)])
    check_version(root, data=data)
    return root


def _refuse_unread(message: str, data: bytes, marker: bytes | None = None) -> InvalidMessage:
    line, column = _position(data, marker) if marker else (1, 1)
    return InvalidMessage(message, [XmlError(line=line, column=column, path="", message=message)])


def _refused_unread(message: str, data: bytes, marker: bytes | None = None) -> InvalidMessage:
    """A refusal before parsing, located at ``marker`` (or the start) as the IE917 needs."""
    line, column = _position(data, marker) if marker else (1, 1)
    return InvalidMessage(message, [XmlError(line=line or 1, column=column or 1, path="", message=message)])


def _check_before_parsing(data: bytes) -> None:
    """Refuse, without parsing, an empty message, another encoding than UTF-8, and any DOCTYPE or
    entity declaration."""
    if not data.strip():
        raise _refused_unread("Le message est vide.", data)
    if data.startswith(_BYTE_ORDER_MARKS) or b"\x00" in data[:1024]:
        raise _refused_unread("Le message doit être encodé en UTF-8 (il semble encodé en UTF-16 ou UTF-32).", data)
    declared = _DECLARED_ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).decode("ascii").upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        raise _refused_unread(
            f"Le message doit être encodé en UTF-8 : son en-tête XML déclare « {declared.group(1).decode('ascii')} ».",
            data,
        )
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in data:
            raise _refused_unread("Le message contient une déclaration DOCTYPE, refusée par sécurité.", data, marker)


def _deeper_than(root: etree._Element, limit: int) -> bool:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def check_version(root: etree._Element, *, data: bytes | None = None) -> None:
    """Refuse a root whose namespace is not ``urn:…:PHASE4:<its name>:V3.23``: another version
    (« V3.13 reçue, V3.23 attendue »), another namespace, or none."""
    name = etree.QName(root)
    expected = namespace(name.localname)
    if name.namespace == expected:
        return
    match = _EMCS_NAMESPACE.fullmatch(name.namespace or "")
    if match and match.group("version") != VERSION:
        message = (
            f"Version EMCS non prise en charge : {match.group('version')} reçue, {VERSION} attendue "
            f"(espace de noms « {name.namespace} » reçu, « {expected} » attendu)."
        )
    else:
        received = f"« {name.namespace} »" if name.namespace else "aucun"
        message = (
            f"Espace de noms non pris en charge pour le message {name.localname} : {received} reçu, "
            f"« {expected} » attendu (EMCS {VERSION})."
        )
    column = _columns([root], data, root).get(root, 0) if data is not None else 0
    where = XmlError(
        line=root.sourceline or 0, column=column, path=f"/{name.localname}", message=message, value=name.namespace
    )
    raise InvalidMessage(message, [where])


@cache
def schema(message: str) -> etree.XMLSchema:
    path = schema_dir() / f"{message.lower()}.xsd"
    if not path.exists():
        raise InvalidMessage(f"Aucun schéma pour le message {message}.")
    return etree.XMLSchema(etree.parse(str(path), parser=_parser()))


def message_type(root: etree._Element) -> str:
    """``IE815`` for a root element ``{…:IE815:V3.23}IE815``."""
    return etree.QName(root).localname


def validate(root: etree._Element, message: str | None = None, *, data: bytes | None = None) -> None:
    """Raise InvalidMessage with every schema error unless ``root`` is valid; given the bytes
    ``root`` was parsed from, each error has its column too."""
    message = message or message_type(root)
    if not _SCHEMA_NAME.fullmatch(message) or not (schema_dir() / f"{message.lower()}.xsd").exists():
        refusal = f"Aucun schéma pour le message {message[:50]}."
        column = _columns([root], data, root).get(root, 0) if data is not None else 0
        where = XmlError(line=root.sourceline or 0, column=column, path=f"/{message_type(root)}", message=refusal)
        raise InvalidMessage(refusal, [where])
    xml_schema = schema(message)
    if not xml_schema.validate(root):
        details = _located(xml_schema.error_log, root, data)
        raise InvalidMessage(f"Le message {message} n'est pas conforme au schéma {VERSION}.", details)


def parse_and_validate(data: bytes, message: str | None = None) -> etree._Element:
    root = parse(data)
    validate(root, message, data=data)
    return root


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
