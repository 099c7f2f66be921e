"""An ``edi.service.Answer`` as the web pages show it (the sandbox validator, « Déposer des
messages XML »): the outcome in a sentence, each fault in French at its place in the message
(XPath, or line and column for a schema error), and the answer's XML as the endpoint sends it."""

from dataclasses import dataclass

from lxml import etree

from emcs import xml as emcs_xml

ACCEPTED, REFUSED, ERROR = "accepted", "refused", "error"


@dataclass(frozen=True)
class FaultView:
    code: str  # the rule's official code (C047, R044 …), "" for a schema error
    location: str  # XPath in the message received
    reason: str  # French
    value: str = ""  # the value received there
    line: int = 0
    column: int = 0
    field: str = ""  # the draft's field, for a fault of an IE815 (gamma.rules' paths)


@dataclass(frozen=True)
class AnswerView:
    status: int
    outcome: str  # ACCEPTED, REFUSED or ERROR
    message_type: str
    answer_type: str  # IE801, IE917, IE704 …
    faults: list[FaultView]
    xml: str
    replayed: bool = False  # the first answer to the same message, given again
    detail: str = ""  # a French sentence for an answer without faults (not allowed, identifier reused)

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED


def _first(fault, *names: str, default=""):
    for name in names:
        value = fault.get(name) if isinstance(fault, dict) else getattr(fault, name, None)
        if value not in (None, ""):
            return value
    return default


def fault_view(fault) -> FaultView:
    def number(*names: str) -> int:
        try:
            return int(_first(fault, *names, default=0))
        except (TypeError, ValueError):
            return 0

    return FaultView(
        code=str(_first(fault, "code", "rule_code", "rule")),
        location=str(_first(fault, "xpath", "location", "error_location", "path")),
        reason=str(_first(fault, "message", "reason", "error_reason", default=str(fault))),
        value=str(_first(fault, "value", "original_value", "original_attribute_value")),
        line=number("line", "error_line_number"),
        column=number("column", "error_column_number"),
        field=str(_first(fault, "field")),
    )


def _answer_type(xml: bytes) -> str:
    """The answer's message (IE801, IE704 …): its root element, read by the safe parser."""
    try:
        return etree.QName(emcs_xml.parse(xml)).localname
    except emcs_xml.InvalidMessage:
        return ""


def answer_view(answer) -> AnswerView:
    status = int(answer.status)
    outcome = ACCEPTED if 200 <= status < 300 else REFUSED if 400 <= status < 500 else ERROR
    xml = bytes(answer.xml or b"")
    return AnswerView(
        status=status,
        outcome=outcome,
        message_type=answer.message_type or "",
        answer_type=_answer_type(xml),
        faults=[fault_view(fault) for fault in (answer.faults or [])],
        xml=xml.decode("utf-8", "replace"),
        replayed=bool(getattr(answer, "replayed", False)),
        detail=str(getattr(answer, "detail", "") or ""),
    )
