"""The SIRENE import, on whichever database is configured (SQLite by default; PostgreSQL takes the
COPY path: ``DATABASE_URL=postgres://… pytest tests/register``)."""

import datetime
import random

import pytest
from stdnum.fr import siret as stdnum_siret

from register.importers import sirene, synthetic
from register.importers.sirene import (
    ESTABLISHMENT_HEADER,
    ESTABLISHMENT_HEADER_NAF25,
    LEGAL_UNIT_HEADER,
    SireneFormatError,
    import_establishments,
    import_legal_units,
)
from register.models import AdministrativeState, Diffusion, Establishment, LegalUnit
from tests.register.sirene_files import (
    ESTABLISHMENTS,
    ESTABLISHMENTS_NAF25,
    LEGAL_UNITS,
    LEGAL_UNITS_NAF25,
    data_lines,
    establishment,
    legal_unit,
    read_rows,
    write_csv,
    zipped,
)

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in Establishment._meta.concrete_fields if f.name != "updated_at"]


def snapshot(model) -> dict:
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
    return {row[fields[0]]: row for row in model.objects.values(*fields)}


def test_the_sample_imports_whole():
    units = import_legal_units(path=LEGAL_UNITS)
    establishments = import_establishments(path=ESTABLISHMENTS)

    assert (units.rows_read, units.imported, units.rejected) == (data_lines(LEGAL_UNITS),) * 2 + (0,)
    assert (establishments.rows_read, establishments.imported, establishments.rejected) == (
        data_lines(ESTABLISHMENTS),
        data_lines(ESTABLISHMENTS),
        0,
    )
    assert LegalUnit.objects.count() == data_lines(LEGAL_UNITS) == 254
    assert Establishment.objects.count() == data_lines(ESTABLISHMENTS) == 337
    assert Establishment.objects.filter(state=AdministrativeState.CLOSED).count() > 50
    assert all(stdnum_siret.is_valid(siret) for siret in Establishment.objects.values_list("siret", flat=True))
    assert units.seconds > 0 and units.rows_per_second > 0
    assert "254 lignes lues, 254 importées, 0 rejetées" in units.summary().replace("\u202f", " ")


def test_the_seed_establishment_exactly():
    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)

    armagnac = Establishment.objects.get(siret="35324915400017")
    assert {field: getattr(armagnac, field) for field in FIELDS} == {
        "siret": "35324915400017",
        "legal_unit_id": "353249154",
        "nic": "00017",
        "signboard": "COMPAGNIE FRANCAISE DE L ARMAGNAC",
        "usual_name": "",
        "created_on": datetime.date(1990, 1, 2),
        "headcount_band": "00",
        "is_head_office": True,
        "main_activity": "51.3J",
        "activity_nomenclature": "NAFRev1",
        "street_number": "",
        "street_number_suffix": "",
        "street_type": "RTE",
        "street_name": "DE CAZAUBON",
        "address_complement": "",
        "postal_code": "32800",
        "city": "EAUZE",
        "city_code": "32119",
        "foreign_city": "",
        "country_code": "",
        "country_name": "",
        "diffusion": Diffusion.PUBLIC,
        "state": AdministrativeState.ACTIVE,
    }
    company = armagnac.legal_unit
    assert company.denomination == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert company.legal_category == "9900"
    assert (company.main_activity, company.activity_nomenclature) == ("51.3J", "NAFRev1")
    assert company.head_office_nic == "00017"
    assert company.created_on == datetime.date(1990, 1, 2)
    assert company.state == AdministrativeState.ACTIVE


def test_the_register_sheet_of_the_imported_seed_establishment():
    """The look-up service shows the imported row as the seed's « Fiche Etablissement »."""
    from register.services import establishment_sheet

    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)

    sheet = establishment_sheet(siret="35324915400017")
    assert sheet.name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert sheet.headcount == "0 salarié"
    assert sheet.activity == "Commerce de gros de boissons"
    assert sheet.nature == "Autres"
    assert sheet.address == "Route DE CAZAUBON 32800 EAUZE"


def test_demo_company_and_la_poste():
    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)

    demo = LegalUnit.objects.get(siren=synthetic.DEMO_SIREN)
    assert demo.denomination == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    head_office = Establishment.objects.get(siret=synthetic.DEMO_SIRET)
    assert (head_office.street_number, head_office.street_type, head_office.street_name) == (
        "15",
        "AV",
        "DE LA REPUBLIQUE",
    )
    assert (head_office.postal_code, head_office.city, head_office.is_head_office) == ("75010", "PARIS", True)
    assert demo.head_office_nic == head_office.nic
    assert Establishment.objects.get(siret="12345678200028").state == AdministrativeState.CLOSED
    # La Poste: the head office follows Luhn, the others the digit-sum rule.
    assert set(Establishment.objects.filter(legal_unit_id="356000000").values_list("siret", flat=True)) == set(
        synthetic.LA_POSTE_SIRETS
    )


def test_53_and_54_columns_give_the_same_rows():
    assert len(read_rows(ESTABLISHMENTS)[0]) == 53
    assert len(read_rows(ESTABLISHMENTS_NAF25)[0]) == 54
    assert len(read_rows(LEGAL_UNITS)[0]) == 34
    assert len(read_rows(LEGAL_UNITS_NAF25)[0]) == 35

    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)
    before_units, before = snapshot(LegalUnit), snapshot(Establishment)
    LegalUnit.objects.all().delete()
    Establishment.objects.all().delete()

    units = import_legal_units(path=LEGAL_UNITS_NAF25)
    report = import_establishments(path=ESTABLISHMENTS_NAF25)

    assert (units.rejected, report.rejected) == (0, 0)
    assert report.imported == data_lines(ESTABLISHMENTS_NAF25) == Establishment.objects.count()
    after_units, after = snapshot(LegalUnit), snapshot(Establishment)
    assert after == {siret: before[siret] for siret in after}
    assert after_units == {siren: before_units[siren] for siren in after_units}


def test_columns_are_found_by_name_not_position(tmp_path):
    header, rows = read_rows(ESTABLISHMENTS)
    order = list(range(len(header)))
    random.Random(7).shuffle(order)
    shuffled = write_csv(
        tmp_path / "StockEtablissement.csv",
        [f" {header[i]} " for i in order],  # spaces around the names are stripped
        [[row[i] for i in order] for row in rows],
    )

    report = import_establishments(path=shuffled)

    assert report.rejected == 0
    assert Establishment.objects.get(siret="35324915400017").city == "EAUZE"
    assert Establishment.objects.count() == len(rows)


def test_masked_values_are_stored_empty(tmp_path):
    masked = establishment(
        statutDiffusionEtablissement="P",
        typeVoieEtablissement="[ND]",
        libelleVoieEtablissement="[ND]",
        enseigne1Etablissement="[ND]",
        dateCreationEtablissement="[ND]",
        coordonneeLambertAbscisseEtablissement="[ND]",
    )
    path = write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, [masked])

    report = import_establishments(path=path)

    assert report.rejected == 0
    row = Establishment.objects.get(siret="35324915400017")
    assert (row.street_type, row.street_name, row.signboard, row.created_on) == ("", "", "", None)
    assert row.diffusion == Diffusion.PARTIAL
    assert row.city == "EAUZE"


def test_masked_rows_of_the_sample():
    import_establishments(path=ESTABLISHMENTS)

    partial = Establishment.objects.filter(diffusion=Diffusion.PARTIAL)
    assert partial.exists()
    assert not Establishment.objects.filter(street_name="[ND]").exists()
    assert all(row.street_name == "" for row in partial if not row.country_name)


def test_zip_input(tmp_path):
    report = import_establishments(path=zipped(ESTABLISHMENTS, tmp_path))

    assert report.imported == data_lines(ESTABLISHMENTS) == Establishment.objects.count()


def test_a_zip_must_hold_one_csv(tmp_path):
    import zipfile

    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("LISEZMOI.txt", "rien")
    with pytest.raises(SireneFormatError, match="un et un seul fichier CSV"):
        import_establishments(path=empty)


def test_progress_counts_every_byte(tmp_path):
    seen = []
    import_establishments(path=zipped(ESTABLISHMENTS, tmp_path), on_bytes=seen.append)

    assert sum(seen) == ESTABLISHMENTS.stat().st_size == sirene.stock_file_size(zipped(ESTABLISHMENTS, tmp_path))


def test_import_twice_updates_in_place(tmp_path):
    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)
    first = snapshot(Establishment)
    stamps = dict(Establishment.objects.values_list("siret", "updated_at"))

    again = import_establishments(path=ESTABLISHMENTS)

    assert again.imported == len(first) == Establishment.objects.count()
    assert snapshot(Establishment) == first
    # Nothing changed: no row rewritten.
    assert dict(Establishment.objects.values_list("siret", "updated_at")) == stamps

    # Next month: the seed establishment closed and moved; everything else the same.
    header, rows = read_rows(ESTABLISHMENTS)
    siret_at, state_at, street_at = (
        header.index("siret"),
        header.index("etatAdministratifEtablissement"),
        header.index("libelleVoieEtablissement"),
    )
    for row in rows:
        if row[siret_at] == "35324915400017":
            row[state_at], row[street_at] = "F", "DE CONDOM"
    write_csv(tmp_path / "next.csv", header, rows)

    import_establishments(path=tmp_path / "next.csv")

    assert Establishment.objects.count() == len(first)
    moved = Establishment.objects.get(siret="35324915400017")
    assert (moved.state, moved.street_name) == (AdministrativeState.CLOSED, "DE CONDOM")
    assert moved.updated_at > stamps["35324915400017"]
    unchanged = Establishment.objects.exclude(siret="35324915400017")
    assert dict(unchanged.values_list("siret", "updated_at")) == {
        siret: stamp for siret, stamp in stamps.items() if siret != "35324915400017"
    }


def test_bad_rows_are_reported_with_their_line_and_the_import_goes_on(tmp_path):
    good = establishment()
    other_good = establishment(siren="123456782", nic="00010", siret="12345678200010")
    rows = [
        good,  # line 2
        establishment(siret="35324915400018", nic="00018"),  # 3: check digit
        good[:-1],  # 4: 52 columns
        establishment(siret="12345678200010"),  # 5: valid SIRET of another SIREN
        establishment(dateCreationEtablissement="1990-02-30"),  # 6: no such day
        establishment(etatAdministratifEtablissement="X"),  # 7
        establishment(etablissementSiege="oui"),  # 8
        establishment(siren="356000000", nic="00017", siret="35600000000017"),  # 9: La Poste, digit sum 17
        establishment(siret="3532491540001A", nic="0001A"),  # 10: not digits
        establishment(siren="123456789", nic="00010", siret="12345678900010"),  # 11: SIREN fails its key
        other_good,  # 12
    ]
    path = write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, rows)
    seen = []

    report = import_establishments(path=path, on_reject=seen.append)

    assert (report.rows_read, report.imported, report.rejected) == (11, 2, 9)
    assert seen == report.rejections
    reasons = {rejection.line: rejection.reason for rejection in report.rejections}
    assert reasons == {
        3: "SIRET 35324915400018 invalide (clé de contrôle incorrecte)",
        4: "52 colonnes au lieu de 53",
        5: "le SIRET 12345678200010 ne correspond pas au SIREN « 353249154 » et au NIC « 00017 »",
        6: "date invalide « 1990-02-30 » (dateCreationEtablissement)",
        7: "état administratif inconnu « X » (etatAdministratifEtablissement)",
        8: "« oui » au lieu de true ou false (etablissementSiege)",
        9: "SIRET 35600000000017 invalide (La Poste : la somme des chiffres doit être un multiple de 5)",
        10: "SIRET « 3532491540001A » : 14 chiffres attendus",
        11: "SIRET 12345678900010 invalide (clé de contrôle du SIREN 123456789 incorrecte)",
    }
    assert str(report.rejections[0]) == "ligne 3 : SIRET 35324915400018 invalide (clé de contrôle incorrecte)"
    assert sorted(Establishment.objects.values_list("siret", flat=True)) == ["12345678200010", "35324915400017"]


def test_bad_legal_units_are_reported(tmp_path):
    rows = [
        legal_unit(),
        legal_unit(siren="353249155"),
        legal_unit(siren="12345678"),
        legal_unit(siren="123456782", dateCreationUniteLegale="02/01/1990"),
        legal_unit(siren="123456782", etatAdministratifUniteLegale="F"),  # F: INSEE's closed, read as closed
    ]
    path = write_csv(tmp_path / "StockUniteLegale.csv", LEGAL_UNIT_HEADER, rows)

    report = import_legal_units(path=path)

    assert [(r.line, r.reason) for r in report.rejections] == [
        (3, "SIREN 353249155 invalide (clé de contrôle incorrecte)"),
        (4, "SIREN « 12345678 » : 9 chiffres attendus"),
        (5, "date invalide « 02/01/1990 » (dateCreationUniteLegale)"),
    ]
    assert LegalUnit.objects.get(siren="123456782").state == AdministrativeState.CLOSED
    assert LegalUnit.objects.count() == 2


def test_an_unreadable_line_is_rejected_and_reading_goes_on(tmp_path):
    import csv as csv_module

    path = write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, [establishment()])
    with path.open("a", encoding="utf-8") as stream:
        stream.write('"unclosed' + "x" * (csv_module.field_size_limit() + 10) + "\n")

    report = import_establishments(path=path)

    assert report.imported == 1
    assert report.rejected == 1
    assert "ligne illisible" in report.rejections[0].reason


def test_the_same_key_twice_in_a_file_keeps_the_last_row(tmp_path):
    rows = [
        establishment(libelleVoieEtablissement="PREMIERE"),
        establishment(siren="123456782", nic="00010", siret="12345678200010"),
        establishment(libelleVoieEtablissement="DERNIERE"),
    ]
    path = write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, rows)

    report = import_establishments(path=path)

    assert report.rejected == 0
    assert Establishment.objects.count() == 2
    assert Establishment.objects.get(siret="35324915400017").street_name == "DERNIERE"


def test_values_with_tabs_backslashes_and_line_breaks_survive(tmp_path):
    odd = 'CAVE\tDU\\NORD\nET, "SUD"'
    path = write_csv(
        tmp_path / "StockEtablissement.csv",
        ESTABLISHMENT_HEADER,
        [
            establishment(enseigne1Etablissement=odd),
            establishment(siren="123456782", nic="00010", siret="12345678200010"),
        ],
    )

    report = import_establishments(path=path)

    assert report.rejected == 0
    assert Establishment.objects.get(siret="35324915400017").signboard == odd


def test_not_a_sirene_file(tmp_path):
    path = write_csv(tmp_path / "autre.csv", ["siren", "nom"], [["353249154", "X"]])

    with pytest.raises(SireneFormatError, match="colonne\\(s\\) absente\\(s\\) : siret, nic, enseigne1Etablissement"):
        import_establishments(path=path)
    empty = tmp_path / "vide.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SireneFormatError, match="vide"):
        import_legal_units(path=empty)


def test_many_batches(tmp_path, monkeypatch):
    """Small batches: the staging table (PostgreSQL) or the transactions (SQLite) are reused."""
    monkeypatch.setattr(sirene, "POSTGRES_BATCH_ROWS", 40)
    monkeypatch.setattr(sirene, "COPY_CHUNK_ROWS", 7)
    monkeypatch.setattr(sirene, "PIPELINE_CHUNKS", 2)
    monkeypatch.setattr(sirene, "EXECUTEMANY_BATCH_ROWS", 30)
    paths = synthetic.write_stock_files(out_dir=tmp_path, legal_units=300, establishments=500, seed=3)

    units = import_legal_units(path=paths["legal_units"])
    report = import_establishments(path=paths["establishments"])

    assert (units.imported, report.imported) == (300, 500)
    assert (LegalUnit.objects.count(), Establishment.objects.count()) == (300, 500)
    again = import_establishments(path=paths["establishments"])
    assert again.imported == 500 == Establishment.objects.count()


def test_a_database_error_stops_the_import_and_is_raised(tmp_path):
    """The writing thread's failure reaches the caller (PostgreSQL: a bad statement)."""
    failing = sirene.StockFile(
        label="établissements",
        model=Establishment,
        columns=(
            *sirene.ESTABLISHMENTS.columns[:-3],
            sirene.Column("no_such_column", "nic"),
            *sirene.ESTABLISHMENTS.columns[-2:],
        ),
    )
    with pytest.raises(Exception, match="no_such_column"):
        sirene.import_stock_file(stock=failing, path=ESTABLISHMENTS)
    assert Establishment.objects.count() == 0  # the connection still answers
    import_establishments(path=write_csv(tmp_path / "StockEtablissement.csv", ESTABLISHMENT_HEADER, [establishment()]))
    with pytest.raises(Exception, match="no_such_column"):  # the upsert path too
        sirene.import_stock_file(stock=failing, path=ESTABLISHMENTS)
    assert Establishment.objects.count() == 1


def test_the_date_and_the_state_come_last():
    with pytest.raises(ValueError, match="last two columns"):
        sirene.StockFile(label="x", model=Establishment, columns=sirene.ESTABLISHMENTS.columns[::-1])


def test_54_column_header_is_the_53_one_plus_naf25():
    assert ESTABLISHMENT_HEADER_NAF25[:53] == ESTABLISHMENT_HEADER
    assert ESTABLISHMENT_HEADER_NAF25[53] == "activitePrincipaleNAF25Etablissement"


def test_a_value_longer_than_insee_says_is_cut(tmp_path):
    path = write_csv(
        tmp_path / "StockEtablissement.csv",
        ESTABLISHMENT_HEADER,
        [
            establishment(enseigne1Etablissement="X" * 60),
            establishment(siren="123456782", nic="00010", siret="12345678200010"),
        ],
    )

    report = import_establishments(path=path)

    assert report.imported == 2
    assert Establishment.objects.get(siret="35324915400017").signboard == "X" * 50


def test_rows_already_there_are_updated_new_ones_added(tmp_path):
    """The table is not empty when the import starts: every batch is an upsert."""
    import_establishments(path=write_csv(tmp_path / "first.csv", ESTABLISHMENT_HEADER, [establishment()]))

    report = import_establishments(
        path=write_csv(
            tmp_path / "second.csv",
            ESTABLISHMENT_HEADER,
            [
                establishment(libelleVoieEtablissement="DE CONDOM"),
                establishment(siren="123456782", nic="00010", siret="12345678200010"),
            ],
        )
    )

    assert report.imported == 2
    assert Establishment.objects.get(siret="35324915400017").street_name == "DE CONDOM"
    assert Establishment.objects.count() == 2
