"""The repeated rows of the report of receipt (a line's reasons) and of the change of destination
(transport units), without JavaScript: « Ajouter … » posts the form, which comes back with what was
typed and one more row (focused), nothing sent; every error listed at the top, each a link to its
field; the movement's page shows the receipt's reasons and the new transport."""

import datetime

import pytest
from django.utils import timezone

from gamma.models import MovementEvent
from tests.error_summary import ids_of, summary_links, target
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, load_transport_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _lists(db):
    load_reason_lists()
    load_transport_lists()


@pytest.fixture
def movement(world):
    return shipped(world, dispatch_date=TODAY - datetime.timedelta(days=2))


def page_of(number, movement, suffix=""):
    return f"/gamma/{number}/mouvements/{movement.pk}/{suffix}"


RECEIPT = {
    "date_of_arrival": TODAY.isoformat(),
    "global_conclusion": "2",
    "line_1_indicator": "S",
    "line_1_observed_quantity": "24",
    "line_1_reasons_0_code": "2",
    "line_1_reasons_0_complementary_information": "Deux cartons manquants",
}


def test_a_reason_is_added_to_a_line_without_sending_anything(client, world, movement):
    client.force_login(world.bob)
    url = page_of(CONSIGNEE_NUMBER, movement, "accuser-reception/")
    page = client.get(url).content.decode()
    assert 'name="line_1_reasons_0_code"' in page and 'name="line_1_reasons_1_code"' not in page
    response = client.post(url, RECEIPT | {"ajouter": "reasons-1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_line_1_reasons_1_code" name="line_1_reasons_1_code" autofocus' in page
    assert 'value="Deux cartons manquants"' in page and 'value="24"' in page
    assert "erreur" not in page.split("<main")[1].split("</main>")[0].lower()
    assert not MovementEvent.objects.filter(movement=movement).exists()

    response = client.post(
        url,
        RECEIPT
        | {
            "line_1_reasons_1_code": "3",
            "line_1_reasons_1_complementary_information": "Bouteilles cassées",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    section = page.split('id="reception"')[1].split("</section>")[0]
    assert "2 — Manquant : Deux cartons manquants" in section
    assert "3 — Marchandises endommagées : Bouteilles cassées" in section
    assert "Manquant : 24" in section


def test_every_error_of_the_receipt_is_listed_and_at_its_field(client, world, movement):
    client.force_login(world.bob)
    response = client.post(
        page_of(CONSIGNEE_NUMBER, movement, "accuser-reception/"),
        RECEIPT
        | {
            "line_1_observed_quantity": "0",
            "line_1_reasons_1_code": "2",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 erreurs à corriger" in page
    assert 'href="#id_line_1_observed_quantity"' in page and 'href="#id_line_1_reasons_1_code"' in page
    assert 'id="id_line_1_observed_quantity-error"' in page and 'id="id_line_1_reasons_1_code-error"' in page
    assert "R232" in page and "déjà indiqué" in page
    assert all(target(href)[1] in ids_of(page) for href, _ in summary_links(page))
    assert not MovementEvent.objects.filter(movement=movement).exists()


DESTINATION = {
    "destination_type_code": "2",
    "consignee_traderid": "FR012345E0009",
    "consignee_name": "CAVE DU PORT",
    "consignee_street_name": "Quai des Chartrons",
    "consignee_postcode": "33000",
    "consignee_city": "BORDEAUX",
    "transporter_name": "TRANSPORTS DURAND",
    "transporter_street_name": "Rue du Port",
    "transporter_postcode": "13002",
    "transporter_city": "MARSEILLE",
    "units_0_transport_unit_code": "2",
    "units_0_identity_of_transport_units": "GH-456-JK",
}


def test_a_transport_unit_is_added_then_the_new_transport_shown(client, world, movement):
    client.force_login(world.antoine)
    url = page_of(CONSIGNOR_NUMBER, movement, "changer-destination/")
    response = client.post(url, DESTINATION | {"ajouter": "units"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_units_1_transport_unit_code" name="units_1_transport_unit_code" autofocus' in page
    assert 'value="GH-456-JK"' in page and 'value="TRANSPORTS DURAND"' in page
    response = client.post(
        url,
        DESTINATION | {"units_1_transport_unit_code": "3", "units_1_identity_of_transport_units": "REM-77"},
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(response.url).content.decode()
    assert "TRANSPORTS DURAND" in page and "Premier transporteur" in page
    assert "Nouveau transporteur : TRANSPORTS DURAND" in page  # the timeline's entry
    assert "Nouvelles unités de transport : GH-456-JK, REM-77" in page
    units = page.split("<caption>Unités de transport</caption>")[1].split("</table>")[0]
    assert "GH-456-JK" in units and "REM-77" in units and "AB-123-CD" not in units


def test_every_error_of_the_change_is_listed_and_at_its_field(client, world, movement):
    client.force_login(world.antoine)
    response = client.post(
        page_of(CONSIGNOR_NUMBER, movement, "changer-destination/"),
        DESTINATION
        | {
            "transporter_city": "",
            "transport_arrangement": "3",
            "units_0_identity_of_transport_units": "",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("transporter_city", "transport_arranger_name", "units_0_identity_of_transport_units"):
        assert f'href="#id_{field}"' in page and f'id="id_{field}-error"' in page
    assert "C103" in page and "C156" in page
    links = summary_links(page)
    assert len(links) == 6 and all(target(href)[1] in ids_of(page) for href, _ in links)  # the arranger: 4 fields
    movement.refresh_from_db()
    assert movement.sequence_number == 1


def test_a_forged_row_number_adds_no_more_rows_than_the_message_holds(client, world, movement):
    client.force_login(world.bob)
    response = client.post(
        page_of(CONSIGNEE_NUMBER, movement, "accuser-reception/"),
        RECEIPT | {"line_1_reasons_500000_code": "3", "ajouter": "reasons-1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="line_1_reasons_8_code"' in page and 'name="line_1_reasons_9_code"' not in page
    assert "Ajouter un motif à la ligne 1" not in page  # nine reasons at most
