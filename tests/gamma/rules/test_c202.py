from gamma import rules
from gamma.rules import c202

FIELD = "documents.0.document_reference"


def test_a_type_of_document_needs_its_reference():
    assert c202.check(document_type="1", document_reference="REF-1", field=FIELD) == []
    assert c202.check(document_type="1", document_reference="", field=FIELD) == [
        rules.RuleError("C202", FIELD, "Indiquez la référence du document.")
    ]


def test_a_reference_without_a_type_does_not_apply():
    assert c202.check(document_type="", document_reference="", field=FIELD) == []
    assert c202.check(document_type="", document_reference="REF-1", field=FIELD) == [
        rules.RuleError(
            "C202",
            FIELD,
            "La référence ne s'applique qu'avec un type de document : choisissez-en un ou laissez-la vide.",
        )
    ]
