"""Forms of the movement pages: the search's filters and one short form per action. They only read
and type what was posted; the rules (rights, statuses, official codes) are ``gamma.actions``'s,
whose errors come back to the fields here (``add_action_errors``). The fields they share are
``action_fields``'s; the change of destination's and the report of receipt's forms, with their
repeated rows, have a module each (``destination_forms``, ``receipt_forms``)."""

from __future__ import annotations

from django import forms

from emcs import codelists
from emcs.models import ExciseProductCode
from gamma import actions, search
from gamma.models import MovementStatus
from identifiers import fields as identifier_fields
from www.gamma.action_fields import INVALID_CHOICE, ActionForm, _choice, _date, _reasons, _text, add_action_errors
from www.gamma.destination_forms import ChangeDestinationForm
from www.gamma.receipt_forms import ReceiptForm

__all__ = ["ACTION_FORMS", "SLUGS", "STATUS_BADGES", "ChangeDestinationForm", "SearchForm", "add_action_errors"]

# --- Search ---------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    """The search's filters, by GET (bookmarkable, no JavaScript needed). ``recherche`` tells a
    submitted form from the first visit, when « non apurés uniquement » is ticked by default."""

    recherche = forms.CharField(required=False, widget=forms.HiddenInput)
    arc = identifier_fields.arc_field("ARC", check_digit=False)
    lrn = _text("Référence locale (LRN)", 22)
    operateur = identifier_fields.excise_number_search_field(
        "N° d'accise de l'autre opérateur", help_text="Expéditeur ou destinataire, par exemple FR009990F0005."
    )
    sens = _choice("Sens", list(search.DIRECTIONS.items()), required=False)
    statut = _choice(
        "État",
        [("", "Tous les états"), *[(s.value, s.label) for s in search.SEARCHABLE_STATUSES]],
        required=False,
    )
    produit = _choice("Produit (code produit d'accise)", [("", "Tous les produits")], required=False)
    expedie_du = _date("Expédié à partir du")
    expedie_au = _date("Expédié jusqu'au")
    recu_du = _date("Arrivé à partir du")
    recu_au = _date("Arrivé jusqu'au")
    transporteur = _text(
        "Transporteur",
        182,
        help_text="Son nom (ou une partie) ou son identifiant (numéro de TVA), par exemple TRANSPORTS DURAND.",
    )
    pays_destination = _choice("Pays de destination", [], required=False)
    pays_expedition = _choice("Pays d'expédition", [], required=False)
    non_apures = forms.BooleanField(
        label="Non apurés uniquement",
        required=False,
        help_text="Sans effet sur une recherche par ARC ou par LRN : le document est trouvé quel que soit son état.",
    )
    en_retard = forms.BooleanField(label="Réception en retard uniquement", required=False)
    tri = _choice("Trier par", [(key, label) for key, (label, _) in search.SORTS.items()], required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("recherche"):
            data = data.copy()
            data.setdefault("non_apures", "on")  # first visit: what still needs following up
            data["recherche"] = "1"
        if data is not None and data.get("tri", "") not in ("", *search.SORTS):
            data = data.copy()
            data["tri"] = search.DEFAULT_SORT  # an unknown sort (a column's old link …): the default
        super().__init__(data, **kwargs)
        countries = [("", "Tous les pays"), *search.member_states()]
        self.fields["pays_destination"].choices = countries
        self.fields["pays_expedition"].choices = countries
        products = ExciseProductCode.objects.order_by("code").values_list("code", "label", "description")
        self.fields["produit"].choices = [
            ("", "Tous les produits"),
            *[(code, f"{code} — {label or description}") for code, label, description in products],
        ]

    def clean(self):
        cleaned = super().clean()
        for start, end in (("expedie_du", "expedie_au"), ("recu_du", "recu_au")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[start] > cleaned[end]:
                self.add_error(end, "Cette date précède celle du début de la période.")
        return cleaned

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(
            arc=data["arc"],
            lrn=data["lrn"],
            partner=data["operateur"],
            direction=data["sens"] or search.ALL,
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


# --- Actions --------------------------------------------------------------------------------------


class CancelForm(ActionForm):
    reason_code = _choice("Motif de l'annulation", [], missing="Choisissez le motif de l'annulation.")
    reason_complementary_information = _text(
        "Précisions", 350, area=True, help_text="Obligatoires pour le motif « Autre »."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = _reasons(codelists.CANCELLATION_REASONS)

    def submit(self, **common):
        data = self.cleaned_data
        return actions.movement_cancel(
            **common,
            reason_code=data["reason_code"],
            complementary_information=data["reason_complementary_information"],
        )


class AlertForm(ActionForm):
    rejected = _choice(
        "Nature",
        [("0", "Alerte : le mouvement continue"), ("1", "Refus du document : les marchandises ne seront pas reçues")],
        radio=True,
        missing="Dites s'il s'agit d'une alerte ou d'un refus.",
    )
    date = _date("Date de l'alerte ou du refus", required=True)
    reason_code = forms.MultipleChoiceField(
        label="Motifs",
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    reason_complementary_information = _text(
        "Précisions", 350, area=True, help_text="Obligatoires pour le motif « Autre »."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = _reasons(codelists.ALERT_REJECTION_REASONS, blank=None)

    def submit(self, **common):
        data = self.cleaned_data
        complement = data["reason_complementary_information"]
        codes = data["reason_code"]
        # The words go with « Autre » when it is chosen, with the first reason otherwise.
        carrier = codelists.OTHER_KEY if codelists.OTHER_KEY in codes else (codes[0] if codes else None)
        return actions.movement_alert_or_reject(
            **common,
            rejected=data["rejected"] == "1",
            date=data["date"],
            reasons=[actions.Reason(code, complement if code == carrier else "") for code in codes],
        )


class DelayForm(ActionForm):
    explanation_code = _choice("Motif du retard", [], missing="Choisissez le motif du retard.")
    explanation_complementary_information = _text(
        "Précisions", 350, area=True, help_text="Obligatoires pour le motif « Autre »."
    )
    message_role = _choice(
        "Ce qui est en retard",
        [(str(k), v) for k, v in actions.MESSAGE_ROLES.items()],
        radio=True,
        missing="Dites ce qui est en retard.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["explanation_code"].choices = _reasons(codelists.DELAY_REASONS)

    def submit(self, **common):
        data = self.cleaned_data
        return actions.movement_explain_delay(
            **common,
            explanation_code=data["explanation_code"],
            complementary_information=data["explanation_complementary_information"],
            message_role=data["message_role"],
        )


class ShortageForm(ActionForm):
    global_explanation = _text("Explication globale", 350, area=True)
    date_of_analysis = _date("Date de l'analyse", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = set(actions.lines_with_difference(self.movement))
        self.lines = [line for line in self.movement.lines.all() if line.body_record_unique_reference in allowed]
        for line in self.lines:
            ref = line.body_record_unique_reference
            self.fields[f"line_{ref}_explanation"] = _text(f"Explication, ligne {ref}", 350)
            self.fields[f"line_{ref}_actual_quantity"] = _text(f"Quantité réelle, ligne {ref}", 20)

    def line_rows(self):
        return [
            (
                line,
                [
                    self[f"line_{line.body_record_unique_reference}_explanation"],
                    self[f"line_{line.body_record_unique_reference}_actual_quantity"],
                ],
            )
            for line in self.lines
        ]

    def submit(self, **common):
        data = self.cleaned_data
        return actions.movement_explain_shortage(
            **common,
            global_explanation=data["global_explanation"],
            date_of_analysis=data["date_of_analysis"],
            lines=[
                actions.LineExplanation(
                    line.body_record_unique_reference,
                    data[f"line_{line.body_record_unique_reference}_explanation"],
                    data[f"line_{line.body_record_unique_reference}_actual_quantity"],
                )
                for line in self.lines
            ],
        )


# Action (its URL's slug) → form, title, and what the page says before the form.
ACTION_FORMS = {
    "annuler": ("cancel", CancelForm, "Annuler le document (IE810)"),
    "changer-destination": ("change_destination", ChangeDestinationForm, "Changer la destination (IE813)"),
    "accuser-reception": ("report_of_receipt", ReceiptForm, "Accuser réception (IE818)"),
    "alerte-ou-refus": ("alert_or_rejection", AlertForm, "Alerter ou refuser le document (IE819)"),
    "expliquer-retard": ("explain_delay", DelayForm, "Expliquer un retard (IE837)"),
    "expliquer-ecart": ("explain_shortage", ShortageForm, "Expliquer un manquant ou un excédent (IE871)"),
}
SLUGS = {action: slug for slug, (action, _, _) in ACTION_FORMS.items()}
STATUS_BADGES = {
    MovementStatus.ACCEPTED: "info",
    MovementStatus.DELIVERED: "success",
    MovementStatus.REFUSED: "error",
    MovementStatus.REJECTED: "error",
    MovementStatus.PARTIALLY_REFUSED: "warning",
    MovementStatus.DIVERTED: "new",
    MovementStatus.STOPPED: "error",
}
