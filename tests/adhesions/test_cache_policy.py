"""A company's adhesions and their filled PDF form are never cached (issue 10, item 9)."""

import pytest

from tests.factories.habilitations import AdhesionFactory

pytestmark = pytest.mark.django_db


def test_adhesion_pages_and_the_pdf_form_are_not_stored(world, new_number, as_user):
    submitted = AdhesionFactory(excise_number=new_number, submitted=True, prepared_by=world.luc)
    client = as_user(world.antoine)
    for url in ("/adhesions/", f"/adhesions/{submitted.pk}/", f"/adhesions/{submitted.pk}/formulaire.pdf"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, url
