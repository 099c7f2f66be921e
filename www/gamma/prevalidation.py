"""« Pré-valider un opérateur »: may this excise number receive these products? The page of
``gamma.prevalidation.operator_prevalidate``, by GET (bookmarkable, no JavaScript needed).

For the users of GAMMA only — those holding a GAMMA right on at least one excise number — as
HMRC's is for the traders of its EMCS: it answers a consignor preparing a document. Anyone may
still read a French number's status and categories on InfoAccises, the free public look-up."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gamma import prevalidation
from gamma.models import DestinationType
from gamma.rules import seed
from habilitations import catalogue, rights
from identifiers import fields as identifier_fields

ANY_DESTINATION = ""


class PrevalidationForm(forms.Form):
    numero = identifier_fields.excise_number_field(
        "Numéro d'accise de l'opérateur",
        required=True,
        help_text="13 caractères, par exemple FR009990F0005.",
        error_messages={"required": "Saisissez le numéro d'accise de l'opérateur (par exemple FR009990F0005)."},
    )
    categories = forms.MultipleChoiceField(
        label="Catégories de produits à lui expédier",
        choices=[(code, f"{label} ({code})") for code, label in seed.CATEGORY_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Cochez au moins une catégorie de produits.",
            "invalid_choice": "Choisissez des catégories de la liste.",
        },
    )
    type_destination = forms.TypedChoiceField(
        label="Type de destination",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            (ANY_DESTINATION, "Tout type de réception"),
            *[(str(code), f"{code} — {DestinationType(code).label}") for code in prevalidation.DESTINATION_TYPES],
        ],
        error_messages={"invalid_choice": "Choisissez un type de destination de la liste."},
    )


@login_required
@require_GET
def operator_prevalidation(request):
    context = {"title": "Pré-valider un opérateur"}
    if not rights.rights_by_excise_number(request.user, catalogue.GAMMA):
        return render(request, "gamma/prevalidation.html", {**context, "refused": True}, status=403)
    form = PrevalidationForm(request.GET if "numero" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = prevalidation.operator_prevalidate(
                excise_number=form.cleaned_data["numero"],
                product_categories=form.cleaned_data["categories"],
                destination_type=form.cleaned_data["type_destination"],
            )
        except prevalidation.PrevalidationRefused as refusal:
            form.add_error(None, refusal.message)
    return render(request, "gamma/prevalidation.html", {**context, "form": form, "result": result})
