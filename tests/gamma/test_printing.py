"""The printed copy (gamma.printing): read back with pypdf, it shows the ARC, the validation block
and every datum; the ARC is drawn as a Code 128 barcode; a draft is refused; after a change of
destination the copy shows the new destination and sequence number."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader
from reportlab.graphics.barcode.code128 import Code128

from gamma import actions, printing
from gamma.actions import TraderInput
from gamma.models import MovementDocument, MovementKind
from tests.factories.gamma import MovementFactory, MovementLineFactory
from tests.gamma.support import CONSIGNOR_NUMBER, load_reason_lists, shipped

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


def test_the_arc_is_a_code_128_barcode(world):
    movement = shipped(world)
    cartouche = printing._cartouche(movement, {})
    barcodes = [cell for row in cartouche._cellvalues for cell in row if isinstance(cell, Code128)]
    assert [barcode.value for barcode in barcodes] == [movement.arc]
    # The bars are drawn in the page: three per symbol, a dozen symbols at least for 21 characters.
    content = PdfReader(io.BytesIO(printing.movement_pdf(movement))).pages[0].get_contents().get_data()
    assert content.count(b" re") > 3 * 12


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
