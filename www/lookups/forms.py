"""The free look-up forms. They only collect the text typed: the register services check it and
give the French reason when they refuse, which the views place next to the field."""

from django import forms

# Anything longer is not a number anyone meant to type; refused before any work.
MAX_INPUT_LENGTH = 64


class LookupField(forms.CharField):
    def __init__(self, *, label: str, required_message: str, too_long_message: str, **kwargs) -> None:
        super().__init__(
            label=label,
            max_length=MAX_INPUT_LENGTH,
            error_messages={"required": required_message, "max_length": too_long_message},
            **kwargs,
        )


class SiretLookupForm(forms.Form):
    siret = LookupField(
        label="N° SIRET",
        required_message="Saisissez le numéro SIRET (14 chiffres).",
        too_long_message="Le numéro SIRET doit comporter 14 chiffres.",
    )


class ExciseNumberLookupForm(forms.Form):
    numero = LookupField(
        label="Numéro d'accise",
        required_message="Saisissez le numéro d'accise (13 caractères, par exemple FR008777E0001).",
        too_long_message="Le numéro d'accise comporte 13 caractères (par exemple FR008777E0001).",
    )


class VatCheckForm(forms.Form):
    numero_tva = LookupField(
        label="Numéro de TVA intracommunautaire",
        required_message="Saisissez le numéro de TVA intracommunautaire (FR suivi de 11 caractères).",
        too_long_message="Le numéro de TVA intracommunautaire français comporte 13 caractères.",
    )


class VatFromSirenForm(forms.Form):
    siren = LookupField(
        label="N° SIREN",
        required_message="Saisissez le numéro SIREN (9 chiffres).",
        too_long_message="Le numéro SIREN doit comporter 9 chiffres.",
    )
