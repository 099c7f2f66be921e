"""Issue 12, item 3: the first validation of an empty draft lists every fault its later passes
would find. Driven as a clerk does it: fix exactly what is listed, validate again, and no new
(rule, field) appears until the draft is issued."""

import pytest

from gamma import sections, services
from gamma.demo import dae_sections
from gamma.models import MovementStatus

pytestmark = pytest.mark.django_db

# What the clerk types for each field listed, section by section (a complete DAE to a tax warehouse).
FULL = dae_sections()


def _fix(world, movement, errors):
    """Save, in each section named by ``errors``, what it held plus the values of the listed fields."""
    by_section: dict[str, list[str]] = {}
    for error in errors:
        by_section.setdefault(sections.section_of(error.field, movement.kind).key, []).append(error.field)
    for key, paths in by_section.items():
        data = sections.BY_KEY[key].current_data(services.prefetched(movement))
        for path in paths:
            group = sections.html_name(path).split("-")[0]  # a row's field brings its whole row
            data.update({name: value for name, value in FULL[key].items() if name.split("-")[0] == group})
        movement = services.draft_save_section(actor=world.antoine, movement=movement, section=key, data=data)
    return movement


def _validate(world, movement):
    try:
        return services.movement_validate(actor=world.antoine, movement=movement), []
    except services.InvalidMovement as invalid:
        return movement, invalid.errors


def test_the_first_validation_of_an_empty_dae_lists_every_fault_later_passes_find(world, emcs_codelists):
    movement = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    movement, first = _validate(world, movement)
    listed = {(error.code, error.field) for error in first}
    # The consignee and the place of delivery a tax warehouse needs are there before the type is chosen.
    assert {("C116", "consignee.trader_name"), ("C010", "consignee.traderid")} <= listed
    assert {("C074", "delivery_place.traderid"), ("C079", "delivery_place.trader_name")} <= listed
    assert ("", "destination_type_code") in listed and ("", "lines") in listed
    errors = first
    for _pass in range(5):
        movement = _fix(world, movement, errors)
        movement, errors = _validate(world, movement)
        new = {(error.code, error.field) for error in errors} - listed
        assert not new, f"found only in a later pass: {sorted(new)}"
        if not errors:
            break
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED


def test_before_the_destination_type_is_chosen_the_consignee_message_says_which_type_needs_it(world, emcs_codelists):
    movement = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    _, errors = _validate(world, movement)
    consignee = next(error for error in errors if error.field == "consignee.trader_name")
    assert consignee.message == "Indiquez le nom du destinataire. (si la destination est : entrepôt fiscal)"
    # Once a type is chosen, its own needs only: a registered consignee has no place of delivery.
    movement = services.draft_save_section(
        actor=world.antoine, movement=movement, section="destination", data={"destination_type_code": "2"}
    )
    _, errors = _validate(world, movement)
    fields = {error.field for error in errors}
    assert "delivery_place.traderid" not in fields and "delivery_place.trader_name" not in fields
    assert next(error for error in errors if error.field == "consignee.trader_name").message == (
        "Indiquez le nom du destinataire."
    )


def test_every_link_of_the_summary_of_an_empty_draft_leads_to_a_real_input(client, world, emcs_codelists):
    """The task list's summary links to each field's section page; each page holds the id named."""
    from tests.error_summary import ids_of, summary_links, summary_of, target
    from tests.factories.accounts import PASSWORD

    assert client.login(username=world.antoine.username, password=PASSWORD)
    movement = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    response = client.post(f"/gamma/FR008777E0001/brouillons/{movement.pk}/valider/")
    assert response.status_code == 400
    page = response.content.decode()
    summary = summary_of(page)
    assert summary.get("tabindex") == "-1" and summary.get("autofocus") is not None
    links = summary_links(page)
    assert len(links) == len(services.movement_errors(services.prefetched(movement))) == 14
    assert summary.xpath("string(.//h2)") == "Le document n'est pas émis : 14 erreurs à corriger"
    pages: dict[str, set[str]] = {}
    for href, text in links:
        path, anchor = target(href)
        assert path and anchor, href
        if path not in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path] = ids_of(response.content.decode())
        assert anchor in pages[path], f"{text}: no #{anchor} on {path}"


@pytest.mark.parametrize("slug", ["mouvement", "destinataire", "destination", "transport"])
def test_a_section_page_opened_from_the_validation_links_each_error_to_an_input_of_its_own(
    client, world, emcs_codelists, slug
):
    from tests.error_summary import ids_of, summary_links, target
    from tests.factories.accounts import PASSWORD

    assert client.login(username=world.antoine.username, password=PASSWORD)
    movement = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    page = client.get(f"/gamma/FR008777E0001/brouillons/{movement.pk}/{slug}/?verifier=1").content.decode()
    links = summary_links(page)
    assert links
    for href, text in links:
        path, anchor = target(href)
        assert path == "" and anchor in ids_of(page), f"{text}: {href}"


def test_the_hints_say_what_the_rules_require():
    """Issue 12, item 4: the place of delivery is required for a tax warehouse (C164, C074, C079),
    not « s'il diffère du destinataire »; the consignee's excise number is not always asked (C010)."""
    destination = sections.BY_KEY["destination"].hint
    assert "diffère" not in destination
    assert "obligatoire pour un entrepôt fiscal" in destination and "sans objet pour un destinataire enregistré" in (
        destination
    )
    assert "sauf exportation ou destinataire exonéré" in sections.BY_KEY["consignee"].hint
