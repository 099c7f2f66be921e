"""« Vérifier un document imprimé »: the code typed from the paper (under its QR code), checked by
``identifiers.check_code`` as every identifier of the portal is (``identifiers.fields``)."""

from django import forms

from identifiers import check_code
from identifiers.fields import IdentifierField


class CheckCodeForm(forms.Form):
    code = IdentifierField(
        validate=check_code.validate,
        kind="check_code",
        required=True,
        label="Code de vérification",
        error_messages={"required": check_code.EMPTY},
    )
