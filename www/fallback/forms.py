"""Forms of the fallback pages. They collect and check what was typed, with the rules of
``fallback.rules`` (the same the services apply again); who may do what is decided by the services
and ``habilitations.rights``."""

import datetime
import re

from django import forms
from django.core import validators
from django.utils import timezone

from fallback import rules
from fallback.errors import FallbackError
from fallback.models import AssistanceStatus, DocumentNature, DocumentStatus, IncidentLevel
from habilitations import catalogue, rights
from identifiers import excise
from identifiers import fields as identifier_fields
from identifiers.exceptions import InvalidIdentifier
from portal.models import Teleservice

INVALID_DATE = "Saisissez une date valide, par exemple 26/11/2026."
INVALID_TIME = "Saisissez une heure valide au format hh:mm, par exemple 15:02."
REQUIRED_DATE = "Saisissez la date."
REQUIRED_TIME = "Saisissez l'heure (hh:mm)."
# Dates are added to and compared with others (``au`` + 1 day, an authorisation's window): one in
# year 9999 would overflow Python's dates; none of the procedure's is after this one.
LATEST_DATE = datetime.date(2999, 12, 31)
TOO_LATE = f"Saisissez une date antérieure au {LATEST_DATE:%d/%m/%Y}."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M")


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": INVALID_DATE, "required": REQUIRED_DATE},
        validators=[validators.MaxValueValidator(LATEST_DATE, message=TOO_LATE)],
    )


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        help_text="Format attendu : hh:mm.",
        error_messages={"invalid": INVALID_TIME, "required": REQUIRED_TIME},
    )


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class OpenChoiceField(forms.ChoiceField):
    """A select whose value the form checks itself, to say in French why a forged value is refused."""

    def validate(self, value):
        forms.Field.validate(self, value)


class FallbackFormMixin:
    def add_fallback_error(self, error: FallbackError, *, default_field: str | None = None) -> None:
        field = error.field if error.field in self.fields else default_field
        self.add_error(field, error.message)


# --- GPS: « Générer un numéro » ------------------------------------------------------------------------


class GenerateNumberForm(FallbackFormMixin, forms.Form):
    """The seed's screen: nature, excise number, registration, date and time of dispatch."""

    nature = OpenChoiceField(
        label="Nature de la circulation",
        choices=DocumentNature.choices,
        error_messages={"required": "Choisissez la nature de la circulation : DAA ou DSA."},
    )
    excise_number = OpenChoiceField(
        label="Numéro d'accises de l'opérateur",
        error_messages={"required": "Choisissez le numéro d'accises de l'opérateur."},
    )
    vehicle_registration = forms.CharField(
        label="Immatriculation du moyen de transport",
        help_text="Lettres, chiffres, espaces et tirets, par exemple 457TY24.",
        error_messages={"required": rules.REGISTRATION_EMPTY},
    )
    dispatch_date = forms.CharField(
        label="Date d'envoi de la marchandise",
        help_text="Format attendu : jj/mm/aaaa.",
        error_messages={"required": rules.DATE_EMPTY},
    )
    dispatch_time = forms.CharField(
        label="Heure de départ du moyen de transport",
        help_text="Format attendu : hh:mm.",
        error_messages={"required": rules.TIME_EMPTY},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.held = rights.rights_by_excise_number(user, catalogue.GPS)
        self.fields["excise_number"].choices = [(number, number) for number in self.held]
        self.fields["vehicle_registration"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["dispatch_date"].widget.attrs.update({"inputmode": "numeric", "placeholder": "jj/mm/aaaa"})
        self.fields["dispatch_time"].widget.attrs.update({"inputmode": "numeric", "placeholder": "hh:mm"})

    def clean_nature(self):
        nature = self.cleaned_data["nature"]
        if nature not in DocumentNature.values:
            raise forms.ValidationError("Choisissez la nature de la circulation : DAA ou DSA.")
        return nature

    def clean_excise_number(self):
        try:
            number = excise.validate(self.cleaned_data["excise_number"])
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message) from None
        if number not in self.held:
            raise forms.ValidationError(
                f"Vous n'êtes pas habilité à émettre des documents de secours pour le numéro d'accises {number} : "
                "choisissez l'un des numéros de la liste."
            )
        return number

    def _rule(self, field: str, rule):
        try:
            return rule(self.cleaned_data[field])
        except FallbackError as error:
            raise forms.ValidationError(error.message) from None

    def clean_vehicle_registration(self):
        return self._rule("vehicle_registration", rules.vehicle_registration)

    def clean_dispatch_date(self):
        return self._rule("dispatch_date", rules.dispatch_date)

    def clean_dispatch_time(self):
        return self._rule("dispatch_time", rules.dispatch_time)

    def clean(self):
        data = super().clean()
        nature, number = data.get("nature"), data.get("excise_number")
        if nature and number:
            from fallback.services import RIGHT_FOR_NATURE

            right = RIGHT_FOR_NATURE[DocumentNature(nature)]
            if right.code not in self.held[number]:
                self.add_error(
                    "nature", f"Vous n'avez pas le droit « {right.label} » pour le numéro d'accises {number}."
                )
        if data.get("dispatch_date") and data.get("dispatch_time"):
            data["dispatch_at"] = rules.dispatch_moment(data["dispatch_date"], data["dispatch_time"])
        return data


class FollowUpFilterForm(forms.Form):
    """« Suivre mes procédures de secours »: filters sent by GET."""

    numero = forms.ChoiceField(label="Numéro d'accises", required=False)
    statut = forms.ChoiceField(
        label="État",
        required=False,
        choices=[("", "Tous les états"), *DocumentStatus.choices],
        error_messages={"invalid_choice": "Choisissez un état dans la liste."},
    )
    du = _date_field("Expédiés à partir du", required=False)
    au = _date_field("Expédiés jusqu'au", required=False)

    def __init__(self, data=None, *, numbers, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["numero"].choices = [("", "Tous mes numéros"), *((number, number) for number in numbers)]
        self.fields["numero"].error_messages["invalid_choice"] = "Choisissez l'un de vos numéros d'accises."

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["au"] < data["du"]:
            self.add_error("au", "La date de fin précède la date de début.")
        return data

    def apply(self, documents):
        data = self.cleaned_data
        if data.get("numero"):
            documents = documents.filter(excise_number__number=data["numero"])
        if data.get("statut"):
            documents = documents.filter(status=data["statut"])
        if data.get("du"):
            documents = documents.filter(dispatch_at__gte=_aware(data["du"], datetime.time.min))
        if data.get("au"):
            documents = documents.filter(
                dispatch_at__lt=_aware(data["au"] + datetime.timedelta(days=1), datetime.time.min)
            )
        return documents


# --- Incidents (the CID) -------------------------------------------------------------------------------


class IncidentForm(FallbackFormMixin, forms.Form):
    teleservice = forms.ModelChoiceField(
        label="Téléservice",
        queryset=Teleservice.objects.order_by("position", "name"),
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "invalid_choice": "Choisissez un téléservice de la liste.",
            "required": "Choisissez un téléservice.",
        },
    )
    level = forms.ChoiceField(
        label="Niveau d'alerte",
        choices=[],  # set in __init__, with each level's meaning
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez le niveau d'alerte : vert, orange, rouge ou noire.",
            "invalid_choice": "Choisissez le niveau d'alerte : vert, orange, rouge ou noire.",
        },
    )
    starts_on = _date_field("Date de début")
    starts_time = _time_field("Heure de début")
    expected_end_on = _date_field("Date de fin prévue")
    expected_end_time = _time_field("Heure de fin prévue")
    message = forms.CharField(
        label="Message aux usagers",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Affiché sur la page d'accueil et en tête de chaque page tant que l'incident est ouvert.",
        error_messages={"required": "Rédigez le message affiché aux usagers."},
    )

    def __init__(self, *args, with_teleservice: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        from fallback.models import LEVEL_DESCRIPTIONS

        self.fields["level"].choices = [
            (level.value, f"{level.label} — {LEVEL_DESCRIPTIONS[level]}") for level in IncidentLevel
        ]
        if not with_teleservice:
            del self.fields["teleservice"]

    def add_fallback_error(self, error: FallbackError, *, default_field: str | None = None) -> None:
        field = {"starts_at": "starts_on", "expected_end_at": "expected_end_on"}.get(error.field, error.field)
        self.add_error(field if field in self.fields else default_field, error.message)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("starts_time"):
            data["starts_at"] = _aware(data["starts_on"], data["starts_time"])
        if data.get("expected_end_on") and data.get("expected_end_time"):
            data["expected_end_at"] = _aware(data["expected_end_on"], data["expected_end_time"])
        if data.get("starts_at") and data.get("expected_end_at") and data["expected_end_at"] <= data["starts_at"]:
            self.add_error("expected_end_on", "La fin prévue doit être postérieure au début de l'incident.")
        return data


class IncidentCloseForm(forms.Form):
    closing_message = forms.CharField(
        label="Message de clôture (facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Par exemple : « Le service est rétabli. Les documents de secours sont à régulariser dans GAMMA. »",
    )


# --- Assistance requests (the user, the SAU) ------------------------------------------------------------

PHONE = re.compile(r"\+?[0-9 .()\-]{6,20}", re.ASCII)


class AssistanceForm(FallbackFormMixin, forms.Form):
    excise_number = OpenChoiceField(
        label="Numéro d'accises concerné",
        error_messages={"required": "Choisissez le numéro d'accises concerné."},
    )
    teleservice = forms.ModelChoiceField(
        label="Téléservice concerné",
        queryset=Teleservice.objects.filter(slug__in=[catalogue.GAMMA, catalogue.GPS]).order_by("position"),
        to_field_name="slug",
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez GAMMA ou GPS.", "required": "Choisissez GAMMA ou GPS."},
    )
    occurred_on = _date_field("Date à laquelle le problème est apparu")
    occurred_time = _time_field("Heure")
    problem = forms.CharField(
        label="Description du problème",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Ce que vous faisiez, le message affiché, le poste et le navigateur utilisés. "
            "Ne communiquez jamais votre mot de passe."
        ),
        error_messages={"required": "Décrivez le problème rencontré."},
    )
    contact_phone = forms.CharField(
        label="Téléphone pour vous joindre (facultatif)",
        required=False,
        help_text="Par exemple 05 62 00 00 00.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = rights.rights_by_excise_number(user, catalogue.GAMMA)
        self.fields["excise_number"].choices = [(number, number) for number in self.numbers]
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean_excise_number(self):
        try:
            number = excise.validate(self.cleaned_data["excise_number"])
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message) from None
        if number not in self.numbers:
            raise forms.ValidationError(
                f"Vous n'agissez pas pour le numéro d'accises {number} dans GAMMA : choisissez l'un des numéros "
                "de la liste."
            )
        return number

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(
                "Saisissez un numéro de téléphone : chiffres, espaces et points, par exemple 05 62 00 00 00."
            )
        return phone

    def clean(self):
        data = super().clean()
        if data.get("occurred_on") and data.get("occurred_time"):
            data["occurred_at"] = _aware(data["occurred_on"], data["occurred_time"])
        return data


class DiagnosisForm(forms.Form):
    diagnosis = forms.CharField(
        label="Diagnostic du SAU",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Transmis au demandeur, et au bureau de douane si vous lui transmettez la demande.",
        error_messages={"required": "Rédigez votre diagnostic : il est transmis au demandeur."},
    )


class SauFilterForm(forms.Form):
    statut = forms.ChoiceField(
        label="État",
        required=False,
        choices=[("", "Tous les états"), *AssistanceStatus.choices],
        error_messages={"invalid_choice": "Choisissez un état dans la liste."},
    )


# --- The office's decision ------------------------------------------------------------------------------


class GrantForm(FallbackFormMixin, forms.Form):
    valid_from_on = _date_field("Autorisée à partir du")
    valid_from_time = _time_field("À partir de")
    valid_until_on = _date_field("Jusqu'au")
    valid_until_time = _time_field("Jusqu'à")
    note = forms.CharField(
        label="Observations pour l'opérateur (facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("valid_from_on") and data.get("valid_from_time"):
            data["valid_from"] = _aware(data["valid_from_on"], data["valid_from_time"])
        if data.get("valid_until_on") and data.get("valid_until_time"):
            data["valid_until"] = _aware(data["valid_until_on"], data["valid_until_time"])
        return data

    def add_fallback_error(self, error: FallbackError, *, default_field: str | None = None) -> None:
        field = {"valid_until": "valid_until_on", "valid_from": "valid_from_on"}.get(error.field, default_field)
        self.add_error(field, error.message)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif du refus : il est transmis à l'opérateur."},
    )


class OfficeDocumentsFilterForm(forms.Form):
    NOT_REGULARISED = "a-regulariser"
    statut = forms.ChoiceField(
        label="État",
        required=False,
        choices=[(NOT_REGULARISED, "Non régularisés (émis ou en retard)"), *DocumentStatus.choices, ("tous", "Tous")],
        error_messages={"invalid_choice": "Choisissez un état dans la liste."},
    )
    numero = identifier_fields.excise_number_search_field("N° d'accise", help_text="Tout ou partie du numéro.")

    def apply(self, documents):
        from fallback.models import NOT_REGULARISED

        status = self.cleaned_data.get("statut") or self.NOT_REGULARISED
        if status == self.NOT_REGULARISED:
            documents = documents.filter(status__in=NOT_REGULARISED)
        elif status != "tous":
            documents = documents.filter(status=status)
        number = self.cleaned_data.get("numero") or ""
        if number:
            documents = documents.filter(excise_number__number__contains=number)
        return documents
