"""XML of the EMCS messages: safe parsing and validation against the official schemas (V3.23).

Parsing never resolves DTDs or entities, never reaches the network, and refuses huge trees: a
message from outside (EDI upload) cannot blow up memory or read local files."""

from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

VERSION = "V3.23"
NAMESPACE_TEMPLATE = "urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:{}:" + VERSION
TMS = NAMESPACE_TEMPLATE.format("TMS")
MAX_MESSAGE_BYTES = 10 * 1024 * 1024


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
    """Parse a message safely; a DOCTYPE (the way to XML bombs and external entities) is refused."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise InvalidMessage(f"Le message dépasse la taille maximale ({MAX_MESSAGE_BYTES // 1024 // 1024} Mo).")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise InvalidMessage(f"Le message n'est pas un XML bien formé : {error}") from error
    if root.getroottree().docinfo.doctype:
        raise InvalidMessage("Le message contient une déclaration DOCTYPE, refusée par sécurité.")
    return root


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
