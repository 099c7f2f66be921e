import pytest

from register import labels


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("NN", "Unité non employeuse"),
        ("00", "0 salarié"),
        ("01", "1 ou 2 salariés"),
        ("42", "1 000 à 1 999 salariés"),
        ("53", "10 000 salariés et plus"),
        ("", "Non renseigné"),
        ("99", "99 (libellé non disponible)"),
    ],
)
def test_headcount_bands(code, label):
    assert labels.headcount_label(code) == label


def test_the_whole_naf_rev2_table_is_available():
    assert len(labels._naf_rev2_labels()) == 732
    assert labels.activity_display("11.01Z", "NAFRev2") == "Production de boissons alcooliques distillées"
    assert labels.activity_display("46.34Z", "NAFRev2") == "Commerce de gros (commerce interentreprises) de boissons"
    assert labels.activity_display("11.05Z") == "Fabrication de bière"


def test_the_seeds_naf_rev1_activity_and_its_ape_code():
    assert labels.activity_display("51.3J", "NAFRev1") == "Commerce de gros de boissons"
    assert labels.ape_code("51.3J") == "513J"
    assert labels.ape_code("11.01Z") == "1101Z"


@pytest.mark.parametrize(
    ("code", "nomenclature"), [("99.99Z", "NAFRev2"), ("74.1A", "NAFRev1"), ("6411", "NAP"), ("11.01Z", "NAF2025")]
)
def test_an_unknown_activity_shows_its_code_alone(code, nomenclature):
    assert labels.activity_display(code, nomenclature) == f"{code} (libellé non disponible)"


def test_no_activity_reads_not_provided():
    assert labels.activity_display("", "NAFRev2") == "Non renseigné"


@pytest.mark.parametrize(
    ("code", "nature", "label"),
    [
        ("5499", "SARL", "Société à responsabilité limitée (sans autre indication)"),
        ("5710", "SAS", "SAS, société par actions simplifiée"),
        (
            "5720",
            "SASU",
            "Société par actions simplifiée à associé unique ou société par actions simplifiée unipersonnelle",
        ),
        ("5599", "SA", "SA à conseil d'administration (s.a.i.)"),
        ("1000", "Entrepreneur individuel", "Entrepreneur individuel"),
        ("9220", "Association déclarée", "Association déclarée"),
        ("6540", "SCI", "Société civile immobilière"),
        ("5306", "SCS", "Société en commandite simple"),
        # Named at level 3 but without a short nature of their own:
        ("5415", "Société commerciale", "SARL d'économie mixte"),
        ("9900", "Autres", "Autre personne morale de droit privé"),
        # Unknown level-3 codes fall back on their family:
        ("5632", "Société commerciale", "Société commerciale"),
        ("7344", "Autres", "Personne morale et organisme soumis au droit administratif"),
        ("2385", "Autres", "Groupement de droit privé non doté de la personnalité morale"),
        ("8450", "Autres", "Organisme privé spécialisé"),
    ],
)
def test_legal_categories_and_their_nature(code, nature, label):
    assert labels.legal_nature(code) == nature
    assert labels.legal_category_label(code) == label


@pytest.mark.parametrize("family", ["2", "3", "4", "6", "7", "8", "9"])
def test_families_without_a_name_of_their_own_read_autres(family):
    assert labels.legal_nature(f"{family}999") == "Autres"


def test_street_types_are_spelt_out():
    assert labels.street_type_label("RTE") == "Route"
    assert labels.street_type_label("AV") == "Avenue"
    assert labels.street_type_label("BD") == "Boulevard"
    assert labels.street_type_label("R") == "Rue"
    assert labels.street_type_label("XYZ") == "XYZ"
    assert labels.street_type_label("") == ""
