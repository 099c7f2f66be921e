"""The access matrix: every persona against every object page, through HTTP. A page of another company
or another office answers 404 (nothing leaks); the allowed ones answer 200."""

import pytest
from django.test import Client

from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

# claimant_a typed company A's SIRET but nobody confirmed the claim yet: nothing of A (404s).
PERSONAS = ["anonymous", "antoine", "luc", "marie", "newcomer_a", "claimant_a", "bob", "agent_a", "agent_b"]

# Who gets a 200; everybody else gets 404 (anonymous visitors are sent to the login page).
ALLOWED = {
    # Company A's adhesion (in force): its company's users, and the office that instructed it.
    "adhesion_a_detail": {"antoine", "luc", "marie", "newcomer_a", "agent_a"},
    "adhesion_a_pdf": {"antoine", "luc", "marie", "newcomer_a", "agent_a"},
    "adhesion_b_detail": {"bob", "agent_b"},
    "office_adhesion_a": {"agent_a"},
    "office_adhesion_b": {"agent_b"},
    "office_company_a": {"agent_a"},
    "office_company_b": {"agent_b"},
    "office_audit_a": {"agent_a"},
    "office_audit_b": {"agent_b"},
    "office_queue": {"agent_a", "agent_b"},
    # Company A's habilitation pages: its GAMMA administrator only.
    "company_habilitations_a": {"marie"},
    "company_habilitations_b_number": set(),
    "company_audit": {"marie"},  # correspondents and administrators of the company
    "company_claims": {"marie"},  # the pending claims to join the company: its correspondents
    # GAMMA's home of a number: the company's habilitated users (others of the company: a clear 403).
    "gamma_a": {"antoine", "luc", "marie"},
    "gamma_b": {"bob"},
}
FORBIDDEN_NOT_HIDDEN = {("gamma_a", "newcomer_a")}  # same company, no right: told so (403), not hidden


def urls(world) -> dict[str, str]:
    return {
        "adhesion_a_detail": f"/adhesions/{world.adhesion_a.pk}/",
        "adhesion_a_pdf": f"/adhesions/{world.adhesion_a.pk}/formulaire.pdf",
        "adhesion_b_detail": f"/adhesions/{world.adhesion_b.pk}/",
        "office_adhesion_a": f"/bureau/adhesions/{world.adhesion_a.pk}/",
        "office_adhesion_b": f"/bureau/adhesions/{world.adhesion_b.pk}/",
        "office_company_a": f"/bureau/entreprises/{world.company_a.siren}/",
        "office_company_b": f"/bureau/entreprises/{world.company_b.siren}/",
        "office_audit_a": f"/bureau/entreprises/{world.company_a.siren}/journal/",
        "office_audit_b": f"/bureau/entreprises/{world.company_b.siren}/journal/",
        "office_queue": "/bureau/",
        "company_habilitations_a": "/adhesions/habilitations/FR008777E0001/",
        "company_habilitations_b_number": "/adhesions/habilitations/FR009990F0005/",
        "company_audit": "/adhesions/journal/",
        "company_claims": "/adhesions/rattachements/",
        "gamma_a": "/gamma/FR008777E0001/",
        "gamma_b": "/gamma/FR009990F0005/",
    }


@pytest.fixture
def clients(world):
    from tests.factories.habilitations import company_user

    world.claimant_a = company_user(world.company_a, "candidat", claim_pending=True)
    logged = {"anonymous": Client()}
    for name in PERSONAS[1:]:
        client = Client()
        user = getattr(world, name)
        assert client.login(username=user.username, password=PASSWORD)
        if user.is_staff:  # agents log in with TOTP too (accounts.middleware): their full login
            client.force_login(user)
        logged[name] = client
    return logged


def test_every_persona_on_every_object(world, clients):
    problems = []
    for key, url in urls(world).items():
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            if persona == "anonymous":
                # The back-office does not even show it exists; the rest asks to log in.
                expected = 404 if url.startswith("/bureau/") else 302
            elif persona in ALLOWED[key]:
                expected = 200
            elif (key, persona) in FORBIDDEN_NOT_HIDDEN:
                expected = 403
            else:
                expected = 404
            if status != expected:
                problems.append(f"{persona} GET {url}: {status}, expected {expected}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("persona", ["bob", "agent_b", "luc", "antoine", "claimant_a"])
def test_forged_posts_on_company_a_change_nothing(world, clients, persona):
    """Approving, withdrawing, delegating or changing habilitations of company A by someone not
    entitled: 404 for outsiders; company A's own users, who may see the adhesion, are sent back to
    it with the refusal. Either way nothing changes."""
    from habilitations import rights
    from habilitations.models import AuditEvent, Delegation

    before_rights = rights.rights_for(world.luc, "gamma", world.excise_a)
    before_events = AuditEvent.objects.count()
    before_delegations = Delegation.objects.count()
    client = clients[persona]
    posts = [
        (f"/bureau/adhesions/{world.adhesion_a.pk}/accepter/", {}),
        (f"/adhesions/{world.adhesion_a.pk}/retrait/", {}),
        (
            f"/bureau/entreprises/{world.company_a.siren}/delegations/",
            {"kind": "correspondent", "user": world.luc.pk},
        ),
        (
            "/adhesions/habilitations/FR008777E0001/",
            {"action": "enregistrer", "comptes": [world.luc.pk], f"droits-{world.luc.pk}": ["search_daa"]},
        ),
        ("/adhesions/rattachements/", {"compte": world.claimant_a.pk, "decision": "accepter"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        allowed = (302, 403, 404) if persona in ("luc", "antoine") and url.startswith("/adhesions/") else (404,)
        assert response.status_code in allowed, (persona, url, response.status_code)
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == before_rights
    assert AuditEvent.objects.count() == before_events
    assert Delegation.objects.count() == before_delegations
