"""The movement pages over HTTP (www/gamma/movements.py): search and its CSV, a movement's page with
only the actions allowed, its PDF, each action's form (done, refused in French with nothing
changed, forged and logged), 404 for other companies, CSRF, no 500 on garbage, the messages."""

import csv
import io
import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from gamma.models import MovementEvent, MovementStatus
from tests.factories.gamma import MovementFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

S = MovementStatus
SEARCH = f"/gamma/{CONSIGNOR_NUMBER}/mouvements/"


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


@pytest.fixture
def movement(world):
    return shipped(world)


def page_of(number, movement, suffix=""):
    return f"/gamma/{number}/mouvements/{movement.pk}/{suffix}"


def text(response) -> str:
    return response.content.decode()


# --- Search -------------------------------------------------------------------------------------


def test_search_lists_the_numbers_movements_not_yet_discharged_by_default(client, world, movement):
    done = shipped(world, status=S.DELIVERED)
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    client.force_login(world.luc)  # « Rechercher DAA » is enough
    response = client.get(SEARCH)
    assert response.status_code == 200
    page = text(response)
    assert movement.arc in page and done.arc not in page and theirs.arc not in page
    assert 'name="non_apures" checked' in page
    # Unticked: the discharged one appears, « Apuré ».
    page = text(client.get(SEARCH, {"recherche": "1"}))
    assert done.arc in page and "Apuré" in page


def test_search_filters_and_paginates(client, world):
    movements = [shipped(world) for _ in range(23)]
    client.force_login(world.antoine)
    page = text(client.get(SEARCH))
    assert "23 documents correspondent" in page and "page 1 sur 2" in page
    page = text(client.get(SEARCH, {"recherche": "1", "non_apures": "on", "page": "2"}))
    assert sum(m.arc in page for m in movements) == 3
    page = text(client.get(SEARCH, {"recherche": "1", "arc": movements[4].arc.lower()}))
    assert "1 document correspond" in page and movements[4].arc in page


def test_search_needs_a_search_right(client, world, movement):
    client.force_login(world.newcomer_a)  # no GAMMA right at all
    assert client.get(SEARCH).status_code == 403
    client.force_login(world.bob)
    assert client.get(SEARCH).status_code == 404  # another company's number


@pytest.mark.parametrize(
    "params",
    [
        {"recherche": "1", "expedie_du": "31/31/2026"},
        {"recherche": "1", "expedie_du": "2026-12-01", "expedie_au": "2026-11-01"},
        {"recherche": "1", "statut": "nimporte"},
        {"recherche": "1", "tri": "'; DROP TABLE"},
        {"recherche": "1", "arc": "<script>alert(1)</script>", "page": "abc"},
        {"recherche": "1", "sens": "x", "produit": "ZZZZ", "arc": "A" * 500},
    ],
)
def test_search_never_fails_on_garbage(client, world, movement, params):
    client.force_login(world.antoine)
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in text(response)
    if any(key in params for key in ("expedie_du", "statut", "sens")):
        assert "Corrigez les critères signalés" in text(response)
    if "tri" in params:  # an unknown sort is the default one, not an error
        assert "Corrigez les critères signalés" not in text(response)
        assert movement.arc in text(response)


def test_csv_export_of_the_result(client, world, movement):
    shipped(world, status=S.DELIVERED)
    client.force_login(world.antoine)
    response = client.get(SEARCH + "export.csv", {"recherche": "1", "non_apures": "on"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"mouvements-{CONSIGNOR_NUMBER}-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [movement.arc]  # same filters as the page


# --- A movement's page ----------------------------------------------------------------------------


def test_the_movement_page_shows_data_sections_and_the_allowed_actions_only(client, world, movement):
    client.force_login(world.antoine)
    page = text(client.get(page_of(CONSIGNOR_NUMBER, movement)))
    for section in ('id="document"', 'id="operateurs"', 'id="transport"', 'id="marchandises"', 'id="historique"'):
        assert section in page
    assert 'href="#marchandises"' in page  # anchors work without JavaScript
    assert "Bordeaux rouge AOC 2022" in page and "W200 / 22042109" in page
    # Dispatched tomorrow: it may still be cancelled; receipt is the consignee's.
    assert "Annuler le document" in page and "Changer la destination" in page and "Expliquer un retard" in page
    assert "(IE818)" not in page and "(IE819)" not in page

    client.force_login(world.bob)
    page = text(client.get(page_of(CONSIGNEE_NUMBER, movement)))
    assert "Accuser réception" in page and "Alerter ou refuser" in page
    assert "Changer la destination" not in page

    client.force_login(world.luc)  # may search, not act
    page = text(client.get(page_of(CONSIGNOR_NUMBER, movement)))
    assert "Imprimer le document (PDF)" in page and "Changer la destination" not in page


@pytest.mark.parametrize("suffix", ["", "document.pdf"])
def test_the_movement_page_and_its_copy_read_the_users_rights_once(client, world, movement, suffix):
    client.force_login(world.antoine)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_of(CONSIGNOR_NUMBER, movement, suffix)).status_code == 200
    habilitation_reads = [q for q in queries if 'FROM "habilitations_habilitation"' in q["sql"]]
    assert len(habilitation_reads) == 1


def test_another_companys_movement_is_not_found(client, world):
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    client.force_login(world.antoine)
    assert client.get(page_of(CONSIGNOR_NUMBER, theirs)).status_code == 404
    assert client.get(page_of(CONSIGNOR_NUMBER, theirs, "document.pdf")).status_code == 404
    assert client.get(page_of(CONSIGNEE_NUMBER, theirs)).status_code == 404  # acting for B's number


def test_the_pdf_is_the_printed_copy_a_draft_is_refused(client, world, movement):
    client.force_login(world.antoine)
    response = client.get(page_of(CONSIGNOR_NUMBER, movement, "document.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="DAE-{movement.arc}.pdf"' in response["Content-Disposition"]
    assert movement.arc in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    draft = MovementFactory(consignor=world.excise_a)
    response = client.get(page_of(CONSIGNOR_NUMBER, draft, "document.pdf"))
    assert response.status_code == 409
    assert "Un brouillon ne s&#x27;imprime pas" in text(response)


# --- Actions --------------------------------------------------------------------------------------


def test_report_of_receipt_with_a_shortage(client, world, movement):
    MovementFactory._meta.model.objects.filter(pk=movement.pk).update(
        dispatch_date=timezone.localdate(movement.validated_at)
    )
    client.force_login(world.bob)
    url = page_of(CONSIGNEE_NUMBER, movement, "accuser-reception/")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date_of_arrival": timezone.localdate(movement.validated_at).isoformat(),
            "global_conclusion": "2",
            "line_1_indicator": "S",
            "line_1_observed_quantity": "12,5",
            "line_1_reasons_0_code": "2",
        },
    )
    assert response.status_code == 302 and response.url == page_of(CONSIGNEE_NUMBER, movement)
    movement.refresh_from_db()
    assert movement.status == S.DELIVERED
    page = text(client.get(response.url))
    assert "c&#x27;est enregistré" in page and "Apuré" in page
    assert "Accusé de réception (IE818)" in page and "manquant de 12,5" in page


def test_a_refused_action_shows_its_errors_and_changes_nothing(client, world):
    movement = shipped(world, dispatch_date=None)
    MovementFactory._meta.model.objects.filter(pk=movement.pk).update(
        dispatch_date=timezone.localdate(movement.validated_at)
    )
    client.force_login(world.antoine)
    response = client.post(page_of(CONSIGNOR_NUMBER, movement, "annuler/"), {"reason_code": "0"})
    assert response.status_code == 400
    page = text(response)
    assert "Précisez le motif « Autre »" in page
    assert 'id="id_reason_complementary_information-error"' in page
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED and not movement.events.exists()
    response = client.post(page_of(CONSIGNOR_NUMBER, movement, "annuler/"), {"reason_code": "1"})
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == S.CANCELLED


def test_change_of_destination_form(client, world, movement):
    client.force_login(world.antoine)
    response = client.post(
        page_of(CONSIGNOR_NUMBER, movement, "changer-destination/"),
        {"destination_type_code": "2", "consignee_traderid": "FR012345E0009"},
    )
    assert response.status_code == 400
    assert "Saisissez le nom." in text(response)
    response = client.post(
        page_of(CONSIGNOR_NUMBER, movement, "changer-destination/"),
        {
            "destination_type_code": "2",
            "consignee_traderid": "fr012345e0009",
            "consignee_name": "CAVE DU PORT",
            "consignee_street_name": "Quai des Chartrons",
            "consignee_postcode": "33000",
            "consignee_city": "BORDEAUX",
        },
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.sequence_number == 2 and movement.consignee_identifier == "FR012345E0009"


def test_an_action_not_offered_is_refused_and_logged(client, world, movement, caplog):
    client.force_login(world.bob)  # the consignee may not change the destination
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = client.post(
            page_of(CONSIGNEE_NUMBER, movement, "changer-destination/"), {"destination_type_code": "2"}
        )
    assert response.status_code == 302
    assert "action réservée à l&#x27;expéditeur" in text(client.get(response.url))
    assert "Refused forged request by bob" in caplog.text
    movement.refresh_from_db()
    assert movement.sequence_number == 1
    client.force_login(world.luc)  # lacks « Emettre un DAA »
    client.post(page_of(CONSIGNOR_NUMBER, movement, "changer-destination/"), {"destination_type_code": "2"})
    assert "lucferrier" in caplog.text
    assert not MovementEvent.objects.exists()


def test_a_forged_post_on_another_companys_movement_is_a_logged_404(client, world, caplog):
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    client.force_login(world.antoine)
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = client.post(page_of(CONSIGNOR_NUMBER, theirs, "annuler/"), {"reason_code": "1"})
        assert response.status_code == 404
        response = client.post(f"/gamma/{CONSIGNEE_NUMBER}/mouvements/{theirs.pk}/annuler/", {"reason_code": "1"})
        assert response.status_code == 404
    assert caplog.text.count("Refused forged request by antoineleris") == 2
    theirs.refresh_from_db()
    assert theirs.status == S.ACCEPTED


def test_actions_need_the_csrf_token(world, movement):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.antoine)
    response = client.post(page_of(CONSIGNOR_NUMBER, movement, "expliquer-retard/"), {"explanation_code": "1"})
    assert response.status_code == 403
    assert not movement.events.exists()


def test_unknown_action_is_not_found(client, world, movement):
    client.force_login(world.antoine)
    assert client.get(page_of(CONSIGNOR_NUMBER, movement, "detruire/")).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"date_of_arrival": "zzz", "global_conclusion": "abc"},
        {
            "date_of_arrival": "2026-01-01",
            "global_conclusion": "2",
            "line_1_indicator": "S",
            "line_1_observed_quantity": "1e999",
        },
        {
            "date_of_arrival": "2026-01-01",
            "global_conclusion": "2",
            "line_1_indicator": "Q",
            "line_1_observed_quantity": "NaN",
        },
        {"date_of_arrival": "9999-12-31", "global_conclusion": "4", "line_1_refused_quantity": "-3"},
        {"date_of_arrival": "2026-01-01", "global_conclusion": "1", "complementary_information": "x" * 5000},
        {
            "date_of_arrival": "2026-01-01",
            "global_conclusion": "2",
            "line_1_indicator": "E",
            "line_1_observed_quantity": "1",
            "line_1_reasons_0_code": "\x00",
        },
    ],
)
def test_no_500_on_garbage_posts(client, world, movement, data):
    client.force_login(world.bob)
    response = client.post(page_of(CONSIGNEE_NUMBER, movement, "accuser-reception/"), data)
    assert response.status_code == 400
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED


# --- Messages -------------------------------------------------------------------------------------


def test_messages_show_what_happened_newest_first_and_what_is_new(client, world, movement):
    from gamma import actions

    actions.movement_explain_delay(
        movement=movement, actor=world.bob, excise_number=CONSIGNEE_NUMBER, explanation_code="5"
    )
    client.force_login(world.antoine)
    home = text(client.get(f"/gamma/{CONSIGNOR_NUMBER}/"))
    assert "Rechercher DAA / DSA" in home and f"/gamma/{CONSIGNOR_NUMBER}/messages/" in home
    assert "Messages (1 nouveau)" in text(client.get(SEARCH))
    page = text(client.get(f"/gamma/{CONSIGNOR_NUMBER}/messages/"))
    assert f"DAE {movement.arc} : explication d&#x27;un retard" in page
    assert "Nouveau</p>" in page
    event = movement.events.get(action="explain_delay")
    assert "Motif : Grève" in text(client.get(f"/gamma/{CONSIGNOR_NUMBER}/messages/{event.pk}/"))  # opened: read
    page = text(client.get(f"/gamma/{CONSIGNOR_NUMBER}/messages/"))
    assert "Nouveau</p>" not in page and "Messages (1 nouveau)" not in page
    client.force_login(world.bob)
    assert "Nouveau</p>" in text(client.get(f"/gamma/{CONSIGNEE_NUMBER}/messages/"))  # each user's own


def test_the_pages_show_the_first_results_and_say_there_are_more(client, world, monkeypatch):
    from gamma import search

    monkeypatch.setattr(search, "SHOWN_AT_MOST", 3)
    movements = [shipped(world) for _ in range(5)]
    client.force_login(world.antoine)
    page = text(client.get(SEARCH))
    assert "Plus de 3 documents correspondent à vos critères : les 3 premiers sont affichés" in page
    assert sum(m.arc in page for m in movements) == 3
    response = client.get(SEARCH + "export.csv")
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 6  # the export has them all


def test_alert_delay_and_shortage_forms(client, world):
    from gamma import actions

    movement = shipped(world)
    client.force_login(world.bob)
    response = client.post(
        page_of(CONSIGNEE_NUMBER, movement, "alerte-ou-refus/"),
        {"rejected": "1", "date": timezone.localdate(movement.validated_at).isoformat(), "reason_code": ["0"]},
    )
    assert response.status_code == 400 and "Précisez le motif « Autre »" in text(response)
    response = client.post(
        page_of(CONSIGNEE_NUMBER, movement, "alerte-ou-refus/"),
        {
            "rejected": "1",
            "date": timezone.localdate(movement.validated_at).isoformat(),
            "reason_code": ["0", "3"],
            "reason_complementary_information": "Commande annulée",
        },
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == S.REJECTED
    event = movement.events.get()
    assert [r["alert_or_rejection_of_movement_reason_code"] for r in event.payload["reasons"]] == ["0", "3"]
    assert event.payload["reasons"][0]["complementary_information"] == "Commande annulée"

    response = client.post(
        page_of(CONSIGNEE_NUMBER, movement, "expliquer-retard/"), {"explanation_code": "5", "message_role": "1"}
    )
    assert response.status_code == 302
    assert movement.events.filter(action="explain_delay").exists()

    received = shipped(world, dispatch_date=timezone.localdate(movement.validated_at))
    actions.movement_report_receipt(
        movement=received,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        date_of_arrival=timezone.localdate(movement.validated_at),
        global_conclusion=2,
        lines=[actions.ReceiptLine(1, "S", "12", reasons=[actions.Reason("2")])],
    )
    client.force_login(world.antoine)
    url = page_of(CONSIGNOR_NUMBER, received, "expliquer-ecart/")
    assert "Explications par ligne" in text(client.get(url))
    response = client.post(
        url,
        {
            "date_of_analysis": timezone.localdate(movement.validated_at).isoformat(),
            "line_1_explanation": "Deux cartons oubliés au quai",
            "line_1_actual_quantity": "738",
        },
    )
    assert response.status_code == 302
    event = received.events.get(action="explain_shortage")
    assert event.payload["body_analyses"][0]["explanation"] == "Deux cartons oubliés au quai"
