"""Helpers of the tests of what follows validation (actions, search, printing, inbox, pages)."""

import json
from functools import cache

from emcs import codelists
from emcs import messages as emcs_messages
from emcs import xml as emcs_xml
from emcs.models import CodeListEntry
from tests.factories.gamma import MovementFactory

CONSIGNOR_NUMBER = "FR008777E0001"  # company A in build_world (antoineleris: every right)
CONSIGNEE_NUMBER = "FR009990F0005"  # company B in build_world (bob: every right)


@cache
def _reason_entries() -> tuple:
    data = json.loads(codelists.default_file().read_text(encoding="utf-8"))
    return tuple(entry for entry in data if entry["codeListCode"] in codelists.REASON_LISTS)


def load_reason_lists() -> None:
    """The lists of reasons (BC22, BC26, BC43, BC46, BC51) with their French labels: what the
    actions read, in a fraction of the time the whole file takes."""
    CodeListEntry.objects.bulk_create(
        CodeListEntry(
            list_code=entry["codeListCode"],
            key=entry["key"],
            value=entry["value"],
            label=codelists.labels.label(entry["codeListCode"], entry["key"]),
            properties=entry.get("properties", {}),
        )
        for entry in _reason_entries()
    )


def load_transport_lists() -> None:
    """The transport modes (BC67) and transport units (BC35) a change of destination reads."""
    data = json.loads(codelists.default_file().read_text(encoding="utf-8"))
    CodeListEntry.objects.bulk_create(
        CodeListEntry(
            list_code=entry["codeListCode"],
            key=entry["key"],
            value=entry["value"],
            label=codelists.labels.label(entry["codeListCode"], entry["key"]),
            properties=entry.get("properties", {}),
        )
        for entry in data
        if entry["codeListCode"] in (codelists.TRANSPORT_MODES, codelists.TRANSPORT_UNITS)
    )


def shipped(world, **fields):
    """A validated DAE of company A (FR008777E0001) to company B (FR009990F0005), one wine line."""
    return MovementFactory(validated=True, consignor=world.excise_a, consignee_identifier=CONSIGNEE_NUMBER, **fields)


def assert_valid(message) -> None:
    """The message built as XML is valid against its official schema (raises with every error)."""
    root = emcs_messages.build(message)
    try:
        emcs_xml.validate(root)
    except emcs_xml.InvalidMessage as error:
        raise AssertionError("\n".join([str(error), *error.errors])) from error
