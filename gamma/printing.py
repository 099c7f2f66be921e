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
changes without a new sequence number, and the customs offices' names from the register.

This module draws the copy (``movement_pdf``) and is the path callers import from; reading the
movement is in ``gamma.printing_reading``, the drawing's parts in ``gamma.printing_layout``."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from gamma import verification_print
from gamma.models import (
    DestinationType,
    GuarantorType,
    LinePackage,
    Movement,
    MovementKind,
    MovementLine,
    OriginType,
    TraderRole,
    TransportArrangement,
    WineProductCategory,
)
from gamma.printing_layout import (
    ARC_FONT,
    BAR_HEIGHT,
    BAR_WIDTH,
    BOLD,
    BOTTOM,
    FONT,
    FRAME,
    GREY,
    MARGIN,
    PADDING,
    SHADE,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOP,
    WIDTH,
    _choice,
    _date,
    _draw_cartouche,
    _facts,
    _grid,
    _heading,
    _number,
    _office,
    _Pages,
    _section,
    _Table,
    bars,
    coded,
)
from gamma.printing_reading import (
    DRAFT_REFUSED,
    MOVEMENT_COLUMNS,
    OFFICES,
    Copy,
    PrintRefused,
    filename,
    load,
    parts,
    printable,
    read,
)
from portal import pdf_watermark

__all__ = [
    "ARC_FONT",
    "BAR_HEIGHT",
    "BAR_WIDTH",
    "BOLD",
    "BOTTOM",
    "DRAFT_REFUSED",
    "FONT",
    "FRAME",
    "GREY",
    "MARGIN",
    "MOVEMENT_COLUMNS",
    "OFFICES",
    "PADDING",
    "SHADE",
    "SUBTITLE_FONT",
    "TITLES",
    "TITLE_FONT",
    "TOP",
    "TRADER_ORDER",
    "WIDTH",
    "Copy",
    "PrintRefused",
    "bars",
    "coded",
    "filename",
    "load",
    "movement_pdf",
    "parts",
    "printable",
    "read",
]

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
    canvas = pdf_watermark.canvas(buffer, pagesize=A4, pageCompression=1, lang="fr-FR")
    canvas.setTitle(f"{movement.kind} {movement.arc}")
    canvas.setAuthor("ProDou@ne — GAMMA")
    canvas.setSubject(f"{title} — ARC {movement.arc}")
    pages = _Pages(canvas, f"ARC {movement.arc} — séquence {movement.sequence_number or 1} — GAMMA, ProDou@ne")
    pages.flow([_heading(title, f"{subtitle} — exemplaire accompagnant les marchandises")])
    pages.y -= 3 * mm
    _draw_cartouche(pages, movement, offices)
    pages.y -= 3 * mm
    verification_print.draw_on_copy(pages, movement.verification_code)
    pages.y -= 3 * mm
    pages.flow(tables)
    pages.finish_page()
    canvas.save()
    return buffer.getvalue()
