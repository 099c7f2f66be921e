from django import forms

from portal.models import Domain


class CatalogueFilterForm(forms.Form):
    """The GET filter of the catalogue page: works without JavaScript."""

    domaine = forms.ChoiceField(
        label="Domaine",
        choices=[("", "Tous les domaines"), *Domain.choices],
        required=False,
        error_messages={"invalid_choice": "Choisissez un domaine dans la liste."},
    )
