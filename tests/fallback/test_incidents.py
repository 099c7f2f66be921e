"""The CID's incidents and the « météo des téléservices » on the portal."""

import datetime
import html

import pytest
from django.utils import timezone

from fallback import services
from fallback.errors import FallbackError
from fallback.models import Incident, IncidentEvent, IncidentLevel
from tests.error_summary import ids_of, summary_links
from tests.fallback.factories import IncidentFactory, teleservice

MANAGE_PAGES = ["/incidents/cid/", "/incidents/cid/declarer/"]


def text(response) -> str:
    return html.unescape(response.content.decode())


def declare_data(**overrides) -> dict:
    now = timezone.localtime()
    later = now + datetime.timedelta(hours=3)
    data = {
        "teleservice": "gamma",
        "level": "rouge",
        "starts_on": f"{now:%Y-%m-%d}",
        "starts_time": f"{now:%H:%M}",
        "expected_end_on": f"{later:%Y-%m-%d}",
        "expected_end_time": f"{later:%H:%M}",
        "message": "GAMMA est indisponible. Utilisez la procédure de secours.",
    }
    return {**data, **overrides}


# --- Who may ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous", "bob", "agent_b", "sau", "staff_without_group"])
def test_the_cid_pages_do_not_exist_for_anyone_else(client, world, sau, persona, django_user_model):
    incident = IncidentFactory()
    users = {
        "bob": world.bob,
        "agent_b": world.agent_b,
        "sau": sau,
        "staff_without_group": django_user_model.objects.create_user("staff", is_staff=True),
    }
    if persona in users:
        client.force_login(users[persona])
    for url in [*MANAGE_PAGES, f"/incidents/cid/{incident.pk}/"]:
        assert client.get(url).status_code == 404, url
    assert client.post("/incidents/cid/declarer/", declare_data()).status_code == 404
    assert client.post(f"/incidents/cid/{incident.pk}/cloturer/").status_code == 404
    assert Incident.objects.count() == 1 and Incident.objects.get().is_open


def test_the_services_refuse_anyone_but_the_cid(world):
    now = timezone.now()
    with pytest.raises(FallbackError):
        services.incident_declare(
            actor=world.bob,
            teleservice=teleservice("gamma"),
            level="rouge",
            starts_at=now,
            expected_end_at=now + datetime.timedelta(hours=1),
            message="x",
        )
    with pytest.raises(FallbackError):
        services.incident_close(actor=world.agent_a, incident=IncidentFactory())


# --- Declare, update, close ------------------------------------------------------------------------------------


def test_a_cid_agent_declares_updates_and_closes_an_incident(client, cid):
    client.force_login(cid)
    response = client.post("/incidents/cid/declarer/", declare_data(level="orange", message="Lenteurs sur GAMMA."))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.teleservice.slug, incident.level, incident.declared_by) == ("gamma", "orange", cid)

    response = client.post(f"/incidents/cid/{incident.pk}/", declare_data(message="GAMMA est indisponible."))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.level, incident.message) == ("rouge", "GAMMA est indisponible.")

    response = client.post(f"/incidents/cid/{incident.pk}/cloturer/", {"closing_message": "Service rétabli."})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.closed_at is not None and incident.closing_message == "Service rétabli."

    events = list(incident.events.order_by("at", "pk"))
    assert [event.action for event in events] == ["declared", "updated", "closed"]
    assert events[1].changes["niveau d'alerte"] == ["Orange", "Rouge"]
    assert events[1].changes["message aux usagers"] == ["Lenteurs sur GAMMA.", "GAMMA est indisponible."]
    history = text(client.get(f"/incidents/cid/{incident.pk}/"))
    assert "Orange → Rouge" in history and "Clôture" in history
    starts = timezone.localtime(incident.starts_at)
    assert f"<title>Alerte rouge sur GAMMA du {starts:%d/%m/%Y %H:%M} — " in history  # each incident its own title


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"level": "violette"}, "Choisissez le niveau d'alerte"),
        ({"message": "  "}, "Rédigez le message affiché aux usagers."),
        ({"starts_on": "2026-02-31"}, "Saisissez une date valide"),
        ({"starts_time": "25:00"}, "Saisissez une heure valide"),
        ({"teleservice": "inconnu"}, "Choisissez un téléservice de la liste."),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_declared(client, cid, overrides, message):
    client.force_login(cid)
    response = client.post("/incidents/cid/declarer/", declare_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not Incident.objects.exists()
    # One error in the DSFR summary, its link leading to the field it names.
    [(href, label)] = summary_links(text(response))
    field = next(iter(overrides))
    assert message in label and href in (f"#id_{field}", f"#id_{field}-fieldset")  # a group of radios: its fieldset
    assert href[1:] in ids_of(text(response))


def test_an_end_before_the_start_is_refused(client, cid):
    client.force_login(cid)
    now = timezone.localtime()
    response = client.post(
        "/incidents/cid/declarer/",
        declare_data(expected_end_on=f"{now - datetime.timedelta(days=1):%Y-%m-%d}"),
    )
    assert response.status_code == 400
    assert "La fin prévue doit être postérieure au début de l'incident." in text(response)
    assert not Incident.objects.exists()


def test_a_closed_incident_cannot_be_changed_or_closed_again(client, cid):
    incident = IncidentFactory(closed=True)
    client.force_login(cid)
    assert client.post(f"/incidents/cid/{incident.pk}/", declare_data(level="noire")).status_code == 400
    assert client.post(f"/incidents/cid/{incident.pk}/cloturer/").status_code == 400
    incident.refresh_from_db()
    assert incident.level == IncidentLevel.RED
    assert not IncidentEvent.objects.filter(incident=incident).exists()


# --- The météo ----------------------------------------------------------------------------------------------


def test_the_home_page_shows_the_current_incidents_most_severe_first(client, db):
    IncidentFactory(orange=True, message="Lenteurs à l'impression.")
    IncidentFactory(black=True, message="GAMMA est arrêté.")
    IncidentFactory(closed=True, message="Incident d'hier.")

    page = text(client.get("/"))
    assert "Météo des téléservices" in page
    assert page.index("Alerte noire — GAMMA") < page.index("Alerte orange — GAMMA")
    assert "GAMMA est arrêté." in page and "Incident d'hier." not in page
    assert "La procédure de secours est autorisée pendant cette alerte" in page
    assert page.count('aria-label="Météo des téléservices"') == 1  # the home page shows it once


def test_the_home_page_says_when_all_is_well(client, db):
    assert "Tous les téléservices fonctionnent normalement" in text(client.get("/"))


def test_every_page_shows_the_current_incidents(client, db):
    IncidentFactory(message="GAMMA est indisponible.")
    for url in ("/presentation/", "/services-disponibles/", "/gps/aide/"):
        page = text(client.get(url))
        assert "Alerte rouge — GAMMA" in page and "GAMMA est indisponible." in page, url


def test_nothing_is_shown_on_inner_pages_when_all_is_well(client, db):
    assert 'aria-label="Météo des téléservices"' not in client.get("/presentation/").content.decode()


def test_closed_incidents_stay_in_the_public_history(client, db):
    IncidentFactory(closed=True, message="Interruption du 3 mars.", closing_message="Service rétabli.")
    IncidentFactory(message="En cours.")

    page = text(client.get("/incidents/"))
    history = page[page.index("Historique des incidents") :]
    assert "Interruption du 3 mars." in history and "Service rétabli." in history
    assert "En cours." in page[: page.index("Historique des incidents")]


def test_an_announced_incident_says_when_it_starts(client, db):
    IncidentFactory(
        green=True,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        message="Maintenance programmée de GAMMA.",
    )
    page = text(client.get("/"))
    assert "Information — GAMMA" in page and "À partir du" in page
    assert "La procédure de secours est autorisée" not in page


def test_the_forms_show_dates_as_the_date_inputs_want_them(client, cid):
    incident = IncidentFactory(
        starts_at=datetime.datetime(2026, 11, 26, 9, 5, tzinfo=timezone.get_default_timezone()),
        expected_end_at=datetime.datetime(2026, 11, 27, 18, 0, tzinfo=timezone.get_default_timezone()),
    )
    client.force_login(cid)
    page = client.get(f"/incidents/cid/{incident.pk}/").content.decode()
    for field, value in [("starts_on", "2026-11-26"), ("starts_time", "09:05"), ("expected_end_on", "2026-11-27")]:
        assert (
            f'id="id_{field}" name="{field}" type="{"date" if field.endswith("_on") else "time"}" value="{value}"'
            in page
        )
