"""C202: a document given by its type gives its reference; without a type, the reference does not
apply.

Official text (``emcs/spec/C202.md``)::

    IF <Document Type> is used
    THEN  <Document Reference> is "R"
    ELSE  <Document Reference> does not apply"""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable, required

CODE = "C202"
REQUIRED = "Indiquez la référence du document."
NOT_APPLICABLE = "La référence ne s'applique qu'avec un type de document : choisissez-en un ou laissez-la vide."


def check(*, document_type: str, document_reference: str, field: str) -> list[RuleError]:
    """``field``: the document's reference (``documents.0.document_reference``)."""
    if document_type and not document_reference:
        return [required(CODE, field, REQUIRED)]
    if not document_type and document_reference:
        return [not_applicable(CODE, field, NOT_APPLICABLE)]
    return []
