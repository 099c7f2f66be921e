"""The persona x object matrix beyond adhesions (issue 10, « Trust and correctness »): every persona
against every page that shows a company's or an office's data — GAMMA movements (page, printed
copy, each action's form), drafts and templates, search and its CSV, messages, GPS documents,
assistance requests (operator, SAU and office sides), the outboxes (« Envois en attente », SAU and
office sides), the CID's incident pages, the personal space
and the development mailbox — through HTTP, each cell its own test.

Expected, as the code intends it: the allowed personas get 200 (or the refusal the code shows its
own company's users: a redirect back to the movement with the reason, a 403 page); everybody else
gets 404, anonymous visitors the login page (404 on the agents' pages, which do not even show they
exist). Every 200 is also read: no page shows another company's (or another office's) documents.
A forged POST from a wrong persona answers 404 (or the code's refusal) and changes nothing in the
database; the allowed persona's same POST does change it, so the check can fail.

The world is built once per module (``matrix_world``) inside a transaction each test rolls back to.

Cells: 1650 (11 personas x 118 pages read, 11 personas x 32 forged posts) — checked by
``test_the_docstring_counts_the_cells``.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "antoine",  # company A, the seven GAMMA rights on FR008777E0001
    "luc",  # company A, prepare and search only
    "marie",  # company A, search DAA only (correspondent and GAMMA administrator)
    "newcomer",  # company A, no GAMMA right at all
    "bob",  # company B, the seven GAMMA rights on FR009990F0005
    "agent_a",  # office in charge of A's number
    "agent_b",  # office in charge of B's number
    "cid",  # customs IT centre
    "sau",  # helpdesk
    "admin",  # superuser
]
A = "FR008777E0001"
B = "FR009990F0005"
COMPANY_A = {"antoine", "luc", "marie", "newcomer"}
LOGGED = [persona for persona in PERSONAS if persona != "anonymous"]


@dataclass(frozen=True)
class Cell:
    """One page (or one forged post): its URL (``{name}`` filled from the world's ids), the status
    of each persona not answered ``others`` (404 by default), the anonymous visitor's, and for a
    post its data and the personas whose post does change the database."""

    url: str
    expect: dict[str, int] = field(default_factory=dict)
    anonymous: int = 302
    others: int = 404
    data: dict | None = None
    changes: frozenset[str] = frozenset()
    production: bool = False  # read with the production's settings (DEV_MAILBOX off)
    shows: dict[str, list[str]] = field(default_factory=dict)  # what a persona's 200 must show (not a blank page)
    allows: dict[str, list[str]] = field(default_factory=dict)  # another company's texts a persona may read here


def only(*personas: str, status: int = 200) -> dict[str, int]:
    return dict.fromkeys(personas, status)


EVERYONE = only(*LOGGED)
# Company A's GAMMA pages: those with a right see them; the same company without any right is told (403).
SEE_A = {**only("antoine", "luc", "marie"), "newcomer": 403}
DRAFTS_A = {**only("antoine", "luc"), **only("marie", "newcomer", status=403)}
# Actions on a movement its user sees but may not take: sent back to the movement's page with the reason.
REFUSED_A = {**only("antoine", "luc", "marie", status=302), "newcomer": 403}
# GPS: a user without any « Emettre » right is told GPS is not theirs (403), whatever the object.
GPS_REFUSED = only(*LOGGED, status=403)
OFFICES_SEE = {"agent_a": ["{doc_a}"], "agent_b": ["{doc_b}"]}
OFFICES_DECIDE = {
    "agent_a": ["{doc_a}", "/bureau/secours/demandes/{esc_a}/"],
    "agent_b": ["{doc_b}", "/bureau/secours/demandes/{esc_b}/"],
}

SAU_ARCS = {"sau": ["{arc_a}", "{arc_b}"]}
SAU_CLIENTS = {"sau": ["{client_a}", "{client_b}"]}
SAU_CLIENT_A = {"sau": ["{client_a}"]}
SAU_MAIL = {"sau": ["activation", "a***@example.org"]}
OFFICES_ARCS = {"agent_a": ["{arc_a}"], "agent_b": ["{arc_b}"]}
OFFICES_CLIENTS = {"agent_a": ["{client_a}"], "agent_b": ["{client_b}"]}


def seen_in_a(*texts: str) -> dict[str, list[str]]:
    """What company A's users with a search right must read."""
    return {persona: list(texts) for persona in ("antoine", "luc", "marie")}


def prepared_in_a(*texts: str) -> dict[str, list[str]]:
    """What company A's users with a prepare right must read."""
    return {persona: list(texts) for persona in ("antoine", "luc")}


ACTION_SLUGS = ["annuler", "changer-destination", "accuser-reception", "alerte-ou-refus", "expliquer-retard"]
ACTION_SLUGS += ["expliquer-ecart"]
ANTOINE_ON_MOV_A = {  # consignor with every right, a DAE accepted and not yet dispatched
    "annuler": 200,
    "changer-destination": 200,
    "accuser-reception": 302,
    "alerte-ou-refus": 302,
    "expliquer-retard": 200,
    "expliquer-ecart": 302,
}
SECTION_SLUGS = ["mouvement", "expediteur", "destinataire", "lieu-expedition", "destination", "garantie"]
SECTION_SLUGS += ["transport", "documents", "lignes", "lignes/1"]

PAGES: dict[str, Cell] = {
    # --- GAMMA: entry points, search, CSV, messages --------------------------------------------------
    "gamma_home": Cell("/gamma/", EVERYONE),
    "gamma_number_a": Cell("/gamma/{A}/", SEE_A),
    "gamma_number_b": Cell("/gamma/{B}/", only("bob")),
    "search_a": Cell("/gamma/{A}/mouvements/", SEE_A, shows=seen_in_a("{arc_a}", "{arc_ab}")),
    "search_a_for_arc_b": Cell("/gamma/{A}/mouvements/?recherche=1&arc={arc_b}", SEE_A),
    "search_a_for_partner_b": Cell(
        "/gamma/{A}/mouvements/?recherche=1&operateur={B}", SEE_A, shows=seen_in_a("{arc_ab}")
    ),
    "search_b": Cell("/gamma/{B}/mouvements/", only("bob"), shows={"bob": ["{arc_b}", "{arc_ab}"]}),
    "csv_a": Cell("/gamma/{A}/mouvements/export.csv", SEE_A, shows=seen_in_a("{arc_a}", "{arc_ab}")),
    "csv_a_for_arc_b": Cell("/gamma/{A}/mouvements/export.csv?recherche=1&arc={arc_b}", SEE_A),
    "csv_b": Cell("/gamma/{B}/mouvements/export.csv", only("bob"), shows={"bob": ["{arc_b}", "{arc_ab}"]}),
    "inbox_a": Cell("/gamma/{A}/messages/", SEE_A, shows=seen_in_a("{arc_a}")),
    "inbox_b": Cell("/gamma/{B}/messages/", only("bob"), shows={"bob": ["{arc_b}"]}),
    "message_a": Cell("/gamma/{A}/messages/{evt_a}/", SEE_A, shows=seen_in_a("{arc_a}")),
    "message_b": Cell("/gamma/{B}/messages/{evt_b}/", only("bob"), shows={"bob": ["{arc_b}"]}),
    # A real message id through the other company's number (the newcomer is refused before any lookup).
    "message_b_via_a": Cell("/gamma/{A}/messages/{evt_b}/", {"newcomer": 403}),
    "message_a_via_b": Cell("/gamma/{B}/messages/{evt_a}/"),
    # --- GAMMA: movements (A's to a third party, B's to a third party, A's to B) -------------------
    "mov_a": Cell("/gamma/{A}/mouvements/{mov_a}/", SEE_A),
    "mov_a_pdf": Cell("/gamma/{A}/mouvements/{mov_a}/document.pdf", SEE_A),
    **{
        f"mov_a_{slug}": Cell(f"/gamma/{{A}}/mouvements/{{mov_a}}/{slug}/", {**REFUSED_A, "antoine": status})
        for slug, status in ANTOINE_ON_MOV_A.items()
    },
    "mov_a_via_b": Cell("/gamma/{B}/mouvements/{mov_a}/"),
    "mov_a_pdf_via_b": Cell("/gamma/{B}/mouvements/{mov_a}/document.pdf"),
    "mov_a_cancel_via_b": Cell("/gamma/{B}/mouvements/{mov_a}/annuler/"),
    "mov_b": Cell("/gamma/{B}/mouvements/{mov_b}/", only("bob")),
    "mov_b_pdf": Cell("/gamma/{B}/mouvements/{mov_b}/document.pdf", only("bob")),
    "mov_b_cancel": Cell("/gamma/{B}/mouvements/{mov_b}/annuler/", only("bob")),
    # Through A's own number: no movement of A's there (the newcomer is refused before any lookup).
    "mov_b_via_a": Cell("/gamma/{A}/mouvements/{mov_b}/", {"newcomer": 403}),
    "mov_b_pdf_via_a": Cell("/gamma/{A}/mouvements/{mov_b}/document.pdf", {"newcomer": 403}),
    **{
        f"mov_b_{slug}_via_a": Cell(f"/gamma/{{A}}/mouvements/{{mov_b}}/{slug}/", {"newcomer": 403})
        for slug in ACTION_SLUGS
    },
    "mov_ab_as_consignor": Cell("/gamma/{A}/mouvements/{mov_ab}/", SEE_A),
    "mov_ab_as_consignee": Cell("/gamma/{B}/mouvements/{mov_ab}/", only("bob")),
    "mov_ab_pdf_as_consignee": Cell("/gamma/{B}/mouvements/{mov_ab}/document.pdf", only("bob")),
    "mov_ab_receipt_as_consignee": Cell("/gamma/{B}/mouvements/{mov_ab}/accuser-reception/", only("bob")),
    "mov_ab_cancel_as_consignee": Cell("/gamma/{B}/mouvements/{mov_ab}/annuler/", only("bob", status=302)),
    "mov_ab_issued_as_consignee": Cell("/gamma/{B}/brouillons/{mov_ab}/emis/"),
    # A draft addressed to B is still A's alone: its consignee does not see it before validation.
    "draft_ab_as_consignee": Cell("/gamma/{B}/mouvements/{draft_ab}/"),
    "draft_ab_pdf_as_consignee": Cell("/gamma/{B}/mouvements/{draft_ab}/document.pdf"),
    "draft_ab_receipt_as_consignee": Cell("/gamma/{B}/mouvements/{draft_ab}/accuser-reception/"),
    "draft_ab_via_b": Cell("/gamma/{B}/brouillons/{draft_ab}/"),
    "mov_ab_receipt_as_consignor": Cell("/gamma/{A}/mouvements/{mov_ab}/accuser-reception/", REFUSED_A),
    # --- GAMMA: drafts and templates ---------------------------------------------------------------
    "drafts_a": Cell("/gamma/{A}/brouillons/", DRAFTS_A, shows=prepared_in_a("LRN-BROUILLON-A")),
    "drafts_b": Cell("/gamma/{B}/brouillons/", only("bob"), shows={"bob": ["LRN-BROUILLON-B"]}),
    "draft_a": Cell("/gamma/{A}/brouillons/{draft_a}/", DRAFTS_A),
    **{
        f"draft_a_{slug.replace('/', '_')}": Cell(f"/gamma/{{A}}/brouillons/{{draft_a}}/{slug}/", DRAFTS_A)
        for slug in SECTION_SLUGS
    },
    "draft_a_delete": Cell("/gamma/{A}/brouillons/{draft_a}/supprimer/", DRAFTS_A),
    "draft_a_issued": Cell("/gamma/{A}/brouillons/{mov_a}/emis/", only("antoine", "luc")),
    "draft_b": Cell("/gamma/{B}/brouillons/{draft_b}/", only("bob")),
    "draft_b_section": Cell("/gamma/{B}/brouillons/{draft_b}/mouvement/", only("bob")),
    "draft_b_delete": Cell("/gamma/{B}/brouillons/{draft_b}/supprimer/", only("bob")),
    "draft_b_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/"),
    "draft_b_section_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/mouvement/"),
    "draft_b_delete_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/supprimer/"),
    "templates_a": Cell("/gamma/{A}/modeles/", DRAFTS_A, shows=prepared_in_a("Modèle secret A")),
    "templates_b": Cell("/gamma/{B}/modeles/", only("bob"), shows={"bob": ["Modèle secret B"]}),
    # --- GPS ---------------------------------------------------------------------------------------
    "gps_home": Cell("/gps/", {**GPS_REFUSED, **only("antoine", "bob")}),
    "gps_follow_up": Cell(
        "/gps/suivi/", {**GPS_REFUSED, **only("antoine", "bob")}, shows={"antoine": ["{doc_a}"], "bob": ["{doc_b}"]}
    ),
    "gps_document_a": Cell("/gps/documents/{doc_a}/", {**GPS_REFUSED, "antoine": 200, "bob": 404}),
    "gps_pdf_a": Cell("/gps/documents/{doc_a}/formulaire.pdf", {**GPS_REFUSED, "antoine": 200, "bob": 404}),
    "gps_document_b": Cell("/gps/documents/{doc_b}/", {**GPS_REFUSED, "antoine": 404, "bob": 200}),
    "gps_pdf_b": Cell("/gps/documents/{doc_b}/formulaire.pdf", {**GPS_REFUSED, "antoine": 404, "bob": 200}),
    # --- Assistance requests -------------------------------------------------------------------------
    "assistance_list": Cell(
        "/demandes-assistance/",
        EVERYONE,
        shows={
            "antoine": ["/demandes-assistance/{req_a}/", "/demandes-assistance/{esc_a}/"],
            "bob": ["/demandes-assistance/{req_b}/", "/demandes-assistance/{esc_b}/"],
        },
    ),
    "assistance_new": Cell("/demandes-assistance/nouvelle/", EVERYONE),
    "assistance_a": Cell("/demandes-assistance/{req_a}/", only("antoine")),  # its requester only
    "assistance_b": Cell("/demandes-assistance/{req_b}/", only("bob")),
    "sau_queue": Cell("/demandes-assistance/sau/", only("sau"), anonymous=404, shows={"sau": ["{A}", "{B}"]}),
    "sau_request_a": Cell("/demandes-assistance/sau/{req_a}/", only("sau"), anonymous=404),
    "office_fallback": Cell("/bureau/secours/", only("agent_a", "agent_b"), anonymous=404, shows=OFFICES_DECIDE),
    "office_fallback_csv": Cell(
        "/bureau/secours/documents.csv", only("agent_a", "agent_b"), anonymous=404, shows=OFFICES_SEE
    ),
    "office_request_a": Cell("/bureau/secours/demandes/{esc_a}/", only("agent_a"), anonymous=404),
    "office_request_b": Cell("/bureau/secours/demandes/{esc_b}/", only("agent_b"), anonymous=404),
    # --- The office's GAMMA: the movements of the numbers in its charge, its dashboard -----------------
    "office_gamma_search": Cell(
        "/bureau/gamma/",
        only("agent_a", "agent_b"),
        anonymous=404,
        shows={"agent_a": ["{arc_a}", "{arc_ab}"], "agent_b": ["{arc_b}", "{arc_ab}"]},
    ),
    "office_gamma_mov_a": Cell(
        "/bureau/gamma/{mov_a}/", only("agent_a"), anonymous=404, shows={"agent_a": ["{arc_a}"]}
    ),
    "office_gamma_mov_b": Cell(
        "/bureau/gamma/{mov_b}/", only("agent_b"), anonymous=404, shows={"agent_b": ["{arc_b}"]}
    ),
    # A to B: each side's office sees it.
    "office_gamma_mov_ab": Cell("/bureau/gamma/{mov_ab}/", only("agent_a", "agent_b"), anonymous=404),
    "office_gamma_interrupt_mov_b": Cell("/bureau/gamma/{mov_b}/interrompre/", only("agent_b"), anonymous=404),
    "office_gamma_draft_a": Cell("/bureau/gamma/{draft_a}/", anonymous=404),  # a draft is nobody's but its company's
    "office_gamma_overdue": Cell("/bureau/gamma/hors-delai/", only("agent_a", "agent_b"), anonymous=404),
    "office_dashboard": Cell("/bureau/tableau-de-bord/", only("agent_a", "agent_b"), anonymous=404),
    # --- Incidents (CID) -----------------------------------------------------------------------------
    "cid_incidents": Cell("/incidents/cid/", only("cid"), anonymous=404),
    "cid_declare": Cell("/incidents/cid/declarer/", only("cid"), anonymous=404),
    "cid_incident": Cell("/incidents/cid/{incident}/", only("cid"), anonymous=404),
    # --- Personal space ------------------------------------------------------------------------------
    "personal_space": Cell("/compte/espace-personnel/", EVERYONE),
    "my_account": Cell("/compte/", EVERYONE),
    "situation": Cell("/compte/situation/", EVERYONE),
    "security": Cell("/compte/securite/", EVERYONE),
    "references": Cell("/compte/references/", EVERYONE),
    "enter_gamma": Cell(
        "/compte/espace-personnel/acces/EMCS%20Gamma/", only("antoine", "luc", "marie", "bob", status=302)
    ),
    "enter_gps": Cell(
        "/compte/espace-personnel/acces/GPS%20%E2%80%94%20proc%C3%A9dure%20de%20secours/",
        only("antoine", "bob", status=302),
    ),
    # --- The development mailbox, in production mode: nobody -----------------------------------------
    # --- The outboxes (« Envois en attente »): the SAU all of them (the ARCs of the notifications and
    # exchanges included), each office its operators' notifications and exchanges, no mail ---------------
    "sau_outbox": Cell("/demandes-assistance/sau/envois/", only("sau"), anonymous=404, shows=SAU_MAIL),
    "sau_outbox_edi": Cell(
        "/demandes-assistance/sau/envois/?onglet=edi", only("sau"), anonymous=404, shows=SAU_CLIENTS, allows=SAU_CLIENTS
    ),
    "sau_outbox_eu": Cell(
        "/demandes-assistance/sau/envois/?onglet=echanges&statut=failed",
        only("sau"),
        anonymous=404,
        shows=SAU_ARCS,
        allows=SAU_ARCS,
    ),
    "sau_outbox_item_a": Cell(
        "/demandes-assistance/sau/envois/edi/{dlv_a}/",
        only("sau"),
        anonymous=404,
        shows=SAU_CLIENT_A,
        allows=SAU_CLIENT_A,
    ),
    "sau_outbox_mail": Cell("/demandes-assistance/sau/envois/courriels/{mail}/", only("sau"), anonymous=404),
    "office_outbox_edi": Cell(
        "/bureau/envois/?onglet=edi", only("agent_a", "agent_b"), anonymous=404, shows=OFFICES_CLIENTS
    ),
    "office_outbox_eu": Cell(
        "/bureau/envois/?onglet=echanges", only("agent_a", "agent_b"), anonymous=404, shows=OFFICES_ARCS
    ),
    "office_outbox_item_a": Cell("/bureau/envois/edi/{dlv_a}/", only("agent_a"), anonymous=404),
    "office_outbox_item_b": Cell("/bureau/envois/echanges/{exc_b}/", only("agent_b"), anonymous=404),
    "office_outbox_mail": Cell("/bureau/envois/courriels/{mail}/", anonymous=404),
    "dev_mailbox": Cell("/dev/boite-mail/", anonymous=404, production=True),
    "dev_mailbox_message": Cell("/dev/boite-mail/{mail}/", anonymous=404, production=True),
}

TODAY = timezone.localdate()
CANCEL = {"reason_code": "1"}
RECEIPT = {"date_of_arrival": TODAY.isoformat(), "global_conclusion": "1"}
MOVEMENT_SECTION = {
    "local_reference_number": "LRN-FORGE",
    "invoice_number": "FACT-FORGE",
    "invoice_date": TODAY.isoformat(),
    "origin_type_code": "1",
    "dispatch_date": TODAY.isoformat(),
    "dispatch_time": "09:15",
}
SOON = timezone.localtime() + datetime.timedelta(minutes=30)
GPS_FOR_A = {
    "nature": "DAA",
    "excise_number": A,
    "vehicle_registration": "457TY24",
    "dispatch_date": f"{SOON:%d/%m/%Y}",
    "dispatch_time": f"{SOON:%H:%M}",
}
ASSISTANCE_FOR_A = {
    "excise_number": A,
    "teleservice": "gamma",
    "occurred_on": f"{timezone.localtime() - datetime.timedelta(days=1):%Y-%m-%d}",
    "occurred_time": "08:00",
    "problem": "Impossible d'imprimer le DAA : écran blanc.",
    "contact_phone": "01 23 45 67 89",
}
GRANT = {
    "valid_from_on": f"{timezone.localtime():%Y-%m-%d}",
    "valid_from_time": "00:00",
    "valid_until_on": f"{timezone.localtime() + datetime.timedelta(days=1):%Y-%m-%d}",
    "valid_until_time": "23:00",
    "note": "Autorisé.",
}
A_PREPARERS = frozenset({"antoine", "luc"})

POSTS: dict[str, Cell] = {
    # A movement of A to B: its consignor cancels, its consignee reports its receipt; no one else.
    "post_cancel_mov_ab": Cell(
        "/gamma/{A}/mouvements/{mov_ab}/annuler/", REFUSED_A | {"antoine": 302}, data=CANCEL, changes={"antoine"}
    ),
    "post_cancel_mov_ab_as_consignee": Cell(
        "/gamma/{B}/mouvements/{mov_ab}/annuler/", only("bob", status=302), data=CANCEL
    ),
    "post_receipt_mov_ab": Cell(
        "/gamma/{B}/mouvements/{mov_ab}/accuser-reception/", only("bob", status=302), data=RECEIPT, changes={"bob"}
    ),
    "post_receipt_mov_ab_as_consignor": Cell(
        "/gamma/{A}/mouvements/{mov_ab}/accuser-reception/", REFUSED_A, data=RECEIPT
    ),
    "post_cancel_mov_b_via_a": Cell("/gamma/{A}/mouvements/{mov_b}/annuler/", {"newcomer": 403}, data=CANCEL),
    "post_cancel_mov_a_via_b": Cell("/gamma/{B}/mouvements/{mov_a}/annuler/", data=CANCEL),
    "post_cancel_mov_b": Cell(
        "/gamma/{B}/mouvements/{mov_b}/annuler/", only("bob", status=302), data=CANCEL, changes={"bob"}
    ),
    # Messages: each person's state of his own company's messages only.
    "post_archive_message_a": Cell(
        "/gamma/{A}/messages/{evt_a}/etat/",
        {**only("antoine", "luc", "marie", status=302), "newcomer": 403},
        data={"changer": "archiver"},
        changes={"antoine", "luc", "marie"},
    ),
    "post_archive_message_b_via_a": Cell(
        "/gamma/{A}/messages/{evt_b}/etat/", {"newcomer": 403}, data={"changer": "archiver"}
    ),
    "post_archive_message_a_via_b": Cell("/gamma/{B}/messages/{evt_a}/etat/", data={"changer": "archiver"}),
    # Drafts and templates.
    "post_new_draft_b": Cell("/gamma/{B}/preparer/dae/", only("bob", status=302), data={}, changes={"bob"}),
    "post_draft_a_section": Cell(
        "/gamma/{A}/brouillons/{draft_a}/mouvement/",
        {**only("antoine", "luc", status=302), **only("marie", "newcomer", status=403)},
        data=MOVEMENT_SECTION,
        changes=A_PREPARERS,
    ),
    "post_draft_b_section_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/mouvement/", data=MOVEMENT_SECTION),
    "post_draft_a_delete": Cell(
        "/gamma/{A}/brouillons/{draft_a}/supprimer/",
        {**only("antoine", "luc", status=302), **only("marie", "newcomer", status=403)},
        data={},
        changes=A_PREPARERS,
    ),
    "post_draft_b_delete": Cell(
        "/gamma/{B}/brouillons/{draft_b}/supprimer/", only("bob", status=302), data={}, changes={"bob"}
    ),
    "post_draft_b_delete_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/supprimer/", data={}),
    "post_draft_b_validate_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/valider/", data={}),
    "post_draft_b_template_via_a": Cell("/gamma/{A}/brouillons/{draft_b}/modele/", data={"name": "Volé"}),
    "post_draft_a_template": Cell(
        "/gamma/{A}/brouillons/{draft_a}/modele/",
        {**only("antoine", "luc", status=302), **only("marie", "newcomer", status=403)},
        data={"name": "Nouveau modèle"},
        changes=A_PREPARERS,
    ),
    "post_delete_template_b_via_a": Cell(
        "/gamma/{A}/modeles/", only("marie", "newcomer", status=403), data={"modele": "{tpl_b}", "action": "supprimer"}
    ),
    "post_delete_template_b": Cell(
        "/gamma/{B}/modeles/",
        only("bob", status=302),
        data={"modele": "{tpl_b}", "action": "supprimer"},
        changes={"bob"},
    ),
    # GPS and assistance: another company's number is refused at its field (400), nothing written.
    "post_gps_number_for_a": Cell(
        "/gps/generer/", {**GPS_REFUSED, "antoine": 302, "bob": 400}, data=GPS_FOR_A, changes={"antoine"}
    ),
    "post_assistance_for_a": Cell(
        "/demandes-assistance/nouvelle/",
        {**EVERYONE, **only("antoine", "luc", "marie", status=302), "bob": 400},
        data=ASSISTANCE_FOR_A,
        changes={"antoine", "luc", "marie"},
    ),
    "post_sau_solve_a": Cell(
        "/demandes-assistance/sau/{req_a}/traiter/",
        only("sau", status=302),
        anonymous=404,
        data={"action": "resoudre", "diagnosis": "Vider le cache du navigateur."},
        changes={"sau"},
    ),
    "post_sau_resend_mail": Cell(
        "/demandes-assistance/sau/envois/courriels/{mail}/relancer/",
        only("sau", status=302),
        anonymous=404,
        data={},
        changes={"sau"},
    ),
    "post_sau_resend_delivery_b": Cell(
        "/demandes-assistance/sau/envois/edi/{dlv_b}/relancer/",
        only("sau", status=302),
        anonymous=404,
        data={},
        changes={"sau"},
    ),
    "post_office_grant_a": Cell(
        "/bureau/secours/demandes/{esc_a}/autoriser/",
        only("agent_a", status=302),
        anonymous=404,
        data=GRANT,
        changes={"agent_a"},
    ),
    "post_office_refuse_b": Cell(
        "/bureau/secours/demandes/{esc_b}/refuser/",
        only("agent_b", status=302),
        anonymous=404,
        data={"reason": "Pas d'incident constaté."},
        changes={"agent_b"},
    ),
    "post_office_close_mov_b": Cell(
        "/bureau/gamma/{mov_b}/cloturer/",
        only("agent_b", status=302),
        anonymous=404,
        data={"reason": "Réception constatée par le bureau."},
        changes={"agent_b"},
    ),
    "post_office_close_draft_a": Cell(
        "/bureau/gamma/{draft_a}/cloturer/", anonymous=404, data={"reason": "Réception constatée par le bureau."}
    ),
    "post_cid_close": Cell(
        "/incidents/cid/{incident}/cloturer/",
        only("cid", status=302),
        anonymous=404,
        data={"closing_message": "Service rétabli."},
        changes={"cid"},
    ),
    "post_cid_declare": Cell(
        "/incidents/cid/declarer/",
        only("cid", status=302),
        anonymous=404,
        data={
            "teleservice": "gamma",
            "level": "orange",
            "starts_on": f"{timezone.localtime():%Y-%m-%d}",
            "starts_time": "06:00",
            "expected_end_on": f"{timezone.localtime() + datetime.timedelta(days=1):%Y-%m-%d}",
            "expected_end_time": "06:00",
            "message": "Lenteurs.",
        },
        changes={"cid"},
    ),
}


# --- The world, built once per module ---------------------------------------------------------------


@dataclass
class MatrixWorld:
    users: dict
    ids: dict
    secrets: dict  # "A" / "B" -> texts only that company's pages (and its office's) may show


def _build() -> MatrixWorld:
    from edi import credentials as edi_credentials
    from edi.models import Delivery, DeliveryKind, DeliveryStatus
    from eu.models import Direction, Exchange
    from fallback import services as fallback_services
    from fallback.models import AssistanceStatus
    from gamma import actions
    from gamma.models import MovementTemplate
    from mail.models import OutboxMessage
    from tests.factories.accounts import UserFactory
    from tests.factories.gamma import MovementFactory
    from tests.factories.habilitations import build_world
    from tests.fallback.factories import AssistanceRequestFactory, IncidentFactory, cid_agent, sau_agent
    from tests.gamma.support import load_reason_lists

    load_reason_lists()
    world = build_world()
    users = {
        "antoine": world.antoine,
        "luc": world.luc,
        "marie": world.marie,
        "newcomer": world.newcomer_a,
        "bob": world.bob,
        "agent_a": world.agent_a,
        "agent_b": world.agent_b,
        "cid": cid_agent(),
        "sau": sau_agent(),
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True, siret="", company_name=""),
    }
    third_party = "FR012345E0001"
    mov_a = MovementFactory(
        validated=True,
        consignor=world.excise_a,
        consignee_identifier=third_party,
        local_reference_number="LRN-SECRET-A",
    )
    mov_b = MovementFactory(
        validated=True,
        consignor=world.excise_b,
        consignee_identifier=third_party,
        local_reference_number="LRN-SECRET-B",
    )
    mov_ab = MovementFactory(
        validated=True,
        consignor=world.excise_a,
        consignee_identifier=B,
        local_reference_number="LRN-A-VERS-B",
        dispatch_date=TODAY,  # may be cancelled today, and received today
    )
    # An event on each company's own movement, for its « Messages ».
    events = {}
    for side, movement, actor, number in (("evt_a", mov_a, world.antoine, A), ("evt_b", mov_b, world.bob, B)):
        actions.movement_explain_delay(
            movement=movement, actor=actor, excise_number=number, explanation_code="4", today=TODAY
        )
        events[side] = movement.events.latest("at", "id").pk
    draft_a = MovementFactory(consignor=world.excise_a, local_reference_number="LRN-BROUILLON-A")
    draft_ab = MovementFactory(
        consignor=world.excise_a, consignee_identifier=B, local_reference_number="LRN-BROUILLON-A-B"
    )
    draft_b = MovementFactory(consignor=world.excise_b, local_reference_number="LRN-BROUILLON-B")
    tpl_a = MovementTemplate.objects.create(excise_number=world.excise_a, name="Modèle secret A", data={})
    tpl_b = MovementTemplate.objects.create(excise_number=world.excise_b, name="Modèle secret B", data={})
    incident = IncidentFactory(message="GAMMA indisponible.")
    soon = timezone.now() + datetime.timedelta(minutes=20)
    docs = {
        side: fallback_services.issue_fallback_document(
            actor=actor, nature="DAA", excise_number=number, vehicle_registration="AB123CD", dispatch_at=soon
        )
        for side, actor, number in (("a", world.antoine, A), ("b", world.bob, B))
    }
    requests = {
        "req_a": AssistanceRequestFactory(
            requester=world.antoine, excise_number=world.excise_a, problem="Problème secret de A."
        ),
        "req_b": AssistanceRequestFactory(
            requester=world.bob, excise_number=world.excise_b, problem="Problème secret de B."
        ),
        "esc_a": AssistanceRequestFactory(
            requester=world.antoine, excise_number=world.excise_a, escalated=True, problem="Panne transmise de A."
        ),
        "esc_b": AssistanceRequestFactory(
            requester=world.bob, excise_number=world.excise_b, escalated=True, problem="Panne transmise de B."
        ),
    }
    assert requests["esc_a"].status == AssistanceStatus.ESCALATED
    mail = OutboxMessage.objects.create(
        to=["antoineleris@example.org"],
        subject="Lien d'activation",
        body_text="secret",
        from_email="x@example.org",
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    outbox = {}
    for side, movement, excise, agent in (
        ("a", mov_a, world.excise_a, world.agent_a),
        ("b", mov_b, world.excise_b, world.agent_b),
    ):
        credential = edi_credentials.issue(actor=agent, operator=excise.operator).credential
        outbox[f"client_{side}"] = credential.client_id
        outbox[f"dlv_{side}"] = Delivery.objects.create(
            credential=credential,
            kind=DeliveryKind.TEST,
            status=DeliveryStatus.FAILED,
            last_error="connexion refusée",
        ).pk
        outbox[f"exc_{side}"] = Exchange.objects.create(
            direction=Direction.OUT,
            message_type="IE801",
            message_identifier=f"EU-{side}",
            member_state="DE",
            movement=movement,
            xml=b"<IE801/>",
            attempts=1,
            error="passerelle injoignable",
            state="failed",  # not sent within 72 h (eu.outbox)
        ).pk
    ids = {
        "A": A,
        "B": B,
        "arc_a": mov_a.arc,
        "arc_b": mov_b.arc,
        "arc_ab": mov_ab.arc,
        "mov_a": mov_a.pk,
        "mov_b": mov_b.pk,
        "mov_ab": mov_ab.pk,
        "draft_a": draft_a.pk,
        "draft_b": draft_b.pk,
        "draft_ab": draft_ab.pk,
        "tpl_a": tpl_a.pk,
        "tpl_b": tpl_b.pk,
        "doc_a": docs["a"].number,
        "doc_b": docs["b"].number,
        "incident": incident.pk,
        "mail": mail.pk,
        **outbox,
        **events,
        **{key: request.pk for key, request in requests.items()},
    }
    secrets = {
        side: [
            movement.arc,
            movement.local_reference_number,
            draft.local_reference_number,
            template.name,
            docs[side.lower()].number,
            requests[f"req_{side.lower()}"].problem,
            *(["LRN-BROUILLON-A-B"] if side == "A" else []),
            requests[f"esc_{side.lower()}"].problem,
            f"/demandes-assistance/{requests[f'req_{side.lower()}'].pk}/",
            f"/demandes-assistance/{requests[f'esc_{side.lower()}'].pk}/",
            f"/bureau/secours/demandes/{requests[f'esc_{side.lower()}'].pk}/",
            outbox[f"client_{side.lower()}"],
        ]
        for side, movement, draft, template in (("A", mov_a, draft_a, tpl_a), ("B", mov_b, draft_b, tpl_b))
    }
    return MatrixWorld(users=users, ids=ids, secrets=secrets)


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """The world in an outer transaction: each test's own (pytest-django's) is a savepoint in it,
    rolled back after the test; this one is rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_of(world: MatrixWorld, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


def fill(text: str, world: MatrixWorld) -> str:
    return text.format(**world.ids)


# What each persona must never read: the other company's documents; the agents' and the superuser's
# pages, none of the companies' (the SAU reads every assistance request, the offices their own).
def forbidden_texts(world: MatrixWorld, persona: str) -> list[str]:
    if persona in COMPANY_A or persona == "agent_a":
        return world.secrets["B"]
    if persona in ("bob", "agent_b"):
        return world.secrets["A"]
    texts = world.secrets["A"] + world.secrets["B"]
    if persona == "sau":
        return [text for text in texts if not text.startswith(("Problème", "Panne"))]
    return texts


def body(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return ""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def expected_status(cell: Cell, persona: str) -> int:
    if persona == "anonymous":
        return cell.anonymous
    return cell.expect.get(persona, cell.others)


def check_status(response, cell: Cell, persona: str, url: str) -> None:
    expected = expected_status(cell, persona)
    assert response.status_code == expected, f"{persona} {response.request['REQUEST_METHOD']} {url}"
    if persona == "anonymous" and expected == 302:
        assert response["Location"].startswith("/compte/login/?next=")


# --- The cells ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_get(matrix_world, persona, key):
    cell = PAGES[key]
    url = fill(cell.url, matrix_world)
    with override_settings(DEV_MAILBOX=not cell.production):
        response = client_of(matrix_world, persona).get(url)
    check_status(response, cell, persona, url)
    if response.status_code == 200:
        page = body(response)
        missing = [
            text for text in (fill(text, matrix_world) for text in cell.shows.get(persona, [])) if text not in page
        ]
        assert missing == [], f"{persona} should read {missing} on {url}"
        allowed = {fill(text, matrix_world) for text in cell.allows.get(persona, [])}
        leaked = [
            text
            for text in forbidden_texts(matrix_world, persona)
            if text in page and text not in url and text not in allowed
        ]
        assert leaked == [], f"{persona} reads {leaked} on {url}"


def snapshot() -> dict:
    """What a post could change: every row of the objects of the matrix."""
    from edi.models import Delivery
    from fallback.models import AssistanceRequest, FallbackAuthorisation, FallbackDocument, Incident, NumberSeries
    from gamma.models import InboxMark, Movement, MovementEvent, MovementLine, MovementTemplate, MovementTrader
    from habilitations.models import AuditEvent, Habilitation
    from mail.models import OutboxMessage

    models = [
        Movement,
        MovementEvent,
        MovementLine,
        MovementTrader,
        MovementTemplate,
        InboxMark,
        FallbackDocument,
        NumberSeries,
        AssistanceRequest,
        FallbackAuthorisation,
        Incident,
        OutboxMessage,
        Delivery,
        Habilitation,
        AuditEvent,
    ]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


@pytest.mark.parametrize("key", list(POSTS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_post(matrix_world, persona, key):
    cell = POSTS[key]
    url = fill(cell.url, matrix_world)
    data = {name: fill(value, matrix_world) if isinstance(value, str) else value for name, value in cell.data.items()}
    before = snapshot()
    response = client_of(matrix_world, persona).post(url, data)
    check_status(response, cell, persona, url)
    if persona in cell.changes:
        assert snapshot() != before, f"{persona}'s post to {url} should have changed something"
    else:
        assert snapshot() == before, f"{persona}'s post to {url} changed the database"


def test_production_mode_has_no_dev_mailbox(tmp_path):
    """In production the mailbox is not even routed (prodouane/urls.py reads DEV_MAILBOX once)."""
    script = (
        "import django; django.setup();"
        "from django.conf import settings; from django.urls import Resolver404, resolve;"
        "assert settings.DEV_MAILBOX is False;"
        'exec(\'try:\\n resolve("/dev/boite-mail/")\\nexcept Resolver404:\\n print("absent")\')'
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "PRODOUANE_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "pro.douane.gouv.fr",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PRODOUANE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(  # noqa: S603 (constant arguments)
        [sys.executable, "-c", script], env=env, cwd=Path(__file__).resolve().parent.parent, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "absent"


def test_the_docstring_counts_the_cells():
    cells = len(PERSONAS) * (len(PAGES) + len(POSTS))
    stated = re.search(
        r"Cells: (\d+) \((\d+) personas x (\d+) pages read, \d+ personas x (\d+) forged posts\)", __doc__
    )
    assert stated and tuple(map(int, stated.groups())) == (cells, len(PERSONAS), len(PAGES), len(POSTS))
