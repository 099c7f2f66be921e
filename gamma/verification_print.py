"""The QR code of a printed document: the address of its public check page
(``gamma.verification.public_url``) as a QR code drawn with ReportLab's own widget, the code in
clear beside it to type by hand at ``/verifier/``. Drawn on the e-AD / e-SAD / DSA copy under the
validation block (``draw_on_copy``) and on each copy of a fallback paper document
(``fallback_block``)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from gamma.printing_layout import BOTTOM, FRAME, MARGIN, WIDTH
from gamma.verification import public_url
from identifiers import check_code

QR_SIZE = 22 * mm
TITLE = "Vérifier ce document"


def qr_drawing(code: str, size: float = QR_SIZE) -> Drawing:
    """The QR code of ``code``'s check page, ``size`` points square (a platypus flowable too)."""
    widget = QrCodeWidget(public_url(code), barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def lines(code: str) -> list[str]:
    """The words printed beside the QR code: how to check, and the code in clear (last)."""
    home = settings.PORTAL_PUBLIC_URL.rstrip("/") + reverse("verification:home")
    return [
        "Scannez ce QR code, ou saisissez le code ci-dessous sur",
        f"{home}, pour voir l'état du document (sans compte).",
        f"Code de vérification : {check_code.display(code)}",
    ]


def draw_on_copy(pages, code: str) -> None:
    """The check block of the e-AD copy at ``pages.y`` (``gamma.printing_layout._Pages``): the QR
    code on the left, how to check and the code in clear on its right, framed in blue."""
    canvas = pages.canvas
    height = QR_SIZE + 4 * mm
    if pages.y - height < BOTTOM:
        pages.new_page()
    bottom = pages.y - height
    renderPDF.draw(qr_drawing(code), canvas, MARGIN + 2 * mm, bottom + 2 * mm)
    text = canvas.beginText()
    text.setTextOrigin(MARGIN + QR_SIZE + 6 * mm, bottom + height - 7 * mm)
    text.setFillColor(colors.black)
    text.setFont("Helvetica-Bold", 9)
    text.textLine(TITLE)
    text.setFont("Helvetica", 8)
    *words, clear = lines(code)
    for line in words:
        text.textLine(line)
    text.setFont("Courier-Bold", 11)
    text.moveCursor(0, 3)
    text.textLine(clear)
    canvas.drawText(text)
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(FRAME)
    canvas.rect(MARGIN, bottom, WIDTH, height, stroke=1, fill=0)
    pages.y = bottom


_TEXT = ParagraphStyle("verification", fontName="Helvetica", fontSize=8, leading=10)
_CODE = ParagraphStyle("verification-code", fontName="Courier-Bold", fontSize=10.5, leading=13)


def fallback_block(code: str, width: float) -> Table:
    """The check block of a fallback paper document (a platypus flowable ``width`` wide)."""
    *words, clear = lines(code)
    return Table(
        [
            [
                qr_drawing(code, 20 * mm),
                [
                    Paragraph(f"<b>{escape(TITLE)}</b>", _TEXT),
                    Paragraph(escape(" ".join(words)), _TEXT),
                    Paragraph(escape(clear), _CODE),
                ],
            ]
        ],
        colWidths=[24 * mm, width - 24 * mm],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, FRAME)]),
    )
