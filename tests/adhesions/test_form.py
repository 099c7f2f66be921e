"""The adhesion form online, section by section: start, draft, rows added without JavaScript,
submission, every refusal shown in French with nothing half-saved."""

import logging

import pytest
from django.test import Client

from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus, AuditEvent
from identifiers import siret
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory

pytestmark = pytest.mark.django_db

SEED_LUC = ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"]


def form_data(action="enregistrer", lines=(), **overrides):
    """The posted form: sections 1, 3, 4 complete, and ``lines`` as (identifiant, e-mail, codes)."""
    data = {
        "action": action,
        "company_name": "SOCIETE DE DISTRIBUTION D'ALCOOLS",
        "company_address": "15 avenue de la République 75010 PARIS",
        "software_name": "",
        "edi_provider_siret": "",
        "edi_software": "",
        "edi_provider_name_address": "",
        "signature_waiver": "on",
        "signed_at_place": "Paris",
        "signed_on": "2026-11-20",
        "legal_representative": "Marie Durand",
        "nombre_lignes": str(max(3, len(lines))),
    }
    for number, (username, email, codes) in enumerate(lines, start=1):
        data[f"ligne-{number}-identifiant"] = username
        data[f"ligne-{number}-courriel"] = email
        data[f"ligne-{number}-droits"] = list(codes)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


SEED_LINES = [
    ("antoineleris", "antoineleris@example.org", ALL_GAMMA),
    ("lucferrier", "lucferrier@example.org", SEED_LUC),
]


@pytest.fixture
def draft(world, new_number):
    return AdhesionFactory(
        excise_number=new_number,
        prepared_by=world.luc,
        signature_waiver=False,
        signed_at_place="",
        signed_on=None,
        legal_representative="",
    )


def test_the_start_page_lists_the_company_numbers(world, new_number, as_user):
    page = as_user(world.luc).get("/adhesions/nouvelle/").content.decode()
    assert "FR008777E0001" in page and "FR008777E0002" in page
    assert "FR009990F0005" not in page  # company B's
    assert 'Remplir le formulaire<span class="fr-sr-only"> pour FR008777E0002' in page
    assert "Acceptée" in page  # FR008777E0001 already has its adhesion


def test_starting_prefills_section_1_from_the_register(world, new_number, as_user):
    client = as_user(world.luc)
    response = client.post("/adhesions/nouvelle/", {"excise_number": "FR008777E0002"})
    adhesion = Adhesion.objects.get(excise_number=new_number)
    assert response.status_code == 302 and response.url == f"/adhesions/{adhesion.pk}/formulaire/"
    page = client.get(response.url).content.decode()
    assert world.company_a.siren in page
    assert "SOCIETE DE DISTRIBUTION D&#x27;ALCOOLS" in page
    assert "15 avenue de la République 75010 PARIS" in page
    assert "Ces informations correspondent aux données enregistrées dans le référentiel douanier" in page
    assert "À un numéro d'accises correspond une seule adhésion" in page


def test_one_adhesion_per_excise_number(world, as_user):
    response = as_user(world.luc).post("/adhesions/nouvelle/", {"excise_number": "FR008777E0001"})
    assert response.status_code == 400
    assert "à un numéro d&#x27;accise correspond une seule adhésion" in response.content.decode()
    assert Adhesion.objects.filter(excise_number=world.excise_a).count() == 1


def test_another_company_number_cannot_be_started(world, as_user, caplog):
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = as_user(world.luc).post("/adhesions/nouvelle/", {"excise_number": "FR009990F0005"})
    assert response.status_code == 400
    assert "Cette opération ne vous est pas permise." in response.content.decode()
    assert "Refused forged request" in caplog.text
    assert Adhesion.objects.filter(excise_number=world.excise_b).count() == 1
    response = as_user(world.luc).post("/adhesions/nouvelle/", {"excise_number": "FR000000X0000"})
    assert response.status_code == 400


def test_a_number_with_a_nul_character_is_refused(world, new_number, as_user):
    """PostgreSQL refuses NUL in a query: the number is refused before it is looked up."""
    response = as_user(world.luc).post("/adhesions/nouvelle/", {"excise_number": "FR008777E0002\x00"})
    assert response.status_code == 400
    assert "Choisissez l&#x27;un des numéros d&#x27;accise de votre entreprise." in response.content.decode()
    assert not Adhesion.objects.filter(excise_number=new_number).exists()


def test_a_user_without_company_is_told_so(db, as_user):
    from tests.factories.accounts import UserFactory

    page = as_user(UserFactory(username="isole", siret="")).get("/adhesions/nouvelle/").content.decode()
    assert "n'est rattaché à aucun opérateur" in page


def test_each_account_is_a_card_with_its_seven_labelled_rights_and_three_rows_are_offered(world, draft, as_user):
    page = as_user(world.luc).get(f"/adhesions/{draft.pk}/formulaire/").content.decode()
    assert "<table" not in page  # nothing to scroll sideways
    assert '<legend class="fr-fieldset__legend fr-text--lg" id="ligne-3-legende">Ligne 3 : compte à habiliter' in page
    for label in [
        "Préparer un DAA",
        "Préparer un DSA",
        "Emettre un DAA / DAA secours",
        "Emettre un DSA / DSA secours",
        "Apurer un DAA",
        "Rechercher DAA",
        "Rechercher DSA",
    ]:
        assert f'>{label}<span class="fr-sr-only"> pour la ligne 3</span></label>' in page
    assert 'name="ligne-4-identifiant"' not in page
    for number in range(1, 5):
        assert f'<legend class="fr-fieldset__legend">{number}- ' in page


@pytest.mark.parametrize("today", ["2026-12-31T23:30:00+00:00", "2026-03-29T00:30:00+00:00"])
def test_a_new_request_starts_with_its_preparer_and_is_signed_today_in_paris(world, draft, as_user, today):
    """« Dites-le nous une fois »: the preparer's identifiant and e-mail in row 1 (his rights still
    to tick), and the day of signature today in Paris — near midnight, Paris' day, not UTC's."""
    import time_machine
    from lxml import html as lxml_html

    with time_machine.travel(today, tick=False):
        page = lxml_html.fromstring(as_user(world.luc).get(f"/adhesions/{draft.pk}/formulaire/").content)
        paris_day = {"2026-12-31T23:30:00+00:00": "2027-01-01", "2026-03-29T00:30:00+00:00": "2026-03-29"}[today]
    assert page.get_element_by_id("id_signed_on").get("value") == paris_day
    assert page.xpath('string(//input[@name="ligne-1-identifiant"]/@value)') == world.luc.username
    assert page.xpath('string(//input[@name="ligne-1-courriel"]/@value)') == world.luc.email
    assert not page.xpath('//input[starts-with(@name, "ligne-1-droits") and @checked]')
    assert page.xpath('string(//input[@name="ligne-2-identifiant"]/@value)') == ""
    # Another of the company's users opening the same draft does not get his own name written in.
    other = lxml_html.fromstring(as_user(world.marie).get(f"/adhesions/{draft.pk}/formulaire/").content)
    assert other.xpath('string(//input[@name="ligne-1-identifiant"]/@value)') in ("", world.luc.username)
    assert other.xpath('string(//input[@name="ligne-1-identifiant"]/@value)') != world.marie.username
    draft.refresh_from_db()
    assert not draft.lines.exists() and draft.signed_on is None  # shown, not saved


def test_adding_rows_keeps_what_was_typed_and_saves_nothing(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("ajouter_lignes", SEED_LINES, software_name="Logiciel X"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="ligne-6-identifiant"' in page and 'name="ligne-7-identifiant"' not in page
    assert 'value="antoineleris"' in page and 'value="Logiciel X"' in page
    assert 'id="ligne-2-prepare_daa" name="ligne-2-droits" value="prepare_daa" checked' in page
    assert 'id="ligne-2-issue_daa" name="ligne-2-droits" value="issue_daa">' in page
    draft.refresh_from_db()
    assert draft.software_name == "" and not draft.lines.exists()


def test_saving_the_draft(world, draft, as_user):
    client = as_user(world.luc)
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", SEED_LINES))
    assert response.status_code == 302 and response.url == f"/adhesions/{draft.pk}/formulaire/"
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT and draft.legal_representative == "Marie Durand"
    assert {line.user.username: line.rights for line in draft.lines.all()} == {
        "antoineleris": ALL_GAMMA,
        "lucferrier": SEED_LUC,
    }
    page = client.get(response.url).content.decode()
    assert "Le brouillon est enregistré" in page
    assert 'value="lucferrier"' in page and 'value="2026-11-20"' in page


def test_transmitting_to_the_customs_office(world, draft, as_user):
    client = as_user(world.luc)
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", form_data("transmettre", SEED_LINES))
    assert response.status_code == 302 and response.url == f"/adhesions/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.SUBMITTED
    assert AuditEvent.objects.filter(adhesion=draft, action="adhesion_submitted").get().screen == (
        "portail — formulaire d'adhésion"
    )
    page = client.get(response.url).content.decode()
    assert "Transmise au bureau" in page and "est transmise au Bureau de Paris" in page


def test_a_refused_submission_shows_the_error_next_to_the_field_and_saves_nothing(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("transmettre", SEED_LINES, signature_waiver=None, legal_representative=""),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Votre demande n'est pas enregistrée" in page
    assert 'aria-describedby="id_signature_waiver-messages"' in page
    assert "Rubrique 4 : acceptez l&#x27;engagement de dispense de signature" in page
    assert 'value="antoineleris"' in page  # refilled
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT
    assert not draft.lines.exists() and draft.legal_representative == ""  # nothing half-saved


def test_row_errors_are_shown_at_the_top_with_the_row_number(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("enregistrer", [SEED_LINES[0], ("lucferrier", "mauvaise@example.org", SEED_LUC)]),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ligne 2 : aucun compte ProDou@ne activé ne correspond à l&#x27;identifiant « lucferrier »" in page
    assert not AdhesionLine.objects.filter(adhesion=draft).exists()


@pytest.mark.parametrize(
    "line",
    [("antoine\x00leris", "antoineleris@example.org", SEED_LUC), ("antoineleris", "a\x00@example.org", SEED_LUC)],
)
def test_a_row_with_a_nul_character_is_refused_with_its_row_number(world, draft, as_user, line):
    """The rows are not form fields: a NUL character (PostgreSQL refuses it in a query) is refused
    by the service, at the row, like any other row error."""
    response = as_user(world.luc).post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", [line]))
    assert response.status_code == 400
    assert (
        "Ligne 1 : l&#x27;identifiant ou l&#x27;adresse courriel contient un caractère non autorisé."
        in response.content.decode()
    )
    assert not AdhesionLine.objects.filter(adhesion=draft).exists()


def test_a_forged_right_code_is_refused(world, draft, as_user):
    response = as_user(world.luc).post(
        f"/adhesions/{draft.pk}/formulaire/",
        form_data("enregistrer", [("antoineleris", "antoineleris@example.org", ["prepare_daa", "superuser"])]),
    )
    assert response.status_code == 400
    assert "Ligne 1 : droit inconnu (superuser)" in response.content.decode()
    assert not AdhesionLine.objects.filter(adhesion=draft).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"signed_on": "31/02/2026"}, "signed_on", "Saisissez une date valide"),
        ({"company_name": ""}, "company_name", "Indiquez la raison sociale"),
        ({"edi_enabled": "on", "edi_provider_siret": "12345678901234"}, "edi_provider_siret", "SIRET"),
        ({"edi_provider_siret": "1234 5678 9012 3456"}, "edi_provider_siret", siret.LENGTH_MESSAGE),
    ],
)
def test_bad_input_is_shown_next_to_its_field(world, draft, as_user, overrides, field, message):
    response = as_user(world.luc).post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", **overrides))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'aria-describedby="id_{field}' in page
    error = page.split(f'id="id_{field}-error">')[1].split("</p>")[0]
    assert message in error
    draft.refresh_from_db()
    assert draft.company_name != "" and draft.edi_enabled is False


def test_a_transmitted_request_is_no_longer_edited(world, draft, as_user, caplog):
    draft.status = AdhesionStatus.SUBMITTED
    draft.save()
    client = as_user(world.luc)
    response = client.get(f"/adhesions/{draft.pk}/formulaire/")
    assert response.status_code == 302 and response.url == f"/adhesions/{draft.pk}/"
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = client.post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", SEED_LINES), follow=True)
    assert "Cette opération ne vous est pas permise." in response.content.decode()
    assert "Refused forged request" in caplog.text
    assert not draft.lines.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_people_s_requests_are_404(world, draft, as_user, method):
    # Company B's adhesion, and the draft of another user of the same company.
    for user, adhesion in [(world.luc, world.adhesion_b), (world.antoine, draft)]:
        client = as_user(user)
        response = getattr(client, method)(f"/adhesions/{adhesion.pk}/formulaire/", form_data())
        assert response.status_code == 404
    assert client.get("/adhesions/999999/formulaire/").status_code == 404


def test_pages_need_a_login(client, world, draft):
    for path in ["/adhesions/", "/adhesions/nouvelle/", f"/adhesions/{draft.pk}/formulaire/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/compte/login/" in response.url


def test_csrf_is_enforced(world, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.luc)
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", form_data("enregistrer", SEED_LINES))
    assert response.status_code == 403
    assert client.post("/adhesions/nouvelle/", {"excise_number": "FR008777E0002"}).status_code == 403
    assert not draft.lines.exists()
