"""C006: an accompanying document says at least what it is: its type, its description or its
reference.

Official text (``emcs/spec/C006.md``): "At least one, among these three fields: <Document Type>,
<Document Description>, <Reference of Document>"."""

from gamma.rules.base import RuleError
from gamma.rules.presence import required

CODE = "C006"
REQUIRED = "Indiquez le type, la description ou la référence du document."


def check(*, document_type: str, document_description: str, reference_of_document: str, field: str) -> list[RuleError]:
    """``field``: the document's type (``documents.0.document_type``), where the error is shown."""
    if document_type or document_description or reference_of_document:
        return []
    return [required(CODE, field, REQUIRED)]
