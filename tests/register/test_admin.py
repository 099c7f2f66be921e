"""The register's back office: SIRENE rows read only and searchable by number, operators and excise
numbers edited by customs staff with French messages on bad identifiers."""

import pytest

from register.models import ExciseNumber, Operator, ProductCategory
from tests.factories.register import CustomsOfficeFactory, EstablishmentFactory, OperatorFactory
from tests.register.sirene_files import ESTABLISHMENTS, LEGAL_UNITS

pytestmark = pytest.mark.django_db


@pytest.fixture
def sirene_loaded():
    from register.importers.sirene import import_establishments, import_legal_units

    import_legal_units(path=LEGAL_UNITS)
    import_establishments(path=ESTABLISHMENTS)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/register/legalunit/",
        "/admin/register/establishment/",
        "/admin/register/customsoffice/",
        "/admin/register/operator/",
        "/admin/register/excisenumber/",
        "/admin/register/productcategory/",
        "/admin/register/operator/add/",
        "/admin/register/excisenumber/add/",
        "/admin/register/customsoffice/add/",
        "/admin/register/establishment/?state__exact=C",
        "/admin/register/legalunit/?state__exact=A&diffusion__exact=O",
    ],
)
def test_pages_open(admin_client, sirene_loaded, url):
    assert admin_client.get(url).status_code == 200


def test_search_by_siret_siren_and_name(admin_client, sirene_loaded):
    by_siret = admin_client.get("/admin/register/establishment/", {"q": "353 249 154 00017"})
    assert by_siret.context["cl"].result_count == 1
    by_siren = admin_client.get("/admin/register/establishment/", {"q": "356000000"})
    assert by_siren.context["cl"].result_count == 3
    by_name = admin_client.get("/admin/register/legalunit/", {"q": "compagnie francaise"})
    assert [unit.siren for unit in by_name.context["cl"].result_list] == ["353249154"]
    unit_by_siret = admin_client.get("/admin/register/legalunit/", {"q": "35324915400017"})
    assert [unit.siren for unit in unit_by_siret.context["cl"].result_list] == ["353249154"]


def test_sirene_rows_are_read_only(admin_client, sirene_loaded):
    page = admin_client.get("/admin/register/establishment/35324915400017/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.get("/admin/register/establishment/add/").status_code == 403
    assert admin_client.post("/admin/register/legalunit/353249154/delete/", {"post": "yes"}).status_code == 403


def test_operator_with_an_invalid_siren_is_refused_in_french(admin_client):
    response = admin_client.post(
        "/admin/register/operator/add/",
        {
            "siren": "123456789",
            "name": "SOCIETE DE DISTRIBUTION D'ALCOOLS",
            "address": "15 avenue de la République",
            "postal_code": "75010",
            "city": "PARIS",
            "excise_numbers-TOTAL_FORMS": "0",
            "excise_numbers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Le numéro SIREN n&#x27;est pas valide (clé de contrôle incorrecte)." in response.content.decode()
    assert not Operator.objects.exists()


def test_operator_with_its_excise_number_inline(admin_client):
    office = CustomsOfficeFactory(code="FR000690")
    response = admin_client.post(
        "/admin/register/operator/add/",
        {
            "siren": "123 456 782",
            "name": "SOCIETE DE DISTRIBUTION D'ALCOOLS",
            "address": "15 avenue de la République",
            "postal_code": "75010",
            "city": "PARIS",
            "excise_numbers-TOTAL_FORMS": "1",
            "excise_numbers-INITIAL_FORMS": "0",
            "excise_numbers-0-number": "fr008777e0001",
            "excise_numbers-0-status": "EA",
            "excise_numbers-0-tax_warehouse_reference": "FR008777E0001",
            "excise_numbers-0-product_categories": [
                ProductCategory.objects.get(code=code).pk for code in ("S", "W", "I")
            ],
            "excise_numbers-0-customs_office": office.pk,
            "excise_numbers-0-valid_from": "01/04/2009",
            "excise_numbers-0-valid_until": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    operator = Operator.objects.get(siren="123456782")
    number = operator.excise_numbers.get()
    assert number.number == "FR008777E0001"
    assert sorted(number.product_categories.values_list("code", flat=True)) == ["I", "S", "W"]


def test_excise_number_errors_in_french(admin_client):
    operator = OperatorFactory()
    office = CustomsOfficeFactory()
    response = admin_client.post(
        "/admin/register/excisenumber/add/",
        {
            "number": "FR0087",
            "operator": operator.pk,
            "status": "EA",
            "product_categories": [ProductCategory.objects.get(code="S").pk],
            "customs_office": office.pk,
            "valid_from": "01/04/2009",
            "valid_until": "31/12/2008",
        },
    )
    page = response.content.decode()
    assert "Le numéro d&#x27;accise comporte 13 caractères (par exemple FR008777E0001)." in page
    assert "La fin de validité doit suivre le début de validité." in page
    assert not ExciseNumber.objects.exists()


def test_customs_office_code_checked(admin_client):
    response = admin_client.post("/admin/register/customsoffice/add/", {"code": "FR-0690", "name": "Bureau"})
    assert "La référence du bureau de douane comporte 8 caractères" in response.content.decode()


def test_product_categories_from_bc66():
    assert dict(ProductCategory.objects.values_list("code", "label")) == {
        "B": "Bières",
        "E": "Produits énergétiques",
        "I": "Produits intermédiaires",
        "S": "Alcools",
        "T": "Tabacs manufacturés",
        "W": "Vins et boissons fermentées",
    }


def test_establishment_factory_still_fits():
    assert EstablishmentFactory().legal_unit.establishments.count() == 1
