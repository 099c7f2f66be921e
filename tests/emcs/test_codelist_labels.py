"""The French labels of the code lists users pick from (issue 12): every country, kind of package,
CN code, document type and wine-growing zone has one, written in full, stored by the loader and shown whole
in the form's choices."""

import json

import pytest
from django.core.management import call_command

from emcs import codelists, labels
from emcs.models import CnCode, CodeListEntry, PackageKind
from gamma.sections.fields import ReferenceChoices

pytestmark = pytest.mark.django_db

PICKED_LISTS = ("BC08", "BC17", "BC37", "BC106", "BC40")


def file_entries(list_code: str) -> list[dict]:
    data = json.loads(codelists.default_file().read_text(encoding="utf-8"))
    return [entry for entry in data if entry["codeListCode"] == list_code]


@pytest.mark.parametrize("list_code", PICKED_LISTS)
def test_every_entry_of_the_lists_users_pick_from_has_a_full_french_label(list_code):
    entries = file_entries(list_code)
    assert entries
    for entry in entries:
        text = labels.label(list_code, entry["key"])
        assert text, f"{list_code} {entry['key']} has no French label"
        assert "..." not in text and "…" not in text, f"{list_code} {entry['key']} is cut: {text}"
    assert set(labels.LABELS[list_code]) == {entry["key"] for entry in entries}


def test_the_cut_english_wine_values_are_whole_in_french():
    cut = {entry["key"] for entry in file_entries("BC37") if entry["value"].endswith("...")}
    assert {"22042138", "22042178", "22042238"} <= cut
    other_regions = labels.label("BC37", "22042138")
    assert other_regions.startswith("Vin blanc bénéficiant d'une appellation d'origine protégée (AOP)")
    assert other_regions.endswith(
        "dans une région autre que les suivantes : Alsace, Bordeaux, Bourgogne, Val de "
        "Loire, Mosel, Pfalz, Rheinhessen, Tokaj, Lazio, Toscana, Trentino, Alto Adige et Friuli, Veneto, Sicilia, "
        "Vinho Verde, Penedès, Rioja et Valencia"
    )
    assert labels.label("BC37", "22042238").endswith("Piemonte et Tokaj")


def test_the_loader_stores_the_french_labels_next_to_the_official_values():
    call_command("load_emcs_codelists", verbosity=0)
    carton = PackageKind.objects.get(code="CT")
    assert (carton.label, carton.description, carton.display) == ("Carton", "Carton", "Carton")
    assert PackageKind.objects.get(code="4G").display == "Caisse en carton"
    assert not PackageKind.objects.filter(label="").exists()
    assert PackageKind.objects.count() == 406
    champagne = CnCode.objects.get(code="22041011")
    assert champagne.description == "Champagne with a protected designation of origin (PDO)"
    assert champagne.display == "Champagne bénéficiant d'une appellation d'origine protégée (AOP)"
    assert not CnCode.objects.filter(label="").exists()
    assert not CodeListEntry.objects.filter(list_code__in=["BC08", "BC106", "BC40"], label="").exists()
    assert CodeListEntry.objects.get(list_code="BC08", key="ZA").display == "Afrique du Sud"
    assert CodeListEntry.objects.get(list_code="BC106", key="C652").display == (
        "Documents d'accompagnement pour le transport des produits vitivinicoles"
    )


def test_the_choices_show_the_whole_french_label(emcs_codelists):
    choices = ReferenceChoices()
    kinds = dict(choices.package_kinds())
    assert kinds["CT"] == "CT — Carton"
    assert kinds["ZZ"] == "ZZ — Défini d'un commun accord"
    cn = dict(choices.cn_codes("W200"))
    assert cn["22042178"] == "22042178 — " + CnCode.objects.get(code="22042178").label
    assert cn["22042178"].endswith("Rioja et Valdepeñas")
    documents = dict(choices.list(codelists.DOCUMENT_TYPES))
    assert len(documents) == 45
    assert documents["C651"].startswith("C651 — Document administratif électronique (DAE)")
    assert dict(choices.list(codelists.WINE_GROWING_ZONES))["5"] == "5 — Zone viticole C III a)"
    every_label = [*kinds.values(), *cn.values(), *documents.values()]
    assert not [text for text in every_label if "..." in text or "…" in text]
