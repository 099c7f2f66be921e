"""The preparation pages: entry links by rights, a draft's task list and sections, lines, drafts
list, templates, « Valider (émettre) » with every error at its field; another company's draft is
a 404, a right not held a refusal, forged and garbage posts never a 500, CSRF enforced."""

import datetime
import html
import logging
import re

import pytest
from django.test import Client
from django.utils import timezone

from gamma import services
from gamma.models import Movement, MovementStatus, MovementTemplate
from tests.factories.accounts import PASSWORD
from tests.factories.gamma import MovementFactory
from tests.gamma.drafting import complete_dae, dae_sections, wine_line

pytestmark = pytest.mark.django_db

HOME = "/gamma/FR008777E0001/"


@pytest.fixture
def lists(emcs_codelists):
    return emcs_codelists


def log_in(client, user):
    assert client.login(username=user.username, password=PASSWORD) or client.post(
        "/compte/login/", {"login": user.username, "password": PASSWORD}
    )
    return client


@pytest.fixture
def antoine(client, world):
    return log_in(client, world.antoine)


def url(movement, tail=""):
    return f"{HOME}brouillons/{movement.pk}/{tail}"


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- Entry point ---------------------------------------------------------------------------------


def test_the_gamma_home_offers_to_prepare_only_what_the_rights_allow(client, world):
    log_in(client, world.antoine)
    page = text(client.get(HOME))
    for label in ("Préparer un DAE", "Préparer un DAES", "Préparer un DSA", "Mes brouillons", "Modèles"):
        assert label in page
    client.logout()
    log_in(client, world.marie)  # search only
    page = text(client.get(HOME))
    assert 'id="preparer-emettre"' not in page
    assert "Préparer un DAE" not in page and "Mes brouillons" not in page and "Modèles" not in page


def test_preparing_a_dae_creates_the_draft_and_opens_its_task_list(antoine, world, lists):
    response = antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    assert response.status_code == 302 and response.url == url(movement)
    page = text(antoine.get(response.url))
    assert "Brouillon de DAE" in page
    for title in ("Mouvement", "Expéditeur", "Destinataire", "Lieu d'expédition", "Garantie", "Transport"):
        assert title in page
    assert "Marchandises" in page and "Documents d'accompagnement" in page
    assert re.search(r'id="rubrique-expediteur".*?Complète', page, re.S)
    assert re.search(r'id="rubrique-lignes".*?À compléter', page, re.S)
    assert "Valider (émettre)" in page


def test_a_dsa_has_no_guarantee_section(antoine, lists):
    antoine.post(f"{HOME}preparer/dsa/")
    page = text(antoine.get(url(Movement.objects.get())))
    assert "Garantie" not in page
    assert antoine.get(url(Movement.objects.get(), "garantie/")).status_code == 404


# --- Sections ---------------------------------------------------------------------------------


def test_a_section_is_saved_and_shown_again_after_logging_out(client, world, lists):
    log_in(client, world.luc)
    client.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    response = client.post(url(movement, "destinataire/"), dae_sections()["consignee"])
    assert response.status_code == 302 and response.url == url(movement)
    client.logout()
    log_in(client, world.luc)
    page = text(client.get(url(movement, "destinataire/")))
    assert 'value="COMPAGNIE FRANCAISE DE L ARMAGNAC"' in page and 'value="FR009990F0005"' in page
    assert re.search(r'id="rubrique-destinataire".*?Complète', text(client.get(url(movement))), re.S)


def test_wrong_values_are_shown_at_their_fields_with_a_summary_and_nothing_is_saved(antoine, lists):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    response = antoine.post(
        url(movement, "mouvement/"),
        {"local_reference_number": "L" * 30, "dispatch_date": "demain", "invoice_number": "F-1"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "Rien n'est enregistré" in page
    assert 'href="#id_local_reference_number"' in page and 'href="#id_dispatch_date"' in page
    assert 'id="id_dispatch_date-error"' in page and "Saisissez une date valide" in page
    assert 'value="F-1"' in page  # what was typed is kept on the page
    movement.refresh_from_db()
    assert movement.invoice_number == ""


def test_transport_units_are_added_without_javascript(antoine, lists):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    response = antoine.post(
        url(movement, "transport/"),
        {
            "transport_mode_code": "3",
            "transport_details-0-transport_unit_code": "2",
            "transport_details-0-identity_of_transport_units": "AB-123-CD",
            "action": "ajouter-transport_details",
        },
    )
    assert response.status_code == 302 and response.url.endswith("transport/#lignes-ajoutees")
    page = text(antoine.get(url(movement, "transport/")))
    assert 'name="transport_details-0-supprimer"' in page and 'name="transport_details-1-transport_unit_code"' in page


# --- Lines -----------------------------------------------------------------------------------------


def test_epc_first_then_only_its_cn_codes_and_the_fields_it_calls_for(antoine, lists):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    page = text(antoine.get(url(movement, "lignes/1/")))
    assert 'name="lines-0-excise_product_code"' in page and 'name="lines-0-cn_code"' not in page
    assert "alcoholic_strength" not in page and "wine_product_category" not in page
    response = antoine.post(url(movement, "lignes/1/"), {"lines-0-excise_product_code": "W200", "action": "choisir"})
    assert response.status_code == 302 and response.url.endswith("lignes/1/#id_lines-0-cn_code")
    page = text(antoine.get(url(movement, "lignes/1/")))
    assert '<option value="22042109">' in page and '<option value="22030001">' not in page  # no beer code
    assert 'name="lines-0-alcoholic_strength"' in page and 'name="lines-0-wine_product_category"' in page
    assert 'name="lines-0-degree_plato"' not in page and 'name="lines-0-density"' not in page
    response = antoine.post(url(movement, "lignes/1/"), {**wine_line(0), "action": "enregistrer"})
    assert response.status_code == 302 and response.url == url(movement, "lignes/")
    page = text(antoine.get(url(movement, "lignes/")))
    assert "22042109" in page and "84 CT" in page


def test_a_line_is_removed_and_the_next_ones_renumbered(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a, lines=3)
    assert antoine.post(url(movement, "lignes/"), {"supprimer": "2"}).status_code == 302
    assert list(movement.lines.values_list("body_record_unique_reference", flat=True)) == [1, 2]
    response = antoine.post(url(movement, "lignes/"), {"supprimer": "9"}, follow=True)
    assert "Cette ligne n'existe pas" in text(response) and Movement.objects.get().lines.count() == 2


def test_a_line_page_takes_only_its_own_line(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a, lines=2)
    data = {**wine_line(0, quantity="5"), **wine_line(1, quantity="999"), "action": "enregistrer"}
    antoine.post(url(movement, "lignes/1/"), data)
    assert [str(q) for q in movement.lines.values_list("quantity", flat=True)] == ["5.000", "750.000"]


@pytest.mark.parametrize("position", [0, 3, 1000])
def test_a_line_beyond_the_next_one_is_not_found(antoine, world, lists, position):
    movement = complete_dae(world.antoine, world.excise_a)  # one line: /lignes/2/ is the new one
    assert antoine.get(url(movement, f"lignes/{position}/")).status_code == 404


# --- Validation -------------------------------------------------------------------------------------


def test_validate_shows_every_error_with_its_code_linking_to_its_field_then_issues(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    line = {**wine_line(0), "action": "enregistrer"}
    del line["lines-0-alcoholic_strength"]
    antoine.post(url(movement, "lignes/1/"), line)
    antoine.post(url(movement, "mouvement/"), {**dae_sections()["movement"], "local_reference_number": ""})
    response = antoine.post(url(movement, "valider/"))
    assert response.status_code == 400
    page = text(response)
    assert "Le document n'est pas émis : 2 erreurs à corriger" in page
    assert "[C047] Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit W200." in page
    assert url(movement, "lignes/1/?verifier=1#id_lines-0-alcoholic_strength") in page
    assert url(movement, "mouvement/?verifier=1#id_local_reference_number") in page
    # The link leads to the field, the error shown next to it.
    page = text(antoine.get(url(movement, "lignes/1/?verifier=1")))
    assert re.search(r'id="id_lines-0-alcoholic_strength-error">\[C047\] Le titre', page)
    assert Movement.objects.get().status == MovementStatus.DRAFT

    antoine.post(url(movement, "lignes/1/?verifier=1"), {**wine_line(0), "action": "enregistrer"})
    antoine.post(url(movement, "mouvement/"), dae_sections()["movement"])
    response = antoine.post(url(movement, "valider/"))
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED
    assert response.status_code == 302 and response.url == url(movement, "emis/")
    page = text(antoine.get(response.url))
    assert movement.arc in page and "DAE émis" in page
    assert timezone.localtime(movement.validated_at).strftime("%d/%m/%Y") in page


def test_a_preparer_without_the_issue_right_cannot_validate(client, world, lists, caplog):
    movement = complete_dae(world.luc, world.excise_a)
    log_in(client, world.luc)
    assert "Valider (émettre)" not in text(client.get(url(movement)))
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = client.post(url(movement, "valider/"))
    assert response.status_code == 403 and "Emettre un DAA" in text(response)
    assert "without the right issue_daa" in caplog.text
    assert Movement.objects.get().is_draft


# --- Drafts list, deletion, templates --------------------------------------------------------------------


def test_the_drafts_list_filters_and_survives_garbage_filters(antoine, world, lists):
    complete_dae(world.antoine, world.excise_a, lrn="CAVE-001")
    services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DSA")
    page = text(antoine.get(f"{HOME}brouillons/"))
    assert "2 brouillons" in page and "CAVE-001" in page
    page = text(antoine.get(f"{HOME}brouillons/?kind=DSA"))
    assert "1 brouillon" in page and "CAVE-001" not in page
    page = text(antoine.get(f"{HOME}brouillons/?consignee=armagnac"))
    assert "CAVE-001" in page and "1 brouillon" in page
    response = antoine.get(f"{HOME}brouillons/?date_from=garbage&kind=XYZ&page=-4&lrn=" + "x" * 500)
    assert response.status_code == 400 and "Saisissez une date valide" in text(response)


def test_deleting_a_draft_asks_for_confirmation(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    page = text(antoine.get(url(movement, "supprimer/")))
    assert "Oui, supprimer le brouillon" in page and Movement.objects.exists()
    response = antoine.post(url(movement, "supprimer/"))
    assert response.status_code == 302 and response.url == f"{HOME}brouillons/"
    assert not Movement.objects.exists()


def test_a_draft_saved_as_a_template_starts_a_new_draft(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    response = antoine.post(url(movement, "modele/"), {"name": "Vers Eauze"})
    assert response.status_code == 302
    template = MovementTemplate.objects.get()
    assert "Vers Eauze" in text(antoine.get(f"{HOME}modeles/"))
    response = antoine.post(f"{HOME}modeles/", {"modele": str(template.pk), "action": "utiliser"})
    new = Movement.objects.exclude(pk=movement.pk).get()
    assert response.status_code == 302 and response.url == url(new)
    assert new.consignee_identifier == "FR009990F0005" and new.local_reference_number == ""
    antoine.post(f"{HOME}modeles/", {"modele": str(template.pk), "action": "supprimer"})
    assert not MovementTemplate.objects.exists()
    assert antoine.post(f"{HOME}modeles/", {"modele": "abc"}).status_code == 404
    response = antoine.post(url(movement, "modele/"), {"name": ""}, follow=True)
    assert "Donnez un nom au modèle." in text(response)


# --- Another company, forged posts, CSRF, garbage -----------------------------------------------------------------


def test_another_companys_draft_is_not_found(client, world, lists, caplog):
    theirs = MovementFactory(consignor=world.excise_b)
    ours = complete_dae(world.antoine, world.excise_a)
    log_in(client, world.bob)
    for path in ("", "mouvement/", "lignes/", "lignes/1/", "supprimer/", "emis/"):
        assert client.get(url(ours, path)).status_code == 404
        assert client.get(f"/gamma/FR009990F0005/brouillons/{ours.pk}/{path}").status_code == 404
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        for path in ("valider/", "supprimer/", "mouvement/", "modele/"):
            assert client.post(url(ours, path), {"local_reference_number": "PIRATE"}).status_code == 404
        assert client.post(f"{HOME}preparer/dae/").status_code == 404
    assert len([r for r in caplog.records if r.name == "prodouane.security" and "bob posted" in r.message]) == 5
    assert client.get(f"{HOME}brouillons/").status_code == 404
    ours.refresh_from_db()
    assert ours.local_reference_number == "LRN-0001" and ours.is_draft
    assert client.get(f"/gamma/FR009990F0005/brouillons/{theirs.pk}/").status_code == 200


def test_a_user_without_the_prepare_right_is_refused_and_logged(client, world, lists, caplog):
    movement = complete_dae(world.antoine, world.excise_a)
    log_in(client, world.marie)
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        assert client.post(f"{HOME}preparer/dae/").status_code == 403
        response = client.post(url(movement, "mouvement/"), {"local_reference_number": "X"})
    assert response.status_code == 403 and "Préparer un DAA" in text(response)
    assert "without the right prepare_daa" in caplog.text
    assert client.get(url(movement, "mouvement/")).status_code == 403
    assert Movement.objects.get().local_reference_number == "LRN-0001"


def test_an_issued_document_is_no_longer_editable(antoine, world, lists):
    movement = services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    assert antoine.get(url(movement)).status_code == 404
    assert antoine.post(url(movement, "mouvement/"), {"local_reference_number": "X"}).status_code == 404
    assert antoine.post(url(movement, "valider/")).status_code == 404
    assert antoine.get(url(movement, "emis/")).status_code == 200


def test_csrf_is_enforced_on_every_post(world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    client = log_in(Client(enforce_csrf_checks=True), world.antoine)
    paths = [f"{HOME}preparer/dae/", f"{HOME}modeles/"]
    paths += [url(movement, tail) for tail in ("valider/", "mouvement/", "supprimer/", "lignes/1/", "modele/")]
    for path in paths:
        assert client.post(path, {"local_reference_number": "X"}).status_code == 403, path
    movement.refresh_from_db()
    assert movement.local_reference_number == "LRN-0001" and movement.is_draft


@pytest.mark.parametrize(
    "data",
    [
        {"lines-0-quantity": "1" * 40, "lines-0-excise_product_code": "W200"},
        {"lines-0-excise_product_code": "<script>", "lines-0-packages-0-kind_of_packages": "\x00"},
        {"lines-0-wine_operations": ["99", "abc"], "lines-0-excise_product_code": "W200"},
        {"lines-0-packages-9999999999-kind_of_packages": "CT", "lines-0-excise_product_code": "W200"},
        {"lines-0-alcoholic_strength": "Infinity", "lines-0-excise_product_code": "W200"},
        {"lines-0-size_of_producer": "-1", "lines-0-excise_product_code": "W200", "action": "choisir"},
    ],
)
def test_garbage_in_a_line_never_gives_a_500(antoine, lists, data):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    response = antoine.post(url(movement, "lignes/1/"), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "Rien n'est enregistré" in text(response)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("mouvement/", {"dispatch_time": "25:99", "origin_type_code": "7", "invoice_date": "0000-00-00"}),
        ("destinataire/", {"consignee-traderid": "FR 0099 90F0005 !!", "consignee-trader_name": "x" * 500}),
        ("destination/", {"destination_type_code": "11", "delivery_place_customs_office_code": "FR"}),
        ("garantie/", {"guarantor_type_code": "9999", "guarantor_1-trader_excise_number": "NOPE"}),
        ("transport/", {"journey_time": "X99", "transport_details-abc-transport_unit_code": "2"}),
        ("documents/", {"documents-0-document_type": "ZZZZ", "documents-12-document_reference": "R"}),
        ("inconnue/", {"a": "b"}),
    ],
)
def test_garbage_in_a_section_never_gives_a_500(antoine, lists, path, data):
    antoine.post(f"{HOME}preparer/dae/")
    movement = Movement.objects.get()
    response = antoine.post(url(movement, path), data)
    assert response.status_code in (302, 400, 404)
    assert antoine.get(url(movement)).status_code == 200  # the draft still opens


def test_the_task_list_of_a_draft_whose_lists_changed_still_opens(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    Movement.objects.filter(pk=movement.pk).update(transport_mode_code="42", destination_type_code=7)
    assert antoine.get(url(movement)).status_code == 200
    page = text(antoine.get(url(movement, "transport/?verifier=1")))
    assert "Choisissez une valeur de la liste" in page
    assert antoine.post(url(movement, "valider/")).status_code == 400


def test_pages_require_login(client, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    for path in (url(movement), f"{HOME}brouillons/", f"{HOME}modeles/", url(movement, "lignes/1/")):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("kind", ["dae", "daes", "dsa"])
def test_every_page_of_a_draft_of_each_kind_opens(antoine, lists, kind):
    antoine.post(f"{HOME}preparer/{kind}/")
    movement = Movement.objects.get()
    page = text(antoine.get(url(movement)))
    slugs = re.findall(rf'href="{url(movement)}([a-z-]+)/"', page)
    assert "mouvement" in slugs and "lignes" in slugs
    assert ("garantie" in slugs) == (kind != "dsa")
    for slug in slugs:
        assert antoine.get(url(movement, f"{slug}/")).status_code == 200, slug
        assert antoine.get(url(movement, f"{slug}/?verifier=1")).status_code == 200, slug
    assert antoine.get(url(movement, "lignes/1/?verifier=1")).status_code == 200
    page = text(antoine.get(url(movement, "destination/")))
    if kind == "daes":
        assert '<option value="9">' in page and '<option value="1">' not in page
    elif kind == "dae":
        assert '<option value="1">' in page and '<option value="9">' not in page
    else:
        assert 'name="destination_type_code"' not in page


def test_the_register_s_errors_are_listed_with_their_code_and_shown_in_their_section(antoine, world, lists):
    movement = complete_dae(world.antoine, world.excise_a)
    world.excise_a.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    world.excise_a.save()
    world.excise_b.product_categories.clear()
    response = antoine.post(url(movement, "valider/"))
    assert response.status_code == 400
    page = text(response)
    assert "[R044] Le numéro d'accise FR008777E0001 de l'expéditeur n'est plus valide depuis le" in page
    assert "[BR013] Ligne 1 : Le numéro d'accise FR009990F0005 de l'entrepôt de livraison n'est pas autorisé" in page
    assert url(movement, "lignes/1/?verifier=1#id_lines-0-excise_product_code") in page
    # The consignor's number is no input of its section: the error stands at the top of that page.
    page = text(antoine.get(url(movement, "expediteur/?verifier=1")))
    assert "[R044] Le numéro d'accise FR008777E0001 de l'expéditeur n'est plus valide" in page
    assert Movement.objects.get().status == MovementStatus.DRAFT
