"""Forms of the office's GAMMA pages: the traders' search filters (``www.gamma.movement_forms``)
with the operator in the office's charge (its excise number, its name) instead of the other trader
and the direction, and the office's two actions. They only read what was posted; the rules are
``gamma.actions.office``'s."""

from __future__ import annotations

from django import forms

from emcs import codelists
from gamma import actions, search
from identifiers import fields as identifier_fields
from www.gamma.movement_forms import SearchForm, _choice, _reasons, _text


class OfficeSearchForm(SearchForm):
    operateur = identifier_fields.excise_number_search_field(
        "N° d'accise de l'opérateur suivi",
        help_text="Tout ou partie du numéro, expéditeur ou destinataire, par exemple FR008777E0001.",
    )
    raison_sociale = _text(
        "Raison sociale de l'opérateur suivi", 120, help_text="Une partie suffit, par exemple DISTRIBUTION."
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        del self.fields["sens"]  # dispatched or received: seen from one number only

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(
            arc=data["arc"],
            lrn=data["lrn"],
            status=data["statut"],
            epc=data["produit"],
            dispatched_from=data["expedie_du"],
            dispatched_to=data["expedie_au"],
            received_from=data["recu_du"],
            received_to=data["recu_au"],
            transporter=data["transporteur"].strip(),
            destination_country=data["pays_destination"],
            dispatch_country=data["pays_expedition"],
            not_discharged_only=data["non_apures"],
            overdue_only=data["en_retard"],
            sort=data["tri"] or search.DEFAULT_SORT,
        )


class InterruptForm(forms.Form):
    reason_code = _choice("Motif de l'interruption", [], missing="Choisissez le motif de l'interruption.")
    reason_complementary_information = _text(
        "Informations complémentaires", 350, area=True, help_text="Obligatoires pour le motif « Autre »."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = _reasons(codelists.INTERRUPTION_REASONS)

    def submit(self, *, movement, actor):
        data = self.cleaned_data
        return actions.movement_interrupt(
            movement=movement,
            actor=actor,
            reason_code=data["reason_code"],
            complementary_information=data["reason_complementary_information"],
        )


class ManualClosureForm(forms.Form):
    reason = _text(
        "Motif de la clôture",
        350,
        required=True,
        area=True,
        help_text="Par exemple : réception constatée par le bureau, marchandises réintégrées en entrepôt.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Indiquez le motif de la clôture."

    def submit(self, *, movement, actor):
        return actions.movement_close_manually(movement=movement, actor=actor, reason=self.cleaned_data["reason"])
