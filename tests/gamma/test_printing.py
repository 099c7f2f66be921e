"""The printed copy (gamma.printing): read back with pypdf, it shows the ARC, the validation block
and every datum; the ARC is drawn as a Code 128 barcode; a draft is refused; after a change of
destination the copy shows the new destination and sequence number; it shows the state of the day,
so it is drawn anew at each request; it is read in six queries by the movement's id, its parts only
once the user's access is checked."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from gamma import actions, printing
from gamma.actions import TraderInput
from gamma.models import Movement, MovementDocument, MovementKind, MovementStatus
from tests.factories.gamma import MovementFactory, MovementLineFactory
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_copy_shows_the_arc_the_cartouche_and_the_data(world):
    movement = shipped(world)
    MovementDocument.objects.create(movement=movement, document_type="4", document_reference="CERT-2026-01")
    pdf = printing.movement_pdf(movement)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"DAE {movement.arc}"
    text = flat(text_of(pdf))
    validated = timezone.localtime(movement.validated_at)
    for expected in (
        "DOCUMENT ADMINISTRATIF ÉLECTRONIQUE (DAE)",
        "CARTOUCHE DE VALIDATION GAMMA",
        f"ARC : {movement.arc}",
        f"Validé le {validated:%d/%m/%Y à %H:%M:%S}",
        f"Bureau de douane d'expédition : {world.office_a.code} — {world.office_a.name}",
        "Numéro de séquence : 1",
        movement.local_reference_number,
        CONSIGNOR_NUMBER,
        world.company_a.name,
        "FR009990F0005",
        "1 — Entrepôt fiscal",  # destination type
        "D02",
        "W200",
        "22042109",
        "Bordeaux rouge AOC 2022",
        "AOP Bordeaux",
        "12,5 % vol",
        "CERT-2026-01",
        "AB-123-CD",
    ):
        assert expected in text, expected


RECTANGLE = re.compile(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re")


def bars_in(content: bytes, height: float) -> list[tuple[float, float]]:
    """The filled rectangles ``height`` high in a page's content: (left, width), from the first."""
    found = [(float(x), float(w)) for x, _y, w, h in RECTANGLE.findall(content) if abs(float(h) - height) < 0.01]
    return [(round(x - found[0][0], 2), round(w, 2)) for x, w in found]


def test_the_arc_is_a_code_128_barcode(world):
    movement = shipped(world)
    content = PdfReader(io.BytesIO(printing.movement_pdf(movement))).pages[0].get_contents().get_data()
    # ReportLab's own Code 128 of the ARC, drawn alone: the copy draws the same bars.
    symbol = Code128(movement.arc, barWidth=0.3 * mm, barHeight=11 * mm, humanReadable=False, quiet=False)
    scratch = Canvas(io.BytesIO(), pageCompression=0)
    symbol.drawOn(scratch, 0, 0)
    expected = bars_in(scratch.getpdfdata(), 11 * mm)
    assert len(expected) > 3 * 12  # three bars a symbol, a dozen symbols at least for 21 characters
    assert bars_in(content, 11 * mm) == expected


@pytest.mark.parametrize(
    ("traits", "title"),
    [({"daes": True}, "(DAES)"), ({"kind": MovementKind.DSA}, "(DSA)")],
)
def test_each_kind_has_its_title(world, traits, title):
    assert title in text_of(printing.movement_pdf(shipped(world, **traits)))


def test_a_draft_is_not_printed(world):
    draft = MovementFactory(consignor=world.excise_a)
    with pytest.raises(printing.PrintRefused) as excinfo:
        printing.movement_pdf(draft)
    assert "brouillon" in excinfo.value.message


def test_after_a_change_of_destination_the_copy_shows_the_new_one(world):
    load_reason_lists()
    movement = shipped(world)
    actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=2,
        consignee=TraderInput("FR012345E0009", "CAVE DU PORT", "Quai des Chartrons", "7", "33000", "BORDEAUX"),
    )
    movement.refresh_from_db()
    text = flat(text_of(printing.movement_pdf(movement)))
    assert "Numéro de séquence : 2 — mis à jour le" in text
    assert "CAVE DU PORT" in text and "FR012345E0009" in text
    assert "2 — Destinataire enregistré" in text
    assert "séquence 2" in text  # the footer of every page


def test_many_lines_flow_over_pages(world):
    movement = shipped(world, complete=False)
    for reference in range(1, 61):
        MovementLineFactory(movement=movement, body_record_unique_reference=reference)
    reader = PdfReader(io.BytesIO(printing.movement_pdf(movement)))
    assert len(reader.pages) > 1
    assert f"ARC {movement.arc}" in reader.pages[-1].extract_text()


def test_user_text_is_not_markup(world):
    movement = shipped(world)
    line = movement.lines.get()
    line.commercial_description = "Vin <b>rouge</b> & <font size=40>blanc</font>"
    line.save()
    assert "Vin <b>rouge</b> & <font size=40>blanc</font>" in flat(text_of(printing.movement_pdf(movement)))


def test_the_copy_shows_the_state_of_the_day(world):
    """The state changes without a new sequence number: the copy of a sequence number is not kept,
    it is drawn again from the movement at each request."""
    movement = shipped(world)
    assert "État : Validé (X01)" in flat(text_of(printing.movement_pdf(movement)))
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.DELIVERED)
    text = flat(text_of(printing.movement_pdf(movement)))
    assert "État : Apuré (X03)" in text and "Numéro de séquence : 1" in text


def test_the_copy_is_read_in_six_queries_by_the_movements_id(world):
    movement = shipped(
        world, delivery_place_customs_office_code=world.office_b.code, import_customs_declarations=["IM-1", "IM-2"]
    )
    MovementDocument.objects.create(movement=movement, document_type="4", document_reference="CERT-2026-01")
    with CaptureQueriesContext(connection) as queries:
        text = flat(text_of(printing.movement_pdf(movement)))
    sql = [query["sql"] for query in queries]
    assert len(sql) == 6  # the movement (offices' names included), traders, documents, lines, packages, units
    # The parts are read by the movement's id, never joined to the movement table.
    assert [query for query in sql if '"gamma_movement"' in query] == sql[:1]
    for expected in (
        f"{world.office_a.code} — {world.office_a.name}",  # office of dispatch
        f"{world.office_b.code} — {world.office_b.name}",  # office of the place of delivery
        "IM-1, IM-2",  # a JSON column, read back as a list on every database
        "84 CT",  # the line's package
        "CERT-2026-01",
        "AB-123-CD",
    ):
        assert expected in text, expected


def pdf_url(number: str, movement) -> str:
    return f"/gamma/{number}/mouvements/{movement.pk}/document.pdf"


def test_the_page_checks_the_users_right_on_each_movement(client, world):
    dae, dsa = shipped(world), shipped(world, kind=MovementKind.DSA)
    client.force_login(world.marie)  # « Rechercher DAA » only
    assert client.get(pdf_url(CONSIGNOR_NUMBER, dae)).status_code == 200
    assert client.get(pdf_url(CONSIGNOR_NUMBER, dsa)).status_code == 404
    client.force_login(world.bob)  # the consignee's: every right, but for the other number
    assert client.get(pdf_url(CONSIGNEE_NUMBER, dae)).status_code == 200
    assert client.get(pdf_url(CONSIGNOR_NUMBER, dae)).status_code == 404


def test_a_movement_the_user_may_not_see_is_not_read_further(client, world):
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    client.force_login(world.antoine)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pdf_url(CONSIGNOR_NUMBER, theirs)).status_code == 404
    assert not [query for query in queries if "gamma_movementline" in query["sql"]]
