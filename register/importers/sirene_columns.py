"""The columns of INSEE's SIRENE stock files (their headers, in INSEE's order, for both vintages)
and what the import keeps of them: each model column, the INSEE column it comes from, and how its
value is read."""

from __future__ import annotations

from dataclasses import dataclass

from register.models import Establishment, LegalUnit

# --- The files' columns (INSEE, "dessin des fichiers"), in the order INSEE writes them --------------

LEGAL_UNIT_HEADER = (
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
)
# Since the NAF 2025 vintage (December 2025) the activity is also given in the new nomenclature.
LEGAL_UNIT_HEADER_NAF25 = (*LEGAL_UNIT_HEADER, "activitePrincipaleNAF25UniteLegale")

ESTABLISHMENT_HEADER = (
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
)
ESTABLISHMENT_HEADER_NAF25 = (*ESTABLISHMENT_HEADER, "activitePrincipaleNAF25Etablissement")

# --- What we keep: model column <- INSEE column, and how the value is read ---------------------------

TEXT = "text"  # stored as is ("[ND]" -> "")
DATE = "date"  # YYYY-MM-DD or empty -> NULL
STATE = "state"  # A active; F (establishment) or C (legal unit) closed -> our A / C
BOOLEAN = "boolean"  # "true" / "false"


@dataclass(frozen=True)
class Column:
    name: str  # database column of the model
    source: str  # INSEE header
    kind: str = TEXT
    max_length: int | None = None  # filled from the model


@dataclass(frozen=True)
class StockFile:
    """One of INSEE's two stock files, mapped onto one model. The first column is the key, the
    last two the date and the state (``_as_table_rows`` finds them at the end of each line)."""

    label: str
    model: type
    columns: tuple[Column, ...]

    def __post_init__(self):
        if [c.kind for c in self.columns[-2:]] != [DATE, STATE]:
            raise ValueError("The date and the state must be the last two columns.")

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def key(self) -> str:
        return self.columns[0].name


def _with_lengths(model, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    lengths = {f.column: getattr(f, "max_length", None) for f in model._meta.concrete_fields}
    return tuple(Column(c.name, c.source, c.kind, lengths[c.name] if c.kind == TEXT else None) for c in columns)


LEGAL_UNITS = StockFile(
    label="unités légales",
    model=LegalUnit,
    columns=_with_lengths(
        LegalUnit,
        (
            Column("siren", "siren"),
            Column("denomination", "denominationUniteLegale"),
            Column("acronym", "sigleUniteLegale"),
            Column("last_name", "nomUniteLegale"),
            Column("first_name", "prenomUsuelUniteLegale"),
            Column("legal_category", "categorieJuridiqueUniteLegale"),
            Column("main_activity", "activitePrincipaleUniteLegale"),
            Column("activity_nomenclature", "nomenclatureActivitePrincipaleUniteLegale"),
            Column("headcount_band", "trancheEffectifsUniteLegale"),
            Column("head_office_nic", "nicSiegeUniteLegale"),
            Column("diffusion", "statutDiffusionUniteLegale"),
            Column("created_on", "dateCreationUniteLegale", DATE),
            Column("state", "etatAdministratifUniteLegale", STATE),
        ),
    ),
)

ESTABLISHMENTS = StockFile(
    label="établissements",
    model=Establishment,
    columns=_with_lengths(
        Establishment,
        (
            Column("siret", "siret"),
            Column("siren", "siren"),
            Column("nic", "nic"),
            Column("signboard", "enseigne1Etablissement"),
            Column("usual_name", "denominationUsuelleEtablissement"),
            Column("headcount_band", "trancheEffectifsEtablissement"),
            Column("is_head_office", "etablissementSiege", BOOLEAN),
            Column("main_activity", "activitePrincipaleEtablissement"),
            Column("activity_nomenclature", "nomenclatureActivitePrincipaleEtablissement"),
            Column("street_number", "numeroVoieEtablissement"),
            Column("street_number_suffix", "indiceRepetitionEtablissement"),
            Column("street_type", "typeVoieEtablissement"),
            Column("street_name", "libelleVoieEtablissement"),
            Column("address_complement", "complementAdresseEtablissement"),
            Column("postal_code", "codePostalEtablissement"),
            Column("city", "libelleCommuneEtablissement"),
            Column("city_code", "codeCommuneEtablissement"),
            Column("foreign_city", "libelleCommuneEtrangerEtablissement"),
            Column("country_code", "codePaysEtrangerEtablissement"),
            Column("country_name", "libellePaysEtrangerEtablissement"),
            Column("diffusion", "statutDiffusionEtablissement"),
            Column("created_on", "dateCreationEtablissement", DATE),
            Column("state", "etatAdministratifEtablissement", STATE),
        ),
    ),
)

STATES = frozenset({"A", "F", "C"})
BOOLEANS = frozenset({"true", "false"})
