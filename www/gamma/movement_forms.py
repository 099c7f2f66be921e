"""Forms of the movement pages: the search's filters and one short form per action. They only read
and type what was posted; the rules (rights, statuses, official codes) are ``gamma.actions``'s,
whose errors come back to the fields here (``add_action_errors``)."""

from __future__ import annotations

from django import forms

from emcs import codelists
from emcs.models import ExciseProductCode
from gamma import actions, search
from gamma.lifecycle import GLOBAL_CONCLUSIONS
from gamma.models import MovementStatus
from identifiers import fields as identifier_fields

INVALID_DATE = "Saisissez une date valide, par exemple 26/11/2026."
INVALID_CHOICE = "Choisissez une valeur de la liste."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _date(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": INVALID_DATE, "required": "Saisissez la date."},
    )


def _text(label: str, max_length: int, *, required: bool = False, help_text: str = "", area: bool = False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}) if area else forms.TextInput(),
        error_messages={"max_length": f"{max_length} caractères au plus.", "required": "Ce champ est obligatoire."},
    )


def _choice(label: str, choices, *, required: bool = True, radio: bool = False, help_text: str = "", missing: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"invalid_choice": INVALID_CHOICE, "required": missing or "Choisissez une valeur."},
    )


def _reasons(list_code: str, *, blank: str | None = "— Choisissez un motif —") -> list[tuple[str, str]]:
    choices = codelists.reasons(list_code)
    return [("", blank), *choices] if blank else choices


def add_action_errors(form: forms.Form, refused: actions.ActionRefused) -> None:
    """The service's errors at their fields (``lines.3.observed_quantity`` → ``line_3_observed_quantity``)."""
    for key, messages in refused.errors.items():
        name = key.replace("lines.", "line_").replace(".", "_")
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


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


class ActionForm(forms.Form):
    """A form of one action on ``movement``; ``submit(...)`` calls the service."""

    def __init__(self, *args, movement, **kwargs):
        self.movement = movement
        super().__init__(*args, **kwargs)

    def line_rows(self) -> list[tuple]:
        """Per goods line: the line and its bound fields, for the per-line table."""
        return []


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


TRADER_FIELDS = [
    ("traderid", "Numéro d'accise", 16),
    ("name", "Nom", 182),
    ("street_name", "Rue", 65),
    ("street_number", "Numéro", 11),
    ("postcode", "Code postal", 10),
    ("city", "Ville", 50),
]


class ChangeDestinationForm(ActionForm):
    destination_type_code = _choice(
        "Nouveau type de destination", [], radio=True, missing="Choisissez le nouveau type de destination."
    )
    delivery_office_code = identifier_fields.customs_office_field(
        "Bureau d'exportation", help_text="Pour une exportation : 8 caractères, par exemple FR000690."
    )
    journey_time = _text(
        "Nouvelle durée du transport",
        3,
        help_text="Facultatif : H suivie de 2 chiffres (heures) ou D et 2 chiffres (jours), par exemple D03.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination_type_code"].choices = [
            (str(code), label) for code, label in actions.destination_type_choices(self.movement.kind)
        ]
        for prefix, who in (("consignee", "du nouveau destinataire"), ("delivery_place", "du lieu de livraison")):
            for name, label, length in TRADER_FIELDS:
                field_label = f"{label} {who}"
                if name == "traderid":
                    if prefix == "delivery_place":
                        field_label = "Référence de l'entrepôt fiscal de livraison"
                    self.fields[f"{prefix}_{name}"] = identifier_fields.trader_id_field(field_label, help_text="")
                    continue
                self.fields[f"{prefix}_{name}"] = _text(field_label, length)

    def trader_fields(self, prefix: str):
        return [self[f"{prefix}_{name}"] for name, _, _ in TRADER_FIELDS]

    @property
    def consignee_fields(self):
        return self.trader_fields("consignee")

    @property
    def delivery_place_fields(self):
        return self.trader_fields("delivery_place")

    def submit(self, **common):
        data = self.cleaned_data

        def trader(prefix):
            return actions.TraderInput(**{name: data[f"{prefix}_{name}"] for name, _, _ in TRADER_FIELDS})

        return actions.movement_change_destination(
            **common,
            destination_type_code=data["destination_type_code"],
            consignee=trader("consignee"),
            delivery_place=trader("delivery_place"),
            delivery_office_code=data["delivery_office_code"],
            journey_time=data["journey_time"],
        )


class ReceiptForm(ActionForm):
    date_of_arrival = _date("Date d'arrivée des produits", required=True)
    global_conclusion = _choice(
        "Conclusion de la réception",
        [(str(k), v) for k, v in GLOBAL_CONCLUSIONS.items()],
        radio=True,
        missing="Choisissez la conclusion de la réception.",
    )
    complementary_information = _text("Observations", 350, area=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = _reasons(codelists.UNSATISFACTORY_RECEIPT_REASONS, blank="— Aucun —")
        self.lines = list(self.movement.lines.all())
        for line in self.lines:
            ref = line.body_record_unique_reference
            self.fields[f"line_{ref}_indicator"] = _choice(
                f"Écart constaté, ligne {ref}",
                [("", "Aucun"), *actions.INDICATORS.items()],
                required=False,
            )
            self.fields[f"line_{ref}_observed_quantity"] = _text(f"Quantité manquante ou excédentaire, ligne {ref}", 20)
            self.fields[f"line_{ref}_refused_quantity"] = _text(f"Quantité refusée, ligne {ref}", 20)
            self.fields[f"line_{ref}_reason_code"] = _choice(f"Motif, ligne {ref}", reasons, required=False)
            self.fields[f"line_{ref}_reason_complementary_information"] = _text(f"Précisions, ligne {ref}", 350)

    def line_rows(self):
        names = (
            "indicator",
            "observed_quantity",
            "refused_quantity",
            "reason_code",
            "reason_complementary_information",
        )
        return [
            (line, [self[f"line_{line.body_record_unique_reference}_{name}"] for name in names]) for line in self.lines
        ]

    def submit(self, **common):
        data = self.cleaned_data
        lines = []
        for line in self.lines:
            ref = line.body_record_unique_reference
            reason = data[f"line_{ref}_reason_code"]
            lines.append(
                actions.ReceiptLine(
                    body_record_unique_reference=ref,
                    indicator=data[f"line_{ref}_indicator"],
                    observed_quantity=data[f"line_{ref}_observed_quantity"],
                    refused_quantity=data[f"line_{ref}_refused_quantity"],
                    reasons=[actions.Reason(reason, data[f"line_{ref}_reason_complementary_information"])]
                    if reason
                    else [],
                )
            )
        return actions.movement_report_receipt(
            **common,
            date_of_arrival=data["date_of_arrival"],
            global_conclusion=data["global_conclusion"],
            complementary_information=data["complementary_information"],
            lines=lines,
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
