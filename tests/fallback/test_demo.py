"""The demo data (`make run`): two closed alerts on GAMMA in the météo's history, loaded once."""

import html
import io

import pytest
from django.core.management import call_command

from fallback.models import Incident

pytestmark = pytest.mark.django_db


def test_load_demo_puts_closed_incidents_in_the_history_once(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent

    assert Incident.objects.count() == 2
    assert not Incident.objects.filter(closed_at__isnull=True).exists()
    page = html.unescape(client.get("/incidents/").content.decode())
    assert "Alerte rouge" in page and "Alerte orange" in page and "10/04/2009" in page
    assert "Tous les téléservices fonctionnent normalement" in html.unescape(client.get("/").content.decode())
