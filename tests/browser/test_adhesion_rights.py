"""Issue 12, item 1: the adhesion form shows an account's seven GAMMA rights on any screen (one card
per account, its rights wrapping: no table to scroll sideways), and says before transmitting which
rights no account would hold, with a way back to give them."""

import pytest
from playwright.sync_api import expect

from habilitations.models import Adhesion, AdhesionStatus
from tests.browser import test_adhesion_company
from tests.browser.test_adhesion_company import ALL_RIGHTS, tick
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.browser

seed_company = test_adhesion_company.seed_company  # the fixture: the seed's company, mdurand its user
SIGNATURE_WAIVER = (
    "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
    "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
    "muni du cartouche spécial prévu à cet effet."
)
# The box a person sees and clicks for each right of the first account: the checkbox's label.
FIRST_ROW_BOX = "label[for='ligne-1-{code}']"
CODES = ["prepare_daa", "prepare_dsa", "issue_daa", "issue_dsa", "discharge_daa", "search_daa", "search_dsa"]


def open_the_form(page) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill("mdurand")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.locator("#mon-entreprise").get_by_role("link", name="Adhérer à GAMMA").click()
    page.get_by_role("button", name="Remplir le formulaire pour FR008777E0001").click()
    expect(
        page.get_by_role("heading", name="Formulaire de demande d'adhésion à la téléprocédure GAMMA")
    ).to_be_visible()


def resize(page, width: int) -> None:
    """Resize the window without auditing first: every new page is audited at the desktop width the
    other browser tests use (the audit checks 320 px on its own; at phone widths its cut-text check
    flags the DSFR header's « Menu » button, on every page of the portal alike)."""
    page._page.set_viewport_size({"width": width, "height": 800})


def assert_every_right_in_sight(page, width: int, boxes: str = FIRST_ROW_BOX) -> None:
    """At ``width`` px, each right of the first account comes into the window by scrolling the page
    down only: its box lies within the window's width, and the page never scrolls sideways."""
    resize(page, width)
    for code in CODES:
        box = page.locator(boxes.format(code=code))
        box.scroll_into_view_if_needed()
        expect(box).to_be_visible()
        rect = box.bounding_box()
        assert rect is not None and rect["x"] >= 0 and rect["x"] + rect["width"] <= width, (code, width, rect)
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= 800, (code, width, rect)
        assert page.evaluate("() => window.scrollX") == 0, (code, width)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_every_right_is_in_sight_and_a_right_nobody_holds_is_said_before_transmitting(page, seed_company):
    open_the_form(page)
    assert_every_right_in_sight(page, 1280)
    assert_every_right_in_sight(page, 375)

    # On a phone: antoineleris with every right but « Apurer un DAA », section 4 complete.
    page.get_by_label("Identifiant du compte, ligne 1").fill("antoineleris")
    page.get_by_label("Adresse courriel, ligne 1").fill("antoineleris@club-internet.fr")
    for right in ALL_RIGHTS:
        if right != "Apurer un DAA":
            tick(page, f"{right} pour la ligne 1")
    tick(page, SIGNATURE_WAIVER)
    page.get_by_label("Fait à").fill("Paris")
    page.locator("#id_signed_on").fill("2026-11-20")
    page.get_by_label("Nom et prénom du représentant légal de l'entreprise").fill("Marie Durand")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()
    resize(page, 1280)

    # Told before anything is transmitted, what was typed kept.
    warning = page.locator("#droits-absents")
    expect(warning).to_contain_text(
        "Aucun compte n'aura le droit « Apurer un DAA ». Les DAE reçus ne pourront pas être apurés"
    )
    expect(warning).not_to_contain_text("Rechercher DAA")
    assert Adhesion.objects.get(excise_number__number="FR008777E0001").status == AdhesionStatus.DRAFT
    assert page.get_by_label("Identifiant du compte, ligne 1").input_value() == "antoineleris"
    assert page.get_by_label("Emettre un DAA / DAA secours pour la ligne 1").is_checked()
    expect(page.get_by_role("button", name="Transmettre sans ces droits")).to_be_visible()

    # The link leads back to the first account's « Apurer un DAA », which is then ticked.
    warning.get_by_role("link", name="Attribuer le droit « Apurer un DAA »").click()
    expect(page.locator(FIRST_ROW_BOX.format(code="discharge_daa"))).to_be_in_viewport()
    tick(page, "Apurer un DAA pour la ligne 1")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()
    expect(page.locator("#etat-demande")).to_contain_text("Transmise au bureau")
    adhesion = Adhesion.objects.get(excise_number__number="FR008777E0001")
    assert adhesion.status == AdhesionStatus.SUBMITTED
    assert [sorted(line.rights) for line in adhesion.lines.all()] == [sorted(CODES)]
    # The request read back: the seven rights listed in words, the table not wider than its box.
    assert page.locator("#comptes-habilites .adhesion-granted li").all_text_contents() == ALL_RIGHTS
    overflow = "el => el.querySelector('table').scrollWidth - el.clientWidth"
    assert page.locator("#comptes-habilites").locator("xpath=../../..").evaluate(overflow) <= 0


def test_transmitting_without_a_right_once_confirmed(page, seed_company):
    open_the_form(page)
    page.locator("#comptes-a-habiliter").wait_for()  # the form audited at desktop width
    resize(page, 375)
    page.get_by_label("Identifiant du compte, ligne 1").fill("lucferrier")
    page.get_by_label("Adresse courriel, ligne 1").fill("luc.ferrier@wanadoo.fr")
    tick(page, "Rechercher DAA pour la ligne 1")
    tick(page, SIGNATURE_WAIVER)
    page.get_by_label("Fait à").fill("Paris")
    page.locator("#id_signed_on").fill("2026-11-20")
    page.get_by_label("Nom et prénom du représentant légal de l'entreprise").fill("Marie Durand")
    page.get_by_role("button", name="Transmettre au bureau de douane").click()
    resize(page, 1280)
    expect(page.locator("#droits-absents li")).to_have_count(6)
    page.get_by_role("button", name="Transmettre sans ces droits").click()
    expect(page.locator("#etat-demande")).to_contain_text("Transmise au bureau")
    adhesion = Adhesion.objects.get(excise_number__number="FR008777E0001")
    assert [line.rights for line in adhesion.lines.all()] == [["search_daa"]]


def test_the_administrator_sees_every_right_of_an_account_too(page, transactional_db):
    """« Gérer les habilitations »: the same cards, so an administrator never ticks half the rights."""
    from tests.factories.habilitations import build_world

    world = build_world()
    page.goto("/")
    page.locator("#header-identifiant").fill("marie")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.goto("/adhesions/habilitations/FR008777E0001/")
    luc_boxes = f"label[for='droit-{world.luc.pk}-{{code}}']"
    assert_every_right_in_sight(page, 1280, luc_boxes)
    assert_every_right_in_sight(page, 375, luc_boxes)
    tick(page, "Apurer un DAA pour lucferrier")
    page.get_by_role("button", name="Enregistrer les habilitations").last.click()
    resize(page, 1280)
    expect(page.locator(".fr-alert--success, .fr-alert--info").first).to_contain_text("lucferrier")
    assert page.get_by_label("Apurer un DAA pour lucferrier", exact=True).is_checked()
