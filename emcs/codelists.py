"""EMCS reference code lists: the loader (``load``, used by ``manage.py load_emcs_codelists``) and
the reads the forms and the business rules make (``epc``, ``cn_codes_for_epc`` …).

The file is a JSON array of ``{codeListCode, key, value, properties}`` (``emcs/data/codelists.json``,
a snapshot of the EU lists). Loading is idempotent: rows are created or updated to match the file,
never duplicated; nothing is deleted (a movement may still name an entry the file dropped)."""

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from emcs import labels
from emcs.models import CnCode, CodeListEntry, EpcCnCode, ExciseProductCode, PackageKind

# The lists by their EMCS code.
EXCISE_PRODUCTS = "BC36"
CN_CODES = "BC37"
EPC_CN_CORRESPONDENCE = "E200"
PACKAGE_KINDS = "BC17"
PRODUCT_CATEGORIES = "BC66"
UNITS_OF_MEASURE = "BC52"
TRANSPORT_UNITS = "BC35"
TRANSPORT_MODES = "BC67"
MEMBER_STATES = "BC11"
COUNTRIES = "BC08"
LANGUAGES = "BC12"
DOCUMENT_TYPES = "BC106"
WINE_OPERATIONS = "BC41"
WINE_GROWING_ZONES = "BC40"
ALERT_REJECTION_REASONS = "BC22"
INTERRUPTION_REASONS = "BC26"
CANCELLATION_REASONS = "BC43"
UNSATISFACTORY_RECEIPT_REASONS = "BC46"
DELAY_REASONS = "BC51"
BEER_PLATO_STATES = "BC109"

REASON_LISTS = frozenset(
    {
        ALERT_REJECTION_REASONS,
        INTERRUPTION_REASONS,
        CANCELLATION_REASONS,
        UNSATISFACTORY_RECEIPT_REASONS,
        DELAY_REASONS,
    }
)
# Lists with a table of their own; every other list goes to CodeListEntry.
DEDICATED_LISTS = frozenset({EXCISE_PRODUCTS, CN_CODES, EPC_CN_CORRESPONDENCE, PACKAGE_KINDS})
# E200 placeholders of the snapshot (the UK stub the file comes from), not real products: skipped.
PLACEHOLDER_EPCS = frozenset({"X999", "Y999"})
OTHER_KEY = "0"  # "Autre" in the reason lists: shown last


class CodeListFileError(Exception):
    """The file cannot be read as a code list file; the message is French."""


@dataclass
class ListCount:
    list_code: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    counts: dict[str, ListCount] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # French, one line per entry left out

    def count(self, list_code: str) -> ListCount:
        return self.counts.setdefault(list_code, ListCount(list_code))


@dataclass(frozen=True)
class Entry:
    list_code: str
    key: str
    value: str
    properties: dict


def default_file() -> Path:
    return Path(settings.EMCS_CODELISTS_FILE)


def read(path: Path | None = None) -> list[Entry]:
    """The entries of a code list file, checked for shape."""
    path = path or default_file()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CodeListFileError(f"Fichier introuvable : {path}") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CodeListFileError(f"Le fichier {path} n'est pas un JSON lisible : {error}") from error
    if not isinstance(data, list):
        raise CodeListFileError(f"Le fichier {path} doit contenir un tableau JSON d'entrées.")
    entries = []
    for position, item in enumerate(data, start=1):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("codeListCode"), str)
            and isinstance(item.get("key"), str)
            and isinstance(item.get("value"), str)
            and isinstance(item.get("properties", {}), dict)
        ):
            raise CodeListFileError(
                f"Entrée n° {position} invalide : codeListCode, key et value (textes) et properties (objet) attendus."
            )
        entries.append(
            Entry(item["codeListCode"].strip(), item["key"].strip(), item["value"].strip(), item.get("properties", {}))
        )
    return entries


def _upsert(model, existing: dict, wanted: dict[object, dict], new_row, count: ListCount) -> None:
    """Create the rows of ``wanted`` (key → field values) missing from ``existing`` (key → row)
    with ``new_row(key, values)``, and update the ones whose values differ."""
    to_create, to_update = [], []
    fields = sorted({name for values in wanted.values() for name in values})
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            to_create.append(new_row(key, values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    count.created += len(to_create)
    count.updated += len(to_update)
    count.unchanged += len(wanted) - len(to_create) - len(to_update)


def _upsert_by_code(model, wanted: dict[str, dict], count: ListCount) -> None:
    existing = {row.code: row for row in model.objects.filter(code__in=wanted)}
    _upsert(model, existing, wanted, lambda code, values: model(code=code, **values), count)


def _by_list(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    lists: dict[str, list[Entry]] = {}
    for entry in entries:
        lists.setdefault(entry.list_code, []).append(entry)
    return lists


def _flag(properties: dict, name: str) -> bool:
    return properties.get(name) is True


def load(path: Path | None = None) -> LoadReport:
    """Load (or reload) every list of the file, in one transaction."""
    lists = _by_list(read(path))
    report = LoadReport()
    with transaction.atomic():
        _upsert_by_code(
            ExciseProductCode,
            {
                entry.key: {
                    "description": entry.value,
                    "label": labels.label(EXCISE_PRODUCTS, entry.key),
                    "category": str(entry.properties.get("exciseProductsCategoryCode", "")),
                    "unit_of_measure": str(entry.properties.get("unitOfMeasureCode", "")),
                    "alcoholic_strength_applicable": _flag(entry.properties, "alcoholicStrengthApplicabilityFlag"),
                    "degree_plato_applicable": _flag(entry.properties, "degreePlatoApplicabilityFlag"),
                    "density_applicable": _flag(entry.properties, "densityApplicabilityFlag"),
                }
                for entry in lists.get(EXCISE_PRODUCTS, [])
            },
            report.count(EXCISE_PRODUCTS),
        )
        _upsert_by_code(
            CnCode,
            {
                entry.key: {"description": entry.value, "label": labels.label(CN_CODES, entry.key)}
                for entry in lists.get(CN_CODES, [])
            },
            report.count(CN_CODES),
        )
        _upsert_by_code(
            PackageKind,
            {
                entry.key: {
                    "description": entry.value,
                    "label": labels.label(PACKAGE_KINDS, entry.key),
                    "countable": _flag(entry.properties, "countableFlag"),
                }
                for entry in lists.get(PACKAGE_KINDS, [])
            },
            report.count(PACKAGE_KINDS),
        )
        _load_correspondence(lists.get(EPC_CN_CORRESPONDENCE, []), report)
        for list_code, entries in sorted(lists.items()):
            if list_code in DEDICATED_LISTS:
                continue
            _load_generic(list_code, entries, report.count(list_code))
        changed()
    return report


def _load_correspondence(entries: list[Entry], report: LoadReport) -> None:
    """E200: the key is the CN code, the value the EPC; one row per pair."""
    count = report.count(EPC_CN_CORRESPONDENCE)
    known_epcs = set(ExciseProductCode.objects.values_list("code", flat=True))
    known_cn = set(CnCode.objects.values_list("code", flat=True))
    wanted = set()
    for entry in entries:
        cn, epc = entry.key, entry.value
        if epc in PLACEHOLDER_EPCS:
            report.skipped.append(f"E200 : code NC {cn} ↔ {epc} ignoré (code produit fictif de l'instantané).")
        elif epc not in known_epcs:
            report.skipped.append(f"E200 : code NC {cn} ↔ {epc} ignoré (code produit absent de BC36).")
        elif cn not in known_cn:
            report.skipped.append(f"E200 : code NC {cn} ↔ {epc} ignoré (code NC absent de BC37).")
        else:
            wanted.add((epc, cn))
    existing = set(EpcCnCode.objects.values_list("epc_id", "cn_id"))
    new = sorted(wanted - existing)
    EpcCnCode.objects.bulk_create([EpcCnCode(epc_id=epc, cn_id=cn) for epc, cn in new], batch_size=500)
    count.created += len(new)
    count.unchanged += len(wanted & existing)


def _load_generic(list_code: str, entries: list[Entry], count: ListCount) -> None:
    wanted = {
        entry.key: {"value": entry.value, "label": labels.label(list_code, entry.key), "properties": entry.properties}
        for entry in entries
    }
    existing = {row.key: row for row in CodeListEntry.objects.filter(list_code=list_code)}
    _upsert(
        CodeListEntry,
        existing,
        wanted,
        lambda key, values: CodeListEntry(list_code=list_code, key=key, **values),
        count,
    )


# Reads -------------------------------------------------------------------------------------------


def epc(code: str) -> ExciseProductCode | None:
    """The excise product of that code, or None."""
    return ExciseProductCode.objects.filter(code=code).first()


def excise_products() -> QuerySet[ExciseProductCode]:
    return ExciseProductCode.objects.order_by("code")


def cn_codes_for_epc(epc: ExciseProductCode | str) -> QuerySet[CnCode]:
    """The CN codes a line of that EPC may take (E200), in code order. For S500 any CN code is
    allowed (BR018), so every CN code of BC37 is returned."""
    code = epc if isinstance(epc, str) else epc.code
    if code == "S500":
        return CnCode.objects.order_by("code")
    return CnCode.objects.filter(epc_links__epc_id=code).order_by("code")


def is_countable_package(kind: str) -> bool:
    """Whether the number of packages is required for that kind of packages (C073); False for a
    kind the list does not know."""
    return PackageKind.objects.filter(code=kind, countable=True).exists()


def states_taxing_beer_by_plato() -> frozenset[str]:
    """The member states that tax beer by degree Plato (BC109)."""
    return frozenset(CodeListEntry.objects.filter(list_code=BEER_PLATO_STATES).values_list("key", flat=True))


def _key_order(key: str) -> tuple:
    # Numeric keys in numeric order ("2" before "10"), "0" (Autre) last.
    if key == OTHER_KEY:
        return (2, 0, key)
    if key.isdigit():
        return (0, int(key), key)
    return (1, 0, key)


def entries(list_code: str) -> list[CodeListEntry]:
    """The entries of a list kept in CodeListEntry, keys in numeric order and "Autre" (0) last."""
    return sorted(CodeListEntry.objects.filter(list_code=list_code), key=lambda entry: _key_order(entry.key))


def choices(list_code: str) -> list[tuple[str, str]]:
    """``(key, label)`` pairs for a form's select, French label where known."""
    return [(entry.key, entry.display) for entry in entries(list_code)]


def reasons(list_code: str) -> list[tuple[str, str]]:
    """The reasons of one of the reason lists (BC22, BC26, BC43, BC46, BC51), "Autre" last."""
    if list_code not in REASON_LISTS:
        raise ValueError(f"{list_code} is not a list of reasons ({', '.join(sorted(REASON_LISTS))}).")
    return choices(list_code)


def label(list_code: str, key: str) -> str:
    """The label of one entry of a generic list (``label("BC67", "3")`` → ``Transport routier``), or
    the key itself when the list does not know it."""
    entry = CodeListEntry.objects.filter(list_code=list_code, key=key).first()
    return entry.display if entry else key


# What the business rules need, read in a few queries for one draft --------------------------------


@dataclass(frozen=True)
class ReferenceData:
    """The reference data a draft's rules look at, keyed by code: its excise products, the CN
    codes allowed for each (E200), whether its kinds of packages are countable, and the states that
    tax beer by degree Plato."""

    products: dict[str, ExciseProductCode] = field(default_factory=dict)
    cn_codes_by_epc: dict[str, frozenset[str]] = field(default_factory=dict)
    countable_packages: dict[str, bool] = field(default_factory=dict)
    plato_states: frozenset[str] = frozenset()


def reference_for(*, epcs: Iterable[str], package_kinds: Iterable[str]) -> ReferenceData:
    """The reference data of these codes, from the lists as read once per process (``snapshot``)."""
    whole = snapshot()
    epcs = {code for code in epcs if code}
    package_kinds = {kind for kind in package_kinds if kind}
    return ReferenceData(
        products={code: whole.products[code] for code in epcs if code in whole.products},
        cn_codes_by_epc={code: whole.cn_codes_by_epc.get(code, frozenset()) for code in epcs},
        countable_packages={
            kind: whole.countable_packages[kind] for kind in package_kinds if kind in whole.countable_packages
        },
        plato_states=whole.plato_states,
    )


# The rules' lists, kept per process --------------------------------------------------------------
#
# Every validation reads the same few hundred rows (31 excise products, 457 E200 pairs, the kinds
# of packages, BC109): each process reads them once, in four queries, and keeps them until they
# change. A change (a load, an edit in the admin) writes a new version under VERSION_KEY in
# Django's cache — Redis, shared by every worker, in production — once committed; each use
# compares the version it holds with the cache's (one cache read) and reads the lists again when
# they differ.

VERSION_KEY = "emcs:codelists:version"
_kept: tuple[str, ReferenceData] | None = None


def snapshot() -> ReferenceData:
    """Every product, E200 pair, kind of package and BC109 state, as of the last change."""
    global _kept
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    kept = _kept
    if kept is not None and kept[0] == version:
        return kept[1]
    cn_codes: dict[str, set[str]] = {}
    for epc_code, cn_code in EpcCnCode.objects.values_list("epc_id", "cn_id"):
        cn_codes.setdefault(epc_code, set()).add(cn_code)
    whole = ReferenceData(
        products={product.code: product for product in ExciseProductCode.objects.all()},
        cn_codes_by_epc={code: frozenset(values) for code, values in cn_codes.items()},
        countable_packages=dict(PackageKind.objects.values_list("code", "countable")),
        plato_states=states_taxing_beer_by_plato(),
    )
    _kept = (version, whole)
    return whole


def forget() -> None:
    """Drop this process's lists (they are read again on the next use)."""
    global _kept
    _kept = None


def changed(**_signal) -> None:
    """The lists changed: this process forgets them now, every process once the change is
    committed (a rolled-back change leaves the version as it was)."""
    forget()
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))
