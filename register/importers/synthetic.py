"""Synthetic SIRENE stock files, in INSEE's exact format: the committed sample and benchmark data.

Every SIREN and SIRET is valid (Luhn; La Poste's digit-sum rule for its own establishments),
names, addresses and activity codes look like the wine and spirits trade's, about a third of the
establishments are closed, a few percent are partially diffusible (personal data read ``[ND]``).
Same seed, same files. Rows are written as they are made: millions of rows in flat memory.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import io
import random
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from identifiers.bulk import siren_check_digit, siret_check_digit
from register.importers.sirene import (
    ESTABLISHMENT_HEADER,
    ESTABLISHMENT_HEADER_NAF25,
    LEGAL_UNIT_HEADER,
    LEGAL_UNIT_HEADER_NAF25,
    MASKED,
)

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sirene"
SAMPLE_SEED = 2009  # GAMMA's first year

# --- Pools of realistic values ------------------------------------------------------------------------

FAMILY_NAMES = [
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "RICHARD",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "SIMON",
    "LAURENT",
    "LEFEBVRE",
    "MICHEL",
    "GARCIA",
    "DAVID",
    "BERTRAND",
    "ROUX",
    "VINCENT",
    "FOURNIER",
    "MOREL",
    "GIRARD",
    "ANDRE",
    "MERCIER",
    "DUPONT",
    "LAMBERT",
    "BONNET",
    "FRANCOIS",
    "MARTINEZ",
    "LABARTHE",
    "DARROZE",
    "CASTAROREDE",
    "LAPORTE",
    "DUFAU",
    "SARRAZIN",
    "LACOSTE",
]
FIRST_NAMES = (
    ("JEAN", "M"),
    ("PIERRE", "M"),
    ("MICHEL", "M"),
    ("PHILIPPE", "M"),
    ("ALAIN", "M"),
    ("FRANCOIS", "M"),
    ("NICOLAS", "M"),
    ("LUC", "M"),
    ("ANTOINE", "M"),
    ("JULIEN", "M"),
    ("MARIE", "F"),
    ("ANNE", "F"),
    ("NATHALIE", "F"),
    ("ISABELLE", "F"),
    ("CATHERINE", "F"),
    ("SYLVIE", "F"),
    ("SOPHIE", "F"),
    ("CLAIRE", "F"),
    ("CAMILLE", "F"),
    ("HELENE", "F"),
)
COMPANY_WORDS = (
    "CAVES",
    "DOMAINE",
    "CHATEAU",
    "DISTILLERIE",
    "BRASSERIE",
    "MAISON",
    "CELLIER",
    "VIGNOBLES",
    "LES CHAIS",
    "TONNELLERIE",
    "COMPTOIR DES VINS",
    "SOCIETE",
    "ENTREPOT",
    "TRANSPORTS",
    "CAVE COOPERATIVE",
    "CLOS",
    "NEGOCE",
    "SPIRITUEUX",
    "GRANDS VINS",
    "LIQUEURS",
)
COMPANY_PLACES = (
    "DU GERS",
    "DE GASCOGNE",
    "DU MEDOC",
    "DE CHAMPAGNE",
    "DE BOURGOGNE",
    "D ALSACE",
    "DU NORD",
    "DES CHARENTES",
    "DU LANGUEDOC",
    "DE PROVENCE",
    "DE LA LOIRE",
    "DU BEAUJOLAIS",
    "DE L ARMAGNAC",
    "DU COGNAC",
    "DES COTES DU RHONE",
)
SIGNBOARDS = ("LA CAVE", "LE CHAI", "AU BON VIN", "L ALAMBIC", "LA TONNELLE", "LE CELLIER", "CAVE SAINT VINCENT")
STREET_TYPES = ("RUE", "RUE", "RUE", "AV", "AV", "BD", "CHE", "RTE", "PL", "ALL", "IMP", "QUAI", "LD", "ZA", "CRS")
STREET_NAMES = (
    "DE LA REPUBLIQUE",
    "DU GENERAL DE GAULLE",
    "JEAN JAURES",
    "VICTOR HUGO",
    "DES VIGNES",
    "DU CHAI",
    "DE LA GARE",
    "PASTEUR",
    "DU MOULIN",
    "DES ECOLES",
    "NATIONALE",
    "DE L EGLISE",
    "DU PORT",
    "DES CAVES",
    "SAINT MARTIN",
    "DE BORDEAUX",
    "DE PARIS",
    "DU STADE",
    "DES TONNELIERS",
    "GAMBETTA",
    "DU MARECHAL FOCH",
    "DU 8 MAI 1945",
    "DE LA LIBERATION",
    "DU CHATEAU",
    "DES PRES",
)
# (postal code, commune as INSEE writes it, INSEE commune code)
CITIES = (
    ("75010", "PARIS", "75110"),
    ("75008", "PARIS", "75108"),
    ("75011", "PARIS", "75111"),
    ("13002", "MARSEILLE", "13202"),
    ("69003", "LYON", "69383"),
    ("31000", "TOULOUSE", "31555"),
    ("33000", "BORDEAUX", "33063"),
    ("33500", "LIBOURNE", "33243"),
    ("33250", "PAUILLAC", "33314"),
    ("16100", "COGNAC", "16102"),
    ("16200", "JARNAC", "16167"),
    ("17000", "LA ROCHELLE", "17300"),
    ("32800", "EAUZE", "32119"),
    ("32000", "AUCH", "32013"),
    ("32100", "CONDOM", "32107"),
    ("40000", "MONT-DE-MARSAN", "40192"),
    ("51100", "REIMS", "51454"),
    ("51200", "EPERNAY", "51230"),
    ("51160", "AY-CHAMPAGNE", "51030"),
    ("21200", "BEAUNE", "21054"),
    ("21000", "DIJON", "21231"),
    ("71000", "MACON", "71270"),
    ("89800", "CHABLIS", "89068"),
    ("68000", "COLMAR", "68066"),
    ("67000", "STRASBOURG", "67482"),
    ("59000", "LILLE", "59350"),
    ("44000", "NANTES", "44109"),
    ("49400", "SAUMUR", "49328"),
    ("37000", "TOURS", "37261"),
    ("84000", "AVIGNON", "84007"),
    ("30000", "NIMES", "30189"),
    ("34000", "MONTPELLIER", "34172"),
    ("66000", "PERPIGNAN", "66136"),
    ("24100", "BERGERAC", "24037"),
    ("64100", "BAYONNE", "64102"),
    ("06000", "NICE", "06088"),
    ("20000", "AJACCIO", "2A004"),
    ("76600", "LE HAVRE", "76351"),
    ("35000", "RENNES", "35238"),
    ("97400", "SAINT-DENIS", "97411"),
)
# (INSEE country code, country, city)
FOREIGN = (
    ("99131", "BELGIQUE", "BRUXELLES"),
    ("99109", "ALLEMAGNE", "MAYENCE"),
    ("99134", "ESPAGNE", "JEREZ DE LA FRONTERA"),
    ("99127", "ITALIE", "ASTI"),
    ("99132", "ROYAUME-UNI", "LONDRES"),
)
NAF_CODES = (
    "11.01Z",
    "11.02A",
    "11.02A",
    "11.02B",
    "11.03Z",
    "11.05Z",
    "46.34Z",
    "46.34Z",
    "46.17A",
    "47.25Z",
    "47.25Z",
    "47.11D",
    "52.10B",
    "56.30Z",
    "56.10A",
    "01.21Z",
    "12.00Z",
    "46.35Z",
    "47.26Z",
    "46.71Z",
    "47.30Z",
    "49.41A",
    "68.20A",
    "70.22Z",
)
# Legal categories (INSEE "catégories juridiques"), sole traders first.
SOLE_TRADER = "1000"
COMPANY_CATEGORIES = ("5499", "5499", "5710", "5710", "5720", "5498", "5599", "6533", "6598", "6540", "9220")
SOLE_TRADER_BANDS = ("", "", "NN", "00", "00", "01", "02")
HEADCOUNT_BANDS = ("", "", "", "NN", "00", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42")


def _days(start: datetime.date, end: datetime.date) -> tuple[str, ...]:
    return tuple((start + datetime.timedelta(days=n)).isoformat() for n in range(0, (end - start).days + 1, 1))


CREATION_DAYS = _days(datetime.date(1960, 1, 1), datetime.date(2025, 6, 30))
RECENT_DAYS = _days(datetime.date(2018, 1, 1), datetime.date(2025, 10, 31))


def _day_after(day: str, fraction: float) -> str:
    """A creation day between ``day`` and the end of ``CREATION_DAYS``: no establishment before its company."""
    start = bisect.bisect_left(CREATION_DAYS, day)
    return CREATION_DAYS[start + int(fraction * (len(CREATION_DAYS) - start))]


def row_from(header: tuple[str, ...], **values: str) -> list[str]:
    """A row of ``header``'s width, empty but for ``values`` given by INSEE column name."""
    unknown = set(values) - set(header)
    if unknown:
        raise ValueError(f"not a column of this file: {sorted(unknown)}")
    return [values.get(name, "") for name in header]


def nic_for(siren: str, order: int) -> str:
    """The NIC of the ``order``-th establishment: 4-digit order, then the SIRET's check digit."""
    body = f"{siren}{order:04d}"
    return f"{order:04d}{siret_check_digit(body)}"


def siren_for(body: int) -> str:
    digits = f"{body:08d}"
    return digits + siren_check_digit(digits)


# --- The generator ------------------------------------------------------------------------------------


@dataclass
class Counts:
    legal_units: int = 0
    establishments: int = 0


class Generator:
    """Rows of both files, legal unit by legal unit, from a seeded random generator."""

    FIRST_SIREN_BODY = 40_000_000  # 400 000 00x: clear of the seed's and La Poste's SIRENs

    def __init__(self, *, seed: int, naf25: bool = True):
        self.random = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.legal_unit_header = LEGAL_UNIT_HEADER_NAF25 if naf25 else LEGAL_UNIT_HEADER
        self.establishment_header = ESTABLISHMENT_HEADER_NAF25 if naf25 else ESTABLISHMENT_HEADER
        self.naf25 = naf25
        lu = {name: i for i, name in enumerate(self.legal_unit_header)}
        et = {name: i for i, name in enumerate(self.establishment_header)}
        self.lu, self.et = lu, et
        self.lu_blank = [""] * len(self.legal_unit_header)
        self.et_blank = [""] * len(self.establishment_header)

    def units(self, legal_units: int, establishments: int) -> Iterator[tuple[list[str], list[list[str]]]]:
        """``legal_units`` legal units and ``establishments`` establishments spread over them."""
        for index in range(legal_units):
            count = (index + 1) * establishments // legal_units - index * establishments // legal_units
            yield self.unit(siren_for(self.FIRST_SIREN_BODY + index * 3), count)

    def unit(self, siren: str, establishment_count: int) -> tuple[list[str], list[list[str]]]:
        rnd = self.random.random
        pick = self.random.choice
        lu, row = self.lu, self.lu_blank.copy()
        closed = rnd() < 0.25
        partial = rnd() < 0.03
        created = pick(CREATION_DAYS)
        naf = pick(NAF_CODES)
        row[lu["siren"]] = siren
        row[lu["statutDiffusionUniteLegale"]] = "P" if partial else "O"
        row[lu["dateCreationUniteLegale"]] = created
        sole_trader = rnd() < 0.3
        bands = SOLE_TRADER_BANDS if sole_trader else HEADCOUNT_BANDS
        row[lu["trancheEffectifsUniteLegale"]] = band = "" if closed else pick(bands)
        row[lu["anneeEffectifsUniteLegale"]] = "2023" if band not in ("", "NN") else ""
        row[lu["dateDernierTraitementUniteLegale"]] = pick(RECENT_DAYS) + "T10:24:06"
        row[lu["nombrePeriodesUniteLegale"]] = str(1 + int(rnd() * 4))
        row[lu["dateDebut"]] = created
        row[lu["etatAdministratifUniteLegale"]] = "C" if closed else "A"
        row[lu["activitePrincipaleUniteLegale"]] = naf
        row[lu["nomenclatureActivitePrincipaleUniteLegale"]] = "NAFRev2"
        row[lu["nicSiegeUniteLegale"]] = nic_for(siren, 1)
        row[lu["caractereEmployeurUniteLegale"]] = "O" if band not in ("", "NN", "00") else "N"
        if self.naf25:
            row[lu["activitePrincipaleNAF25UniteLegale"]] = naf
        if sole_trader:
            first_name, sex = pick(FIRST_NAMES)
            family = pick(FAMILY_NAMES)
            row[lu["categorieJuridiqueUniteLegale"]] = SOLE_TRADER
            row[lu["sexeUniteLegale"]] = MASKED if partial else sex
            row[lu["prenom1UniteLegale"]] = first_name
            row[lu["prenomUsuelUniteLegale"]] = first_name
            row[lu["nomUniteLegale"]] = family
            row[lu["nomUsageUniteLegale"]] = MASKED if partial else ""
            name = f"{first_name} {family}"
        else:
            name = f"{pick(COMPANY_WORDS)} {pick(FAMILY_NAMES) if rnd() < 0.5 else pick(COMPANY_PLACES)}"
            row[lu["categorieJuridiqueUniteLegale"]] = pick(COMPANY_CATEGORIES)
            row[lu["denominationUniteLegale"]] = name
            row[lu["categorieEntreprise"]] = "" if closed else ("PME" if rnd() < 0.97 else "ETI")
            row[lu["anneeCategorieEntreprise"]] = "" if closed else "2022"
            row[lu["economieSocialeSolidaireUniteLegale"]] = "N"
            row[lu["societeMissionUniteLegale"]] = "N"
        establishments = [
            self.establishment(
                siren,
                order,
                created=created,
                naf=naf,
                closed=closed,
                partial=partial,
                name=name,
                sole_trader=sole_trader,
            )
            for order in range(1, establishment_count + 1)
        ]
        return row, establishments

    def establishment(
        self,
        siren: str,
        order: int,
        *,
        created: str,
        naf: str,
        closed: bool,
        partial: bool,
        name: str,
        sole_trader: bool,
    ) -> list[str]:
        rnd = self.random.random
        pick = self.random.choice
        et, row = self.et, self.et_blank.copy()
        nic = nic_for(siren, order)
        head_office = order == 1
        row[et["siren"]] = siren
        row[et["nic"]] = nic
        row[et["siret"]] = siren + nic
        row[et["statutDiffusionEtablissement"]] = "P" if partial else "O"
        row[et["dateCreationEtablissement"]] = created if head_office else _day_after(created, rnd())
        row[et["trancheEffectifsEtablissement"]] = band = pick(SOLE_TRADER_BANDS if sole_trader else HEADCOUNT_BANDS)
        row[et["anneeEffectifsEtablissement"]] = "2023" if band not in ("", "NN") else ""
        row[et["dateDernierTraitementEtablissement"]] = pick(RECENT_DAYS) + "T10:24:06"
        row[et["etablissementSiege"]] = "true" if head_office else "false"
        row[et["nombrePeriodesEtablissement"]] = str(1 + int(rnd() * 4))
        if rnd() < 0.005:
            country_code, country, city = pick(FOREIGN)
            row[et["codePaysEtrangerEtablissement"]] = country_code
            row[et["libellePaysEtrangerEtablissement"]] = country
            row[et["libelleCommuneEtrangerEtablissement"]] = city
            row[et["libelleVoieEtablissement"]] = pick(STREET_NAMES)
        elif partial:
            postal_code, city, city_code = pick(CITIES)
            for column in (
                "numeroVoieEtablissement",
                "typeVoieEtablissement",
                "libelleVoieEtablissement",
                "identifiantAdresseEtablissement",
                "coordonneeLambertAbscisseEtablissement",
                "coordonneeLambertOrdonneeEtablissement",
            ):
                row[et[column]] = MASKED
            row[et["codePostalEtablissement"]] = postal_code
            row[et["libelleCommuneEtablissement"]] = city
            row[et["codeCommuneEtablissement"]] = city_code
        else:
            postal_code, city, city_code = pick(CITIES)
            number = str(1 + int(rnd() * 120))
            street_type = pick(STREET_TYPES)
            row[et["numeroVoieEtablissement"]] = number
            if rnd() < 0.04:
                row[et["indiceRepetitionEtablissement"]] = "B"
            row[et["typeVoieEtablissement"]] = street_type
            row[et["libelleVoieEtablissement"]] = pick(STREET_NAMES)
            row[et["codePostalEtablissement"]] = postal_code
            row[et["libelleCommuneEtablissement"]] = city
            row[et["codeCommuneEtablissement"]] = city_code
            row[et["identifiantAdresseEtablissement"]] = f"{city_code}_{int(rnd() * 9000) + 1000}_{int(number):05d}"
            row[et["coordonneeLambertAbscisseEtablissement"]] = f"{300000 + rnd() * 700000:.1f}"
            row[et["coordonneeLambertOrdonneeEtablissement"]] = f"{6100000 + rnd() * 1000000:.1f}"
            if rnd() < 0.08:
                row[et["complementAdresseEtablissement"]] = "ZONE ARTISANALE"
        row[et["dateDebut"]] = pick(RECENT_DAYS)
        row[et["etatAdministratifEtablissement"]] = "F" if closed or rnd() < 0.12 else "A"
        if rnd() < 0.15:
            row[et["enseigne1Etablissement"]] = pick(SIGNBOARDS)
        if rnd() < 0.05:
            row[et["denominationUsuelleEtablissement"]] = name
        row[et["activitePrincipaleEtablissement"]] = naf
        row[et["nomenclatureActivitePrincipaleEtablissement"]] = "NAFRev2"
        row[et["caractereEmployeurEtablissement"]] = "O" if band not in ("", "NN", "00") else "N"
        if self.naf25:
            row[et["activitePrincipaleNAF25Etablissement"]] = naf
        return row


# --- Writing ------------------------------------------------------------------------------------------


def _open_csv(stack: ExitStack, path: Path, zip_it: bool):
    """A text stream writing ``path`` (a .csv), or the same CSV inside ``path`` with .zip."""
    if zip_it:
        archive = stack.enter_context(zipfile.ZipFile(path.with_suffix(".zip"), "w", zipfile.ZIP_DEFLATED))
        binary = stack.enter_context(archive.open(path.name, "w", force_zip64=True))
    else:
        binary = stack.enter_context(path.open("wb"))
    return stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=False))


def write_stock_files(
    *,
    out_dir: Path,
    legal_units: int = 0,
    establishments: int = 0,
    seed: int = SAMPLE_SEED,
    naf25: bool = True,
    zip_files: bool = False,
    on_unit=None,
) -> dict[str, Path]:
    """Write ``StockUniteLegale.csv`` (if ``legal_units``) and ``StockEtablissement.csv`` (if
    ``establishments``) into ``out_dir``, or the same inside ZIP files. ``on_unit(n_establishments)``
    is called after each legal unit (progress). Returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed=seed, naf25=naf25)
    # Establishments need SIRENs to belong to: without legal units asked for, make them anyway.
    units = legal_units or max(1, establishments * 2 // 3)
    paths: dict[str, Path] = {}
    with ExitStack() as stack:
        lu_writer = et_writer = None
        if legal_units:
            path = out_dir / "StockUniteLegale.csv"
            lu_writer = csv.writer(_open_csv(stack, path, zip_files), lineterminator="\n")
            lu_writer.writerow(generator.legal_unit_header)
            paths["legal_units"] = path.with_suffix(".zip") if zip_files else path
        if establishments:
            path = out_dir / "StockEtablissement.csv"
            et_writer = csv.writer(_open_csv(stack, path, zip_files), lineterminator="\n")
            et_writer.writerow(generator.establishment_header)
            paths["establishments"] = path.with_suffix(".zip") if zip_files else path
        for unit_row, establishment_rows in generator.units(units, establishments):
            if lu_writer:
                lu_writer.writerow(unit_row)
            if et_writer and establishment_rows:
                et_writer.writerows(establishment_rows)
            if on_unit:
                on_unit(len(establishment_rows))
    return paths


# --- The committed sample -----------------------------------------------------------------------------

# The seed's establishment (the "eye" of the registration form) and the demo company of the seed's
# adhesion, whose SIREN 123456789 fails the Luhn check: 123456782 is the valid one next to it.
ARMAGNAC_SIREN, ARMAGNAC_SIRET = "353249154", "35324915400017"
DEMO_SIREN = "123456782"
DEMO_SIRET = DEMO_SIREN + nic_for(DEMO_SIREN, 1)  # 12345678200010
CONSIGNEE_SIREN = siren_for(41256093)  # LES CAVES DE LA LOIRE, the demo's registered consignee
LA_POSTE_SIRETS = ("35600000000048", "35600000049837", "35600000012346")  # head office: Luhn; others: digit sum


def special_units(generator: Generator) -> list[tuple[list[str], list[list[str]]]]:
    """The sample's named rows, in the generator's vintage."""
    lu, et = generator.legal_unit_header, generator.establishment_header
    armagnac = (
        row_from(
            lu,
            siren=ARMAGNAC_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="1990-01-02",
            trancheEffectifsUniteLegale="00",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2024-03-22T14:01:35",
            nombrePeriodesUniteLegale="3",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2008-01-01",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="COMPAGNIE FRANCAISE DE L ARMAGNAC",
            categorieJuridiqueUniteLegale="9900",  # Autre personne morale de droit privé: nature « Autres »
            activitePrincipaleUniteLegale="51.3J",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev1",
            nicSiegeUniteLegale="00017",
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="N",
        ),
        [
            row_from(
                et,
                siren=ARMAGNAC_SIREN,
                nic="00017",
                siret=ARMAGNAC_SIRET,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="1990-01-02",
                trancheEffectifsEtablissement="00",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2024-03-22T14:01:35",
                etablissementSiege="true",
                nombrePeriodesEtablissement="2",
                typeVoieEtablissement="RTE",
                libelleVoieEtablissement="DE CAZAUBON",
                codePostalEtablissement="32800",
                libelleCommuneEtablissement="EAUZE",
                codeCommuneEtablissement="32119",
                identifiantAdresseEtablissement="32119_0090",
                coordonneeLambertAbscisseEtablissement="472143.6",
                coordonneeLambertOrdonneeEtablissement="6309311.2",
                dateDebut="1990-01-02",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement="COMPAGNIE FRANCAISE DE L ARMAGNAC",
                activitePrincipaleEtablissement="51.3J",
                nomenclatureActivitePrincipaleEtablissement="NAFRev1",
                caractereEmployeurEtablissement="N",
            )
        ],
    )
    demo_name = "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    demo = (
        row_from(
            lu,
            siren=DEMO_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="2003-06-16",
            trancheEffectifsUniteLegale="11",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2025-01-14T09:12:44",
            nombrePeriodesUniteLegale="2",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2003-06-16",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale=demo_name,
            sigleUniteLegale="SDA",
            categorieJuridiqueUniteLegale="5710",  # SAS
            activitePrincipaleUniteLegale="46.34Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale=DEMO_SIRET[9:],
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren=DEMO_SIREN,
                nic=DEMO_SIRET[9:],
                siret=DEMO_SIRET,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2003-06-16",
                trancheEffectifsEtablissement="11",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2025-01-14T09:12:44",
                etablissementSiege="true",
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement="15",
                typeVoieEtablissement="AV",
                libelleVoieEtablissement="DE LA REPUBLIQUE",
                codePostalEtablissement="75010",
                libelleCommuneEtablissement="PARIS",
                codeCommuneEtablissement="75110",
                identifiantAdresseEtablissement="75110_8158_00015",
                coordonneeLambertAbscisseEtablissement="653244.1",
                coordonneeLambertOrdonneeEtablissement="6863386.9",
                dateDebut="2003-06-16",
                etatAdministratifEtablissement="A",
                activitePrincipaleEtablissement="46.34Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            ),
            row_from(  # its former warehouse, closed
                et,
                siren=DEMO_SIREN,
                nic=nic_for(DEMO_SIREN, 2),
                siret=DEMO_SIREN + nic_for(DEMO_SIREN, 2),
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2005-09-01",
                dateDernierTraitementEtablissement="2019-11-04T16:40:02",
                etablissementSiege="false",
                nombrePeriodesEtablissement="2",
                numeroVoieEtablissement="4",
                typeVoieEtablissement="RUE",
                libelleVoieEtablissement="DU PORT",
                codePostalEtablissement="92230",
                libelleCommuneEtablissement="GENNEVILLIERS",
                codeCommuneEtablissement="92036",
                dateDebut="2019-10-31",
                etatAdministratifEtablissement="F",
                enseigne1Etablissement="ENTREPOT SDA",
                activitePrincipaleEtablissement="52.10B",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="N",
            ),
        ],
    )
    la_poste_addresses = (
        ("9", "RUE", "DU COLONEL PIERRE AVIA", "75015", "PARIS", "75115", "true", ""),
        ("2", "PL", "DE LA MAIRIE", "32800", "EAUZE", "32119", "false", "BUREAU DE POSTE"),
        ("31", "RUE", "GAMBETTA", "16100", "COGNAC", "16102", "false", "BUREAU DE POSTE"),
    )
    la_poste = (
        row_from(
            lu,
            siren="356000000",
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="1991-01-01",
            trancheEffectifsUniteLegale="53",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2025-02-03T08:00:12",
            nombrePeriodesUniteLegale="4",
            categorieEntreprise="GE",
            anneeCategorieEntreprise="2022",
            dateDebut="2010-03-01",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="LA POSTE",
            categorieJuridiqueUniteLegale="5599",
            activitePrincipaleUniteLegale="53.10Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale="00048",
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="O",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren="356000000",
                nic=siret[9:],
                siret=siret,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="1991-01-01",
                trancheEffectifsEtablissement="53" if head == "true" else "12",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2025-02-03T08:00:12",
                etablissementSiege=head,
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement=number,
                typeVoieEtablissement=street_type,
                libelleVoieEtablissement=street,
                codePostalEtablissement=postal_code,
                libelleCommuneEtablissement=city,
                codeCommuneEtablissement=city_code,
                dateDebut="2010-03-01",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement=signboard,
                activitePrincipaleEtablissement="53.10Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            )
            for siret, (number, street_type, street, postal_code, city, city_code, head, signboard) in zip(
                LA_POSTE_SIRETS, la_poste_addresses, strict=True
            )
        ],
    )
    consignee = (
        row_from(
            lu,
            siren=CONSIGNEE_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="2014-02-03",
            trancheEffectifsUniteLegale="02",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2024-06-18T11:30:27",
            nombrePeriodesUniteLegale="1",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2014-02-03",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="LES CAVES DE LA LOIRE",
            categorieJuridiqueUniteLegale="5499",  # SARL
            activitePrincipaleUniteLegale="47.25Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale=nic_for(CONSIGNEE_SIREN, 1),
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren=CONSIGNEE_SIREN,
                nic=nic_for(CONSIGNEE_SIREN, 1),
                siret=CONSIGNEE_SIREN + nic_for(CONSIGNEE_SIREN, 1),
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2014-02-03",
                trancheEffectifsEtablissement="02",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2024-06-18T11:30:27",
                etablissementSiege="true",
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement="12",
                typeVoieEtablissement="QUAI",
                libelleVoieEtablissement="DE LA LOIRE",
                codePostalEtablissement="49400",
                libelleCommuneEtablissement="SAUMUR",
                codeCommuneEtablissement="49328",
                dateDebut="2014-02-03",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement="CAVES DE LA LOIRE",
                activitePrincipaleEtablissement="47.25Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            )
        ],
    )
    if generator.naf25:  # NAF 2025 has no code for a NAF rev. 1 activity
        lu_activity, et_activity = (
            lu.index("activitePrincipaleUniteLegale"),
            et.index("activitePrincipaleEtablissement"),
        )
        for unit, establishments in (armagnac, demo, la_poste, consignee):
            unit[-1] = "" if unit[lu_activity] == "51.3J" else unit[lu_activity]
            for row in establishments:
                row[-1] = "" if row[et_activity] == "51.3J" else row[et_activity]
    return [armagnac, demo, la_poste, consignee]


SAMPLE_FILES = {
    "legal_units": "StockUniteLegale_sample.csv",
    "establishments": "StockEtablissement_sample.csv",
    "legal_units_naf25": "StockUniteLegale_sample_naf25.csv",
    "establishments_naf25": "StockEtablissement_sample_naf25.csv",
}
SAMPLE_UNITS, SAMPLE_ESTABLISHMENTS, SAMPLE_NAF25_UNITS = 250, 330, 40


def write_sample(out_dir: Path = SAMPLE_DIR, *, seed: int = SAMPLE_SEED) -> dict[str, Path]:
    """Write the committed sample: a few hundred legal units and establishments around the seed's
    named rows, in the 34/53-column vintage, and a smaller extract in the 35/54-column (NAF 2025) one."""
    generator = Generator(seed=seed, naf25=True)
    taken = {ARMAGNAC_SIREN, DEMO_SIREN, CONSIGNEE_SIREN, "356000000"}
    bodies = sorted(generator.random.sample(range(30_000_000, 99_999_999), SAMPLE_UNITS + len(taken)))
    sirens = [s for s in map(siren_for, bodies) if s not in taken][:SAMPLE_UNITS]
    units = [
        generator.unit(
            siren, (i + 1) * SAMPLE_ESTABLISHMENTS // SAMPLE_UNITS - i * SAMPLE_ESTABLISHMENTS // SAMPLE_UNITS
        )
        for i, siren in enumerate(sirens)
    ]
    units += special_units(generator)
    units.sort(key=lambda unit: unit[0][0])
    naf25_units = [u for u in units if u[0][0] in taken or u in units[:SAMPLE_NAF25_UNITS]]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {key: out_dir / name for key, name in SAMPLE_FILES.items()}
    for key, selection, width in (
        ("legal_units", units, len(LEGAL_UNIT_HEADER)),
        ("legal_units_naf25", naf25_units, len(LEGAL_UNIT_HEADER_NAF25)),
    ):
        with paths[key].open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(generator.legal_unit_header[:width])
            writer.writerows(unit[:width] for unit, _ in selection)
    for key, selection, width in (
        ("establishments", units, len(ESTABLISHMENT_HEADER)),
        ("establishments_naf25", naf25_units, len(ESTABLISHMENT_HEADER_NAF25)),
    ):
        with paths[key].open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(generator.establishment_header[:width])
            writer.writerows(row[:width] for _, rows in selection for row in rows)
    return paths
