"""Issue 12, item 10, in real Chromium, every page audited by axe (and the 320 px reflow check):
antoineleris (every GAMMA right on FR008777E0001) has two new messages — bob discharged one DAE,
explained the delay of another. He sorts them by ARC, opens the discharge's message on its own
page (it is read: one new message left), archives it (out of the inbox, into « Archivés »), then
searches the discharged DAE by its ARC: found at once, « Non apurés uniquement » ticked as on
every first visit. On a 375 px phone, each table's key column (the message, the ARC) stays in
sight, the page never scrolling sideways, even once the table is scrolled to its last column."""

import datetime
from contextlib import contextmanager

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gamma import lifecycle
from gamma.models import InboxMark, MovementAction
from tests.factories.accounts import PASSWORD
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.support import shipped

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
# The table's scrolling box (whichever DSFR element scrolls) scrolled to its last column; how far.
SCROLL_TO_THE_END = """c => {
    let moved = 0;
    for (let e = c.parentElement; e && e !== document.body; e = e.parentElement) {
        if (e.scrollWidth > e.clientWidth + 1) { e.scrollLeft = e.scrollWidth; moved += e.scrollLeft; }
    }
    return moved;
}"""
INBOX = "/gamma/FR008777E0001/messages/"


@pytest.fixture
def world(transactional_db):
    return build_world()


@pytest.fixture
def messages(world):
    today = timezone.localdate()
    now = timezone.now()
    discharged = shipped(world, dispatch_date=today - datetime.timedelta(days=2))
    lifecycle.transition(
        discharged,
        MovementAction.REPORT_OF_RECEIPT,
        actor=world.bob,
        role=lifecycle.CONSIGNEE,
        payload={"global_conclusion": 1, "report_of_receipt_export": {"date_of_arrival_of_excise_products": today}},
        at=now - datetime.timedelta(hours=1),
    )
    late = shipped(world, dispatch_date=today - datetime.timedelta(days=1))
    lifecycle.transition(late, MovementAction.EXPLAIN_DELAY, actor=world.bob, role=lifecycle.CONSIGNEE, payload={})
    discharged.refresh_from_db()
    return {"discharged": discharged, "late": late}


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    expect(page.get_by_role("heading", name="Espace personnel")).to_be_visible()


@contextmanager
def on_a_phone(page):
    """The window 375 px wide, then put back (the page is audited at its usual size first)."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        yield
    finally:
        page.set_viewport_size(size)


def assert_in_window(cell, *, min_width: int = 60) -> None:
    box = cell.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["width"] >= min_width, box  # readable, not squeezed


def assert_in_sight_on_a_phone(page, cell) -> None:
    """At 375 px, ``cell`` (a table's key column) is inside the window, the page does not scroll
    sideways, and the cell stays in sight once its table is scrolled to its last column."""
    with on_a_phone(page):
        assert_in_window(cell)
        assert cell.evaluate(SCROLL_TO_THE_END) > 0, "the table does not scroll: nothing checked"
        assert_in_window(cell)


def test_open_read_archive_a_message_then_find_the_discharged_arc(page, world, messages):
    discharged, late = messages["discharged"], messages["late"]
    log_in(page, "antoineleris")
    page.goto("/gamma/")
    page.get_by_role("link", name="FR008777E0001").click()
    page.get_by_role("link", name="Messages").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages de FR008777E0001")
    expect(page.get_by_role("link", name="Messages (2 nouveaux)")).to_be_visible()
    table = page.locator("#messages")
    expect(table.locator("caption")).to_contain_text("Boîte de réception, triés par date, la plus récente d'abord")
    headline = f"DAE {discharged.arc} : réception déclarée, mouvement apuré"
    row = table.locator("tbody tr", has_text=discharged.arc)
    expect(row).to_contain_text("Nouveau")
    assert_in_sight_on_a_phone(page, row.locator("th"))

    # Sorted by ARC: the header's button says the order.
    page.get_by_role("link", name="Trier par arc, par ordre croissant").click()
    expect(table.locator("th", has_text="ARC")).to_have_attribute("aria-sort", "ascending")
    arcs = sorted([discharged.arc, late.arc])
    expect(table.locator("tbody tr").first).to_contain_text(arcs[0])
    expect(table.locator("tbody tr").last).to_contain_text(arcs[1])

    # Opened on its own page: read.
    table.get_by_role("link", name=headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    expect(page.get_by_role("link", name="Messages (1 nouveau)")).to_be_visible()
    assert InboxMark.objects.get(user=world.antoine, event__movement=discharged).read
    expect(page.get_by_role("link", name=f"DAE {discharged.arc}")).to_be_visible()

    # Archived: out of the inbox, into « Archivés », read.
    page.get_by_role("button", name="Archiver").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Message archivé")
    expect(page.locator("#messages tbody tr", has_text=discharged.arc)).to_have_count(0)
    expect(page.locator("#messages tbody tr", has_text=late.arc)).to_contain_text("Nouveau")
    page.get_by_role("link", name="Archivés").click()
    archived = page.locator("#messages tbody tr", has_text=discharged.arc)
    expect(archived).to_have_count(1)
    expect(archived).not_to_contain_text("Nouveau")

    # The discharged DAE found by its ARC on a first visit, « Non apurés uniquement » ticked.
    page.get_by_role("link", name="Rechercher DAA / DSA").first.click()
    expect(page.get_by_text("1 document correspond à vos critères")).to_be_visible()  # the late one
    expect(page.get_by_label("Non apurés uniquement")).to_be_checked()
    page.locator("#id_arc").fill(discharged.arc.lower())
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("1 document correspond à vos critères")).to_be_visible()
    result = page.locator("#resultats-mouvements tbody tr")
    expect(result).to_have_count(1)
    expect(result).to_contain_text(discharged.arc)
    expect(result).to_contain_text("Apuré")
    assert_in_sight_on_a_phone(page, result.locator("th"))


def test_on_a_phone_the_drafts_task_list_shows_each_sections_state(page, world, emcs_codelists):
    """Issue 12, item 12: the « État » column of a draft's task list in sight at 375 px, for every
    section, without scrolling the table or the page; and the drafts' list keeps its LRN there."""
    draft = MovementFactory(consignor=world.excise_a, consignee_identifier="FR009990F0005")
    log_in(page, "antoineleris")
    page.goto(f"/gamma/FR008777E0001/brouillons/{draft.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brouillon de DAE")
    expect(page.locator("#rubrique-expediteur .fr-badge")).to_have_text("Complète")
    states = page.locator("#rubriques tbody .gamma-task-state .fr-badge")
    assert states.count() >= 8
    with on_a_phone(page):
        for index in range(states.count()):  # the table as it shows first, never scrolled sideways
            assert_in_window(states.nth(index))
    page.goto("/gamma/FR008777E0001/brouillons/")
    lrn = page.locator("#brouillons tbody tr").first.locator("td, th").first
    expect(lrn).to_contain_text(draft.local_reference_number)
    assert_in_sight_on_a_phone(page, lrn)
