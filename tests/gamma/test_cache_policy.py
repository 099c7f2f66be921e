"""A company's movements, their printed copy and CSV export are never kept by a shared cache or
the browser (issue 10, item 9): ``Cache-Control: no-store, private`` on each."""

import pytest

from tests.gamma.support import CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_movement_pages_pdf_and_csv_are_not_stored(client, world):
    load_reason_lists()
    movement = shipped(world)
    client.force_login(world.antoine)
    base = f"/gamma/{CONSIGNOR_NUMBER}/mouvements/"
    for url in (base, f"{base}{movement.pk}/", f"{base}{movement.pk}/document.pdf", f"/gamma/{CONSIGNOR_NUMBER}/"):
        assert_not_stored(client.get(url))
    assert_not_stored(client.get(f"{base}export.csv", {"recherche": "1"}))


def test_anonymous_public_pages_keep_no_session_and_no_such_header(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
