"""The printed e-AD / e-SAD / DSA (ReportLab): the copy that travels with the goods. Every datum of
the movement, the ARC as a Code 128 barcode, and the validation block (the seed's « cartouche »:
ARC, date and time of validation, office, state). After a change of destination the copy shows the
new destination and its sequence number. A draft has no ARC: it is never printed.

The copy is drawn on the PDF canvas directly: the standard PDF fonts (nothing to embed), table
cells as plain strings wrapped ahead, each table drawn as one text object, its grid as one path,
and rows flowing over pages with the header of the goods repeated. ReportLab's page layout
(platypus: ``Table``, ``SimpleDocTemplate``) did the same at three times the cost. The movement is
read in six queries by its id that fetch only the columns shown, each compiled from the ORM once
per process (``bench/gamma_pdf.py``).

The copy is not kept once drawn: it shows the movement's state (« État : Apuré (X03) »), which
changes without a new sequence number, and the customs offices' names from the register."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emcs import labels
from gamma import messages
from gamma.models import (
    DestinationType,
    GuarantorType,
    LinePackage,
    Movement,
    MovementDocument,
    MovementKind,
    MovementLine,
    MovementMessage,
    MovementStatus,
    MovementTrader,
    OriginType,
    TraderRole,
    TransportArrangement,
    TransportDetail,
    WineProductCategory,
)
from prodouane.compiled import CompiledQuery
from register.models import CustomsOffice, ExciseNumber

FRAME = colors.HexColor("#000091")  # the State's blue
SHADE = colors.HexColor("#ECECFE")
GREY = colors.HexColor("#3A3A3A")
MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN
TOP = A4[1] - MARGIN - 6  # where the first block of a page starts
BOTTOM = MARGIN + 4 * mm + 6  # no block goes below: the footer is under it

TITLES = {
    MovementKind.DAE: ("DOCUMENT ADMINISTRATIF ÉLECTRONIQUE (DAE)", "e-AD — circulation en suspension de droits"),
    MovementKind.DAES: (
        "DOCUMENT ADMINISTRATIF SIMPLIFIÉ ÉLECTRONIQUE (DAES)",
        "e-SAD — circulation en droits acquittés entre États membres",
    ),
    MovementKind.DSA: ("DOCUMENT SIMPLIFIÉ D'ACCOMPAGNEMENT (DSA)", "circulation en droits acquittés en France"),
}
TRADER_ORDER = [
    TraderRole.CONSIGNOR,
    TraderRole.PLACE_OF_DISPATCH,
    TraderRole.CONSIGNEE,
    TraderRole.DELIVERY_PLACE,
    TraderRole.TRANSPORT_ARRANGER,
    TraderRole.FIRST_TRANSPORTER,
    TraderRole.GUARANTOR_1,
    TraderRole.GUARANTOR_2,
]


class PrintRefused(Exception):
    """The movement cannot be printed; the message is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


DRAFT_REFUSED = (
    "Un brouillon ne s'imprime pas : il n'a pas encore d'ARC. Validez-le d'abord ; le document validé "
    "pourra alors être imprimé pour accompagner les marchandises."
)


# --- Reading ------------------------------------------------------------------------------------


# The offices named on the copy, read with the movement (their names are the register's).
OFFICES = {
    "dispatch_office_name": "dispatch_office_code",
    "delivery_place_office_name": "delivery_place_customs_office_code",
    "import_office_name": "dispatch_import_office_code",
}
# The movement's columns the copy and the access check (``gamma.actions.movement_access``) read.
MOVEMENT_COLUMNS = (
    "kind",
    "status",
    "consignor",
    "consignee_identifier",
    "deferred_submission",
    "arc",
    "sequence_number",
    "validated_at",
    "validation_updated_at",
    "local_reference_number",
    "invoice_number",
    "invoice_date",
    "origin_type_code",
    "dispatch_date",
    "dispatch_time",
    "upstream_arc",
    "import_customs_declarations",
    "destination_type_code",
    "journey_time",
    "transport_arrangement",
    "transport_mode_code",
    "transport_mode_complementary_information",
    "guarantor_type_code",
    "dispatch_office_code",
    "delivery_place_customs_office_code",
    "dispatch_import_office_code",
    "complement_consignee_member_state",
    "complement_consignee_exemption_certificate",
)
_MOVEMENT = CompiledQuery(
    lambda pk: (
        Movement.objects.only(*MOVEMENT_COLUMNS)
        .annotate(
            consignor_number=F("consignor__number"),
            **{
                name: Subquery(CustomsOffice.objects.filter(code=OuterRef(code)).values("name")[:1])
                for name, code in OFFICES.items()
            },
            # What the copy shows of the validation is what the IE801 sent says (``gamma.messages``).
            stored_ie801=Subquery(
                MovementMessage.objects.filter(movement_id=OuterRef("pk"), message_type="IE801")
                .order_by("-created_at", "-id")
                .values("xml")[:1]
            ),
        )
        .filter(pk=pk)
    ),
    pk=int,
)
# The parts of the movement, each read by the movement's id in its own order (the models' default
# order would join the movement table to sort by it).
_TRADERS = CompiledQuery(
    lambda pk: MovementTrader.objects.filter(movement_id=pk).only(
        "role",
        "trader_excise_number",
        "traderid",
        "reference_of_tax_warehouse",
        "vat_number",
        "eori_number",
        "trader_name",
        "street_name",
        "street_number",
        "postcode",
        "city",
    ),
    pk=int,
)
_DOCUMENTS = CompiledQuery(
    lambda pk: (
        MovementDocument.objects.filter(movement_id=pk)
        .order_by("position", "id")
        .only("document_type", "document_reference", "reference_of_document", "document_description")
    ),
    pk=int,
)
_LINES = CompiledQuery(
    lambda pk: (
        MovementLine.objects.filter(movement_id=pk)
        .order_by("body_record_unique_reference")
        .only(
            "body_record_unique_reference",
            "excise_product_code",
            "cn_code",
            "quantity",
            "gross_mass",
            "net_mass",
            "alcoholic_strength",
            "degree_plato",
            "density",
            "commercial_description",
            "brand_name",
            "designation_of_origin",
            "maturation_period",
            "fiscal_mark",
            "size_of_producer",
            "wine_product_category",
            "wine_growing_zone_code",
            "wine_third_country_of_origin",
            "wine_other_information",
            "wine_operations",
        )
    ),
    pk=int,
)
_PACKAGES = CompiledQuery(  # the lines' packages, by the lines' index on the movement
    lambda pk: (
        LinePackage.objects.filter(line__movement_id=pk)
        .order_by("line_id", "position", "id")
        .only("line", "kind_of_packages", "number_of_packages", "shipping_marks", "commercial_seal_identification")
    ),
    pk=int,
)
_UNITS = CompiledQuery(
    lambda pk: (
        TransportDetail.objects.filter(movement_id=pk)
        .order_by("position", "id")
        .only(
            "transport_unit_code",
            "identity_of_transport_units",
            "commercial_seal_identification",
            "seal_information",
            "complementary_information",
        )
    ),
    pk=int,
)


@dataclass
class Copy:
    """What the copy shows: the movement and its parts, in the order printed."""

    movement: Movement
    traders: dict[str, MovementTrader]
    documents: list[MovementDocument]
    lines: list[tuple[MovementLine, list[LinePackage]]]
    units: list[TransportDetail]
    offices: dict[str, str]  # the offices' names by code


def read(pk: int) -> Movement | None:
    """The movement's own row (with its consignor's number, its offices' names and its stored
    IE801), enough to decide who may print it; None if there is none. :func:`parts` reads the rest."""
    found = _MOVEMENT.instances(pk=pk)
    if not found:
        return None
    movement = found[0]
    if movement.consignor_id is not None:
        movement.consignor = ExciseNumber.from_db(
            DEFAULT_DB_ALIAS, ["id", "number"], [movement.consignor_id, movement.consignor_number]
        )
    return movement


def parts(movement: Movement) -> Copy:
    """The copy of ``movement`` (from :func:`read`): its traders, documents, lines, packages and
    transport units, five queries by its id; the validation (ARC, date and time, sequence number)
    as its stored IE801 states it."""
    stored = getattr(movement, "stored_ie801", None)
    messages.show_ie801(movement, bytes(stored) if stored is not None else None)
    packages: dict[int, list[LinePackage]] = {}
    for package in _PACKAGES.instances(pk=movement.pk):
        packages.setdefault(package.line_id, []).append(package)
    offices = {}
    for name, code in OFFICES.items():
        if getattr(movement, name, None):
            offices[getattr(movement, code)] = getattr(movement, name)
    return Copy(
        movement=movement,
        traders={trader.role: trader for trader in _TRADERS.instances(pk=movement.pk)},
        documents=_DOCUMENTS.instances(pk=movement.pk),
        lines=[(line, packages.get(line.pk, [])) for line in _LINES.instances(pk=movement.pk)],
        units=_UNITS.instances(pk=movement.pk),
        offices=offices,
    )


def load(movement: Movement | int) -> Copy:
    """Everything the copy of the movement shows, in six queries."""
    found = read(movement if isinstance(movement, int) else movement.pk)
    if found is None:
        raise Movement.DoesNotExist
    return parts(found)


def filename(movement: Movement) -> str:
    return f"{movement.kind}-{movement.arc or movement.pk}.pdf"


def printable(movement: Movement) -> None:
    """Raise :class:`PrintRefused` for a movement that has no copy (a draft)."""
    if movement.status == MovementStatus.DRAFT or not movement.arc:
        raise PrintRefused(DRAFT_REFUSED)


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


# --- The copy -------------------------------------------------------------------------------------


def _address(trader) -> str:
    street = " ".join(part for part in (trader.street_number, trader.street_name) if part)
    return ", ".join(part for part in (street, f"{trader.postcode} {trader.city}".strip()) if part)


def _identifier(trader) -> str:
    parts = [
        trader.trader_excise_number,
        trader.traderid,
        trader.reference_of_tax_warehouse and f"entrepôt {trader.reference_of_tax_warehouse}",
        trader.vat_number and f"TVA {trader.vat_number}",
        trader.eori_number and f"EORI {trader.eori_number}",
    ]
    return " · ".join(dict.fromkeys(part for part in parts if part)) or "—"


def _packages(packages: list[LinePackage]) -> str:
    return "; ".join(
        " ".join(
            part
            for part in (
                str(package.number_of_packages or ""),
                coded("BC17", package.kind_of_packages) if package.kind_of_packages else "",
                package.shipping_marks and f"marques {package.shipping_marks}",
                package.commercial_seal_identification and f"scellé {package.commercial_seal_identification}",
            )
            if part
        )
        for package in packages
    )


def _designation(line) -> str:
    parts = [
        line.commercial_description,
        line.brand_name and f"Marque : {line.brand_name}",
        line.designation_of_origin and f"Origine : {line.designation_of_origin}",
        line.maturation_period and f"Âge : {line.maturation_period}",
        line.fiscal_mark and f"Marque fiscale : {line.fiscal_mark}",
        line.size_of_producer and f"Petit producteur : {line.size_of_producer} hl",
    ]
    if line.is_wine:
        operations = ", ".join(line.wine_operations) or "—"
        wine = f"Vin : {_choice(WineProductCategory, line.wine_product_category)}"
        if line.wine_growing_zone_code:
            wine += f", zone {line.wine_growing_zone_code}"
        if line.wine_third_country_of_origin:
            wine += f", pays tiers {line.wine_third_country_of_origin}"
        parts.append(f"{wine}, opérations {operations}")
        if line.wine_other_information:
            parts.append(line.wine_other_information)
    return "\n".join(part for part in parts if part)


def _lines_table(lines: list[tuple[MovementLine, list[LinePackage]]]) -> _Table:
    """The goods, one row a line."""
    rows = []
    for line, packages in lines:
        strengths = " / ".join(
            text
            for text in (
                line.alcoholic_strength is not None and f"{_number(line.alcoholic_strength)} % vol",
                line.degree_plato is not None and f"{_number(line.degree_plato)} °P",
                line.density is not None and f"densité {_number(line.density)}",
            )
            if text
        )
        rows.append(
            [
                line.body_record_unique_reference,
                f"{line.excise_product_code}\n{line.cn_code}",
                _designation(line),
                _number(line.quantity),
                f"{_number(line.gross_mass)}\n{_number(line.net_mass)}",
                strengths,
                _packages(packages),
            ]
        )
    return _grid(
        ["N°", "EPC / NC", "Désignation", "Quantité", "Brut / net (kg)", "Titre", "Colis"],
        rows,
        [0.05, 0.1, 0.36, 0.1, 0.13, 0.11, 0.15],
    )


def _invoice(movement: Movement) -> str:
    if movement.invoice_date:
        return f"{movement.invoice_number} du {_date(movement.invoice_date)}"
    return movement.invoice_number


def movement_pdf(copy: Copy | Movement) -> bytes:
    """The copy as PDF bytes, from what :func:`load` read (or read from ``copy``, a movement);
    refused for a draft."""
    printable(copy if isinstance(copy, Movement) else copy.movement)
    if isinstance(copy, Movement):
        copy = load(copy)
    movement, traders, offices = copy.movement, copy.traders, copy.offices
    title, subtitle = TITLES[MovementKind(movement.kind)]

    tables = [
        _section("Document", space_before=0),
        _facts(
            [
                ("Nature", movement.get_kind_display()),
                ("Référence locale (LRN)", movement.local_reference_number),
                ("Date d'expédition", _date(movement.dispatch_date)),
                ("Heure d'expédition", movement.dispatch_time.strftime("%H:%M") if movement.dispatch_time else "—"),
                ("Facture", _invoice(movement)),
                ("Type d'origine", _choice(OriginType, movement.origin_type_code)),
                ("Soumission différée", "oui (procédure de secours)" if movement.deferred_submission else "non"),
                ("ARC amont", movement.upstream_arc),
                ("Déclarations d'importation", ", ".join(movement.import_customs_declarations)),
                ("Bureau d'importation", _office(movement.dispatch_import_office_code, offices)),
            ]
        ),
        _section("Opérateurs"),
        _grid(
            ["Rôle", "Identifiant", "Nom", "Adresse"],
            [
                [trader.get_role_display(), _identifier(trader), trader.trader_name, _address(trader)]
                for trader in (traders[role] for role in TRADER_ORDER if role in traders)
            ],
            [0.17, 0.2, 0.28, 0.35],
        ),
        _section("Destination et transport"),
        _facts(
            [
                ("Type de destination", _choice(DestinationType, movement.destination_type_code)),
                ("Durée du transport", movement.journey_time),
                ("Organisation du transport", _choice(TransportArrangement, movement.transport_arrangement)),
                ("Mode de transport", coded("BC67", movement.transport_mode_code)),
                ("Bureau du lieu de livraison", _office(movement.delivery_place_customs_office_code, offices)),
                ("Garantie", _choice(GuarantorType, movement.guarantor_type_code)),
                ("État membre du destinataire", movement.complement_consignee_member_state),
                ("Certificat d'exonération", movement.complement_consignee_exemption_certificate),
                ("Informations sur le transport", movement.transport_mode_complementary_information),
            ]
        ),
    ]
    if copy.units:
        tables.append(
            _grid(
                ["Unité de transport", "Identité", "Scellé", "Informations"],
                [
                    [
                        coded("BC35", unit.transport_unit_code),
                        unit.identity_of_transport_units,
                        " — ".join(p for p in (unit.commercial_seal_identification, unit.seal_information) if p),
                        unit.complementary_information,
                    ]
                    for unit in copy.units
                ],
                [0.22, 0.25, 0.25, 0.28],
                space_before=2 * mm,
            )
        )
    if copy.documents:
        tables += [
            _section("Documents d'accompagnement"),
            _grid(
                ["Type", "Référence", "Description"],
                [
                    [
                        coded("BC106", doc.document_type),
                        doc.document_reference or doc.reference_of_document,
                        doc.document_description,
                    ]
                    for doc in copy.documents
                ],
                [0.3, 0.3, 0.4],
            ),
        ]
    tables += [_section("Marchandises"), _lines_table(copy.lines)]

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, lang="fr-FR")
    canvas.setTitle(f"{movement.kind} {movement.arc}")
    canvas.setAuthor("ProDou@ne — GAMMA")
    canvas.setSubject(f"{title} — ARC {movement.arc}")
    pages = _Pages(canvas, f"ARC {movement.arc} — séquence {movement.sequence_number or 1} — GAMMA, ProDou@ne")
    pages.flow([_heading(title, f"{subtitle} — exemplaire accompagnant les marchandises")])
    pages.y -= 3 * mm
    _draw_cartouche(pages, movement, offices)
    pages.y -= 3 * mm
    pages.flow(tables)
    pages.finish_page()
    canvas.save()
    return buffer.getvalue()
