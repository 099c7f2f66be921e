"""Synthetic SIRENE stock files, in INSEE's exact format: the committed sample and benchmark data.

Every SIREN and SIRET is valid (Luhn; La Poste's digit-sum rule for its own establishments),
names, addresses and activity codes look like the wine and spirits trade's, about a third of the
establishments are closed, a few percent are partially diffusible (personal data read ``[ND]``).
Same seed, same files. Rows are written as they are made: millions of rows in flat memory.

This module holds the generator, the writing of the files and the committed sample; the pools of
values are in ``synthetic_values``, the sample's named rows in ``synthetic_sample``.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from register.importers.sirene import (
    ESTABLISHMENT_HEADER,
    ESTABLISHMENT_HEADER_NAF25,
    LEGAL_UNIT_HEADER,
    LEGAL_UNIT_HEADER_NAF25,
    MASKED,
)
from register.importers.synthetic_sample import (
    ARMAGNAC_SIREN,
    ARMAGNAC_SIRET,
    CONSIGNEE_SIREN,
    DEMO_SIREN,
    DEMO_SIRET,
    LA_POSTE_SIRETS,
    special_units,
)
from register.importers.synthetic_values import (
    CITIES,
    COMPANY_CATEGORIES,
    COMPANY_PLACES,
    COMPANY_WORDS,
    CREATION_DAYS,
    FAMILY_NAMES,
    FIRST_NAMES,
    FOREIGN,
    HEADCOUNT_BANDS,
    NAF_CODES,
    RECENT_DAYS,
    SIGNBOARDS,
    SOLE_TRADER,
    SOLE_TRADER_BANDS,
    STREET_NAMES,
    STREET_TYPES,
    _day_after,
    _days,
    nic_for,
    row_from,
    siren_for,
)

__all__ = [
    "ARMAGNAC_SIREN",
    "ARMAGNAC_SIRET",
    "CITIES",
    "COMPANY_CATEGORIES",
    "COMPANY_PLACES",
    "COMPANY_WORDS",
    "CONSIGNEE_SIREN",
    "CREATION_DAYS",
    "DEMO_SIREN",
    "DEMO_SIRET",
    "FAMILY_NAMES",
    "FIRST_NAMES",
    "FOREIGN",
    "HEADCOUNT_BANDS",
    "LA_POSTE_SIRETS",
    "NAF_CODES",
    "RECENT_DAYS",
    "SIGNBOARDS",
    "SOLE_TRADER",
    "SOLE_TRADER_BANDS",
    "STREET_NAMES",
    "STREET_TYPES",
    "_day_after",
    "_days",
    "nic_for",
    "row_from",
    "siren_for",
    "special_units",
]

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sirene"
SAMPLE_SEED = 2009  # GAMMA's first year


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
