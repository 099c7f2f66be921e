"""The paper form of the fallback procedure, prefilled (ReportLab): the seed's « DOCUMENT
ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI » with its numbered boxes 1 to 22a, the GPS number as the
reference (box 3) and the mention « P.S. ». One page per copy; what GPS knows is printed, the
rest is left for the operator to fill in by hand."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fallback.models import DocumentNature, FallbackDocument
from gamma import verification_print
from portal import pdf_watermark

TITLES = {
    DocumentNature.DAA: (
        "10753 * 01 PRODUITS SOUMIS AUX DROITS D'ACCISES",
        "DOCUMENT ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI",
    ),
    DocumentNature.DSA: ("PRODUITS SOUMIS AUX DROITS D'ACCISES", "DOCUMENT SIMPLIFIÉ D'ACCOMPAGNEMENT"),
}
COPIES = [
    (1, "Exemplaire à conserver par l'expéditeur"),
    (2, "Exemplaire à conserver par le destinataire"),
    (3, "Exemplaire à renvoyer à l'expéditeur"),
]
WIDTHS = [70 * mm, 40 * mm, 40 * mm, 40 * mm]

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11)
STYLES = {
    "label": ParagraphStyle("label", parent=_BASE, fontSize=6.5, leading=8, textColor=colors.HexColor("#3A3A3A")),
    "value": ParagraphStyle("value", parent=_BASE, fontName="Helvetica-Bold", fontSize=9.5, leading=11.5),
    "ps": ParagraphStyle("ps", parent=_BASE, fontName="Helvetica-Bold", fontSize=22, leading=26, alignment=TA_CENTER),
    "center": ParagraphStyle("center", parent=_BASE, alignment=TA_CENTER),
    "title": ParagraphStyle(
        "title", parent=_BASE, fontName="Helvetica-Bold", fontSize=13, leading=16, alignment=TA_CENTER
    ),
    "banner": ParagraphStyle(
        "banner", parent=_BASE, fontName="Helvetica-Bold", fontSize=15, leading=18, alignment=TA_CENTER
    ),
    "small": ParagraphStyle("small", parent=_BASE, fontSize=7.5, leading=9.5),
}


def _text(value) -> str:
    return escape(str(value or ""))


def _box(label: str, *lines: str) -> list[Paragraph]:
    """A numbered box: its printed label, then what GPS fills in (lines already escaped)."""
    return [Paragraph(escape(label), STYLES["label"]), *(Paragraph(line, STYLES["value"]) for line in lines if line)]


def _form_table(document: FallbackDocument | None) -> Table:
    """The numbered boxes; ``document`` None gives the blank form, every box left empty."""
    if document is None:
        excise, reference, office, vehicle, consignor, dispatch_lines = "", "", "", "", [], []
    else:
        number = document.excise_number
        operator = number.operator
        excise, reference, office = _text(number.number), _text(document.number), _text(number.customs_office)
        vehicle = "Immatriculation du moyen de transport : " + _text(document.vehicle_registration)
        consignor = [_text(operator.name), _text(operator.address), _text(f"{operator.postal_code} {operator.city}")]
        dispatch = timezone.localtime(document.dispatch_at)
        dispatch_lines = [f"{dispatch:%d/%m/%Y}", f"Heure de départ : {dispatch:%H:%M}"]
    mention = [
        Paragraph("Mention de la procédure", STYLES["label"]),
        Paragraph("P.S.", STYLES["ps"]),
        Paragraph("Procédure de secours", STYLES["center"]),
    ]
    rows = [
        [
            _box("1 Expéditeur", *consignor),
            _box("2 Numéro d'accise de l'expéditeur", excise),
            "",
            mention,
        ],
        ["", _box("3 Numéro de référence (numéro GPS)", reference), "", ""],
        [
            "",
            _box("4 Numéro d'accise du destinataire"),
            _box("5 Numéro de la facture"),
            _box("6 Date de la facture"),
        ],
        [_box("7 Destinataire"), _box("8 Autorités compétentes du lieu de départ", office), "", ""],
        [_box("7a Lieu de livraison"), _box("10 Garantie"), "", ""],
        [
            _box("9 Transporteur"),
            _box("12 Pays d'expédition", "FRANCE" if document else ""),
            _box("13 Pays de destination"),
            "",
        ],
        [
            _box("11 Précisions concernant le transport", vehicle),
            _box("14 Représentant fiscal"),
            "",
            "",
        ],
        [
            _box("15 Lieu d'expédition"),
            _box("16 Date d'expédition", *dispatch_lines),
            _box("17 Durée du transport"),
            "",
        ],
        [
            _box("18a Marque et n° d'identification, nombre et type d'emballages, description des marchandises"),
            "",
            _box("19a Code produit (code NC)"),
            _box("20a Quantité"),
        ],
        ["", "", _box("21a Poids brut (kg)"), ""],
        ["", "", _box("22a Poids net (kg)"), ""],
    ]
    heights = [18 * mm, 16 * mm, 12 * mm, 20 * mm, 18 * mm, 14 * mm, 16 * mm, 17 * mm, 30 * mm, 14 * mm, 14 * mm]
    table = Table(rows, colWidths=WIDTHS, rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("SPAN", (0, 0), (0, 2)),  # 1 Expéditeur
                ("SPAN", (1, 0), (2, 0)),  # 2
                ("SPAN", (3, 0), (3, 1)),  # P.S.
                ("SPAN", (1, 1), (2, 1)),  # 3
                ("SPAN", (1, 3), (3, 3)),  # 8
                ("SPAN", (1, 4), (3, 4)),  # 10
                ("SPAN", (2, 5), (3, 5)),  # 13
                ("SPAN", (1, 6), (3, 6)),  # 14
                ("SPAN", (2, 7), (3, 7)),  # 17
                ("SPAN", (0, 8), (1, 10)),  # 18a
                ("SPAN", (2, 9), (3, 9)),  # 21a
                ("SPAN", (2, 10), (3, 10)),  # 22a
                ("BOX", (3, 0), (3, 1), 2, colors.black),  # the mention stands out
                ("BACKGROUND", (3, 0), (3, 1), colors.HexColor("#F0F0F0")),
            ]
        )
    )
    return table


def _footer(document: FallbackDocument | None) -> Paragraph:
    if document is None:
        return Paragraph(
            "Formulaire vierge à conserver pour une indisponibilité de GAMMA. N'utilisez-le que si la procédure de "
            "secours est ouverte (alerte rouge ou noire, ou autorisation de votre bureau de douane) : GPS vous donne "
            "alors le numéro à porter en case 3. Dès le rétablissement du service, saisissez le document dans GAMMA "
            "en soumission différée, avec ce numéro comme numéro de référence local (LRN).",
            STYLES["small"],
        )
    issued = timezone.localtime(document.issued_at)
    issuer = document.issued_by
    name = f"{issuer.first_name} {issuer.last_name}".strip()
    return Paragraph(
        f"Numéro de document de secours <b>{_text(document.number)}</b> généré par GPS le {issued:%d/%m/%Y à %H:%M} "
        f"par {_text(issuer.username)}{' (' + _text(name) + ')' if name else ''} — {_text(document.ground_label)}. "
        "Ce document papier accompagne la marchandise pendant l'indisponibilité. Dès le rétablissement du service, "
        "saisissez-le dans GAMMA en soumission différée, avec ce numéro comme numéro de référence local (LRN).",
        STYLES["small"],
    )


def blank_form_pdf() -> bytes:
    """The blank « DAA suivi P.S. » form, to download and print before any outage (no GPS number)."""
    return _form_pdf(None, DocumentNature.DAA, title="Procédure de secours — formulaire DAA vierge")


def fallback_form_pdf(document: FallbackDocument) -> bytes:
    return _form_pdf(
        document, DocumentNature(document.nature), title=f"Procédure de secours — {document.nature} {document.number}"
    )


def _form_pdf(document: FallbackDocument | None, nature: DocumentNature, *, title: str) -> bytes:
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=title,
        author="ProDou@ne — GPS",
        subject="Formulaire papier de la procédure de secours",
    )
    heading, title = TITLES[nature]
    story = []
    for index, (copy, label) in enumerate(COPIES):
        if index:
            story.append(PageBreak())
        story += [
            Paragraph("PROCEDURE DE SECOURS", STYLES["banner"]),
            Spacer(1, 2 * mm),
            Table(
                [
                    [
                        Paragraph(f"<b>{copy}</b> — {escape(label)}", STYLES["small"]),
                        [
                            Paragraph("COMMUNAUTE EUROPEENNE", STYLES["center"]),
                            Paragraph(escape(heading), STYLES["center"]),
                        ],
                    ]
                ],
                colWidths=[60 * mm, 130 * mm],
            ),
            Paragraph(escape(title), STYLES["title"]),
            Spacer(1, 3 * mm),
            _form_table(document),
            Spacer(1, 3 * mm),
            _footer(document),
        ]
        if document is not None:  # the QR code of its public check page (the blank form has none)
            story += [Spacer(1, 3 * mm), verification_print.fallback_block(document.verification_code, sum(WIDTHS))]
    pdf.build(story, canvasmaker=pdf_watermark.canvas)
    return buffer.getvalue()
