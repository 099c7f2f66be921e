"""The filled adhesion form as a PDF, laid out like the seed's « Formulaire de demande d'adhésion
à la téléprocédure GAMMA », to be printed, signed and kept (ReportLab)."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from habilitations import catalogue
from habilitations.models import Adhesion, AdhesionStatus
from portal import pdf_watermark

FRAME = colors.HexColor("#000091")  # the State's blue
SHADE = colors.HexColor("#ECECFE")
WAIVER_TEXT = (
    "Je m'engage expressément à me porter garant de tous les risques inhérents aux mouvements de produits "
    "soumis à accise effectués sous couvert d'un document d'accompagnement produit par la téléprocédure GAMMA "
    "muni du cartouche spécial prévu à cet effet."
)
EDI_TEXT = (
    "Je souhaite que <b>tous les messages électroniques entrants</b> (réception des DAA émanant des expéditeurs "
    "ou des Certificats de réception émanant des destinataires) me soient transmis, par l'intermédiaire de la "
    "téléprocédure GAMMA, <b>sous forme de message EDI</b>."
)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    normal = ParagraphStyle("normal", parent=base["Normal"], fontName="Helvetica", fontSize=9, leading=11)
    return {
        "normal": normal,
        "small": ParagraphStyle("small", parent=normal, fontSize=7, leading=8.5),
        "small_center": ParagraphStyle("small_center", parent=normal, fontSize=6.5, leading=8, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=normal, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", parent=normal, fontName="Helvetica-Bold", fontSize=14, leading=17, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=normal, alignment=TA_CENTER, textColor=colors.HexColor("#3A3A3A")
        ),
        "section": ParagraphStyle(
            "section", parent=normal, fontName="Helvetica-Bold", fontSize=10, leading=12, textColor=colors.white
        ),
    }


def _text(value) -> str:
    """User-typed text, safe inside ReportLab's paragraph markup."""
    return escape(str(value or ""))


def _section(title: str, styles, width: float) -> Table:
    table = Table([[Paragraph(escape(title), styles["section"])]], colWidths=[width])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), FRAME), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _boxed(rows, col_widths, *, header_rows: int = 0) -> Table:
    table = Table(rows, colWidths=col_widths, repeatRows=header_rows)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _status_line(adhesion: Adhesion) -> str:
    parts = [f"Demande n° {adhesion.pk} — état : {adhesion.get_status_display()}"]
    if adhesion.submitted_at:
        parts.append(f"transmise le {timezone.localtime(adhesion.submitted_at):%d/%m/%Y}")
    if adhesion.status in (AdhesionStatus.APPROVED, AdhesionStatus.REJECTED) and adhesion.decided_at:
        parts.append(f"décision du {timezone.localtime(adhesion.decided_at):%d/%m/%Y}")
    return " — ".join(parts)


def adhesion_pdf(adhesion: Adhesion) -> bytes:
    """The seed's four sections filled with ``adhesion``, the rights table with X marks and a
    box for the signature of the legal representative."""
    styles = _styles()
    width = A4[0] - 30 * mm
    rights = catalogue.rights_of(adhesion.teleservice)
    number = adhesion.excise_number.number
    office = adhesion.customs_office
    story = [
        Paragraph("PRODOU@NE — La douane au service des professionnels", styles["subtitle"]),
        Spacer(1, 3 * mm),
        Paragraph(
            f"Formulaire de demande d'adhésion à la téléprocédure {adhesion.teleservice.upper()}", styles["title"]
        ),
        Paragraph("(Gestion de l'Accompagnement des Mouvements de Marchandises soumises à Accise)", styles["subtitle"]),
        Spacer(1, 2 * mm),
        Paragraph(_text(_status_line(adhesion)), styles["center"]),
        Spacer(1, 5 * mm),
        # 1 — the signing company.
        _section("1- Informations relatives à l'entreprise signataire", styles, width),
        _company_table(adhesion, width, styles),
        Paragraph(
            "Ces informations correspondent aux données enregistrées dans le référentiel douanier. "
            "À un numéro d'accises correspond une seule adhésion.",
            styles["small"],
        ),
        Spacer(1, 5 * mm),
        # 2 — accounts and rights.
        _section(
            "2- Désignation des comptes utilisateurs Prodouane à habiliter et droits applicatifs correspondants "
            "(DTI et DTI +)",
            styles,
            width,
        ),
        Paragraph(f"Nom du logiciel utilisé (cas du DTI +) : {_text(adhesion.software_name) or '—'}", styles["normal"]),
        Spacer(1, 2 * mm),
        _rights_table(adhesion, rights, width, styles),
        Spacer(1, 5 * mm),
        # 3 — EDI mode.
        _section("3- Mode EDI (Echange de Données Informatisé), s'il y a lieu", styles, width),
        _boxed(
            [
                [
                    Paragraph("<b>[X]</b>" if adhesion.edi_enabled else "[&nbsp;&nbsp;]", styles["center"]),
                    Paragraph(EDI_TEXT, styles["normal"]),
                ],
                [
                    "",
                    Paragraph(
                        f"N° SIRET de votre prestataire EDI : {_text(adhesion.edi_provider_siret)}", styles["normal"]
                    ),
                ],
                [
                    "",
                    Paragraph(
                        f"Editeur du logiciel / Logiciel et n° version : {_text(adhesion.edi_software)}",
                        styles["normal"],
                    ),
                ],
                [
                    "",
                    Paragraph(
                        "RAISON SOCIALE et ADRESSE de votre prestataire de service EDI : "
                        + _text(adhesion.edi_provider_name_address),
                        styles["normal"],
                    ),
                ],
            ],
            [0.08 * width, 0.92 * width],
        ),
        Spacer(1, 5 * mm),
        KeepTogether(_signature(adhesion, width, styles)),
        Spacer(1, 4 * mm),
        Paragraph(
            f"À transmettre signé au bureau de douane de rattachement : {_text(office.name)} ({office.code}).",
            styles["small"],
        ),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Demande d'adhésion à {adhesion.teleservice.upper()} — {number}",
        author="ProDou@ne",
        subject=f"{adhesion.company_name} — {number}",
        lang="fr-FR",
    )
    document.build(story, onFirstPage=_footer, onLaterPages=_footer, canvasmaker=pdf_watermark.canvas)
    return buffer.getvalue()


def _company_table(adhesion: Adhesion, width: float, styles) -> Table:
    table = _boxed(
        [
            [Paragraph("Identification de l'entreprise", styles["normal"]), f"N° SIREN : {adhesion.siren}"],
            ["", Paragraph(f"Raison sociale : {_text(adhesion.company_name)}", styles["normal"])],
            ["", Paragraph(f"Adresse : {_text(adhesion.company_address)}", styles["normal"])],
            [
                Paragraph("N° Accises (utiliser un formulaire distinct pour chaque n° d'accises)", styles["normal"]),
                Paragraph(f"<b>{adhesion.excise_number.number}</b>", styles["normal"]),
            ],
        ],
        [0.35 * width, 0.65 * width],
    )
    table.setStyle(TableStyle([("SPAN", (0, 0), (0, 2))]))
    return table


def _rights_table(adhesion: Adhesion, rights, width: float, styles) -> Table:
    first, second = 0.15 * width, 0.2 * width
    right_width = (width - first - second) / len(rights)
    header = [
        Paragraph("Identifiant du compte utilisateur Prodouane", styles["small"]),
        Paragraph("Adresse courriel", styles["small"]),
        Paragraph("Type de droit (mettre un X dans les droits à habiliter)", styles["small_center"]),
    ] + [""] * (len(rights) - 1)
    labels = ["", ""] + [Paragraph(escape(right.label), styles["small_center"]) for right in rights]
    rows = [header, labels]
    for line in adhesion.lines.select_related("user").order_by("pk"):
        rows.append(
            [
                Paragraph(_text(line.user.username), styles["small"]),
                Paragraph(_text(line.user.email), styles["small"]),
            ]
            + ["X" if right.code in line.rights else "" for right in rights]
        )
    if len(rows) == 2:
        rows.append(["", ""] + [""] * len(rights))
    table = _boxed(rows, [first, second] + [right_width] * len(rights), header_rows=2)
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (2, 0), (-1, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("ALIGN", (2, 2), (-1, -1), "CENTER"),
                ("FONTNAME", (2, 2), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    return table


def _signature(adhesion: Adhesion, width: float, styles) -> list:
    signed_on = f"{adhesion.signed_on:%d/%m/%Y}" if adhesion.signed_on else ""
    accepted = "[X] Engagement accepté" if adhesion.signature_waiver else "[  ] Engagement non accepté"
    box = _boxed(
        [
            [Paragraph(WAIVER_TEXT, styles["normal"])],
            [Paragraph(escape(accepted), styles["normal"])],
            [Paragraph(f"A : {_text(adhesion.signed_at_place)} &nbsp;&nbsp;&nbsp; Le : {signed_on}", styles["normal"])],
            [
                Paragraph(
                    f"Nom et Prénom du représentant légal de l'entreprise : {_text(adhesion.legal_representative)}",
                    styles["normal"],
                )
            ],
            [Paragraph("Signature et cachet de l'entreprise :", styles["small"])],
        ],
        [width],
    )
    box.setStyle(
        TableStyle([("ROWBACKGROUNDS", (0, 4), (0, 4), [colors.white]), ("BOTTOMPADDING", (0, 4), (0, 4), 28 * mm)])
    )
    return [_section("4- Dispense de signature", styles, width), box]


def _footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.setFillColor(colors.HexColor("#666666"))
    canvas.drawString(15 * mm, 8 * mm, f"ProDou@ne — édité le {timezone.localtime():%d/%m/%Y à %H:%M}")
    canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"Page {document.page}")
    canvas.restoreState()
