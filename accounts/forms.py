"""Forms of the account pages: every error is French and shown next to its field."""

import re

import phonenumbers
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from django import forms
from django.contrib.auth import password_validation

from accounts.models import USERNAME_RULE, SecurityLevel, User
from accounts.services import NAME_MAX_LENGTH
from identifiers import fields as identifier_fields
from register.services import LookupRefused, establishment_sheet


def _normalise_phone(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            "Ce numéro de téléphone n'est pas valide. Exemples : 06 12 34 56 78 ou +33 6 12 34 56 78."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


NAME_RULE = re.compile(r"^[^\W\d_]+(?:[ '\u2019-]+[^\W\d_]+)*$")


def _person_name(value: str) -> str:
    """A first or last name: letters, with spaces, apostrophes or hyphens between them. The
    name is the only thing typed at registration that the activation mail repeats."""
    value = " ".join(value.split())
    if len(value) > NAME_MAX_LENGTH or not NAME_RULE.match(value):
        raise forms.ValidationError(
            f"Saisissez un nom de {NAME_MAX_LENGTH} caractères au plus, fait de lettres, d\u2019espaces, "
            "d\u2019apostrophes ou de tirets (par exemple Jean-Marie ou d\u2019Artagnan)."
        )
    return value


class LoginForm(AllauthLoginForm):
    """allauth's login, with the seed's labels ("Identifiant", "Mot de passe")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Identifiant"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].label = "Mot de passe"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        self.fields.pop("remember", None)


LENGTH_RULE_HINT = (
    "Au moins 12 caractères, sans règle de composition. Une phrase de passe facile à retenir convient très bien."
)


def _plain_password_labels(form) -> None:
    """French labels and a plain help text (allauth's is an HTML list), placeholders dropped."""
    labels = {
        "oldpassword": "Mot de passe actuel",
        "password1": "Nouveau mot de passe",
        "password2": "Confirmation du nouveau mot de passe",
    }
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        field.label = labels.get(name, field.label)
        field.help_text = LENGTH_RULE_HINT if name == "password1" else ""


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_password_labels(self)


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_password_labels(self)


class SiretForm(forms.Form):
    siret = identifier_fields.siret_field("N° SIRET", required=True, help_text="")

    def clean_siret(self):
        try:
            self.sheet = establishment_sheet(siret=self.cleaned_data["siret"])
        except LookupRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return self.sheet.siret


class RegistrationForm(forms.Form):
    username = forms.CharField(
        label="Identifiant",
        max_length=30,
        help_text="Le choix de votre identifiant est important. Une fois un compte ProDou@ne ouvert, "
        "l'identifiant est invariable. De 3 à 30 caractères : lettres minuscules, chiffres, « . », « - », « _ ».",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        help_text=LENGTH_RULE_HINT,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    security_level = forms.ChoiceField(
        label="Niveau de sécurité du compte",
        choices=SecurityLevel.choices,
        initial=SecurityLevel.PASSWORD,
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(
        label="Prénom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Nom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Adresse courriel",
        max_length=254,
        help_text="N'hésitez pas à tester votre adresse de courrier électronique avant de valider votre compte.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    sms_number = forms.CharField(
        label="Numéro SMS",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    phone_number = forms.CharField(
        label="Numéro Tél",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    professional_address = forms.CharField(
        label="Adresse professionnelle", required=False, max_length=255, widget=forms.Textarea(attrs={"rows": 2})
    )
    siret = identifier_fields.siret_field(
        "N° SIRET",
        required=True,
        help_text="Indiquez le n° SIRET de l'entreprise que vous représentez, puis cliquez sur « Afficher "
        "l'établissement » pour vérifier la fiche.",
    )
    infos_douane = forms.BooleanField(
        label="Je souhaite m'inscrire à la liste de diffusion Infos Douane", required=False
    )

    def keep_passwords(self) -> None:
        """Render both passwords back as typed: for the page's own round trips (« Tester », the SIRET
        check) and a refused submission only, never anywhere else."""
        for name in ("password1", "password2"):
            self.fields[name].widget.render_value = True

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        USERNAME_RULE(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Cet identifiant est déjà pris : choisissez-en un autre.")
        return username

    def clean_email(self):
        # Whether the address already has an account is never said here: its owner is told by
        # e-mail (accounts.services.register_account).
        return self.cleaned_data["email"].strip().lower()

    def clean_first_name(self):
        return _person_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _person_name(self.cleaned_data["last_name"])

    def clean_sms_number(self):
        return _normalise_phone(self.cleaned_data["sms_number"])

    def clean_phone_number(self):
        return _normalise_phone(self.cleaned_data["phone_number"])

    def clean_siret(self):
        try:
            self.sheet = establishment_sheet(siret=self.cleaned_data["siret"])
        except LookupRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return self.sheet.siret

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password1:
            candidate = User(
                username=cleaned.get("username", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ActivationForm(forms.Form):
    username = forms.CharField(
        label="Identifiant", max_length=30, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label="Mot de passe", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ResendActivationForm(forms.Form):
    login = forms.CharField(label="Identifiant ou adresse courriel", max_length=254)


class TestEmailForm(forms.Form):
    email = forms.EmailField(label="Adresse courriel", max_length=254)


class ReferencesForm(forms.ModelForm):
    """Contact details a person may change; the identifiant and the company are not editable here."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "sms_number", "phone_number", "professional_address", "infos_douane"]
        labels = {"first_name": "Prénom", "last_name": "Nom"}
        widgets = {"professional_address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_sms_number(self):
        return _normalise_phone(self.cleaned_data["sms_number"])

    def clean_phone_number(self):
        return _normalise_phone(self.cleaned_data["phone_number"])


class CompanyChangeForm(forms.Form):
    """« Mon compte » (tab Références): a person who changed employer claims another establishment;
    the SIRET's format is identifiers' (as every form's), the register's checks (known, open) the
    claim service's."""

    siret = identifier_fields.siret_field(
        "N° SIRET de l'établissement de votre nouvel employeur",
        required=True,
        help_text="14 chiffres, par exemple 353 249 154 00017.",
        error_messages={"required": "Indiquez le N° SIRET de l'établissement auquel vous rattacher."},
    )
