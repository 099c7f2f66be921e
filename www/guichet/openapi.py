"""The EDI contract (``edi/openapi.yaml``, OpenAPI 3.1) read for people: each path and method with
its summary, parameters, body and answers, as the Guichet EDI page shows them. The YAML file is
the contract the endpoint serves at ``/edi/v1/openapi.yaml``; this only reads it (PyYAML's safe
loader: plain data, no Python objects), never changes it."""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

METHODS = ("get", "post", "put", "patch", "delete")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def contract_path() -> Path:
    return Path(settings.BASE_DIR) / "edi" / "openapi.yaml"


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # query, path, header
    required: bool
    description: str


@dataclass(frozen=True)
class Answer:
    status: str  # "201", "4XX", "default"
    description: str
    media_types: tuple[str, ...]

    @property
    def description_html(self) -> SafeString:
        return prose(self.description)


@dataclass(frozen=True)
class Operation:
    method: str  # "POST"
    path: str  # "/edi/v1/messages"
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    request_media_types: tuple[str, ...]
    request_description: str
    answers: tuple[Answer, ...]
    security: tuple[str, ...]

    @property
    def description_html(self) -> SafeString:
        return prose(self.description)

    @property
    def anchor(self) -> str:
        slug = "".join(char if char.isalnum() else "-" for char in self.path.strip("/"))
        return f"operation-{self.method.lower()}-{slug}".rstrip("-")


@dataclass(frozen=True)
class Contract:
    title: str
    version: str
    summary: str
    description: str
    servers: tuple[str, ...]
    operations: tuple[Operation, ...]
    security_schemes: tuple[tuple[str, str], ...] = field(default=())  # (name, description)

    @property
    def description_html(self) -> SafeString:
        return prose(self.description)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _resolve(document: dict, node: Any) -> Any:
    """Follow a local ``$ref`` (``#/components/…``); anything else is given back as it is."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 10:
        reference = node["$ref"]
        if not reference.startswith("#/"):
            return {}
        target: Any = document
        for part in reference[2:].split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def _parameters(document: dict, *nodes: Any) -> tuple[Parameter, ...]:
    found: dict[tuple[str, str], Parameter] = {}
    for node in nodes:
        for item in node if isinstance(node, list) else []:
            parameter = _resolve(document, item)
            name = _text(parameter.get("name"))
            if name:
                where = _text(parameter.get("in"))
                found[(name, where)] = Parameter(
                    name=name,
                    where=where,
                    required=bool(parameter.get("required")),
                    description=_text(parameter.get("description")),
                )
    return tuple(found.values())


def _media_types(node: dict) -> tuple[str, ...]:
    content = node.get("content")
    return tuple(str(media_type) for media_type in content) if isinstance(content, dict) else ()


def _answers(document: dict, responses: Any) -> tuple[Answer, ...]:
    if not isinstance(responses, dict):
        return ()
    answers = []
    for status, node in responses.items():
        answer = _resolve(document, node)
        answers.append(
            Answer(status=str(status), description=_text(answer.get("description")), media_types=_media_types(answer))
        )
    return tuple(sorted(answers, key=lambda answer: (answer.status == "default", answer.status)))


def _security(document: dict, operation: dict) -> tuple[str, ...]:
    requirements = operation.get("security", document.get("security", []))
    names: list[str] = []
    for requirement in requirements if isinstance(requirements, list) else []:
        if isinstance(requirement, dict):
            names.extend(str(name) for name in requirement)
    return tuple(names)


def _base_path(servers: list) -> str:
    """The path the contract's paths are relative to: its first server's, when it is a path
    (``/edi/v1``), so that the page shows the addresses as they are called."""
    first = servers[0] if servers and isinstance(servers[0], dict) else {}
    url = _text(first.get("url"))
    return url.rstrip("/") if url.startswith("/") else ""


def read(document: dict) -> Contract:
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
    servers = document.get("servers") if isinstance(document.get("servers"), list) else []
    base = _base_path(servers)
    operations = []
    paths = document.get("paths") if isinstance(document.get("paths"), dict) else {}
    for path, item in paths.items():
        item = _resolve(document, item)
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            body = _resolve(document, operation.get("requestBody"))
            operations.append(
                Operation(
                    method=method.upper(),
                    path=base + str(path),
                    summary=_text(operation.get("summary")),
                    description=_text(operation.get("description")),
                    parameters=_parameters(document, item.get("parameters"), operation.get("parameters")),
                    request_media_types=_media_types(body),
                    request_description=_text(body.get("description")),
                    answers=_answers(document, operation.get("responses")),
                    security=_security(document, operation),
                )
            )
    components = document.get("components") if isinstance(document.get("components"), dict) else {}
    schemes = components.get("securitySchemes") if isinstance(components.get("securitySchemes"), dict) else {}
    return Contract(
        title=_text(info.get("title")),
        version=_text(info.get("version")),
        summary=_text(info.get("summary")),
        description=_text(info.get("description")),
        servers=tuple(_text(server.get("url")) for server in servers if isinstance(server, dict)),
        operations=tuple(operations),
        security_schemes=tuple(
            (
                str(name),
                _text(_resolve(document, scheme).get("description")) or _scheme_words(_resolve(document, scheme)),
            )
            for name, scheme in schemes.items()
        ),
    )


def _scheme_words(scheme: dict) -> str:
    kind, http_scheme = _text(scheme.get("type")), _text(scheme.get("scheme"))
    if kind == "http" and http_scheme:
        return f"En-tête Authorization, schéma HTTP {http_scheme}"
    if kind == "apiKey":
        return f"Clé transmise dans {_text(scheme.get('in'))} « {_text(scheme.get('name'))} »"
    return kind


@cache
def _contract_of(path: Path, modified: float) -> Contract | None:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return read(document) if isinstance(document, dict) else None


def contract() -> Contract | None:
    """The contract as the repository holds it, read again only when the file changed; None when
    it is missing or not YAML (the page then says so instead of failing)."""
    path = contract_path()
    try:
        modified = path.stat().st_mtime
    except OSError:
        return None
    return _contract_of(path, modified)


def prose(text: str) -> SafeString:
    """The contract's descriptions are CommonMark: its paragraphs, **bold** and `code` as HTML,
    everything else escaped (the file is ours, but a page never trusts markup it did not write)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        html = escape(" ".join(line.strip() for line in block.splitlines()))
        html = _CODE.sub(r"<code>\1</code>", _STRONG.sub(r"<strong>\1</strong>", html))
        paragraphs.append(f"<p>{html}</p>")
    return mark_safe("".join(paragraphs))  # noqa: S308 - every piece escaped above
