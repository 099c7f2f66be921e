"""Helpers of the SIRENE import tests: the committed sample files and variants written on the fly."""

import csv
import zipfile
from pathlib import Path

from register.importers import synthetic
from register.importers.sirene import ESTABLISHMENT_HEADER, LEGAL_UNIT_HEADER

SAMPLE = synthetic.SAMPLE_DIR
LEGAL_UNITS = SAMPLE / synthetic.SAMPLE_FILES["legal_units"]
ESTABLISHMENTS = SAMPLE / synthetic.SAMPLE_FILES["establishments"]
LEGAL_UNITS_NAF25 = SAMPLE / synthetic.SAMPLE_FILES["legal_units_naf25"]
ESTABLISHMENTS_NAF25 = SAMPLE / synthetic.SAMPLE_FILES["establishments_naf25"]


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    return rows[0], rows[1:]


def data_lines(path: Path) -> int:
    return len(read_rows(path)[1])


def write_csv(path: Path, header, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def zipped(path: Path, into: Path) -> Path:
    archive = into / (path.stem + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(path, arcname=path.name)
    return archive


def establishment(**values: str) -> list[str]:
    """A valid 53-column establishment row (the seed's), with ``values`` changed."""
    header, rows = read_rows(ESTABLISHMENTS)
    row = dict(zip(header, next(r for r in rows if r[2] == synthetic.ARMAGNAC_SIRET), strict=True))
    row.update(values)
    return [row[name] for name in ESTABLISHMENT_HEADER]


def legal_unit(**values: str) -> list[str]:
    """A valid 34-column legal unit row (the seed's), with ``values`` changed."""
    header, rows = read_rows(LEGAL_UNITS)
    row = dict(zip(header, next(r for r in rows if r[0] == synthetic.ARMAGNAC_SIREN), strict=True))
    row.update(values)
    return [row[name] for name in LEGAL_UNIT_HEADER]
