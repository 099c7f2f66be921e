"""The printed e-AD / e-SAD / DSA (ReportLab): the copy that travels with the goods. Every datum of
the movement, the ARC as a Code 128 barcode, and the validation block (the seed's « cartouche »:
ARC, date and time of validation, office). After a change of destination the copy shows the new
destination and its sequence number. A draft has no ARC: it is never printed.

Built with the standard PDF fonts (nothing to embed) and simple tables, so that a copy takes a few
milliseconds (``bench/gamma_pdf.py``)."""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from emcs import labels
from gamma.models import (
    DestinationType,
    GuarantorType,
    Movement,
    MovementKind,
    MovementStatus,
    OriginType,
    TraderRole,
    TransportArrangement,
    WineProductCategory,
)
from register.models import CustomsOffice

FRAME = colors.HexColor("#000091")  # the State's blue
SHADE = colors.HexColor("#ECECFE")
MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN

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


PADDING = 3
FONT = ("Helvetica", 8, 9.6)
BOLD = ("Helvetica-Bold", 8, 9.6)


def _wrapped(text: str, width: float, font: tuple = FONT) -> str:
    """``text`` broken into lines that fit ``width`` (its own line breaks kept): table cells stay
    plain strings, which ReportLab draws far faster than paragraphs."""
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


def _section(title: str) -> Table:
    table = Table([[title]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FRAME),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.white),
                ("FONT", (0, 0), (-1, -1), *BOLD),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), *FONT),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
)
HEADER_GRID = TableStyle(
    [*GRID.getCommands(), ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("FONT", (0, 0), (-1, 0), *BOLD)]
)


def _facts(pairs: list[tuple[str, str]], columns: int = 2) -> Table:
    """Label / value pairs, ``columns`` pairs a row, labels in bold."""
    label_width = 0.17 * WIDTH
    value_width = WIDTH / columns - label_width
    cells, row = [], []
    for label, value in pairs:
        row += [_cell(label, label_width, BOLD), _cell(value, value_width)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (2 * columns - len(row)))
    table = Table(cells, colWidths=[label_width, value_width] * columns)
    table.setStyle(GRID)
    table.setStyle(TableStyle([("FONT", (column, 0), (column, -1), *BOLD) for column in range(0, 2 * columns, 2)]))
    return table


def _grid(header: list[str], rows: list[list], widths: list[float]) -> Table:
    """A table with its header row repeated on each page."""
    widths = [w * WIDTH for w in widths]
    table = Table(
        [
            [_cell(cell, width, BOLD) for cell, width in zip(header, widths, strict=True)],
            *[[_cell(cell, width) for cell, width in zip(row, widths, strict=True)] for row in rows],
        ],
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(HEADER_GRID)
    return table


def _office(code: str, offices: dict[str, str]) -> str:
    if not code:
        return "—"
    return f"{code} — {offices[code]}" if code in offices else code


def _cartouche(movement: Movement, offices: dict[str, str]) -> Table:
    """The validation block: ARC (text and Code 128), validation date and time, office, sequence."""
    barcode = Code128(movement.arc, barHeight=11 * mm, barWidth=0.3 * mm, humanReadable=False, quiet=False)
    sequence = movement.sequence_number or 1
    updated = f" — mis à jour le {_datetime(movement.validation_updated_at)}" if sequence > 1 else ""
    text_width = 0.55 * WIDTH
    lines = Table(
        [
            ["CARTOUCHE DE VALIDATION GAMMA"],
            [f"ARC : {movement.arc}"],
            [_wrapped(f"Validé le {_datetime(movement.validated_at)}", text_width)],
            [
                _wrapped(
                    f"Bureau de douane d'expédition : {_office(movement.dispatch_office_code, offices)}", text_width
                )
            ],
            [_wrapped(f"Numéro de séquence : {sequence}{updated}", text_width)],
            [f"État : {movement.get_status_display()} ({movement.ie905_code or '—'})"],
        ],
        colWidths=[text_width],
    )
    lines.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), *FONT),
                ("FONT", (0, 0), (0, 0), *BOLD),
                ("FONT", (0, 1), (0, 1), "Courier-Bold", 13, 16),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    table = Table([[lines, barcode]], colWidths=[0.55 * WIDTH, 0.45 * WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, FRAME),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _heading(title: str, subtitle: str) -> Table:
    table = Table([[title], [subtitle]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, 0), "Helvetica-Bold", 12.5, 15),
                ("FONT", (0, 1), (0, 1), "Helvetica", 8.5, 10),
                ("TEXTCOLOR", (0, 1), (0, 1), colors.HexColor("#3A3A3A")),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


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


def _packages(line) -> str:
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
        for package in line.packages.all()
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


def _lines_table(movement: Movement) -> Table:
    """The goods, one row a line."""
    rows = []
    for line in movement.lines.all():
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
                _packages(line),
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


def load(movement: Movement | int) -> Movement:
    """The movement with everything the copy shows, in five queries."""
    pk = movement if isinstance(movement, int) else movement.pk
    return (
        Movement.objects.select_related("consignor")
        .prefetch_related("traders", "documents", "lines__packages", "transport_details")
        .get(pk=pk)
    )


def filename(movement: Movement) -> str:
    return f"{movement.kind}-{movement.arc or movement.pk}.pdf"


def movement_pdf(movement: Movement, *, prefetched: bool = False) -> bytes:
    """The copy of ``movement`` as PDF bytes; refused for a draft."""
    if movement.status == MovementStatus.DRAFT or not movement.arc:
        raise PrintRefused(DRAFT_REFUSED)
    if not prefetched:
        movement = load(movement)
    codes = {
        movement.dispatch_office_code,
        movement.delivery_place_customs_office_code,
        movement.dispatch_import_office_code,
    }
    offices = dict(CustomsOffice.objects.filter(code__in=[c for c in codes if c]).values_list("code", "name"))
    title, subtitle = TITLES[MovementKind(movement.kind)]
    traders = {trader.role: trader for trader in movement.traders.all()}

    story = [
        _heading(title, f"{subtitle} — exemplaire accompagnant les marchandises"),
        Spacer(1, 3 * mm),
        _cartouche(movement, offices),
        Spacer(1, 3 * mm),
        _section("Document"),
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
        Spacer(1, 2 * mm),
        _section("Opérateurs"),
        _grid(
            ["Rôle", "Identifiant", "Nom", "Adresse"],
            [
                [trader.get_role_display(), _identifier(trader), trader.trader_name, _address(trader)]
                for trader in (traders[role] for role in TRADER_ORDER if role in traders)
            ],
            [0.17, 0.2, 0.28, 0.35],
        ),
        Spacer(1, 2 * mm),
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
    units = list(movement.transport_details.all())
    if units:
        story += [
            Spacer(1, 2 * mm),
            _grid(
                ["Unité de transport", "Identité", "Scellé", "Informations"],
                [
                    [
                        coded("BC35", unit.transport_unit_code),
                        unit.identity_of_transport_units,
                        " — ".join(p for p in (unit.commercial_seal_identification, unit.seal_information) if p),
                        unit.complementary_information,
                    ]
                    for unit in units
                ],
                [0.22, 0.25, 0.25, 0.28],
            ),
        ]
    documents = list(movement.documents.all())
    if documents:
        story += [
            Spacer(1, 2 * mm),
            _section("Documents d'accompagnement"),
            _grid(
                ["Type", "Référence", "Description"],
                [
                    [
                        coded("BC106", doc.document_type),
                        doc.document_reference or doc.reference_of_document,
                        doc.document_description,
                    ]
                    for doc in documents
                ],
                [0.3, 0.3, 0.4],
            ),
        ]
    story += [Spacer(1, 2 * mm), _section("Marchandises"), _lines_table(movement)]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{movement.kind} {movement.arc}",
        author="ProDou@ne — GAMMA",
        subject=f"{title} — ARC {movement.arc}",
        lang="fr-FR",
    )
    footer = f"ARC {movement.arc} — séquence {movement.sequence_number or 1} — GAMMA, ProDou@ne"

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(MARGIN, MARGIN / 2, footer)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
