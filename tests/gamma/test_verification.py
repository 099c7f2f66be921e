"""« Vérifier un document imprimé »: every printed e-AD / DSA and fallback document carries a QR
code to ``/verifier/<code>/``, a random code that only opens that document's page; the page shows
its status, type, reference, consignor and consignee names, date of dispatch and vehicle, nothing
else, to anyone without login; a wrong code gets the same French 404 whatever the reason; the
look-ups are limited per IP address."""

import datetime as dt
import io
import re
import zoneinfo

import pytest
import qrcode
import time_machine
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfReader

from fallback import pdf as fallback_pdf
from fallback import services as fallback_services
from fallback.models import DocumentStatus, FallbackDocument
from gamma import printing, verification, verification_print
from gamma.models import MovementKind, MovementStatus
from identifiers import InvalidIdentifier, check_code
from tests.factories.gamma import MovementFactory
from tests.fallback.factories import IncidentFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, shipped
from tests.portal.test_pages import page

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def url(code: str) -> str:
    return f"/verifier/{code}/"


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def issued(world, **fields) -> FallbackDocument:
    """A fallback DAA of company B (FR009990F0005) under a red alert on GAMMA."""
    IncidentFactory()
    return fallback_services.issue_fallback_document(
        actor=world.bob,
        nature="DAA",
        excise_number=CONSIGNEE_NUMBER,
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + dt.timedelta(minutes=20),
        **fields,
    )


# --- The code --------------------------------------------------------------------------------------


def test_codes_are_random_100_bits_and_not_derived_from_the_references(world):
    codes = {check_code.new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 20 and set(code) <= set(check_code.ALPHABET) for code in codes)
    assert len(check_code.ALPHABET) == 32  # 5 bits a character: 100 bits a code
    # Every character of the alphabet is drawn in every position: nothing fixed, nothing derived.
    assert all({code[position] for code in codes} == set(check_code.ALPHABET) for position in range(20))
    one, two = shipped(world), shipped(world)
    assert one.verification_code != two.verification_code
    for movement in (one, two):
        assert check_code.validate(movement.verification_code) == movement.verification_code
        assert movement.arc not in movement.verification_code and movement.arc[-8:] not in movement.verification_code
    document = issued(world)
    assert check_code.is_valid(document.verification_code)
    assert document.number[-8:] not in document.verification_code


def test_a_typed_code_is_read_as_printed_whatever_the_case_and_the_dashes():
    code = "7K2MQX9D4HNPT8WBC3RZ"
    assert check_code.display(code) == "7K2M-QX9D-4HNP-T8WB-C3RZ"
    assert check_code.validate(" 7k2m-qx9d 4hnp-t8wb-c3rz ") == code
    # The letters one mistakes for digits are read as those digits.
    assert check_code.validate("1K2M-QX9D-4HNP-T8WB-C30Z".replace("0", "o").replace("1", "l")) == "1K2MQX9D4HNPT8WBC30Z"
    assert check_code.validate("IK2MQX9D4HNPT8WBC30Z") == "1K2MQX9D4HNPT8WBC30Z"
    wrongs = (("", check_code.EMPTY), ("7K2M", check_code.LENGTH_MESSAGE), ("7K2M+QX9D4HNPT8WBC3R", check_code.FORMAT))
    for wrong, message in wrongs:
        with pytest.raises(InvalidIdentifier) as refused:
            check_code.validate(wrong)
        assert refused.value.message == message


# --- The page --------------------------------------------------------------------------------------

FORBIDDEN_OF_THE_MOVEMENT = (
    CONSIGNOR_NUMBER,  # excise numbers
    CONSIGNEE_NUMBER,
    "Rue des Vignes",  # addresses
    "BORDEAUX",
    "33000",
    "750",  # quantities, masses
    "1050",
    "W200",  # goods
    "22042109",
    "Bordeaux rouge",
    "84",
    "Facture",
    "Brouillon",
)


def test_the_page_shows_the_allowed_fields_and_nothing_else_without_login(client, world):
    movement = shipped(world)
    response = client.get(url(movement.verification_code))
    assert response.status_code == 200
    html = page(response)
    assert "Vérification d'un document imprimé" in html
    assert "État du document : En circulation" in html
    allowed = (
        verification.MOVEMENT_TYPES[MovementKind.DAE],
        movement.arc,
        movement.trader("consignor").trader_name,
        movement.trader("consignee").trader_name,
        f"{movement.dispatch_date:%d/%m/%Y}",
        "AB-123-CD",
        check_code.display(movement.verification_code),
    )
    for expected in allowed:
        assert expected in html
    shown = re.sub(r"<[^>]+>", " ", html.split('id="contenu"', 1)[1].split('id="pied-de-page"', 1)[0])
    # What is allowed taken out first: a random ARC or code may hold « 84 » or « 750 » by chance.
    for expected in allowed:
        shown = shown.replace(expected, " ")
    for forbidden in (*FORBIDDEN_OF_THE_MOVEMENT, movement.local_reference_number, movement.invoice_number):
        assert forbidden not in shown, forbidden
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_fallback_document_shows_its_gps_number_operator_and_vehicle(client, world):
    document = issued(world)
    html = page(client.get(url(document.verification_code)))
    assert "État du document : En circulation" in html
    assert verification.FALLBACK_TYPES["DAA"] in html
    assert f"Numéro de document de secours</th><td>{document.number}" in html.replace("> <", "><")
    assert world.company_b.name in html
    assert verification.CONSIGNEE_BY_HAND in html
    assert f"{timezone.localtime(document.dispatch_at):%d/%m/%Y}" in html
    assert "457TY24" in html
    operator = document.excise_number.operator
    shown = html.split('id="contenu"', 1)[1].replace(document.number, "")  # the GPS number holds the excise number
    for forbidden in (CONSIGNEE_NUMBER, operator.address, operator.postal_code, world.bob.username):
        assert forbidden not in shown, forbidden


def test_a_wrong_code_gets_the_same_french_404_whatever_the_reason(client, world):
    movement = shipped(world)
    draft = MovementFactory(consignor=world.excise_a)  # a draft is never printed: its code opens nothing
    document = issued(world)
    wrong = [
        check_code.new(),  # well formed, nobody's
        "ABC",  # malformed
        movement.arc,  # the ARC alone is not the key
        document.number,  # nor the GPS number
        draft.verification_code,
        movement.verification_code[:-1] + ("0" if movement.verification_code[-1] != "0" else "1"),
    ]
    bodies = set()
    for code in wrong:
        response = client.get(url(code))
        assert response.status_code == 404, code
        html = page(response)
        assert "Aucun document ne correspond à ce code" in html
        for secret in (movement.arc, document.number, world.company_a.name, world.company_b.name, "457TY24"):
            assert secret not in html.replace(code, ""), (code, secret)
        assert response["Cache-Control"] == "no-store"
        bodies.add(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.replace(code, "")))
    assert len(bodies) == 1  # the same page whatever the reason


def test_one_code_opens_its_own_document_only(client, world):
    """A's code shows A's movement, B's code B's fallback document; neither shows the other's."""
    movement = shipped(world)
    document = issued(world)
    html_a = page(client.get(url(movement.verification_code)))
    html_b = page(client.get(url(document.verification_code)))
    assert movement.arc in html_a and document.number not in html_a and "457TY24" not in html_a
    assert document.number in html_b and movement.arc not in html_b and world.company_a.name not in html_b


def test_the_look_ups_are_limited_per_ip_address(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "verify": "2/m/ip"}
    movement = shipped(world)
    assert client.get(url(check_code.new())).status_code == 404  # a wrong code counts as well
    assert client.get(url(movement.verification_code)).status_code == 200
    response = client.get(url(movement.verification_code))
    assert response.status_code == 429
    html = page(response)
    assert "Trop de vérifications depuis votre adresse en peu de temps" in html
    assert movement.arc not in html
    assert response["Retry-After"] == "60"
    # Another address still may.
    assert client.get(url(movement.verification_code), REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_form_leads_to_the_page_of_the_typed_code(client, world):
    movement = shipped(world)
    typed = check_code.display(movement.verification_code).lower()
    response = client.get("/verifier/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == url(movement.verification_code)
    html = page(client.get("/verifier/", {"code": "12-34"}))
    assert check_code.LENGTH_MESSAGE in html and 'aria-invalid="true"' in html
    html = page(client.get("/verifier/"))
    assert "Vérifier un document imprimé" in html and 'name="code"' in html


# --- The statuses ----------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 6, 10, 0, 30, tzinfo=PARIS), tick=False)
def test_each_status_in_words_late_by_the_search_rule(world):
    dispatched = dt.date(2026, 6, 7)  # journey time D02: expected by 9 June, late on the 10th in Paris
    late = shipped(world, dispatch_date=dispatched)
    on_time = shipped(world, dispatch_date=dt.date(2026, 6, 8))
    delivered = shipped(world, dispatch_date=dispatched, status=MovementStatus.DELIVERED)
    cancelled = shipped(world, status=MovementStatus.CANCELLED)
    stopped = shipped(world, status=MovementStatus.STOPPED)
    expected = {
        late: "En retard",
        on_time: "En circulation",
        delivered: "Apuré",
        cancelled: "Annulé",
        stopped: "Interrompu",
    }
    for movement, status in expected.items():
        assert verification.check(movement.verification_code).status == status
    # At 23:30 UTC on the 9th it is already the 10th in Paris: late by the Paris date.
    with time_machine.travel(dt.datetime(2026, 6, 9, 23, 30, tzinfo=dt.UTC), tick=False):
        assert verification.check(late.verification_code).status == "En retard"
    with time_machine.travel(dt.datetime(2026, 6, 9, 21, 30, tzinfo=dt.UTC), tick=False):
        assert verification.check(late.verification_code).status == "En circulation"


def test_fallback_statuses_issued_late_and_regularised(world):
    document = issued(world)
    assert verification.check(document.verification_code).status == "En circulation"
    FallbackDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.LATE)
    assert verification.check(document.verification_code).status == "En retard"
    document.refresh_from_db()
    movement = MovementFactory(
        consignor=document.excise_number,
        local_reference_number=document.number,
        deferred_submission=True,
        validated=True,
        complete=False,
    )
    fallback_services.mark_regularised(document=document, movement=movement, actor=world.bob)
    assert verification.check(document.verification_code).status == "Régularisé"


# --- The QR code on paper --------------------------------------------------------------------------


def test_the_printed_copy_carries_the_qr_code_and_the_code_in_clear(world, settings):
    movement = shipped(world)
    pdf = printing.movement_pdf(movement)
    text = text_of(pdf)
    assert f"Code de vérification : {check_code.display(movement.verification_code)}" in text
    assert f"{settings.PORTAL_PUBLIC_URL}/verifier/, pour voir l'état du document (sans compte)." in text
    # The QR code is drawn: its dark modules are many small filled squares on the first page.
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" re") > 200
    assert verification.public_url(movement.verification_code).endswith(f"/verifier/{movement.verification_code}/")


def test_the_fallback_paper_carries_the_qr_code_on_each_copy_and_the_blank_form_none(world):
    document = issued(world)
    pdf = fallback_pdf.fallback_form_pdf(document)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3  # one page a copy, still
    for sheet in reader.pages:
        assert check_code.display(document.verification_code) in " ".join(sheet.extract_text().split())
    assert "Code de vérification" not in text_of(fallback_pdf.blank_form_pdf())


def test_the_qr_code_holds_the_public_address(world, settings, monkeypatch):
    settings.PORTAL_PUBLIC_URL = "https://prodouane.example.gouv.fr/"
    movement = shipped(world)
    address = f"https://prodouane.example.gouv.fr/verifier/{movement.verification_code}/"
    assert verification.public_url(movement.verification_code) == address
    pdf = printing.movement_pdf(movement)
    assert "https://prodouane.example.gouv.fr/verifier/, pour voir l'état du document" in text_of(pdf)
    # The symbol drawn is the address's: the page holds as many more rectangles than without the
    # QR code as the address's QR code has dark runs.
    count, runs = verification_print._runs(address)
    assert count >= 21 and len(runs) > 100

    def rectangles(pdf: bytes) -> int:
        return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1").count(" re")

    monkeypatch.setattr(verification_print, "draw_qr", lambda *args: None)
    assert rectangles(pdf) - rectangles(printing.movement_pdf(movement)) == len(runs)
    assert verification_print._runs(address.replace("prodouane.example", "autre.example"))[1] != runs
    # And it is a standard QR code of that address: another encoder (the qrcode library, which
    # allauth's TOTP uses) gives the same modules with one of the eight masks.
    drawn = [[False] * count for _ in range(count)]
    for row, column, length in runs:
        drawn[row][column : column + length] = [True] * length
    for mask in range(8):
        other = qrcode.QRCode(
            version=(count - 17) // 4, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=mask, border=0
        )
        other.add_data(address, optimize=0)
        other.make(fit=False)
        if other.get_matrix() == drawn:
            break
    else:
        pytest.fail("the QR code drawn is not the address's")
