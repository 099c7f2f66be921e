"""The company's audit trail, read out in French, and the « Mon entreprise » links of the personal
space: only the links a user may use."""

import pytest

from habilitations import services
from www.adhesions.audit import describe

pytestmark = pytest.mark.django_db


def test_the_audit_trail_reads_in_french(world, as_user):
    services.habilitations_set(
        actor=world.marie,
        user=world.luc,
        excise_number=world.excise_a,
        teleservice="gamma",
        codes={"search_daa", "prepare_daa"},
        screen="portail — habilitations de l'entreprise",
    )
    page = as_user(world.marie).get("/adhesions/journal/").content.decode()
    assert "Habilitations de lucferrier sur FR008777E0001 modifiées" in page
    assert "Droits : Préparer un DAA, Préparer un DSA, Rechercher DAA, Rechercher DSA" in page
    assert "Droits : Préparer un DAA, Rechercher DAA" in page
    assert "portail — habilitations de l&#x27;entreprise" in page
    assert "(marie)" in page
    assert "search_daa" not in page


@pytest.mark.parametrize("who", ["antoine", "luc", "bob", "agent_a"])
def test_the_audit_trail_is_404_for_others(world, as_user, who):
    assert as_user(getattr(world, who)).get("/adhesions/journal/").status_code == 404


def test_describe_states():
    assert describe({"status": "submitted"}) == ["État : Transmise au bureau"]
    assert describe({"habilitations": {"lucferrier": ["search_dsa", "prepare_daa"]}}) == [
        "lucferrier : Préparer un DAA, Rechercher DSA"
    ]
    assert describe({"user": "luc", "kind": "admin", "teleservice": "gamma", "may_appoint_admins": False}) == [
        "Compte : luc",
        "Statut : Administrateur téléservice",
        "Téléservice : GAMMA",
        "Peut nommer d'autres administrateurs : non",
    ]
    assert describe({"rights": []}) == ["Droits : aucun droit"]
    assert describe(None) == []


def company_block(client) -> str:
    page = client.get("/compte/espace-personnel/").content.decode()
    return page.split('id="mon-entreprise">')[1].split("</ul>")[0] if 'id="mon-entreprise"' in page else ""


def test_the_administrator_sees_every_company_link(world, as_user):
    block = company_block(as_user(world.marie))
    for label, url in [
        ("Adhérer à GAMMA", "/adhesions/nouvelle/"),
        ("Mes demandes d&#x27;adhésion", "/adhesions/"),
        ("Gérer les habilitations GAMMA", "/adhesions/habilitations/"),
        ("Journal", "/adhesions/journal/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in block


def test_other_users_see_only_the_links_they_may_use(world, as_user):
    block = company_block(as_user(world.luc))
    assert "/adhesions/nouvelle/" in block and '"/adhesions/"' in block
    assert "/adhesions/habilitations/" not in block and "/adhesions/journal/" not in block
    assert company_block(as_user(world.agent_a)) == ""
