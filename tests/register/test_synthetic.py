"""Synthetic SIRENE files: INSEE's format, valid identifiers, reproducible; the committed sample is
what the generator writes."""

import filecmp
import zipfile

import pytest
from django.core.management import call_command
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from register.importers import synthetic
from register.importers.sirene import (
    ESTABLISHMENT_HEADER,
    ESTABLISHMENT_HEADER_NAF25,
    LEGAL_UNIT_HEADER,
    LEGAL_UNIT_HEADER_NAF25,
)
from tests.register.sirene_files import read_rows


def test_files_in_insee_format_with_valid_identifiers(tmp_path):
    paths = synthetic.write_stock_files(out_dir=tmp_path, legal_units=700, establishments=1000, seed=11)

    header, rows = read_rows(paths["establishments"])
    assert tuple(header) == ESTABLISHMENT_HEADER_NAF25
    assert len(rows) == 1000
    assert all(len(row) == 54 for row in rows)
    assert all(stdnum_siret.is_valid(row[2]) and row[2] == row[0] + row[1] for row in rows)
    assert len({row[2] for row in rows}) == 1000
    states = {row[header.index("etatAdministratifEtablissement")] for row in rows}
    assert states == {"A", "F"}
    assert any("[ND]" in row for row in rows)

    header, units = read_rows(paths["legal_units"])
    assert tuple(header) == LEGAL_UNIT_HEADER_NAF25
    assert len(units) == 700
    assert all(stdnum_siren.is_valid(unit[0]) for unit in units)
    assert {row[0] for row in rows} <= {unit[0] for unit in units}


def test_same_seed_same_files(tmp_path):
    first = synthetic.write_stock_files(out_dir=tmp_path / "a", establishments=300, seed=5, naf25=False)
    second = synthetic.write_stock_files(out_dir=tmp_path / "b", establishments=300, seed=5, naf25=False)

    assert filecmp.cmp(first["establishments"], second["establishments"], shallow=False)
    assert tuple(read_rows(first["establishments"])[0]) == ESTABLISHMENT_HEADER
    assert "legal_units" not in first


def test_zip_output(tmp_path):
    paths = synthetic.write_stock_files(out_dir=tmp_path, legal_units=10, establishments=20, zip_files=True)

    with zipfile.ZipFile(paths["establishments"]) as archive:
        assert archive.namelist() == ["StockEtablissement.csv"]
    with zipfile.ZipFile(paths["legal_units"]) as archive:
        assert archive.namelist() == ["StockUniteLegale.csv"]


def test_the_committed_sample_is_the_generators(tmp_path):
    paths = synthetic.write_sample(tmp_path)

    for key, name in synthetic.SAMPLE_FILES.items():
        assert filecmp.cmp(paths[key], synthetic.SAMPLE_DIR / name, shallow=False), name
    assert tuple(read_rows(paths["legal_units"])[0]) == LEGAL_UNIT_HEADER


def test_generate_sirene_command(tmp_path, capsys):
    call_command("generate_sirene", etablissements=50, unites_legales=30, out=tmp_path, zip=True, verbosity=0)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["StockEtablissement.zip", "StockUniteLegale.zip"]


def test_generate_sirene_needs_a_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--out DOSSIER"):
        call_command("generate_sirene", verbosity=0)
