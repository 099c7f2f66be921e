"""The drafts and the three channels of the property test ``test_channels_agree``: the faults a
draft may have (each as the web form's data carries it and, when the form refuses the value, as
the message carries it), the Hypothesis strategy, and each channel's answer in one comparable
form. See the test module for what is compared and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import strategies as st
from lxml import etree

from emcs import messages as emcs_messages
from emcs.messages import ie815
from emcs.messages.binding import Header
from gamma import mapping, services, xpaths
from gamma.demo import dae_sections
from gamma.sections import DOCUMENT_FIELDS, PACKAGE_FIELDS, TRANSPORT_UNIT_FIELDS

UPLOAD_URL = "/gamma/FR008777E0001/depot-xml/"
EDI_URL = "/edi/v1/messages"
UNKNOWN_NUMBER = "FR012345E9876"  # well formed, not in the register
BEER_ONLY_NUMBER = "FR011111E0042"  # in the register, authorised for beer (B) only
ISSUED_LRN = "PROP-DEJA-EMIS"  # the LRN of a DAE company A has issued already
_CODE = re.compile(r"^\[((?:BR|TR|TC|[CR])\d{2,3}[A-Z]?|[A-Z]+(?:-[A-Z]+)*)\]\s")
_LRNS = itertools.count(1)


def next_lrn() -> str:
    return f"PROP-{next(_LRNS):05d}"


ARC = ("ARC",)


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


def _both(*changes):
    def apply(data, param):
        for change in changes:
            change(data, param)

    return apply


BEER_LINE = {
    "excise_product_code": "B000",
    "cn_code": "22030001",
    "quantity": "300",
    "gross_mass": "330",
    "net_mass": "300",
    "commercial_description": "Bière blonde, fûts de 30 l",
    "packages-0-kind_of_packages": "CT",
    "packages-0-number_of_packages": "10",
}


def _add_line(values: dict[str, str]):
    def apply(data, plato):
        data["lines"].update({f"lines-1-{name}": value for name, value in values.items()})
        if plato:
            data["lines"]["lines-1-degree_plato"] = plato
        data["lines"]["lines-1-alcoholic_strength"] = "5"

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
            st.sampled_from(["2", "3", "12", "34"]),
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
        (
            Mutation("LRN of a document already issued", _set("movement", local_reference_number=ISSUED_LRN)),
            st.none(),
        ),
        (
            Mutation(
                "consignee and place of delivery not authorised for wine",
                _both(
                    _set("consignee", **{"consignee-traderid": BEER_ONLY_NUMBER}),
                    _set("destination", **{"delivery_place-traderid": BEER_ONLY_NUMBER}),
                ),
            ),
            st.none(),
        ),
        (
            Mutation("a second line, of beer", _add_line(BEER_LINE)),
            st.sampled_from(["", "12,5"]),
        ),
        (
            Mutation(
                "imported wine without its country",
                _set("lines", **{"lines-0-wine_product_category": "4"}),
            ),
            st.none(),
        ),
        (
            Mutation("transport arranged by the owner, not named", _set("transport", transport_arrangement="3")),
            st.none(),
        ),
        (
            Mutation(
                "transport arranger named though the consignor arranges it",
                _set(
                    "transport",
                    **{
                        "transport_arranger-trader_name": "TRANSPORTS DUPONT",
                        "transport_arranger-street_name": "1 rue du Port",
                        "transport_arranger-postcode": "33000",
                        "transport_arranger-city": "BORDEAUX",
                    },
                ),
            ),
            st.none(),
        ),
        (
            Mutation(
                "bulk goods with a number of packages", _set("lines", **{"lines-0-packages-0-kind_of_packages": "VL"})
            ),
            st.none(),
        ),
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


@functools.cache
def _touched(name: str) -> frozenset[tuple[str, str]]:
    """The inputs a fault changes (section, input name)."""
    valid = Draft(()).sections("X")
    changed = Draft(((name, EDGES.get(name)),)).sections("X")
    return frozenset(
        (section, key)
        for section in valid
        for key in valid[section].keys() | changed[section].keys()
        if valid[section].get(key) != changed[section].get(key)
    )


@st.composite
def drafts(draw) -> Draft:
    """A valid draft (about one time in five), or one with one to three distinct faults, on
    distinct inputs (no consignee and a consignee not in the register make no draft)."""
    count = draw(st.sampled_from([0, 1, 1, 2, 2, 3]))
    names: list[str] = []
    for name in draw(st.permutations(sorted(MUTATIONS))):
        if len(names) == count:
            break
        if not any(_touched(name) & _touched(other) for other in names):
            names.append(name)
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


def faults_of_ie704(root) -> list[tuple[str, str]]:
    """An IE704's faults (when ``edi.answers`` builds it; a problem document until then)."""
    namespace = etree.QName(root).namespace
    faults = []
    for error in root.iter(f"{{{namespace}}}FunctionalError"):
        reason = error.findtext(f"{{{namespace}}}ErrorReason") or ""
        location = error.findtext(f"{{{namespace}}}ErrorLocation") or ""
        # The rule's code heads the reason, « [C127] … » (``emcs.answers.Fault.reason``), or ends it.
        codes = re.findall(r"\(((?:BR|TR|TC|[CR])\d{2,3}[A-Z]?|[A-Z]+(?:-[A-Z]+)*)\)", reason)
        code = _code_of(reason.strip()) or (codes[-1] if codes else "")
        faults.append((code, field_at(location.strip())))
    return faults


def _faults_of_ie917(root) -> list[dict]:
    """An IE917's errors (when ``edi.answers`` builds it; a problem document until then)."""
    namespace = etree.QName(root).namespace
    return [
        {"emplacement": (error.findtext(f"{{{namespace}}}ErrorLocation") or "").strip()}
        for error in root.iter(f"{{{namespace}}}XmlError")
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
    return ("refused", Counter(faults_of_ie704(etree.fromstring(response.content))))


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


def in_savepoint(run):
    with transaction.atomic():
        result = run()
        transaction.set_rollback(True)
    return result
