"""The change of destination's form (IE813): the new destination type, consignee, place of delivery
and office of export, and what changes in the transport (as HMRC's EMCS service offers it): who
arranges it, the transporter, the guarantee, the mode and the transport units (repeated rows,
« Ajouter une unité de transport » adds one without JavaScript). Every field left blank keeps the
movement's value; the rules are ``gamma.actions``'s."""

from __future__ import annotations

from emcs import codelists
from gamma import actions
from gamma.actions.transport_change import MAX_UNITS
from gamma.models import GuarantorType, MovementKind, TransportArrangement
from identifiers import fields as identifier_fields
from www.gamma.action_fields import ActionForm, _choice, _text

TRADER_FIELDS = [
    ("traderid", "Numéro d'accise", 16),
    ("name", "Nom", 182),
    ("street_name", "Rue", 65),
    ("street_number", "Numéro", 11),
    ("postcode", "Code postal", 10),
    ("city", "Ville", 50),
]
# A transport arranger or transporter: a VAT number rather than an excise number.
TRANSPORT_TRADER_FIELDS = [("vat_number", "Numéro de TVA", 14), *TRADER_FIELDS[1:]]
GUARANTOR_FIELDS = [("traderid", "Numéro d'accise", 16), *TRANSPORT_TRADER_FIELDS]
UNIT_FIELDS = [
    ("transport_unit_code", "Type d'unité"),
    ("identity_of_transport_units", "Identité (immatriculation, numéro de conteneur…)"),
    ("commercial_seal_identification", "Scellé commercial"),
    ("seal_information", "Informations sur le scellé"),
    ("complementary_information", "Informations complémentaires"),
]
UNIT_LIMITS = {"identity_of_transport_units": 35, "commercial_seal_identification": 35}
UNCHANGED = "— Inchangé —"


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
    transport_arrangement = _choice(
        "Nouvelle organisation du transport",
        [("", UNCHANGED), *[(str(value), label) for value, label in TransportArrangement.choices]],
        required=False,
    )
    guarantor_type_code = _choice(
        "Nouveau type de garantie",
        [("", UNCHANGED), *[(value, f"{value} — {label}") for value, label in GuarantorType.choices]],
        required=False,
    )
    transport_mode_code = _choice("Nouveau mode de transport", [], required=False)
    transport_mode_complementary_information = _text(
        "Précisions sur le mode de transport", 350, area=True, help_text="Obligatoires pour le mode « Autre »."
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
        parties = [("transport_arranger", "du nouvel organisateur", TRANSPORT_TRADER_FIELDS)]
        parties.append(("transporter", "du nouveau transporteur", TRANSPORT_TRADER_FIELDS))
        if self.guarantee_applies:
            parties += [
                ("guarantor_1", "du garant", GUARANTOR_FIELDS),
                ("guarantor_2", "du second garant", GUARANTOR_FIELDS),
            ]
        else:
            del self.fields["guarantor_type_code"]
        for prefix, who, names in parties:
            for name, label, length in names:
                if name == "traderid":  # a guarantor's excise number, of any member state
                    self.fields[f"{prefix}_{name}"] = identifier_fields.excise_number_field(f"{label} {who}")
                    continue
                self.fields[f"{prefix}_{name}"] = _text(f"{label} {who}", length)
        self.fields["transport_mode_code"].choices = [("", UNCHANGED), *codelists.choices(codelists.TRANSPORT_MODES)]
        units = [("", "— Choisissez —"), *codelists.choices(codelists.TRANSPORT_UNITS)]
        self.unit_count = self.rows("units", r"units_(\d+)_transport_unit_code", limit=MAX_UNITS)
        for index in range(self.unit_count):
            for name, label in UNIT_FIELDS:
                row_label = f"{label}, unité {index + 1}"
                if name == "transport_unit_code":
                    self.fields[f"units_{index}_{name}"] = _choice(row_label, units, required=False)
                else:
                    self.fields[f"units_{index}_{name}"] = _text(row_label, UNIT_LIMITS.get(name, 350))
        if self.add_row == "units":
            self.focus = f"units_{self.unit_count - 1}_transport_unit_code"

    @property
    def guarantee_applies(self) -> bool:
        """A new guarantee for a movement under duty suspension only (C210)."""
        return self.movement.kind == MovementKind.DAE

    def trader_fields(self, prefix: str, names=TRADER_FIELDS):
        return [self[f"{prefix}_{name}"] for name, _, _ in names]

    @property
    def consignee_fields(self):
        return self.trader_fields("consignee")

    @property
    def delivery_place_fields(self):
        return self.trader_fields("delivery_place")

    @property
    def transport_arranger_fields(self):
        return self.trader_fields("transport_arranger", TRANSPORT_TRADER_FIELDS)

    @property
    def transporter_fields(self):
        return self.trader_fields("transporter", TRANSPORT_TRADER_FIELDS)

    @property
    def guarantor_groups(self):
        if not self.guarantee_applies:
            return []
        return [
            ("Garant", self.trader_fields("guarantor_1", GUARANTOR_FIELDS)),
            ("Second garant", self.trader_fields("guarantor_2", GUARANTOR_FIELDS)),
        ]

    @property
    def unit_rows(self):
        return [
            (index + 1, [self[f"units_{index}_{name}"] for name, _ in UNIT_FIELDS]) for index in range(self.unit_count)
        ]

    def submit(self, **common):
        data = self.cleaned_data

        def trader(prefix):
            return actions.TraderInput(**{name: data[f"{prefix}_{name}"] for name, _, _ in TRADER_FIELDS})

        def party(prefix, names):
            return actions.PartyInput(**{name: data.get(f"{prefix}_{name}", "") for name, _, _ in names})

        transport = actions.TransportChange(
            transport_arrangement=data["transport_arrangement"],
            transport_arranger=party("transport_arranger", TRANSPORT_TRADER_FIELDS),
            transporter=party("transporter", TRANSPORT_TRADER_FIELDS),
            guarantor_type_code=data.get("guarantor_type_code", ""),
            guarantors=tuple(party(prefix, GUARANTOR_FIELDS) for prefix in ("guarantor_1", "guarantor_2"))
            if self.guarantee_applies
            else (),
            transport_mode_code=data["transport_mode_code"],
            transport_mode_complementary_information=data["transport_mode_complementary_information"],
            units=tuple(
                actions.TransportUnitInput(**{name: data[f"units_{index}_{name}"] for name, _ in UNIT_FIELDS})
                for index in range(self.unit_count)
            ),
        )
        return actions.movement_change_destination(
            **common,
            destination_type_code=data["destination_type_code"],
            consignee=trader("consignee"),
            delivery_place=trader("delivery_place"),
            delivery_office_code=data["delivery_office_code"],
            journey_time=data["journey_time"],
            transport=transport,
        )
