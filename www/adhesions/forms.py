"""Forms of the company's adhesion and habilitation pages. They only check the shape of what was
typed (lengths, dates); the rules are habilitations.services', whose French messages the views
show next to the fields."""

from dataclasses import dataclass, field

from django import forms
from django.utils import timezone

from habilitations import catalogue
from habilitations.models import Adhesion
from habilitations.services import LineRequest
from identifiers import fields as identifier_fields

EDI_LABEL = (
    "Je souhaite que tous les messages électroniques entrants (réception des DAA émanant des expéditeurs "
    "ou des certificats de réception émanant des destinataires) me soient transmis, par l'intermédiaire de "
    "la téléprocédure GAMMA, sous forme de message EDI."
)
WAIVER_LABEL = (
    "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
    "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
    "muni du cartouche spécial prévu à cet effet."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _text(label: str, max_length: int, *, required: bool = False, help_text: str = "", missing: str = ""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": missing or f"Indiquez : {label.lower()}.",
            "max_length": f"{max_length} caractères au plus.",
        },
    )


class AdhesionForm(forms.Form):
    """Sections 1 (what may be typed), 2 (software), 3 and 4 of the seed's form."""

    company_name = _text(
        "Raison sociale", 120, required=True, missing="Indiquez la raison sociale de l'entreprise signataire."
    )
    company_address = _text("Adresse", 255, required=True, missing="Indiquez l'adresse de l'entreprise signataire.")
    software_name = _text("Nom du logiciel utilisé (cas du DTI+)", 120, help_text="Laissez vide en mode DTI (web).")
    edi_enabled = forms.BooleanField(label=EDI_LABEL, required=False)
    edi_provider_siret = identifier_fields.siret_field(
        "N° SIRET de votre prestataire EDI", help_text="14 chiffres, par exemple 35324915400017."
    )
    edi_software = _text("Éditeur du logiciel / logiciel et n° de version", 120)
    edi_provider_name_address = _text("Raison sociale et adresse de votre prestataire de service EDI", 255)
    signature_waiver = forms.BooleanField(label=WAIVER_LABEL, required=False)
    signed_at_place = _text("Fait à", 100)
    signed_on = forms.DateField(
        label="Le",
        required=False,
        widget=DateInput(),
        help_text="Format : jj/mm/aaaa.",
        error_messages={"invalid": "Saisissez une date valide, par exemple 20/11/2026."},
    )
    legal_representative = _text("Nom et prénom du représentant légal de l'entreprise", 150)

    @classmethod
    def initial_of(cls, adhesion: Adhesion) -> dict:
        initial = {name: getattr(adhesion, name) for name in cls.base_fields}
        # The day it is signed is most often the day it is filled in: today in Paris, to change at will.
        initial["signed_on"] = (adhesion.signed_on or timezone.localdate()).isoformat()
        return initial


MIN_ROWS = 3
ROWS_ADDED = 3
MAX_ROWS = 60


@dataclass
class Row:
    """One row of section 2's table, as typed."""

    number: int
    username: str = ""
    email: str = ""
    rights: set[str] = field(default_factory=set)
    error: str = ""  # a refusal of this row, shown under its identifiant

    @property
    def blank(self) -> bool:
        """Nothing typed nor ticked: the services skip the row."""
        return not self.username.strip() and not self.email.strip() and not self.rights

    def as_request(self) -> LineRequest:
        return LineRequest(self.username.strip(), self.email.strip(), frozenset(self.rights))


def rows_from_post(data, *, add: int = 0) -> list[Row]:
    """The table's rows from the posted form (``ligne-<n>-identifiant``, ``ligne-<n>-courriel``,
    ``ligne-<n>-droits``), plus ``add`` empty rows; every posted value is kept as typed."""
    try:
        count = int(data.get("nombre_lignes", MIN_ROWS))
    except (TypeError, ValueError):
        count = MIN_ROWS
    count = max(MIN_ROWS, min(count + add, MAX_ROWS))
    return [
        Row(
            number=n,
            username=data.get(f"ligne-{n}-identifiant", "")[:150],
            email=data.get(f"ligne-{n}-courriel", "")[:254],
            rights=set(data.getlist(f"ligne-{n}-droits")),
        )
        for n in range(1, count + 1)
    ]


def rights_nobody_holds(teleservice: str, rows: list[Row]) -> list[catalogue.MissingRight]:
    """The rights of ``teleservice`` that no row of section 2 ticks (blank rows aside)."""
    return catalogue.rights_nobody_holds(teleservice, (row.rights for row in rows if not row.blank))


def rows_of(adhesion: Adhesion, *, viewer=None) -> list[Row]:
    """The table's rows as saved; a request that names nobody yet starts with its preparer (when he
    is the one filling it in): his identifiant and e-mail are known, he ticks his rights."""
    rows = [
        Row(number=n, username=line.user.username, email=line.user.email, rights=set(line.rights))
        for n, line in enumerate(adhesion.lines.select_related("user").order_by("pk"), start=1)
    ]
    if not rows and viewer is not None and viewer.pk == adhesion.prepared_by_id:
        rows.append(Row(number=1, username=viewer.username, email=viewer.email))
    while len(rows) < MIN_ROWS:
        rows.append(Row(number=len(rows) + 1))
    return rows


class AddAccountForm(forms.Form):
    """An account of the company to habilitate on one excise number, by identifiant and e-mail."""

    username = _text("Identifiant du compte ProDou@ne", 150)
    email = _text("Adresse courriel du compte", 254)
