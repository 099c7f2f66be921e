"""The EMCS code lists: loaded from the shipped file, idempotently, and read by the selectors."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from emcs import codelists
from emcs.models import CnCode, CodeListEntry, EpcCnCode, ExciseProductCode, PackageKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(emcs_codelists):
    return emcs_codelists


def test_every_list_of_the_file_is_loaded(loaded):
    assert ExciseProductCode.objects.count() == 31
    assert CnCode.objects.count() == 336
    assert PackageKind.objects.count() == 406
    # 459 pairs in E200, less the two placeholder products X999 and Y999.
    assert EpcCnCode.objects.count() == 457
    assert CodeListEntry.objects.filter(list_code="BC11").count() == 30
    assert CodeListEntry.objects.filter(list_code="BC08").count() == 254
    assert CodeListEntry.objects.filter(list_code="BC109").count() == 13
    assert CodeListEntry.objects.filter(list_code="BC106").count() == 45
    # 1,842 entries: the four dedicated lists in their tables, every other one in CodeListEntry.
    assert CodeListEntry.objects.count() == 1842 - 31 - 336 - 406 - 459
    assert not CodeListEntry.objects.filter(list_code__in=["BC36", "BC37", "BC17", "E200"]).exists()
    assert loaded.counts["E200"].created == 457
    assert loaded.counts["BC36"].created == 31


def test_the_placeholders_of_e200_are_skipped_and_said(loaded):
    assert len(loaded.skipped) == 2
    assert any("X999" in line and "fictif" in line for line in loaded.skipped)
    assert any("Y999" in line for line in loaded.skipped)
    assert not EpcCnCode.objects.filter(cn_id__in=["22123127", "22398478"]).exists()


def test_excise_products_carry_their_flags_category_and_unit(loaded):
    beer = codelists.epc("B000")
    assert (beer.category, beer.unit_of_measure) == ("B", "3")
    assert beer.alcoholic_strength_applicable
    assert beer.degree_plato_applicable
    assert not beer.density_applicable
    gasoil = codelists.epc("E430")
    assert gasoil.density_applicable
    assert not gasoil.alcoholic_strength_applicable
    assert (gasoil.category, gasoil.unit_of_measure) == ("E", "2")
    assert codelists.epc("T200").unit_of_measure == "4"
    assert codelists.epc("Z999") is None


def test_french_labels_are_shown_and_the_official_value_kept(loaded):
    wine = codelists.epc("W200")
    assert wine.label == "Vins tranquilles et autres boissons fermentées tranquilles"
    assert wine.description.startswith("Still wine")
    assert wine.display == wine.label
    assert codelists.label("BC67", "3") == "Transport routier"
    assert codelists.label("BC67", "9") == "9"
    # Lists without a translation show the official English value.
    assert CodeListEntry.objects.get(list_code="BC12", key="fr").display == "French"


def test_a_second_load_changes_nothing(loaded):
    before = {
        model: list(model.objects.order_by("pk").values())
        for model in (ExciseProductCode, CnCode, EpcCnCode, PackageKind, CodeListEntry)
    }
    again = codelists.load()
    after = {model: list(model.objects.order_by("pk").values()) for model in before}
    assert after == before
    assert all(count.created == 0 and count.updated == 0 for count in again.counts.values())
    assert again.counts["BC37"].unchanged == 336


def test_a_changed_file_updates_the_rows_in_place(tmp_path, loaded):
    data = json.loads(codelists.default_file().read_text(encoding="utf-8"))
    for entry in data:
        if entry["codeListCode"] == "BC36" and entry["key"] == "E470":
            entry["properties"]["densityApplicabilityFlag"] = True
        if entry["codeListCode"] == "BC43" and entry["key"] == "1":
            entry["value"] = "Typing mistake"
    data.append({"codeListCode": "BC67", "key": "9", "value": "Teleportation", "properties": {}})
    path = tmp_path / "codelists.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    pk = ExciseProductCode.objects.get(code="E470").pk

    report = codelists.load(path)

    assert ExciseProductCode.objects.get(code="E470").density_applicable
    assert ExciseProductCode.objects.get(code="E470").pk == pk
    assert CodeListEntry.objects.get(list_code="BC43", key="1").value == "Typing mistake"
    assert CodeListEntry.objects.get(list_code="BC67", key="9").value == "Teleportation"
    assert (report.counts["BC36"].updated, report.counts["BC43"].updated, report.counts["BC67"].created) == (1, 1, 1)


def test_cn_codes_for_an_epc_follow_e200(loaded):
    beer = list(codelists.cn_codes_for_epc("B000").values_list("code", flat=True))
    assert beer == sorted(beer)
    assert "22030001" in beer
    assert "22042109" not in beer  # a wine code
    wine = codelists.epc("W200")
    assert "22042109" in codelists.cn_codes_for_epc(wine).values_list("code", flat=True)
    # S500 takes any CN code (BR018).
    assert codelists.cn_codes_for_epc("S500").count() == 336


def test_a_cn_code_may_belong_to_several_epcs(loaded):
    several = CnCode.objects.annotate(epcs=Count("epc_links")).filter(epcs__gt=1)
    assert several.count() == 71


def test_countable_packages(loaded):
    assert codelists.is_countable_package("BO")  # bottle
    assert codelists.is_countable_package("1A")
    assert not codelists.is_countable_package("VL")  # bulk liquid
    assert not codelists.is_countable_package("NE")  # unpacked
    assert not codelists.is_countable_package("??")
    assert PackageKind.objects.filter(countable=False).count() == 7


def test_states_taxing_beer_by_plato(loaded):
    states = codelists.states_taxing_beer_by_plato()
    assert len(states) == 13
    assert {"DE", "BE", "AT", "EL"} <= states
    assert "FR" not in states


def test_reasons_are_in_french_numeric_order_other_last(loaded):
    reasons = codelists.reasons(codelists.CANCELLATION_REASONS)
    assert reasons == [
        ("1", "Erreur de saisie"),
        ("2", "Transaction commerciale interrompue"),
        ("3", "DAE en double"),
        ("4", "Le mouvement n'a pas commencé à la date d'expédition"),
        ("0", "Autre"),
    ]
    assert [key for key, _label in codelists.reasons(codelists.UNSATISFACTORY_RECEIPT_REASONS)] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "7",
        "0",
    ]
    for list_code in codelists.REASON_LISTS:
        assert codelists.reasons(list_code), list_code
    with pytest.raises(ValueError):
        codelists.reasons(codelists.TRANSPORT_MODES)


def test_choices_of_wine_operations_in_numeric_order(loaded):
    keys = [key for key, _label in codelists.choices(codelists.WINE_OPERATIONS)]
    assert keys == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "0"]


def test_reference_for_a_draft_read_once_per_process_in_four_queries(loaded, django_assert_num_queries):
    with django_assert_num_queries(4):
        reference = codelists.reference_for(epcs=["W200", "B000", "", "Q000"], package_kinds=["BO", "VL", "??"])
    assert set(reference.products) == {"W200", "B000"}
    assert "22042109" in reference.cn_codes_by_epc["W200"]
    assert reference.cn_codes_by_epc["Q000"] == frozenset()
    assert reference.countable_packages == {"BO": True, "VL": False}
    assert "DE" in reference.plato_states
    with django_assert_num_queries(0):  # kept
        again = codelists.reference_for(epcs=["S200"], package_kinds=["CT"])
    assert set(again.products) == {"S200"} and again.countable_packages == {"CT": True}


def test_an_edit_of_the_lists_is_read_again(loaded, django_assert_num_queries):
    assert codelists.reference_for(epcs=["W200"], package_kinds=[]).products["W200"].alcoholic_strength_applicable
    product = ExciseProductCode.objects.get(code="W200")
    product.alcoholic_strength_applicable = False
    product.save()  # as the admin does
    with django_assert_num_queries(4):
        reference = codelists.reference_for(epcs=["W200"], package_kinds=[])
    assert reference.products["W200"].alcoholic_strength_applicable is False


def test_another_process_reads_them_again_once_the_change_is_committed(loaded, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    codelists.snapshot()
    before = cache.get(codelists.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        PackageKind.objects.filter(code="CT").update(countable=False)
        codelists.changed()
    assert cache.get(codelists.VERSION_KEY) == before  # not before the commit
    for callback in callbacks:
        callback()
    assert cache.get(codelists.VERSION_KEY) != before
    # A process holding the old version (simulated: this one's lists, labelled as before) reads again.
    codelists._kept = (before, codelists.ReferenceData())
    assert codelists.reference_for(epcs=[], package_kinds=["CT"]).countable_packages == {"CT": False}


def test_the_command_prints_counts_per_list_and_the_skipped_placeholders(capsys):
    call_command("load_emcs_codelists")
    out = capsys.readouterr().out
    assert "BC36 : 31 entrées (31 créées, 0 modifiées, 0 inchangées)" in out
    assert "E200 : 457 entrées (457 créées" in out
    assert "X999" in out
    assert "Y999" in out
    call_command("load_emcs_codelists")
    out = capsys.readouterr().out
    assert "BC36 : 31 entrées (0 créées, 0 modifiées, 31 inchangées)" in out
    assert "0 entrées créées, 0 modifiées" in out


def test_the_command_takes_another_file(tmp_path, capsys):
    path = tmp_path / "small.json"
    path.write_text(
        json.dumps([{"codeListCode": "BC67", "key": "3", "value": "Road Transport", "properties": {}}]),
        encoding="utf-8",
    )
    call_command("load_emcs_codelists", "--file", str(path))
    assert "BC67 : 1 entrées (1 créées" in capsys.readouterr().out
    assert CodeListEntry.objects.get(list_code="BC67", key="3").label == "Transport routier"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "n'est pas un JSON lisible"),
        ('{"a": 1}', "tableau JSON"),
        ('[{"codeListCode": "BC67", "key": 3, "value": "Road"}]', "Entrée n° 1 invalide"),
    ],
)
def test_a_bad_file_is_refused_with_a_french_message_and_nothing_loaded(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_emcs_codelists", "--file", str(path))
    assert not CodeListEntry.objects.exists()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("load_emcs_codelists", "--file", str(tmp_path / "absent.json"))
