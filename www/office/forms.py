"""Forms of the customs office's back-office. They only collect and check what was typed; the
rules (who may do what, what a decision changes) are in ``habilitations.services``."""

import re

from django import forms
from django.db.models import Q, QuerySet

from habilitations import catalogue
from habilitations.models import AdhesionStatus
from identifiers import fields as identifier_fields

ALL_STATUSES = "tous"
DEFAULT_STATUS = AdhesionStatus.SUBMITTED.value
# The office never sees drafts: they are the company's until submitted.
STATUS_CHOICES = [
    (AdhesionStatus.SUBMITTED.value, AdhesionStatus.SUBMITTED.label),
    (AdhesionStatus.APPROVED.value, AdhesionStatus.APPROVED.label),
    (AdhesionStatus.REJECTED.value, AdhesionStatus.REJECTED.label),
    (AdhesionStatus.WITHDRAWN.value, AdhesionStatus.WITHDRAWN.label),
    (ALL_STATUSES, "Tous les états"),
]
INVALID_DATE = "Saisissez une date valide, par exemple 26/11/2026."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class CompanySearchForm(forms.Form):
    """« Entreprises suivies »: a name or a SIREN, sent by GET. Whatever is typed is checked by the
    form (length, no NUL character, which PostgreSQL refuses) and refused at the field, in French."""

    q = forms.CharField(label="Raison sociale ou N° SIREN", required=False, max_length=120)


class QueueFilterForm(forms.Form):
    """The queue's filters, sent by GET so they work without JavaScript and can be bookmarked."""

    statut = forms.ChoiceField(
        label="État de la demande",
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choisissez un état dans la liste."},
    )
    numero = identifier_fields.excise_number_search_field(
        "N° d'accise", help_text="Tout ou partie du numéro, par exemple FR008777E0001."
    )
    entreprise = forms.CharField(
        label="Entreprise",
        required=False,
        max_length=120,
        help_text="Raison sociale ou N° SIREN.",
        error_messages={"max_length": "Saisissez au plus 120 caractères."},
    )
    du = forms.DateField(
        label="Transmise à partir du", required=False, widget=DateInput(), error_messages={"invalid": INVALID_DATE}
    )
    au = forms.DateField(
        label="Transmise jusqu'au", required=False, widget=DateInput(), error_messages={"invalid": INVALID_DATE}
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("statut"):
            data = data.copy()
            data["statut"] = DEFAULT_STATUS  # by default, the requests waiting for the office
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and start > end:
            self.add_error("au", "La date de fin doit être postérieure ou égale à la date de début.")
        return cleaned

    def apply(self, adhesions: QuerySet) -> QuerySet:
        """Narrow ``adhesions`` (already limited to what the agent may see) to the filters."""
        data = self.cleaned_data
        if data["statut"] != ALL_STATUSES:
            adhesions = adhesions.filter(status=data["statut"])
        number = data["numero"].upper()
        if number:
            adhesions = adhesions.filter(excise_number__number__icontains=number)
        company = data["entreprise"].strip()
        digits = re.sub(r"\s+", "", company)
        if digits.isdigit():
            adhesions = adhesions.filter(Q(siren__startswith=digits) | Q(operator__siren__startswith=digits))
        elif company:
            adhesions = adhesions.filter(Q(company_name__icontains=company) | Q(operator__name__icontains=company))
        if data["du"]:
            adhesions = adhesions.filter(submitted_at__date__gte=data["du"])
        if data["au"]:
            adhesions = adhesions.filter(submitted_at__date__lte=data["au"])
        return adhesions


class OperatorForm(forms.Form):
    """The seed's ROSA step: the operator's record, prefilled from the request."""

    name = forms.CharField(
        label="Raison sociale",
        max_length=120,
        error_messages={"required": "Indiquez la raison sociale.", "max_length": "Saisissez au plus 120 caractères."},
    )
    address = forms.CharField(
        label="Adresse",
        max_length=200,
        help_text="Numéro et voie, par exemple 15 avenue de la République.",
        error_messages={"required": "Indiquez l'adresse.", "max_length": "Saisissez au plus 200 caractères."},
    )
    postal_code = forms.CharField(
        label="Code postal",
        max_length=10,
        error_messages={"required": "Indiquez le code postal.", "max_length": "Saisissez au plus 10 caractères."},
    )
    city = forms.CharField(
        label="Commune",
        max_length=100,
        error_messages={"required": "Indiquez la commune.", "max_length": "Saisissez au plus 100 caractères."},
    )

    @classmethod
    def initial_from(cls, adhesion) -> dict:
        """The request's company, its one-line address split as ROSA keeps it."""
        operator = adhesion.operator
        match = re.match(r"^(?P<street>.*?)[\s,]+(?P<postal_code>\d{5})\s+(?P<city>.+)$", adhesion.company_address)
        if match:
            street, postal_code, city = match["street"].strip(" ,"), match["postal_code"], match["city"].strip()
        else:
            street, postal_code, city = adhesion.company_address, operator.postal_code, operator.city
        return {"name": adhesion.company_name, "address": street, "postal_code": postal_code, "city": city}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Il est communiqué par courriel au demandeur et à chaque compte désigné.",
        error_messages={
            "required": "Indiquez le motif du refus : il est communiqué à l'entreprise.",
            "max_length": "Le motif ne peut dépasser 2 000 caractères.",
        },
    )


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = f"{user.last_name} {user.first_name}".strip()
        return f"{user.username} — {name}" if name else user.username


def _account_field(label: str, queryset) -> AccountChoiceField:
    return AccountChoiceField(
        label=label,
        queryset=queryset,
        empty_label="— Choisir un compte —",
        error_messages={
            "required": "Choisissez un compte.",
            "invalid_choice": "Choisissez un compte rattaché à l'entreprise dans la liste.",
        },
    )


class CorrespondentForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial="correspondent")

    def __init__(self, *args, accounts, **kwargs):
        kwargs.setdefault("auto_id", "correspondant_%s")
        super().__init__(*args, **kwargs)
        self.fields["compte"] = _account_field("Compte à nommer correspondant Prodou@ne", accounts)


class AdministratorForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial="admin")
    teleservice = forms.ChoiceField(
        label="Téléservice",
        choices=[(slug, slug.upper()) for slug in catalogue.RIGHTS],
        error_messages={"invalid_choice": "Choisissez un téléservice ouvert sur habilitation."},
    )
    may_appoint_admins = forms.BooleanField(label="Peut nommer d'autres administrateurs", required=False)

    def __init__(self, *args, accounts, **kwargs):
        kwargs.setdefault("auto_id", "administrateur_%s")
        super().__init__(*args, **kwargs)
        self.fields["compte"] = _account_field("Correspondant à nommer administrateur téléservice", accounts)
        self.order_fields(["kind", "compte", "teleservice", "may_appoint_admins"])


class HabilitationTargetForm(forms.Form):
    """Whose habilitations, on which excise number: chosen on the company's page (GET)."""

    def __init__(self, *args, numbers, accounts, **kwargs):
        kwargs.setdefault("auto_id", "cible_%s")
        super().__init__(*args, **kwargs)
        self.fields["numero"] = forms.ModelChoiceField(
            label="N° d'accise",
            queryset=numbers,
            to_field_name="number",
            empty_label="— Choisir un numéro —",
            error_messages={
                "required": "Choisissez un numéro d'accise.",
                "invalid_choice": "Choisissez un numéro d'accise de l'entreprise suivi par votre bureau, "
                "avec une adhésion acceptée.",
            },
        )
        self.fields["compte"] = _account_field("Compte", accounts)


class RightsForm(forms.Form):
    rights = forms.MultipleChoiceField(
        label="Droits",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Droit inconnu : cochez seulement les droits proposés."},
    )

    def __init__(self, *args, teleservice: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rights"].choices = catalogue.choices(teleservice)
        self.fields["rights"].label = f"Droits sur {teleservice.upper()}"
