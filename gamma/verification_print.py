"""The QR code of a printed document: the address of its public check page
(``gamma.verification.public_url``) as a QR code (ReportLab's own encoder, drawn as one path), the code in
clear beside it to type by hand at ``/verifier/``. Drawn on the e-AD / e-SAD / DSA copy under the
validation block (``draw_on_copy``) and on each copy of a fallback paper document
(``fallback_block``)."""

from __future__ import annotations

import functools
import itertools
from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from gamma.printing_layout import BOTTOM, FRAME, MARGIN, WIDTH
from gamma.verification import public_url
from identifiers import check_code

QR_SIZE = 22 * mm
QUIET = 4  # modules of white around the symbol, as the standard asks
TITLE = "Vérifier ce document"


@functools.lru_cache(maxsize=1024)
def _runs(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``value`` (ReportLab's encoder, level M, its best mask): its size in modules
    and its dark runs, (row, first column, length) each. Kept per process: encoding is most of the
    cost (some 10 ms, the eight masks tried), and a copy is often printed again."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    runs = []
    for row, modules in enumerate(qr.modules):
        column = 0
        for dark, group in itertools.groupby(modules):
            length = len(list(group))
            if dark:
                runs.append((row, column, length))
            column += length
    return qr.getModuleCount(), tuple(runs)


def draw_qr(canvas, x: float, y: float, size: float, code: str) -> None:
    """The QR code of ``code``'s check page, ``size`` points square, its lower left corner at
    (x, y): its dark modules as one path, as the ARC's barcode is drawn."""
    count, runs = _runs(public_url(code))
    unit = size / (count + 2 * QUIET)
    path = canvas.beginPath()
    for row, column, length in runs:
        path.rect(x + (QUIET + column) * unit, y + size - (QUIET + row + 1) * unit, length * unit, unit)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


class QrFlowable(Flowable):
    """The QR code in a platypus story (the fallback paper's layout)."""

    def __init__(self, code: str, size: float) -> None:
        super().__init__()
        self.code = code
        self.size = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, 0, 0, self.size, self.code)


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
    draw_qr(canvas, MARGIN + 2 * mm, bottom + 2 * mm, QR_SIZE, code)
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
                QrFlowable(code, 20 * mm),
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
