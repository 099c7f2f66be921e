"""Nothing of the back-office exists for anyone but an office agent, and an agent sees only their
own office's requests and companies: everything else is a 404, so nothing leaks."""

import pytest
from django.test import Client

from habilitations.models import Adhesion, AdhesionStatus, Delegation, Habilitation
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import AdhesionFactory

pytestmark = pytest.mark.django_db


def get_pages(world, waiting):
    siren = world.company_a.siren
    return [
        "/bureau/",
        f"/bureau/adhesions/{waiting.pk}/",
        "/bureau/entreprises/",
        f"/bureau/entreprises/{siren}/",
        f"/bureau/entreprises/{siren}/journal/",
        f"/bureau/entreprises/{siren}/habilitations/",
    ]


def post_actions(world, waiting):
    siren = world.company_a.siren
    delegation = Delegation.objects.filter(user=world.marie).first()
    return [
        (f"/bureau/adhesions/{waiting.pk}/accepter/", {}),
        (f"/bureau/adhesions/{waiting.pk}/refuser/", {"reason": "Pièces manquantes"}),
        (
            f"/bureau/adhesions/{waiting.pk}/operateur/",
            {"name": "X", "address": "1 rue Y", "postal_code": "75001", "city": "PARIS"},
        ),
        (f"/bureau/entreprises/{siren}/delegations/", {"kind": "correspondent", "compte": world.newcomer_a.pk}),
        (f"/bureau/entreprises/{siren}/delegations/{delegation.pk}/retirer/", {}),
        (
            f"/bureau/entreprises/{siren}/habilitations/",
            {"numero": world.excise_a.number, "compte": world.luc.pk, "rights": ["issue_daa"]},
        ),
    ]


def snapshot(world):
    return (
        list(Adhesion.objects.order_by("pk").values_list("status", flat=True)),
        Habilitation.objects.count(),
        Delegation.objects.count(),
        type(world.company_a).objects.get(pk=world.company_a.pk).name,
    )


@pytest.fixture(
    params=["anonymous", "company_user", "company_admin", "staff_without_office", "inactive_agent"],
)
def outsider(request, world):
    client = Client()
    if request.param == "company_user":
        client.force_login(world.luc)
    elif request.param == "company_admin":
        client.force_login(world.marie)
    elif request.param == "staff_without_office":
        client.force_login(UserFactory(username="agent.sans.bureau", is_staff=True, siret=""))
    elif request.param == "inactive_agent":
        world.agent_a.is_active = False
        world.agent_a.save()
        client.force_login(world.agent_a)
    return client


def test_every_page_and_action_is_404_for_anyone_but_an_agent(outsider, world, waiting):
    before = snapshot(world)
    for path in get_pages(world, waiting):
        assert outsider.get(path).status_code == 404, path
    for path, data in post_actions(world, waiting):
        assert outsider.post(path, data).status_code == 404, path
    assert snapshot(world) == before


def test_another_office_gets_404_on_our_requests_and_companies(client, world, waiting):
    client.force_login(world.agent_b)
    before = snapshot(world)
    for path in get_pages(world, waiting)[1:]:
        if path == "/bureau/entreprises/":
            continue
        assert client.get(path).status_code == 404, path
    for path, data in post_actions(world, waiting):
        assert client.post(path, data).status_code == 404, path
    assert snapshot(world) == before
    # Its own queue and list never show office A's requests or companies.
    assert waiting.excise_number.number not in client.get("/bureau/?statut=tous").content.decode()
    assert world.company_a.name not in client.get("/bureau/entreprises/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/bureau/adhesions/999999/",
        "/bureau/adhesions/0/",
        "/bureau/adhesions/abc/",
        "/bureau/adhesions/1%27%20OR%201=1/",
        "/bureau/entreprises/000000000/",
        "/bureau/entreprises/abc/",
        "/bureau/entreprises/%3Cscript%3E/journal/",
        "/bureau/entreprises/000000000/habilitations/",
    ],
)
def test_garbage_ids_are_404(client, agent, path):
    assert client.get(path).status_code == 404


def test_garbage_ids_in_actions_are_404(client, agent, world):
    assert client.post("/bureau/adhesions/999999/accepter/").status_code == 404
    assert client.post("/bureau/entreprises/000000000/delegations/", {"kind": "correspondent"}).status_code == 404


def test_a_draft_is_not_the_office_business(client, agent, world):
    draft = AdhesionFactory(excise_number__operator=world.company_a, excise_number__customs_office=world.office_a)
    assert draft.status == AdhesionStatus.DRAFT
    assert client.get(f"/bureau/adhesions/{draft.pk}/").status_code == 404
    assert client.post(f"/bureau/adhesions/{draft.pk}/accepter/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT


def test_csrf_is_enforced_on_every_action(world, waiting):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.agent_a)
    before = snapshot(world)
    for path, data in post_actions(world, waiting):
        assert client.post(path, data).status_code == 403, path
    assert snapshot(world) == before


def test_only_get_and_post_where_expected(client, agent, waiting):
    assert client.post("/bureau/").status_code == 405
    assert client.get(f"/bureau/adhesions/{waiting.pk}/accepter/").status_code == 405
    assert client.delete(f"/bureau/adhesions/{waiting.pk}/").status_code == 405


def test_agents_find_their_space_from_the_header_and_personal_space(client, agent, world):
    page = client.get("/compte/espace-personnel/").content.decode()
    assert page.count('href="/bureau/"') == 2  # header tools and personal space
    assert "Espace bureau de douane" in page
    client.force_login(world.luc)
    assert 'href="/bureau/"' not in client.get("/compte/espace-personnel/").content.decode()
