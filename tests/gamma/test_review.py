"""Issue 12, item 7: « Relire avant d'émettre », the whole draft on one page with « Émettre le DAE »;
another company's draft a 404, what still stops the validation listed with links to the fields."""

import html
import re

import pytest

from gamma.models import Movement, MovementStatus
from tests.factories.accounts import PASSWORD
from tests.gamma.drafting import complete_dae

pytestmark = pytest.mark.django_db

HOME = "/gamma/FR008777E0001/"


@pytest.fixture
def antoine(client, world, emcs_codelists):
    assert client.login(username=world.antoine.username, password=PASSWORD)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_review_shows_every_section_and_issues_from_there(antoine, world):
    movement = complete_dae(world.antoine, world.excise_a)
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/"))
    assert f'href="{HOME}brouillons/{movement.pk}/relire/"' in page
    response = antoine.get(f"{HOME}brouillons/{movement.pk}/relire/")
    assert response.status_code == 200
    page = text(response)
    for title in ("Mouvement", "Expéditeur", "Destinataire", "Lieu d'expédition", "Transport", "Marchandises"):
        assert f">{title}</h2>" in page
    assert "<dt>Nom ou raison sociale</dt><dd>COMPAGNIE FRANCAISE DE L ARMAGNAC</dd>" in page
    assert re.search(r"<dt>Type de destination</dt><dd>[^<]*entrepôt fiscal", page, re.I)  # the code's words
    assert "<h3" in page and "Ligne 1" in page
    assert f"<dt>Date d'expédition</dt><dd>{movement.dispatch_date:%d/%m/%Y}</dd>" in page
    assert 'id="erreurs"' not in page
    assert "Émettre le DAE" in page
    response = antoine.post(f"{HOME}brouillons/{movement.pk}/valider/")
    assert response.status_code == 302
    assert Movement.objects.get(pk=movement.pk).status != MovementStatus.DRAFT


def test_the_review_lists_what_stops_the_validation(antoine):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/relire/"))
    assert 'id="erreurs"' in page and "à corriger avant d'émettre" in page
    assert f'href="{HOME}brouillons/{movement.pk}/mouvement/?verifier=1#id_local_reference_number"' in page
    assert "Rien de saisi." in page


def test_another_company_s_draft_has_no_review(client, world, emcs_codelists):
    movement = complete_dae(world.antoine, world.excise_a)
    assert client.login(username=world.bob.username, password=PASSWORD)
    assert client.get(f"/gamma/FR009990F0005/brouillons/{movement.pk}/relire/").status_code == 404
    assert client.get(f"{HOME}brouillons/{movement.pk}/relire/").status_code == 404


def test_a_user_who_may_not_issue_reviews_without_the_button(client, world, emcs_codelists):
    movement = complete_dae(world.antoine, world.excise_a)
    assert client.login(username=world.luc.username, password=PASSWORD)  # prepares, does not issue
    page = text(client.get(f"{HOME}brouillons/{movement.pk}/relire/"))
    assert "Émettre le DAE" not in page and "un utilisateur habilité à « Emettre » le validera" in page
