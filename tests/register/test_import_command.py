"""``manage.py import_sirene``: arguments, summary, rejections, errors in French."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from register.importers.sirene import ESTABLISHMENT_HEADER
from register.models import Establishment, LegalUnit
from tests.register.sirene_files import ESTABLISHMENTS, LEGAL_UNITS, establishment, write_csv

pytestmark = pytest.mark.django_db


def run(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sirene", stdout=out, stderr=err, **options)
    return out.getvalue().replace("\u202f", " "), err.getvalue()


def test_both_files_with_progress_on_stderr():
    out, err = run(unites_legales=LEGAL_UNITS, etablissements=ESTABLISHMENTS)

    assert "Unités légales : 254 lignes lues, 254 importées, 0 rejetées" in out
    assert "Établissements : 337 lignes lues, 337 importées, 0 rejetées" in out
    assert "100%" in err
    assert (LegalUnit.objects.count(), Establishment.objects.count()) == (254, 337)


def test_rejections_printed_and_written(tmp_path):
    bad = [establishment(siret="35324915400018", nic="00018")] * 25
    path = write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, [establishment(), *bad])
    rejects = tmp_path / "rejets.csv"

    out, _ = run(etablissements=path, rejets=rejects, sans_progression=True)

    assert "StockEtablissement.csv, ligne 3 : SIRET 35324915400018 invalide (clé de contrôle incorrecte)" in out
    assert "StockEtablissement.csv, ligne 22 :" in out
    assert "StockEtablissement.csv, ligne 23 :" not in out
    assert "… et 5 autre(s) ligne(s) rejetée(s)\n" in out
    with rejects.open(encoding="utf-8") as stream:
        written = list(csv.reader(stream))
    assert written[0] == ["fichier", "ligne", "motif"]
    assert len(written) == 1 + 25
    assert written[1][:2] == ["StockEtablissement.csv", "3"]


def test_no_file_given():
    with pytest.raises(CommandError, match="Indiquez --unites-legales"):
        run()


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(etablissements=tmp_path / "absent.csv")


def test_wrong_file(tmp_path):
    with pytest.raises(
        CommandError, match=re.escape("StockUniteLegale_sample.csv : Ce n'est pas un fichier SIRENE des établissements")
    ):
        run(etablissements=LEGAL_UNITS, sans_progression=True)
