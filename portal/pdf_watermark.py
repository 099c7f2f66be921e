"""The watermark of the training instance (issue 14): every page of every PDF the portal prints
there (e-AD / e-SAD copy, fallback forms, adhesion request) carries, diagonally in light grey,
« FORMATION — SANS VALEUR LÉGALE » (``portal.instance.WATERMARK``).

Each PDF module builds its canvas through :func:`canvas`: the real instance gets ReportLab's own
canvas, untouched; the training one a canvas that draws the watermark over each page as it is
closed, so a page added later (a long list of goods) cannot miss it."""

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from portal import instance

FONT = "Helvetica-Bold"
GREY = colors.Color(0.6, 0.6, 0.6, alpha=0.35)
SPAN = 0.75  # of the page's diagonal the watermark covers


def draw(page: Canvas) -> None:
    """The watermark along the current page's rising diagonal, centred, over what is printed
    (translucent, so nothing under it is hidden)."""
    width, height = page._pagesize
    size = SPAN * math.hypot(width, height) / stringWidth(instance.WATERMARK, FONT, 1)
    page.saveState()
    page.setFillColor(GREY)
    page.setFont(FONT, size)
    page.translate(width / 2, height / 2)
    page.rotate(math.degrees(math.atan2(height, width)))
    page.drawCentredString(0, -size / 3, instance.WATERMARK)
    page.restoreState()


class _WatermarkedCanvas(Canvas):
    def showPage(self) -> None:  # ReportLab's name
        draw(self)
        super().showPage()


def canvas(*args, **kwargs) -> Canvas:
    """A ReportLab canvas (same arguments as ``Canvas``; also a platypus ``canvasmaker``),
    watermarked on every page on the training instance."""
    return (_WatermarkedCanvas if instance.is_training() else Canvas)(*args, **kwargs)
