"""How the printed copy is drawn on the PDF canvas: the page's measures and colours, the text of
the cells (wrapped ahead, codes with their French labels, dates, numbers), tables of rows flowing
over pages with their header repeated, and the validation block with the ARC's Code 128 barcode."""

from __future__ import annotations

import functools

from django.utils import timezone
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emcs import labels
from gamma.models import Movement

FRAME = colors.HexColor("#000091")  # the State's blue
SHADE = colors.HexColor("#ECECFE")
GREY = colors.HexColor("#3A3A3A")
MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN
TOP = A4[1] - MARGIN - 6  # where the first block of a page starts
BOTTOM = MARGIN + 4 * mm + 6  # no block goes below: the footer is under it


# --- Text of the cells --------------------------------------------------------------------------

PADDING = 3
FONT = ("Helvetica", 8, 9.6)
BOLD = ("Helvetica-Bold", 8, 9.6)
ARC_FONT = ("Courier-Bold", 13, 16)
TITLE_FONT = ("Helvetica-Bold", 12.5, 15)
SUBTITLE_FONT = ("Helvetica", 8.5, 10)


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: float, font: tuple = FONT) -> str:
    """``text`` broken into lines that fit a cell ``width`` wide (its own line breaks kept). Kept
    per process for the texts seen most (labels, headers, codes and their names, « — »)."""
    room = width - 2 * PADDING
    lines = []
    for line in text.split("\n"):
        if stringWidth(line, font[0], font[1]) <= room:
            lines.append(line)
        else:
            lines += simpleSplit(line, font[0], font[1], room) or [""]
    return "\n".join(lines)


def _cell(value, width: float, font: tuple = FONT) -> str:
    return _wrapped(str(value) if value not in (None, "") else "—", width, font)


def _choice(enum, value) -> str:
    if value in (None, ""):
        return "—"
    try:
        return f"{value} — {enum(value).label}"
    except ValueError:
        return str(value)


def coded(list_code: str, code: str) -> str:
    """``3 — Transport routier``: a code of a list with its French label."""
    if not code:
        return "—"
    label = labels.label(list_code, str(code))
    return f"{code} — {label}" if label else str(code)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _datetime(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M:%S") if value else "—"


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}".replace(".", ",")


def _office(code: str, offices: dict[str, str]) -> str:
    if not code:
        return "—"
    return f"{code} — {offices[code]}" if code in offices else code


# --- Layout ---------------------------------------------------------------------------------------


class _Row:
    """A row of a table: its cells' text (already broken into lines), their fonts, its look."""

    __slots__ = ("background", "bottom", "cells", "color", "fonts", "height", "left", "top")

    def __init__(self, cells, fonts, *, top=1.5, bottom=2.5, left=PADDING, color=colors.black, background=None):
        self.cells = cells
        self.fonts = fonts
        self.top = top
        self.bottom = bottom
        self.left = left
        self.color = color
        self.background = background
        self.height = (
            top + bottom + max(font[2] * (cell.count("\n") + 1) for cell, font in zip(cells, fonts, strict=True))
        )


class _Table:
    """Rows under one another, ``header`` of them repeated at the top of each page the table runs
    over; ``keep_with_next``: never left alone at the bottom of a page (a section's title)."""

    __slots__ = ("grid", "header", "keep_with_next", "rows", "space_before", "widths")

    def __init__(self, widths, rows, *, header=0, grid=True, space_before=0.0, keep_with_next=False):
        self.widths = widths
        self.rows = rows
        self.header = header
        self.grid = grid
        self.space_before = space_before
        self.keep_with_next = keep_with_next

    def first_height(self) -> float:
        """The height of its header and first row: what must fit on a page to start it there."""
        return sum(row.height for row in self.rows[: self.header + 1])


def _draw_rows(canvas: Canvas, x: float, top: float, widths: list[float], rows: list[_Row], grid: bool) -> float:
    """Draw ``rows`` from ``top`` down: backgrounds, then the text as one text object, then the
    grid as one path. Returns the bottom of the last row."""
    width = sum(widths)
    y = top
    for row in rows:
        y -= row.height
        if row.background is not None:
            canvas.setFillColor(row.background)
            canvas.rect(x, y, width, row.height, stroke=0, fill=1)
    text = canvas.beginText()
    font = color = None
    y = top
    for row in rows:
        if row.color is not color:
            color = row.color
            text.setFillColor(color)
        left = x
        for cell, cell_font, cell_width in zip(row.cells, row.fonts, widths, strict=True):
            if cell:
                if cell_font != font:
                    font = cell_font
                    text.setFont(*font)
                text.setTextOrigin(left + row.left, y - row.top - font[1])
                for line in cell.split("\n"):
                    text.textLine(line)
            left += cell_width
        y -= row.height
    canvas.drawText(text)
    if grid:
        lines = [(x, top, x + width, top)]
        edge = top
        for row in rows:
            edge -= row.height
            lines.append((x, edge, x + width, edge))
        edge = x
        lines.append((x, top, x, y))
        for cell_width in widths:
            edge += cell_width
            lines.append((edge, top, edge, y))
        canvas.setLineWidth(0.4)
        canvas.setStrokeColor(colors.black)
        canvas.lines(lines)
    return y


class _Pages:
    """The canvas and where the next block goes; pages are numbered and signed at their foot."""

    def __init__(self, canvas: Canvas, footer: str) -> None:
        self.canvas = canvas
        self.footer = footer
        self.number = 1
        self.y = TOP

    def finish_page(self) -> None:
        canvas = self.canvas
        canvas.setFillColor(colors.black)
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(MARGIN, MARGIN / 2, self.footer)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"Page {self.number}")
        canvas.showPage()

    def new_page(self) -> None:
        self.finish_page()
        self.number += 1
        self.y = TOP

    def flow(self, tables: list[_Table]) -> None:
        for index, table in enumerate(tables):
            if self.y < TOP:
                self.y -= table.space_before
            need = table.first_height()
            if table.keep_with_next and index + 1 < len(tables):
                following = tables[index + 1]
                need += following.space_before + following.first_height()
            if self.y < TOP and need > self.y - BOTTOM + 1e-6:
                self.new_page()
            self._place(table)

    def _place(self, table: _Table) -> None:
        """Draw ``table``, as many rows a page as fit, its header repeated on each page."""
        header = table.rows[: table.header]
        body = table.rows[table.header :]
        header_height = sum(row.height for row in header)
        start = 0
        while True:
            room = self.y - BOTTOM - header_height + 1e-6
            end = start
            while end < len(body) and body[end].height <= room:
                room -= body[end].height
                end += 1
            if end == start and start < len(body):
                if self.y < TOP:  # not even one row fits here: on to the next page
                    self.new_page()
                    continue
                end = start + 1  # a row taller than a page: drawn as it is
            self.y = _draw_rows(self.canvas, MARGIN, self.y, table.widths, header + body[start:end], table.grid)
            start = end
            if start >= len(body):
                return
            self.new_page()


def _section(title: str, *, space_before: float = 2 * mm) -> _Table:
    row = _Row([title], [BOLD], top=1.5, bottom=3, left=6, color=colors.white, background=FRAME)
    return _Table([WIDTH], [row], grid=False, space_before=space_before, keep_with_next=True)


def _facts(pairs: list[tuple[str, str]], columns: int = 2) -> _Table:
    """Label / value pairs, ``columns`` pairs a row, labels in bold."""
    label_width = 0.17 * WIDTH
    value_width = WIDTH / columns - label_width
    rows, cells = [], []
    for label, value in pairs:
        cells += [_cell(label, label_width, BOLD), _cell(value, value_width)]
        if len(cells) == 2 * columns:
            rows.append(_Row(cells, [BOLD, FONT] * columns))
            cells = []
    if cells:
        rows.append(_Row(cells + [""] * (2 * columns - len(cells)), [BOLD, FONT] * columns))
    return _Table([label_width, value_width] * columns, rows)


def _grid(header: list[str], rows: list[list], widths: list[float], *, space_before: float = 0.0) -> _Table:
    """A table with its header row (shaded, in bold) repeated on each page."""
    widths = [w * WIDTH for w in widths]
    return _Table(
        widths,
        [
            _Row(
                [_cell(cell, width, BOLD) for cell, width in zip(header, widths, strict=True)],
                [BOLD] * len(widths),
                background=SHADE,
            ),
            *[
                _Row([_cell(cell, width) for cell, width in zip(row, widths, strict=True)], [FONT] * len(widths))
                for row in rows
            ],
        ],
        header=1,
        space_before=space_before,
    )


def _heading(title: str, subtitle: str) -> _Table:
    return _Table(
        [WIDTH],
        [
            _Row([title], [TITLE_FONT], top=3, bottom=3, left=0),
            _Row(
                [_wrapped(subtitle, WIDTH + 2 * PADDING, SUBTITLE_FONT)],
                [SUBTITLE_FONT],
                top=3,
                bottom=3,
                left=0,
                color=GREY,
            ),
        ],
        grid=False,
    )


BAR_WIDTH = 0.3 * mm
BAR_HEIGHT = 11 * mm


def bars(arc: str) -> tuple[list[tuple[float, float]], float]:
    """The ARC as a Code 128 symbol (ReportLab's encoding): each bar's offset from the left and
    width, in points, and the symbol's width."""
    symbol = Code128(arc, barWidth=BAR_WIDTH, barHeight=BAR_HEIGHT, humanReadable=False, quiet=False)
    total = symbol.width  # encodes the value
    drawn, left = [], 0.0
    for module in symbol.decomposed:  # a letter a module: lower case a space, upper case a bar
        width = (ord(module.lower()) - ord("a") + 1) * BAR_WIDTH
        if module.isupper():
            drawn.append((left, width))
        left += width
    return drawn, total


def _cartouche_rows(movement: Movement, offices: dict[str, str], width: float) -> list[_Row]:
    sequence = movement.sequence_number or 1
    updated = f" — mis à jour le {_datetime(movement.validation_updated_at)}" if sequence > 1 else ""
    looks = {"top": 0.5, "bottom": 1.5, "left": 6}
    room = width - 12 + 2 * PADDING  # _wrapped keeps PADDING on each side; these rows keep 6 points
    return [
        _Row(["CARTOUCHE DE VALIDATION GAMMA"], [BOLD], **looks),
        _Row([f"ARC : {movement.arc}"], [ARC_FONT], **looks),
        _Row([_wrapped(f"Validé le {_datetime(movement.validated_at)}", room)], [FONT], **looks),
        _Row(
            [_wrapped(f"Bureau de douane d'expédition : {_office(movement.dispatch_office_code, offices)}", room)],
            [FONT],
            **looks,
        ),
        _Row([_wrapped(f"Numéro de séquence : {sequence}{updated}", room)], [FONT], **looks),
        _Row(
            [_wrapped(f"État : {movement.get_status_display()} ({movement.ie905_code or '—'})", room)], [FONT], **looks
        ),
    ]


def _draw_cartouche(pages: _Pages, movement: Movement, offices: dict[str, str]) -> None:
    """The validation block, framed in blue: its lines on the left, the ARC's barcode on the right,
    both centred in height."""
    canvas = pages.canvas
    text_width = 0.55 * WIDTH - 12
    rows = _cartouche_rows(movement, offices, text_width)
    lines_height = sum(row.height for row in rows)
    height = max(lines_height, BAR_HEIGHT) + 8
    bottom = pages.y - height
    _draw_rows(canvas, MARGIN + 6, bottom + (height + lines_height) / 2, [text_width], rows, grid=False)
    drawn, symbol_width = bars(movement.arc)
    x = MARGIN + 0.55 * WIDTH + (0.45 * WIDTH - symbol_width) / 2
    y = bottom + (height - BAR_HEIGHT) / 2
    path = canvas.beginPath()
    for left, width in drawn:
        path.rect(x + left, y, width, BAR_HEIGHT)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setLineWidth(1.2)
    canvas.setStrokeColor(FRAME)
    canvas.rect(MARGIN, bottom, WIDTH, height, stroke=1, fill=0)
    pages.y = bottom
