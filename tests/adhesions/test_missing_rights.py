"""Issue 12, item 1: before an adhesion is transmitted, the form says which GAMMA rights no account
would hold and what the company then cannot do; it goes on only once the user confirms those very
rights. Saving a draft is never held up, and what is saved is what was typed."""

import pytest

from habilitations import catalogue
from habilitations.models import AdhesionStatus
from tests.adhesions import test_form
from tests.adhesions.test_form import SEED_LINES, SEED_LUC, form_data
from tests.factories.habilitations import ALL_GAMMA
from www.adhesions.forms import Row, rights_nobody_holds

pytestmark = pytest.mark.django_db

LUC_ONLY = [("lucferrier", "lucferrier@example.org", SEED_LUC)]
draft = test_form.draft  # the fixture: a draft of company A's second number, section 4 empty
NOT_HELD_BY_LUC = ["issue_daa", "issue_dsa", "discharge_daa"]


def test_the_rights_nobody_holds_in_the_catalogue_order_with_their_consequence():
    missing = catalogue.rights_nobody_holds("gamma", [{"search_dsa", "prepare_daa"}, {"issue_daa"}, set()])
    assert [item.right.code for item in missing] == ["prepare_dsa", "issue_dsa", "discharge_daa", "search_daa"]
    assert missing[2].warning == (
        "Aucun compte n'aura le droit « Apurer un DAA ». "
        "Les DAE reçus ne pourront pas être apurés (accusé de réception, refus)."
    )
    assert all(item.consequence for item in catalogue.rights_nobody_holds("gamma", [set()]))


def test_no_warning_when_every_right_is_held_or_no_account_is_named():
    assert catalogue.rights_nobody_holds("gamma", [set(ALL_GAMMA)]) == []
    assert catalogue.rights_nobody_holds("gamma", [set(SEED_LUC), set(ALL_GAMMA) - set(SEED_LUC)]) == []
    assert catalogue.rights_nobody_holds("gamma", []) == []  # « Désignez au moins un compte » says it


def test_blank_rows_do_not_count_but_a_named_account_without_rights_does():
    rows = [Row(1, "lucferrier", "l@example.org", {"search_daa"}), Row(2), Row(3, "   ", "", set())]
    assert len(rights_nobody_holds("gamma", rows)) == 6
    assert len(rights_nobody_holds("gamma", [Row(1), Row(2, "antoine", "", set())])) == 7
    assert rights_nobody_holds("gamma", [Row(1), Row(2)]) == []


def test_transmitting_without_a_right_is_held_and_saves_nothing(world, draft, as_user):
    response = as_user(world.luc).post(f"/adhesions/{draft.pk}/formulaire/", form_data("transmettre", LUC_ONLY))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Avant de transmettre : 3 droits attribués à aucun compte" in page
    assert "Aucun compte n&#x27;aura le droit « Apurer un DAA ». Les DAE reçus ne pourront pas être apurés" in page
    assert "Aucun compte n&#x27;aura le droit « Rechercher DAA »" not in page
    for code in NOT_HELD_BY_LUC:
        assert f'<a href="#ligne-1-{code}">' in page
        assert f'<input type="hidden" name="droits_absents" value="{code}">' in page
    assert 'value="transmettre_sans_droits" id="transmettre-sans-droits"' in page
    assert (
        'value="lucferrier"' in page
        and 'id="ligne-1-search_dsa" name="ligne-1-droits" value="search_dsa" checked' in page
    )
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT and not draft.lines.exists() and draft.legal_representative == ""


def test_confirming_those_very_rights_transmits_as_before(world, draft, as_user):
    client = as_user(world.luc)
    confirmed = form_data("transmettre_sans_droits", LUC_ONLY, droits_absents=NOT_HELD_BY_LUC)
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", confirmed)
    assert response.status_code == 302 and response.url == f"/adhesions/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.SUBMITTED
    assert [(line.user.username, line.rights) for line in draft.lines.all()] == [("lucferrier", SEED_LUC)]


def test_a_right_untick_since_the_warning_asks_again(world, draft, as_user):
    fewer = [("lucferrier", "lucferrier@example.org", ["prepare_daa", "prepare_dsa", "search_daa"])]
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("transmettre_sans_droits", fewer, droits_absents=NOT_HELD_BY_LUC),
    )
    assert response.status_code == 200
    assert "Avant de transmettre : 4 droits attribués à aucun compte" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT


def test_every_right_held_transmits_without_a_word(world, draft, as_user):
    response = as_user(world.luc).post(f"/adhesions/{draft.pk}/formulaire/", form_data("transmettre", SEED_LINES))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.SUBMITTED


def test_saving_a_draft_is_not_held_up(world, draft, as_user):
    response = as_user(world.luc).post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", LUC_ONLY))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [(line.user.username, line.rights) for line in draft.lines.all()] == [("lucferrier", SEED_LUC)]


def test_field_errors_and_the_warning_are_shown_together(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/", form_data("transmettre", LUC_ONLY, company_name="")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez la raison sociale de l&#x27;entreprise signataire." in page
    assert "Avant de transmettre : 3 droits attribués à aucun compte" in page


def test_a_confirmed_transmission_still_meets_every_rule(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("transmettre_sans_droits", LUC_ONLY, droits_absents=NOT_HELD_BY_LUC, signature_waiver=None),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rubrique 4 : acceptez l&#x27;engagement de dispense de signature" in page
    assert 'value="transmettre_sans_droits"' in page  # once section 4 is done, one click transmits
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT and not draft.lines.exists()
