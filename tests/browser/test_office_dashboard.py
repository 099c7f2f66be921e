"""Issue 12, item 15, in real Chromium (every page audited by axe, and read at 320 px): an office
agent opens the dashboard from the office's home and finds its four charts, each beside the table
of its figures — their own office's only."""

import datetime as dt

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from tests.browser.staff import enter_totp_code
from tests.factories.accounts import PASSWORD
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import AdhesionFactory, build_world
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, reference_data):
    world = build_world()
    now = timezone.now()
    for consignor in (world.excise_a, world.excise_a, world.excise_b):  # two of Paris, one of Auch
        MovementFactory(
            validated=True, consignor=consignor, validated_at=now, dispatch_date=timezone.localdate(), complete=False
        )
    waiting = ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    AdhesionFactory(
        excise_number=waiting, submitted=True, submitted_at=now - dt.timedelta(days=8), prepared_by=world.marie
    )
    return world


def test_an_agent_reads_the_dashboard_of_the_office(page, world):
    page.goto("/")
    page.locator("#header-identifiant").fill("agent.paris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.paris")
    page.get_by_role("link", name="Espace bureau de douane").first.click()
    page.get_by_role("link", name="Tableau de bord").click()

    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    for title in (
        "Mouvements émis par jour",
        "Mouvements non apurés par ancienneté",
        "Documents de secours non régularisés",
        "Adhésions en attente d'instruction",
    ):
        expect(page.get_by_role("img", name=title, exact=True)).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(4)

    today = formats.date_format(timezone.localdate(), "l j F Y").capitalize()
    # The daily figures (30 rows) fold under their chart; the others stand beside theirs.
    page.get_by_role("button", name="Tableau des valeurs : mouvements émis par jour").click()
    issued = page.get_by_role("table", name="Mouvements émis par jour (total : 2)")
    expect(issued.locator("tbody tr")).to_have_count(30)
    expect(issued.get_by_role("row", name=today)).to_contain_text("2")
    expect(page.locator("#graphique-emis-desc")).to_contain_text("Total : 2.")
    undischarged = page.get_by_role("table", name="Mouvements non apurés par ancienneté (total : 2)")
    expect(undischarged.get_by_role("row", name="0 à 5 jours")).to_contain_text("2")
    expect(page.get_by_role("table", name="Documents de secours non régularisés (total : 0)")).to_be_visible()
    adhesions = page.get_by_role("table", name="Adhésions en attente d'instruction (total : 1)")
    expect(adhesions.get_by_role("row", name="6 à 10 jours")).to_contain_text("1")
