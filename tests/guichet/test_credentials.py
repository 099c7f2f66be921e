"""The credentials pages: a company's GAMMA administrator creates (the secret shown once),
renews and revokes its credentials; an office agent sees the providers and credentials of its
office's operators only (another office's: 404) and may revoke them."""

import logging
import re

import pytest

from edi import credentials
from edi.models import Credential
from habilitations.models import AuditEvent
from tests.portal.test_pages import page

pytestmark = pytest.mark.django_db
PROVIDER_SIRET = "44306184100047"  # valid (Luhn), not in the register
LIST = "/guichet-edi/identifiants/"


@pytest.fixture
def edi_option(world):
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.edi_provider_name_address = "EDI TRANSMISSIONS, 3 rue du Port 13002 MARSEILLE"
    world.adhesion_a.save()


def bearer(html: str) -> str:
    return re.search(r"Authorization: Bearer (edi_[0-9a-f]{16}\.[A-Za-z0-9_-]+)", html).group(1)


def test_the_administrator_creates_a_credential_whose_secret_is_shown_once(client, world, edi_option, caplog):
    client.force_login(world.marie)
    assert "Identifiants EDI" in page(client.get("/compte/espace-personnel/"))
    with caplog.at_level(logging.DEBUG):
        response = client.post(LIST, {"holder": "operateur:732829320", "label": "ERP Nanterre"})
    assert response.status_code == 200
    html = page(response)
    token = bearer(html)
    assert "il ne sera plus jamais affiché" in html
    credential = Credential.objects.get()
    assert credential.operator == world.company_a and credential.label == "ERP Nanterre"
    assert credential.created_by == world.marie
    # It authenticates, it acts for A's number (its adhesion has the EDI option), and it works.
    assert credentials.authenticate(f"Bearer {token}") == credential
    row = html[html.index(f'id="identifiant-{credential.pk}"') :]
    assert "FR008777E0001" in row[: row.index("</tr>")]
    # Never again: not on the list, not in a log, not in the session.
    secret = token.split(".", 1)[1]
    later = client.get(LIST)
    assert secret not in later.content.decode() and credential.client_id in later.content.decode()
    assert secret not in caplog.text
    assert all(secret not in str(value) for value in client.session.values())
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert AuditEvent.objects.filter(action="edi_credential_issued", operator=world.company_a).exists()


def test_renewing_gives_a_new_secret_and_the_old_one_stops(client, world, edi_option):
    client.force_login(world.marie)
    old = bearer(page(client.post(LIST, {"holder": "operateur:732829320"})))
    credential = Credential.objects.get()
    url = f"/guichet-edi/identifiants/{credential.pk}/renouveler/"
    assert "L'ancien cessera de fonctionner aussitôt" in page(client.get(url))
    new = bearer(page(client.post(url)))
    assert new != old and new.split(".")[0] == old.split(".")[0]
    assert credentials.authenticate(f"Bearer {old}") is None
    assert credentials.authenticate(f"Bearer {new}") == credential


def test_revoking_stops_the_credential_at_once(client, world, edi_option):
    client.force_login(world.marie)
    token = bearer(page(client.post(LIST, {"holder": "operateur:732829320"})))
    credential = Credential.objects.get()
    url = f"/guichet-edi/identifiants/{credential.pk}/revoquer/"
    assert "Oui, révoquer l'identifiant" in page(client.get(url))
    response = client.post(url, follow=True)
    html = page(response)
    assert f"L'identifiant EDI {credential.client_id} est révoqué" in html
    assert "Révoqué" in html and "Renouveler le secret" not in html
    assert credentials.authenticate(f"Bearer {token}") is None
    # Revoked is revoked: neither renewed nor revoked again.
    assert client.post(f"/guichet-edi/identifiants/{credential.pk}/renouveler/").status_code == 409


def test_a_user_who_is_not_the_administrator_is_refused(client, world):
    client.force_login(world.antoine)  # every GAMMA right, but not the administrator
    response = client.get(LIST)
    assert response.status_code == 403
    assert "gérés par son administrateur GAMMA" in page(response)
    response = client.post(LIST, {"holder": "operateur:732829320"})
    assert response.status_code == 403
    assert not Credential.objects.exists()


def test_another_company_credential_is_a_404(client, world, edi_option):
    other = credentials.issue(actor=world.agent_b, operator=world.company_b, label="B").credential
    client.force_login(world.marie)
    for action in ("renouveler", "revoquer"):
        assert client.get(f"/guichet-edi/identifiants/{other.pk}/{action}/").status_code == 404
        assert client.post(f"/guichet-edi/identifiants/{other.pk}/{action}/").status_code == 404
    assert Credential.objects.get(pk=other.pk).is_active
    assert other.client_id not in page(client.get(LIST))


def test_a_forged_holder_is_refused_in_french(client, world):
    client.force_login(world.marie)
    response = client.post(LIST, {"holder": "operateur:353249154", "label": "B"})
    assert response.status_code == 400
    assert "Choisissez un titulaire de la liste." in page(response)
    assert not Credential.objects.exists()


def test_the_office_sees_its_providers_and_credentials_and_revokes(client, world, edi_option):
    own = credentials.issue(actor=world.marie, operator=world.company_a, label="A").credential
    other = credentials.issue(actor=world.agent_b, operator=world.company_b, label="B").credential
    client.force_login(world.agent_a)
    html = page(client.get("/bureau/edi/"))
    providers = html[html.index('id="prestataires"') :]
    assert "EDI TRANSMISSIONS" in providers and PROVIDER_SIRET in providers and "FR008777E0001" in providers
    assert "3 rue du Port" not in html
    assert own.client_id in html and other.client_id not in html

    # The office issues the provider's credential, its secret shown once.
    token = bearer(page(client.post("/bureau/edi/", {"holder": f"prestataire:{PROVIDER_SIRET}", "label": "Prest"})))
    provider_credential = Credential.objects.get(provider_siret=PROVIDER_SIRET)
    assert credentials.authenticate(f"Bearer {token}") == provider_credential

    client.post(f"/bureau/edi/identifiants/{own.pk}/revoquer/")
    assert not Credential.objects.get(pk=own.pk).is_active
    for action in ("renouveler", "revoquer"):
        assert client.post(f"/bureau/edi/identifiants/{other.pk}/{action}/").status_code == 404
    assert Credential.objects.get(pk=other.pk).is_active


def test_only_office_agents_reach_the_office_page(client, world):
    client.force_login(world.marie)
    assert client.get("/bureau/edi/").status_code == 404
    client.force_login(world.agent_a)
    assert client.get(LIST).status_code == 302  # an agent manages them from the office's page


def test_the_guichet_page_links_to_the_credentials_only_for_who_manages_them(client, world):
    client.force_login(world.marie)
    assert 'href="/guichet-edi/identifiants/">Identifiants EDI</a>' in page(client.get("/guichet-edi/"))
    client.force_login(world.antoine)
    assert 'href="/guichet-edi/identifiants/"' not in page(client.get("/guichet-edi/"))
    client.force_login(world.agent_a)
    assert 'href="/bureau/edi/">Identifiants EDI</a>' in page(client.get("/guichet-edi/"))
