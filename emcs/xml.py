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
levels deep)."""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

VERSION = "V3.23"
NAMESPACE_TEMPLATE = "urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:{}:" + VERSION
TMS = NAMESPACE_TEMPLATE.format("TMS")
MAX_MESSAGE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
# The XML declaration's encoding, if any: <?xml version="1.0" encoding="…"?>
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# An EMCS phase 4 namespace of any message and version: ``urn:…:PHASE4:IE815:V3.13``.
_EMCS_NAMESPACE = re.compile(r"urn:publicid:-:EC:DGTAXUD:EMCS:PHASE\d+:(?P<message>[A-Z0-9]+):(?P<version>V[\d.]+)")


class InvalidMessage(Exception):
    """The XML is unsafe, malformed, or not valid against its schema; ``errors`` lists why
    (line, path, schema's message)."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def namespace(message: str) -> str:
    """``namespace("IE815")`` → ``urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23``."""
    return NAMESPACE_TEMPLATE.format(message.upper())


def schema_dir() -> Path:
    return Path(settings.EMCS_SCHEMA_DIR)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


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
    _check_before_parsing(bytes(data))
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise InvalidMessage(f"Le message n'est pas un XML bien formé : {error}") from error
    if root.getroottree().docinfo.doctype:
        raise InvalidMessage("Le message contient une déclaration DOCTYPE, refusée par sécurité.")
    if _deeper_than(root, MAX_DEPTH):
        raise InvalidMessage(f"Le message est imbriqué sur plus de {MAX_DEPTH} niveaux : il est refusé par sécurité.")
    check_version(root)
    return root


def _check_before_parsing(data: bytes) -> None:
    """Refuse, without parsing, an empty message, another encoding than UTF-8, and any DOCTYPE or
    entity declaration."""
    if not data.strip():
        raise InvalidMessage("Le message est vide.")
    if data.startswith(_BYTE_ORDER_MARKS) or b"\x00" in data[:1024]:
        raise InvalidMessage("Le message doit être encodé en UTF-8 (il semble encodé en UTF-16 ou UTF-32).")
    declared = _DECLARED_ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).decode("ascii").upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        raise InvalidMessage(
            f"Le message doit être encodé en UTF-8 : son en-tête XML déclare « {declared.group(1).decode('ascii')} »."
        )
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InvalidMessage("Le message contient une déclaration DOCTYPE, refusée par sécurité.")


def _deeper_than(root: etree._Element, limit: int) -> bool:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def check_version(root: etree._Element) -> None:
    """Refuse a root whose namespace is not ``urn:…:PHASE4:<its name>:V3.23``: another version
    (« V3.13 reçue, V3.23 attendue »), another namespace, or none."""
    name = etree.QName(root)
    expected = namespace(name.localname)
    if name.namespace == expected:
        return
    match = _EMCS_NAMESPACE.fullmatch(name.namespace or "")
    if match and match.group("version") != VERSION:
        raise InvalidMessage(
            f"Version EMCS non prise en charge : {match.group('version')} reçue, {VERSION} attendue "
            f"(espace de noms « {name.namespace} » reçu, « {expected} » attendu)."
        )
    received = f"« {name.namespace} »" if name.namespace else "aucun"
    raise InvalidMessage(
        f"Espace de noms non pris en charge pour le message {name.localname} : {received} reçu, "
        f"« {expected} » attendu (EMCS {VERSION})."
    )


@cache
def schema(message: str) -> etree.XMLSchema:
    path = schema_dir() / f"{message.lower()}.xsd"
    if not path.exists():
        raise InvalidMessage(f"Aucun schéma pour le message {message}.")
    return etree.XMLSchema(etree.parse(str(path), parser=_parser()))


def message_type(root: etree._Element) -> str:
    """``IE815`` for a root element ``{…:IE815:V3.23}IE815``."""
    return etree.QName(root).localname


def validate(root: etree._Element, message: str | None = None) -> None:
    """Raise InvalidMessage with every schema error unless ``root`` is valid."""
    message = message or message_type(root)
    xml_schema = schema(message)
    if not xml_schema.validate(root):
        errors = [f"ligne {e.line} : {e.path} : {e.message}" for e in xml_schema.error_log]
        raise InvalidMessage(f"Le message {message} n'est pas conforme au schéma {VERSION}.", errors)


def parse_and_validate(data: bytes, message: str | None = None) -> etree._Element:
    root = parse(data)
    validate(root, message)
    return root


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
