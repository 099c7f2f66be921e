"""The long code lists of the DAE form (issue 12, item 2) are plain selects marked for the
searchable picker (static/js/combobox.js): without JavaScript they are posted as any select, in
French and whole; the picker's script is served with the pages that have them."""

import html
import re

import pytest

from gamma.models import Movement
from tests.gamma.test_prepare_views import HOME, log_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def antoine(client, world):
    return log_in(client, world.antoine)


def page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def picker(page: str, field_id: str) -> str:
    """The select group of that field, which must be marked for the picker."""
    match = re.search(
        rf'<div class="fr-select-group[^"]*" data-combobox>\s*<label[^>]*for="{field_id}".*?</select>', page, re.S
    )
    assert match, f"{field_id} is not a searchable select"
    return match.group(0)


def test_cn_code_and_kind_of_packages_are_searchable_selects_in_french_and_saved_without_javascript(
    antoine, emcs_codelists
):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    antoine.post(url(movement, "lignes/1/"), {"lines-0-excise_product_code": "W200", "action": "choisir"})
    page = page_text(antoine.get(url(movement, "lignes/1/")))
    assert "/static/js/combobox.js" in page
    cn = picker(page, "id_lines-0-cn_code")
    assert '<option value="22042146">22042146 — Vin autre que blanc bénéficiant' in cn
    assert "Communauté dans une région autre que les suivantes : Bordeaux, Bourgogne, Beaujolais" in cn
    packages = picker(page, "id_lines-0-packages-0-kind_of_packages")
    assert '<option value="CT">CT — Carton</option>' in packages
    assert '<option value="4G">4G — Caisse en carton</option>' in packages
    assert "Box, fibreboard" not in packages
    assert "data-combobox" not in picker_free(page, "id_lines-0-excise_product_code")
    countries = picker(page, "id_lines-0-wine_third_country_of_origin")
    assert '<option value="ZA">ZA — Afrique du Sud</option>' in countries

    response = antoine.post(
        url(movement, "lignes/1/"),
        {
            "lines-0-excise_product_code": "W200",
            "lines-0-cn_code": "22042146",
            "lines-0-packages-0-kind_of_packages": "CT",
            "lines-0-packages-0-number_of_packages": "84",
            "lines-0-wine_third_country_of_origin": "ZA",
            "action": "enregistrer",
        },
    )
    assert response.status_code == 302
    line = movement.lines.get()
    assert (line.cn_code, [package.kind_of_packages for package in line.packages.all()]) == ("22042146", ["CT"])
    assert line.wine_third_country_of_origin == "ZA"


def picker_free(page: str, field_id: str) -> str:
    """The select group of a field that is not a picker (a short list)."""
    match = re.search(rf'<div class="fr-select-group[^"]*"[^>]*>\s*<label[^>]*for="{field_id}"', page, re.S)
    assert match
    return match.group(0)


def test_document_types_are_a_searchable_select_of_all_45_types_in_french(antoine, emcs_codelists):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    page = page_text(antoine.get(url(movement, "documents/")))
    types = picker(page, "id_documents-0-document_type")
    assert types.count("<option value=") == 46  # « — Choisir — » and the 45 types
    assert (
        '<option value="C652">C652 — Documents d\'accompagnement pour le transport des produits vitivinicoles' in types
    )
    response = antoine.post(
        url(movement, "documents/"), {"documents-0-document_type": "C652", "documents-0-document_reference": "VI-1"}
    )
    assert response.status_code == 302
    assert movement.documents.get().document_type == "C652"


def test_the_offices_are_a_searchable_select_of_the_register_s_offices(antoine, world, emcs_codelists):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    page = page_text(antoine.get(url(movement, "expediteur/")))
    offices = picker(page, "id_dispatch_office_code")
    assert '<option value="FR007501" selected>FR007501 — Bureau de Paris</option>' in offices  # the number's
    assert '<option value="FR003200">FR003200 — Bureau d\'Auch</option>' in offices
    response = antoine.post(url(movement, "expediteur/"), {"dispatch_office_code": "FR003200"})
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.dispatch_office_code == "FR003200"

    # An office the register does not list (stored by another channel) stays offered and chosen.
    Movement.objects.filter(pk=movement.pk).update(dispatch_import_office_code="FR000690")
    page = page_text(antoine.get(url(movement, "lieu-expedition/")))
    imports = picker(page, "id_dispatch_import_office_code")
    assert '<option value="FR000690" selected>FR000690</option>' in imports
