"""« Vérifier un document imprimé »: the code typed from the paper (under its QR code)."""

from django import forms

from identifiers import InvalidIdentifier, check_code
from www.lookups.forms import LookupField


class CheckCodeForm(forms.Form):
    code = LookupField(
        label="Code de vérification",
        required_message=check_code.EMPTY,
        too_long_message=check_code.LENGTH_MESSAGE,
    )

    def clean_code(self) -> str:
        try:
            return check_code.validate(self.cleaned_data["code"])
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message) from None
