"""GPS's pages: the menu, « Générer un numéro » and its « Récapitulatif », the paper form, the
follow-up list; refusals at the field, forged posts, other companies' documents."""

import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from fallback.models import DocumentStatus, FallbackDocument, NumberSeries
from tests.error_summary import ids_of, summary_links
from tests.fallback.factories import IncidentFactory

GENERATE = "/gps/generer/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def field_error(response, field: str) -> str:
    """The error shown next to a field, tied to it by aria-describedby."""
    page = response.content.decode()
    match = re.search(rf'<p class="fr-error-text" id="id_{field}-error">(.*?)</p>', page, re.S)
    assert match, f"no error next to {field}"
    assert (
        f'aria-describedby="id_{field}-hint id_{field}-error"' in page or f'aria-describedby="id_{field}-error"' in page
    )
    return html.unescape(match.group(1))


def soon(minutes: int = 20) -> datetime.datetime:
    """In ``minutes``, Paris time: added to the instant, not to the wall clock (at 01:59 on the day
    summer time starts, 20 minutes later is 03:19, not 02:19 which does not exist)."""
    return timezone.localtime(timezone.now() + datetime.timedelta(minutes=minutes))


def form_data(**overrides) -> dict:
    moment = soon()
    data = {
        "nature": "DAA",
        "excise_number": "FR009990F0005",
        "vehicle_registration": "457TY24",
        "dispatch_date": f"{moment:%d/%m/%Y}",
        "dispatch_time": f"{moment:%H:%M}",
    }
    return {**data, **overrides}


@pytest.fixture
def bob(client, world):
    client.force_login(world.bob)
    return world.bob


@pytest.fixture
def red_alert(db):
    return IncidentFactory()


# --- Access -----------------------------------------------------------------------------------------------


def test_the_menu_of_the_seed_on_the_home_page(client, bob):
    response = client.get("/gps/")

    assert response.status_code == 200
    menu = re.search(r'<nav class="gps-menu[^"]*" aria-label="Menu GPS">(.*?)</nav>', response.content.decode(), re.S)
    labels = [html.unescape(label) for label in re.findall(r">([^<>]+)</a>", menu.group(1))]
    assert labels == ["GPS", "Générer un numéro", "Suivre mes procédures de secours", "Aide"]
    assert "Bienvenue sur GPS" in text(response)
    assert "La procédure de secours n'est pas ouverte" in text(response)


def test_the_home_page_says_when_the_procedure_is_open(client, bob, red_alert):
    page = text(client.get("/gps/"))
    assert "Alerte rouge sur GAMMA" in page and "ouverte à tous les opérateurs" in page


def test_a_user_without_an_issue_right_is_told_why(client, world):
    client.force_login(world.luc)  # prepares and searches only
    for url in ("/gps/", GENERATE, "/gps/suivi/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Emettre un DAA / DAA secours" in text(response)
    assert client.post(GENERATE, form_data(excise_number="FR008777E0001")).status_code == 403
    assert not FallbackDocument.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(GENERATE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_help_is_public(client, db):
    assert client.get("/gps/aide/").status_code == 200


def test_gps_appears_in_the_personal_space_of_those_who_may_issue(client, world):
    client.force_login(world.bob)
    assert "GPS — procédure de secours" in text(client.get(reverse("accounts:personal_space")))
    client.force_login(world.luc)
    assert "GPS — procédure de secours" not in text(client.get(reverse("accounts:personal_space")))


# --- « Générer un numéro » ----------------------------------------------------------------------------------


def test_the_form_offers_only_the_users_own_numbers(client, world):
    client.force_login(world.bob)
    options = re.findall(r'<option value="(FR[^"]*)"', client.get(GENERATE).content.decode())
    assert options == ["FR009990F0005"]
    client.force_login(world.antoine)
    options = re.findall(r'<option value="(FR[^"]*)"', client.get(GENERATE).content.decode())
    assert options == ["FR008777E0001"]


def test_validate_gives_the_seed_summary(client, bob, red_alert):
    moment = soon()
    response = client.post(GENERATE, form_data())

    document = FallbackDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/gps/documents/{document.number}/"
    page = client.get(response["Location"]).content.decode()
    table = re.search(r'<table id="recapitulatif">(.*?)</table>', page, re.S).group(1)
    assert "<caption>Récapitulatif</caption>" in table
    rows = [
        (html.unescape(label), re.sub(r"<[^>]+>", "", value))
        for label, value in re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', table)
    ]
    assert rows == [
        ("Numéro de document", f"{moment:%y}FR009990F0005000001"),
        ("Numéro d'accise saisi", "FR009990F0005"),
        ("date d'expédition saisie", f"{moment:%d/%m/%Y %H:%M}:00"),
        ("Nature du document", "DAA"),
        ("Immatriculation du moyen de transport", "457TY24"),
    ]


def test_effacer_brings_back_an_empty_form(client, bob):
    page = client.get(GENERATE).content.decode()
    assert '<button class="fr-btn" type="submit">Valider</button>' in page
    assert f'<a class="fr-btn fr-btn--secondary" href="{GENERATE}">Effacer</a>' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"vehicle_registration": "457/TY;24"}, "vehicle_registration", "lettres sans accent, des chiffres"),
        ({"vehicle_registration": ""}, "vehicle_registration", "Saisissez l'immatriculation"),
        ({"vehicle_registration": "X" * 30}, "vehicle_registration", "de 2 à 20 caractères"),
        ({"dispatch_date": "31/02/2026"}, "dispatch_date", "La date du 31/02/2026 n'existe pas"),
        ({"dispatch_date": "2026-02-10"}, "dispatch_date", "au format jj/mm/aaaa"),
        ({"dispatch_time": "25:61"}, "dispatch_time", "de 00:00 à 23:59"),
        ({"excise_number": "FR0099"}, "excise_number", "comporte 13 caractères"),
        ({"excise_number": "FR008777E0001"}, "excise_number", "Vous n'êtes pas habilité"),
        ({"nature": "DAE"}, "nature", "DAA ou DSA"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_issued(client, bob, red_alert, overrides, field, message):
    response = client.post(GENERATE, form_data(**overrides))

    assert response.status_code == 400
    assert message in field_error(response, field)
    assert "Aucun numéro n'a été généré" in text(response)
    assert not FallbackDocument.objects.exists() and not NumberSeries.objects.exists()
    # The DSFR error summary lists the error, its link leading to the field on the page.
    links = summary_links(text(response))
    assert [(href, message in label) for href, label in links] == [(f"#id_{field}", True)]
    assert f"id_{field}" in ids_of(text(response))


def test_a_dispatch_outside_any_alert_or_authorisation_is_refused_with_the_reason(client, bob):
    response = client.post(GENERATE, form_data())

    assert response.status_code == 400
    error = field_error(response, "dispatch_date")
    assert error.startswith("La procédure de secours n'est pas ouverte le ")
    assert "aucune alerte rouge ou noire sur GAMMA ni aucune autorisation individuelle" in error
    assert not FallbackDocument.objects.exists()


def test_a_forged_post_never_gives_a_number_for_another_company(client, world, red_alert):
    client.force_login(world.antoine)  # every GAMMA right, but on FR008777E0001
    response = client.post(GENERATE, form_data(excise_number="FR009990F0005"))

    assert response.status_code == 400
    assert "Vous n'êtes pas habilité" in field_error(response, "excise_number")
    assert not FallbackDocument.objects.exists()


def test_a_forged_nature_without_its_right_is_refused(client, bob, red_alert):
    from habilitations.models import Habilitation

    Habilitation.objects.filter(user=bob, right="issue_dsa").delete()
    response = client.post(GENERATE, form_data(nature="DSA"))

    assert response.status_code == 400
    assert "« Emettre un DSA / DSA secours »" in field_error(response, "nature")
    assert not FallbackDocument.objects.exists()


def test_a_right_withdrawn_between_the_form_and_the_post_is_refused(client, bob, red_alert):
    from habilitations.models import Habilitation

    client.get(GENERATE)
    Habilitation.objects.filter(user=bob).delete()
    assert client.post(GENERATE, form_data()).status_code == 403
    assert not FallbackDocument.objects.exists()


# --- The document, its paper form, the follow-up ---------------------------------------------------------------


@pytest.fixture
def document(client, bob, red_alert):
    client.post(GENERATE, form_data(), follow=True)  # the page after shows (and uses up) the success message
    return FallbackDocument.objects.get()


def test_the_paper_form_is_the_seeds_daa_with_the_number_and_ps(client, document):
    response = client.get(f"/gps/documents/{document.number}/formulaire.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="procedure-secours-{document.number}.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3  # one copy a page
    first = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "PROCEDURE DE SECOURS",
        "COMMUNAUTE EUROPEENNE",
        "10753 * 01 PRODUITS SOUMIS AUX DROITS D'ACCISES",
        "DOCUMENT ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI",
        "P.S.",
        document.number,
        "FR009990F0005",
        "COMPAGNIE FRANCAISE DE L ARMAGNAC",
        "457TY24",
        "Bureau d'Auch",
        f"{timezone.localtime(document.dispatch_at):%d/%m/%Y}",
    ):
        assert expected in first, expected
    boxes = [
        "1 Expéditeur",
        "2 Numéro d'accise de l'expéditeur",
        "3 Numéro de référence",
        "4 Numéro d'accise du destinataire",
    ]
    boxes += ["5 Numéro de la facture", "6 Date de la facture", "7 Destinataire", "7a Lieu de livraison"]
    boxes += ["8 Autorités compétentes du lieu de départ", "9 Transporteur", "10 Garantie"]
    boxes += ["11 Précisions concernant le transport", "12 Pays d'expédition", "13 Pays de destination"]
    boxes += ["14 Représentant fiscal", "15 Lieu d'expédition", "16 Date d'expédition", "17 Durée du transport"]
    boxes += ["18a Marque et n° d'identification", "19a Code produit (code NC)", "20a Quantité"]
    boxes += ["21a Poids brut (kg)", "22a Poids net (kg)", "Mention de la procédure"]
    for box in boxes:
        assert box in first, box
    assert "Exemplaire à conserver par le destinataire" in reader.pages[1].extract_text()


def test_a_dsa_gets_the_simplified_document_title(client, bob, red_alert):
    client.post(GENERATE, form_data(nature="DSA"))
    document = FallbackDocument.objects.get()
    page = PdfReader(io.BytesIO(client.get(f"/gps/documents/{document.number}/formulaire.pdf").content)).pages[0]
    assert "DOCUMENT SIMPLIFIÉ D'ACCOMPAGNEMENT" in page.extract_text()


def test_another_companys_document_does_not_exist_for_you(client, world, document):
    client.force_login(world.antoine)
    assert client.get(f"/gps/documents/{document.number}/").status_code == 404
    assert client.get(f"/gps/documents/{document.number}/formulaire.pdf").status_code == 404
    assert document.number not in client.get("/gps/suivi/").content.decode()


def test_the_follow_up_lists_the_documents_with_their_status_and_filters(client, bob, document, world):
    other = FallbackDocument.objects.create(
        number=f"{document.year % 100:02d}FR009990F0005000099",
        excise_number=world.excise_b,
        year=document.year,
        order=99,
        nature="DSA",
        vehicle_registration="AB-123-CD",
        dispatch_at=timezone.now() - datetime.timedelta(days=40),
        issued_by=bob,
        incident=document.incident,
        status=DocumentStatus.LATE,
        late_since=timezone.now(),
    )
    page = text(client.get("/gps/suivi/"))
    assert document.number in page and other.number in page
    assert "Émis" in page and "En retard" in page

    recent = text(client.get("/gps/suivi/", {"du": f"{timezone.localdate() - datetime.timedelta(days=1):%Y-%m-%d}"}))
    assert document.number in recent and other.number not in recent
    late = text(client.get("/gps/suivi/", {"statut": "late"}))
    assert other.number in late and document.number not in late
    by_number = text(client.get("/gps/suivi/", {"numero": "FR009990F0005"}))
    assert document.number in by_number


def test_follow_up_filters_refuse_a_number_that_is_not_yours(client, bob, document):
    response = client.get("/gps/suivi/", {"numero": "FR008777E0001"})
    assert response.status_code == 200
    assert "Choisissez l'un de vos numéros d'accises." in text(response)
    assert document.number not in text(response)


def test_follow_up_filters_refuse_an_end_before_the_start(client, bob, document):
    page = text(client.get("/gps/suivi/", {"du": "2026-11-26", "au": "2026-11-01"}))
    assert "La date de fin précède la date de début." in page


@pytest.mark.parametrize("last_day", ["9999-12-31", "31/12/9999"])
def test_follow_up_refuses_a_date_too_far_at_its_field(client, bob, document, last_day):
    """The last day of year 9999 plus one day overflows Python's dates: refused at the field."""
    response = client.get("/gps/suivi/", {"numero": "FR009990F0005", "au": last_day})
    assert response.status_code == 200
    assert "Saisissez une date antérieure au 31/12/2999." in text(response)


def test_every_action_needs_the_csrf_token(world, red_alert):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.bob)
    assert client.post(GENERATE, form_data()).status_code == 403
    client.force_login(world.agent_b)
    assert client.post("/bureau/secours/demandes/1/refuser/", {"reason": "x"}).status_code == 403
    assert not FallbackDocument.objects.exists()
