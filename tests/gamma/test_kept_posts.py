"""Nothing typed is lost when the session ends: a GAMMA section or line posted after the session
expired, after a logout, or after a login in another tab, comes back filled in once the person
has logged in again — to be checked and saved, never saved by itself, and never for someone else."""

import html
import time
from urllib.parse import unquote

import pytest
from django.test import Client

from gamma.models import Movement
from tests.factories.accounts import PASSWORD
from tests.gamma.drafting import dae_sections, wine_line

pytestmark = pytest.mark.django_db

HOME = "/gamma/FR008777E0001/"
CONSIGNEE = "COMPAGNIE FRANCAISE DE L ARMAGNAC"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def log_in(client, user, next_url=None):
    data = {"login": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/compte/login/", data)


def new_draft(client, user) -> Movement:
    log_in(client, user)
    client.post(f"{HOME}preparer/dae/")
    return Movement.objects.get()


def expire(client, settings):
    session = client.session
    session["accounts.last_seen"] = time.time() - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()


def saved(movement) -> bool:
    return movement.traders.filter(trader_name=CONSIGNEE).exists()


@pytest.fixture
def lists(emcs_codelists):
    return emcs_codelists


def text(response) -> str:
    return html.unescape(response.content.decode())


def next_of(response) -> str:
    assert response.status_code == 302 and response.url.startswith("/compte/login/?next=")
    return unquote(response.url.split("next=", 1)[1])


def test_a_section_posted_after_the_idle_timeout_comes_back_after_login(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    expire(client, settings)

    response = client.post(section, dae_sections()["consignee"])
    resume = next_of(response)
    assert resume.startswith(section + "?reprise=")
    assert not saved(movement)  # nothing saved without a session
    assert "_auth_user_id" not in client.session

    response = log_in(client, world.luc, resume)
    assert response.status_code == 302 and response.url == resume
    page = text(client.get(resume))
    assert f'value="{CONSIGNEE}"' in page and 'value="EAUZE"' in page
    assert "vérifiez-la, puis enregistrez-la" in page
    assert not saved(movement)  # shown again, not saved by itself
    # Once: a second visit shows the draft as stored.
    assert f'value="{CONSIGNEE}"' not in text(client.get(resume))


def test_a_line_posted_after_logout_comes_back_after_login(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    line = f"{HOME}brouillons/{movement.pk}/lignes/1/"
    client.post("/compte/logout/")
    resume = next_of(client.post(line, wine_line(0)))
    log_in(client, world.luc, resume)
    page = text(client.get(resume))
    assert "Bordeaux rouge AOC 2022" in page and 'value="750"' in page
    assert movement.lines.count() == 0


def test_another_person_logging_in_on_that_browser_does_not_get_it(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    expire(client, settings)
    resume = next_of(client.post(section, dae_sections()["consignee"]))
    log_in(client, world.antoine, resume)  # same company: he may open the draft
    page = text(client.get(resume))
    assert CONSIGNEE not in page and "vérifiez-la" not in page


def test_after_a_logout_another_person_logging_in_on_that_browser_does_not_get_it(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    client.post("/compte/logout/")
    resume = next_of(client.post(section, dae_sections()["consignee"]))
    log_in(client, world.antoine, resume)  # same company, shared computer: he may open the draft
    page = text(client.get(resume))
    assert CONSIGNEE not in page and "vérifiez-la" not in page


def test_a_post_from_a_browser_nobody_logged_in_on_is_given_to_no_one(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    stranger = client.__class__()
    resume = next_of(stranger.post(section, dae_sections()["consignee"]))
    log_in(stranger, world.luc, resume)
    page = text(stranger.get(resume))
    assert CONSIGNEE not in page and "vérifiez-la" not in page


def test_a_kept_post_is_given_back_only_on_its_own_page(client, world, lists, settings):
    movement = new_draft(client, world.luc)
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    expire(client, settings)
    resume = next_of(client.post(section, dae_sections()["consignee"]))
    log_in(client, world.luc)
    token = resume.split("reprise=")[1]
    page = text(client.get(f"{HOME}brouillons/{movement.pk}/mouvement/?reprise={token}"))
    assert CONSIGNEE not in page and "vérifiez-la" not in page


def _csrf_token(page: str) -> str:
    return page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_a_section_refused_because_of_a_login_in_another_tab_comes_back(world, lists):
    browser = Client(enforce_csrf_checks=True)
    token = _csrf_token(browser.get("/compte/login/").content.decode())
    browser.post("/compte/login/", {"login": "lucferrier", "password": PASSWORD, "csrfmiddlewaretoken": token})
    page = browser.get(HOME).content.decode()
    browser.post(f"{HOME}preparer/dae/", {"csrfmiddlewaretoken": _csrf_token(page)})
    movement = Movement.objects.get()
    section = f"{HOME}brouillons/{movement.pk}/destinataire/"
    old_form_token = _csrf_token(browser.get(section).content.decode())

    # Another tab: log out, log in again (the CSRF token changes).
    token = _csrf_token(browser.get(HOME).content.decode())
    browser.post("/compte/logout/", {"csrfmiddlewaretoken": token})
    token = _csrf_token(browser.get("/compte/login/").content.decode())
    browser.post("/compte/login/", {"login": "lucferrier", "password": PASSWORD, "csrfmiddlewaretoken": token})

    data = {**dae_sections()["consignee"], "csrfmiddlewaretoken": old_form_token}
    # Without the portal's own Origin the refusal stands (nothing kept).
    assert browser.post(section, data).status_code == 403
    response = browser.post(section, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302 and response.url.startswith(section + "?reprise=")
    page = text(browser.get(response.url))
    assert f'value="{CONSIGNEE}"' in page and "vérifiez-la, puis enregistrez-la" in page
    assert not saved(movement)
    # Another site's post is never kept.
    refused = browser.post(section, data, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
