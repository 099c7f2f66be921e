import pytest

from gamma import rules
from gamma.rules import c006


@pytest.mark.parametrize(
    ("document_type", "description", "reference"), [("1", "", ""), ("", "Certificat", ""), ("", "", "Facture 12")]
)
def test_one_of_type_description_or_reference_is_enough(document_type, description, reference):
    errors = c006.check(
        document_type=document_type,
        document_description=description,
        reference_of_document=reference,
        field="documents.0.document_type",
    )
    assert errors == []


def test_a_document_saying_nothing_of_itself_is_refused():
    assert c006.check(
        document_type="", document_description="", reference_of_document="", field="documents.2.document_type"
    ) == [
        rules.RuleError(
            "C006", "documents.2.document_type", "Indiquez le type, la description ou la référence du document."
        )
    ]
