"""The three channels give one answer (issue 11): a draft typed in the web form, the same draft
sent as an IE815 to the Guichet EDI (``POST /edi/v1/messages``, a credential's bearer token) and
uploaded in « Déposer des messages XML » (``/gamma/<n>/depot-xml/``, a logged-in user) are all
issued an ARC, or all refused with the same multiset of (rule code, field).

Hypothesis generates the drafts around a complete DAE of company A to company B
(``gamma.demo.dae_sections``): valid ones, and ones with one to three realistic faults.

The web path runs at the use-case level, exactly what the section pages and « Valider » call
(``www/gamma/prepare.py``): ``services.draft_create``, then ``services.draft_save_section`` with
each section's data as its form posts it, then ``services.movement_validate``. A section the form
refuses is not saved, as on the page: its errors are the web's answer for that section, the draft
keeps the section as it was before (the valid one), and the rest of the draft is validated. The
EDI and upload paths send the draft's IE815 (``gamma.mapping.ie815_message``), with the refused
section's fault written into the message instead (the value the user typed).

Each channel runs in a savepoint rolled back, so each sees the same database; each example runs
in its own rolled-back transaction, with its own LRN. Dates are relative to today in Paris, so
the test holds under the frozen clocks (``PRODOUANE_TEST_CLOCK``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from edi import answers
from emcs import messages as emcs_messages
from emcs.messages import ie815
from emcs.messages.binding import Header
from gamma import mapping, services, xpaths
from gamma.demo import dae_sections
from gamma.sections import DOCUMENT_FIELDS, PACKAGE_FIELDS, TRANSPORT_UNIT_FIELDS
from tests.factories.register import ExciseNumberFactory

UPLOAD_URL = "/gamma/FR008777E0001/depot-xml/"
EDI_URL = "/edi/v1/messages"
UNKNOWN_NUMBER = "FR012345E9876"  # well formed, not in the register
BEER_ONLY_NUMBER = "FR011111E0042"  # in the register, authorised for beer (B) only
_CODE = re.compile(r"^\[((?:BR|TR|TC|[CR])\d{2,3}[A-Z]?|[A-Z]+(?:-[A-Z]+)*)\]\s")
_LRNS = itertools.count(1)

ARC = ("ARC",)
# The rules a draft's tables hold (``gamma.mapping.storage_errors``): a draft breaking one is refused
# on them alone, before its other rules run — by the web form at its section, by the EDI channel
# and the upload before storing the message.
STORAGE_RULES = frozenset({"R060", "R219", "TC29"})


# --- Mutations ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Mutation:
    """A realistic fault: how the web form's data carries it (``form``) and, when the form itself
    refuses the value, how the message carries it (``message``: the IE815 body changed)."""

    name: str
    form: Callable[[dict[str, dict], Any], None]
    message: Callable[[ie815.SubmittedDraftOfEadEsad, Any], ie815.SubmittedDraftOfEadEsad] | None = None
    sections: tuple[str, ...] = ()


def _today() -> dt.date:
    return timezone.localdate()  # Paris


def _set(section: str, **values):
    def apply(data, param):
        for name, value in values.items():
            data[section][name] = value(param) if callable(value) else value

    return apply


def _drop(section: str, *names: str):
    def apply(data, param):
        for name in names:
            data[section].pop(name, None)

    return apply


def _line(body, **changes):
    lines = list(body.body_ead_esads)
    lines[0] = dataclasses.replace(lines[0], **changes)
    return dataclasses.replace(body, body_ead_esads=lines)


MUTATIONS: dict[str, tuple[Mutation, st.SearchStrategy]] = {
    mutation.name: (mutation, params)
    for mutation, params in (
        (
            Mutation(
                "no consignee",
                _drop(
                    "consignee",
                    "consignee-traderid",
                    "consignee-trader_name",
                    "consignee-street_name",
                    "consignee-postcode",
                    "consignee-city",
                ),
                sections=("consignee",),
            ),
            st.none(),
        ),
        (
            Mutation("consignee not in the register", _set("consignee", **{"consignee-traderid": UNKNOWN_NUMBER})),
            st.none(),
        ),
        (
            Mutation(
                "consignee not authorised for wine",
                _set("consignee", **{"consignee-traderid": BEER_ONLY_NUMBER}),
            ),
            st.none(),
        ),
        (
            Mutation(
                "dispatch date in the past",
                _set("movement", dispatch_date=lambda days: (_today() - dt.timedelta(days=days)).isoformat()),
            ),
            st.integers(1, 60),
        ),
        (
            Mutation(
                "dispatch date too far ahead",
                _set("movement", dispatch_date=lambda days: (_today() + dt.timedelta(days=days)).isoformat()),
            ),
            st.integers(8, 120),
        ),
        (
            Mutation(
                "quantity zero",
                _set("lines", **{"lines-0-quantity": "0"}),
                message=lambda body, _param: _line(body, quantity=Decimal("0")),
            ),
            st.none(),
        ),
        (
            Mutation(
                "CN code of another product",
                _set("lines", **{"lines-0-cn_code": lambda code: code}),
                message=lambda body, code: _line(body, cn_code=code),
            ),
            st.sampled_from(["22030001", "22084011", "27101943"]),
        ),
        (
            Mutation(
                "alcoholic strength out of range",
                _set("lines", **{"lines-0-alcoholic_strength": lambda value: value}),
                message=lambda body, value: _line(
                    body, alcoholic_strength_by_volume_in_percentage=Decimal(value.replace(",", "."))
                ),
            ),
            st.sampled_from(["0,2", "0,49", "100,5", "150"]),
        ),
        (
            Mutation(
                "gross mass below net mass",
                _set("lines", **{"lines-0-gross_mass": "700"}),
                message=lambda body, _param: _line(body, gross_mass=Decimal("700")),
            ),
            st.none(),
        ),
        (
            Mutation(
                "no place of delivery for a tax warehouse",
                _drop("destination", "delivery_place-traderid", "delivery_place-trader_name"),
            ),
            st.none(),
        ),
        (
            Mutation("transport mode « other » without its description", _set("transport", transport_mode_code="0")),
            st.none(),
        ),
        (
            Mutation("guarantor missing", _set("guarantee", guarantor_type_code=lambda code: code)),
            st.sampled_from(["2", "3", "4", "12", "34"]),
        ),
        (
            Mutation(
                "document without its reference",
                _set("documents", **{"documents-0-document_type": lambda code: code}),
            ),
            st.sampled_from(["1", "2", "3"]),
        ),
        (
            Mutation(
                "document saying nothing of itself",
                _set("documents", **{"documents-0-document_reference": "REF-42"}),
            ),
            st.none(),
        ),
        (
            Mutation("journey time too long", _set("transport", journey_time=lambda value: value)),
            st.sampled_from(["H00", "D00", "D36", "D60", "D92"]),
        ),
        (Mutation("packages not counted", _drop("lines", "lines-0-packages-0-number_of_packages")), st.none()),
    )
}


@dataclasses.dataclass(frozen=True)
class Draft:
    mutations: tuple[tuple[str, Any], ...]

    def sections(self, lrn: str) -> dict[str, dict]:
        data = dae_sections(lrn=lrn, today=_today())
        data["guarantee"] = {"guarantor_type_code": "1"}
        data["documents"] = {}
        for name, param in self.mutations:
            MUTATIONS[name][0].form(data, param)
        return data


@st.composite
def drafts(draw) -> Draft:
    """A valid draft (about one time in five), or one with one to three distinct faults."""
    count = draw(st.sampled_from([0, 1, 1, 2, 2, 3]))
    names = draw(st.permutations(sorted(MUTATIONS)))[:count]
    return Draft(tuple((name, draw(MUTATIONS[name][1])) for name in names))


# --- Locations: a fault's XPath in the IE815 → the draft's field path ---------------------------


def _candidate_fields() -> list[str]:
    traders = sorted({f.name for _attribute, cls in mapping.TRADER_GROUPS.values() for f in dataclasses.fields(cls)})
    roles = [str(role) for role in mapping.TRADER_GROUPS] + [str(role) for role in mapping.GUARANTOR_ROLES]
    fields = list(xpaths.MOVEMENT_FIELDS)
    fields += [f"{role}.{name}" for role in roles for name in traders] + roles
    for index in range(3):
        fields += [f"lines.{index}.{name}" for name in (*mapping.LINE_FIELDS, *mapping.WINE_FIELDS, "wine_operations")]
        fields += [f"lines.{index}.packages.{p}.{name}" for p in range(3) for name in PACKAGE_FIELDS]
        fields += [f"lines.{index}"]
        fields += [f"documents.{index}.{name}" for name in DOCUMENT_FIELDS]
        fields += [f"transport_details.{index}.{name}" for name in TRANSPORT_UNIT_FIELDS]
    return [*fields, "lines"]


FIELD_AT: dict[str, str] = {}
for _field in _candidate_fields():
    _xpath = xpaths.xpath(_field)
    if _xpath:
        FIELD_AT.setdefault(_xpath, _field)


def field_at(location: str) -> str:
    return FIELD_AT.get(location, f"?{location}")


def unreadable(fields) -> tuple:
    """A refusal of what the schema cannot carry: the web form's fields without a rule code, the
    IE917's locations; compared by element, positions left out (a schema error names none)."""
    return ("schema", frozenset(re.sub(r"\[\d+\]", "", xpaths.xpath(field) or field) for field in fields))


def canonical(field: str) -> str:
    """A web error's field path as its XPath names it (``consignee_identifier`` and
    ``consignee.traderid`` are one element of the IE815); unchanged when it has no XPath."""
    location = xpaths.xpath(field)
    return field_at(location) if location else field


# --- The three channels ------------------------------------------------------------------------


def _code_of(message: str) -> str:
    found = _CODE.match(message)
    return found.group(1) if found else ""


def web_answer(world, draft: Draft, lrn: str) -> tuple[tuple, bytes]:
    """The web path; also the IE815 of the draft as the web form left it (with the faults the form
    refused written in)."""
    refused: list[tuple[str, str]] = []
    refused_mutations = []
    actor, number = world.antoine, world.excise_a
    valid = Draft(()).sections(lrn)
    movement = services.draft_create(actor=actor, excise_number=number, kind="DAE")
    for section, values in valid.items():
        movement = services.draft_save_section(actor=actor, movement=movement, section=section, data=values)
    for section in valid:
        # The section's faults one by one, as a user correcting one value keeps the others: the
        # values the form accepts are saved, each one it refuses gives its errors.
        kept: list[tuple[str, Any]] = []
        for mutation in (item for item in draft.mutations if section in _sections_of(*item)):
            data = Draft((*kept, mutation)).sections(lrn)[section]
            try:
                movement = services.draft_save_section(actor=actor, movement=movement, section=section, data=data)
            except services.InvalidSection as error:
                refused += [(_code_of(text), canonical(path)) for path, texts in error.errors.items() for text in texts]
                refused_mutations.append(mutation)
            else:
                kept.append(mutation)
    body = mapping.ie815_body(movement)
    for name, param in refused_mutations:
        mutation = MUTATIONS[name][0]
        assert mutation.message is not None, f"The form refuses « {name} » ({refused}): give it its message form."
        body = mutation.message(body, param)
    # Not ``gamma.messages.serialise``: a value the form refuses because the schema cannot carry it
    # (a quantity of zero) is sent as typed, for the channels to refuse.
    root = emcs_messages.build(ie815.IE815(header=Header.new(), body=body))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if any(not code for code, _field in refused):
        return unreadable(field for code, field in refused if not code), data
    if any(code in STORAGE_RULES for code, _field in refused):
        return ("refused", Counter(refused)), data
    try:
        services.movement_validate(actor=actor, movement=movement)
    except services.InvalidMovement as error:
        return ("refused", Counter([*refused, *((e.code, canonical(e.field)) for e in error.errors)])), data
    if refused:
        return ("refused", Counter(refused)), data
    return ARC, data


def _sections_of(name: str, param: Any) -> set[str]:
    """The sections a mutation changes: those whose data differ from the valid draft's."""
    valid = Draft(()).sections("X")
    changed = Draft(((name, param),)).sections("X")
    return {section for section in valid if valid[section] != changed[section]}


def _faults_of_ie704(root) -> list[tuple[str, str]]:
    namespace = etree.QName(root).namespace
    faults = []
    for error in root.iter(f"{{{namespace}}}FunctionalError"):
        reason = error.findtext(f"{{{namespace}}}ErrorReason") or ""
        location = error.findtext(f"{{{namespace}}}ErrorLocation") or ""
        code = re.search(r"\(((?:BR|TR|TC|[CR])\d{2,3}[A-Z]?|[A-Z]+(?:-[A-Z]+)*)\)\s*$", reason)
        faults.append((code.group(1) if code else "", field_at(location.strip())))
    return faults


def _faults_of_ie917(root) -> list[dict]:
    namespace = etree.QName(root).namespace
    return [
        {"emplacement": (error.findtext(f"{{{namespace}}}ErrorLocation") or "").strip()}
        for error in root.iter(f"{{{namespace}}}Error")
    ]


def edi_answer(client: Client, token: str, data: bytes) -> tuple:
    response = client.post(EDI_URL, data=data, content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {token}")
    if response.status_code == 201:
        return ARC
    if response.status_code == 400:
        faults = (
            json.loads(response.content).get("erreurs", [])
            if response["Content-Type"].startswith("application/problem+json")
            else _faults_of_ie917(etree.fromstring(response.content))
        )
        return ("schema", frozenset(re.sub(r"\[\d+\]", "", f["emplacement"]) for f in faults if f.get("emplacement")))
    assert response.status_code == 422, (response.status_code, response.content[:2000])
    if response["Content-Type"].startswith("application/problem+json"):
        faults = json.loads(response.content).get("erreurs", [])
        return ("refused", Counter((f.get("regle", ""), field_at(f.get("emplacement", ""))) for f in faults))
    return ("refused", Counter(_faults_of_ie704(etree.fromstring(response.content))))


def upload_answer(client: Client, data: bytes) -> tuple:
    response = client.post(UPLOAD_URL, {"fichiers": [SimpleUploadedFile("brouillon.xml", data, "application/xml")]})
    assert response.status_code == 200
    [result] = response.context["results"]
    if result.answer.accepted:
        assert result.arc
        return ARC
    if result.answer.status == 400:
        return ("schema", frozenset(re.sub(r"\[\d+\]", "", f.location) for f in result.answer.faults if f.location))
    assert result.answer.status == 422, (result.answer.status, result.detail, result.answer.faults)
    return ("refused", Counter((fault.code, field_at(fault.location)) for fault in result.answer.faults))


def _in_savepoint(run):
    with transaction.atomic():
        result = run()
        transaction.set_rollback(True)
    return result


# --- The property ------------------------------------------------------------------------------


@pytest.fixture
def other_numbers(edi):
    ExciseNumberFactory(number=BEER_ONLY_NUMBER, product_categories=["B"])


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draft=drafts())
def test_web_edi_and_upload_give_the_same_answer(edi, emcs_codelists, other_numbers, draft):
    world = edi.world
    web_client, edi_client = Client(), Client()
    web_client.force_login(world.antoine)
    with transaction.atomic():
        cache.clear()  # the credential's rate limit
        lrn = f"PROP-{next(_LRNS):05d}"
        web, data = _in_savepoint(lambda: web_answer(world, draft, lrn))
        by_edi = _in_savepoint(lambda: edi_answer(edi_client, edi.token, data))
        by_upload = _in_savepoint(lambda: upload_answer(web_client, data))
        transaction.set_rollback(True)
    event(f"{web[0]}, {len(draft.mutations)} fault(s)")
    if web == ARC and draft.mutations:
        event(f"issued despite {draft.mutations}")
    assert by_edi == web, f"EDI ≠ web for {draft.mutations}"
    assert by_upload == web, f"upload ≠ web for {draft.mutations}"


# One value of each fault, at its edge where it has one: each alone is a fault on every channel.
EDGES = {
    "dispatch date in the past": 1,
    "dispatch date too far ahead": 8,
    "CN code of another product": "22030001",
    "alcoholic strength out of range": "0,49",
    "guarantor missing": "2",
    "document without its reference": "1",
    "journey time too long": "D36",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_fault_alone_is_refused_alike_by_each_channel(client, edi, emcs_codelists, other_numbers, name):
    client.force_login(edi.world.antoine)
    draft = Draft(((name, EDGES.get(name)),))
    web, data = _in_savepoint(lambda: web_answer(edi.world, draft, "PROP-UNE"))
    assert web != ARC, f"« {name} » is no fault"
    assert _in_savepoint(lambda: edi_answer(Client(), edi.token, data)) == web
    assert _in_savepoint(lambda: upload_answer(client, data)) == web


@pytest.mark.django_db
def test_the_valid_draft_is_issued_an_arc_by_each_channel(client, edi, emcs_codelists):
    """The property's starting point: without a fault, every channel issues the document."""
    client.force_login(edi.world.antoine)
    web, data = _in_savepoint(lambda: web_answer(edi.world, Draft(()), "PROP-VALIDE"))
    assert web == ARC
    assert _in_savepoint(lambda: edi_answer(Client(), edi.token, data)) == ARC
    assert _in_savepoint(lambda: upload_answer(client, data)) == ARC


# --- Regressions found by the property ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "location"),
    [
        ("transport_mode_complementary_information", "TransportMode/ComplementaryInformation"),
        ("consignee_identifier", "ConsigneeTrader/Traderid"),
        ("guarantor_1.trader_name", "MovementGuarantee/GuarantorTrader[1]/TraderName"),
        ("lines.0.wine_third_country_of_origin", "BodyEadEsad[1]/WineProduct/ThirdCountryOfOrigin"),
        ("dispatch_office_code", "CompetentAuthorityDispatchOffice/ReferenceNumber"),
    ],
)
def test_an_edi_fault_is_at_the_element_the_web_form_names(field, location):
    """The EDI answer placed these faults at their group or at the body (``edi.answers`` had a
    field → XPath table of its own), where ``gamma.xpaths`` names the element: C127 at
    ``TransportMode`` for the web form's complementary information, for instance."""
    assert answers.ie815_location(field) == f"{answers.IE815_BODY}/{location}" == xpaths.xpath(field)


@pytest.mark.django_db
def test_transport_mode_other_without_its_description_is_refused_at_the_description(client, edi, emcs_codelists):
    draft = services.draft_create(actor=edi.world.antoine, excise_number=edi.world.excise_a, kind="DAE")
    for section, values in (
        Draft((("transport mode « other » without its description", None),)).sections("PROP-C127").items()
    ):
        draft = services.draft_save_section(actor=edi.world.antoine, movement=draft, section=section, data=values)
    data = etree.tostring(emcs_messages.build(mapping.ie815_message(draft)), xml_declaration=True, encoding="UTF-8")
    draft.delete()
    assert edi_answer(client, edi.token, data) == (
        "refused",
        Counter({("C127", "transport_mode_complementary_information"): 1}),
    )
