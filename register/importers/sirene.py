"""Import of INSEE's SIRENE stock files (``StockUniteLegale``, ``StockEtablissement``).

The files: UTF-8 CSV, comma, one header row, possibly inside a ZIP; about 29 and 42 million rows.
Columns are found by their header name (spaces stripped), never by position: the establishment
file has 53 columns, 54 since the NAF 2025 vintage, and INSEE adds columns from time to time.
A masked value (personal data of a partially diffusible unit) reads ``[ND]`` and is stored empty.

The import streams: a CSV reader over a text stream, rows validated one by one and sent to the
database in batches, so the memory stays flat whatever the file size. It upserts on the SIREN or
SIRET: importing the same file twice, or next month's file, updates the rows in place (and
``updated_at`` only where something changed). A bad row (wrong number of columns, SIREN or SIRET
failing its check digit, SIRET that is not SIREN + NIC, impossible date, unknown code) is reported
with its line number and the reason, and the import goes on.

PostgreSQL loads each batch of 50,000 rows with ``COPY`` into a temporary staging table, then
one ``INSERT … SELECT … ON CONFLICT DO UPDATE``. On the first load (the table was empty when the
import started) there is nothing to update: the batches go straight into the table with ``COPY``,
and a batch it refuses (a SIRET twice in the file, a value longer than INSEE says) takes the
staging way. Two threads share the work so that both cores do: this one reads, checks and formats
the rows, the other streams them to PostgreSQL and waits for it, through a bounded queue. Other
databases (SQLite) get batched ``INSERT … ON CONFLICT DO UPDATE``. The row checks are the hot
loop: a few dictionary and set look-ups per row (see ``identifiers.bulk``). Figures:
``bench/README.md``.

The files' columns and what is kept of them are in ``sirene_columns``, the report in
``sirene_report``; both are re-exported here.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import io
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from queue import Empty, Full, Queue

import psycopg
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from identifiers import bulk as checks
from register.importers.sirene_columns import (
    BOOLEAN,
    BOOLEANS,
    DATE,
    ESTABLISHMENT_HEADER,
    ESTABLISHMENT_HEADER_NAF25,
    ESTABLISHMENTS,
    LEGAL_UNIT_HEADER,
    LEGAL_UNIT_HEADER_NAF25,
    LEGAL_UNITS,
    STATE,
    STATES,
    TEXT,
    Column,
    StockFile,
    _with_lengths,
)
from register.importers.sirene_report import (
    ImportReport,
    Rejection,
    SireneFormatError,
    _number,
)

__all__ = [
    "BOOLEAN",
    "BOOLEANS",
    "DATE",
    "ESTABLISHMENTS",
    "ESTABLISHMENT_HEADER",
    "ESTABLISHMENT_HEADER_NAF25",
    "LEGAL_UNITS",
    "LEGAL_UNIT_HEADER",
    "LEGAL_UNIT_HEADER_NAF25",
    "STATE",
    "STATES",
    "TEXT",
    "Column",
    "ImportReport",
    "Rejection",
    "SireneFormatError",
    "StockFile",
    "_number",
    "_with_lengths",
]

MASKED = "[ND]"  # INSEE's mark of a value that is not diffusible


# --- Reading: plain CSV or ZIP, counting bytes for the progress bar ----------------------------------


class _CountingReader(io.RawIOBase):
    """A binary stream that tells ``on_bytes`` how much has been read (the progress bar)."""

    def __init__(self, stream, on_bytes: Callable[[int], object] | None):
        self._stream = stream
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        if self._on_bytes and size:
            self._on_bytes(size)
        return size


@contextlib.contextmanager
def open_stock_file(path: str | Path, on_bytes: Callable[[int], object] | None = None):
    """Yield ``(text stream, size in bytes)`` of a stock file, plain ``.csv`` or ``.zip`` holding one CSV.

    The size is that of the CSV itself (uncompressed), so that a progress bar fed by ``on_bytes``
    ends at 100 % in both cases."""
    path = Path(path)
    with contextlib.ExitStack() as stack:
        if zipfile.is_zipfile(path):
            archive = stack.enter_context(zipfile.ZipFile(path))
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
            if len(members) != 1:
                raise SireneFormatError(f"{path.name} : l'archive doit contenir un et un seul fichier CSV.")
            raw, size = stack.enter_context(archive.open(members[0])), members[0].file_size
        else:
            raw, size = stack.enter_context(path.open("rb")), path.stat().st_size
        buffered = io.BufferedReader(_CountingReader(raw, on_bytes), buffer_size=1 << 20)
        # utf-8-sig drops a byte order mark if a tool added one; newline="" as the csv module wants.
        yield io.TextIOWrapper(buffered, encoding="utf-8-sig", newline=""), size


# --- Validation: the hot loop ------------------------------------------------------------------------


class _Rows:
    """Valid rows of a stock file, in chunks of tuples ordered as ``stock.columns``; bad rows rejected.

    Values are passed on as read, ``[ND]`` included: the writers blank it out, chunk by chunk."""

    def __init__(self, stock: StockFile, text, report: ImportReport, on_reject):
        self.stock = stock
        self.reader = csv.reader(text)
        self.report = report
        self.on_reject = on_reject
        try:
            header = [name.strip() for name in next(self.reader)]
        except StopIteration:
            raise SireneFormatError("Le fichier est vide : la ligne d'en-tête manque.") from None
        positions = {name: i for i, name in reversed(list(enumerate(header)))}
        missing = [c.source for c in stock.columns if c.source not in positions]
        if missing:
            raise SireneFormatError(
                f"Ce n'est pas un fichier SIRENE des {stock.label} : colonne(s) absente(s) : {', '.join(missing)}."
            )
        self.width = len(header)
        self.pick = itemgetter(*(positions[c.source] for c in stock.columns))

    def reject(self, reason: str) -> None:
        report = self.report
        report.rejected += 1
        rejection = Rejection(self.reader.line_num, reason)
        if len(report.rejections) < report.KEPT_REJECTIONS:
            report.rejections.append(rejection)
        if self.on_reject:
            self.on_reject(rejection)

    def chunks(self, size: int) -> Iterator[list[tuple[str, ...]]]:
        """Lists of at most ``size`` valid rows; ``report.rows_read`` counts as it goes."""
        # The hot loop: per row, a column count, SIRET = SIREN + NIC and both Luhn sums from five
        # table look-ups, no function call (La Poste's SIRETs go to python-stdnum); set
        # look-ups for the coded values; the good dates already seen are remembered (a few ten
        # thousand different days in a whole file).
        report, reader, width, pick, stock = self.report, self.reader, self.width, self.pick, self.stock
        is_establishment = stock.key == "siret"
        kinds = [c.kind for c in stock.columns]
        date_at, state_at = kinds.index(DATE), kinds.index(STATE)
        flag_at = kinds.index(BOOLEAN) if BOOLEAN in kinds else None
        even5, odd5, even4, odd4 = checks.EVEN5, checks.ODD5, checks.EVEN4, checks.ODD4
        good_dates = {"", MASKED}
        states, booleans, la_poste = STATES, BOOLEANS, checks.LA_POSTE_SIREN
        chunk: list[tuple[str, ...]] = []
        append = chunk.append
        while True:
            try:
                for row in reader:
                    if len(row) != width:
                        self.reject(f"{len(row)} colonnes au lieu de {width}")
                        continue
                    values = pick(row)
                    if is_establishment:
                        siret, siren, nic = values[0], values[1], values[2]
                        head, tail = siren[:5], siren[5:]
                        try:  # a piece of the wrong length or not digits is not a key: KeyError
                            bad = (
                                siret != siren + nic
                                or (odd5[head] + even4[tail]) % 10  # the SIREN
                                or (even5[head] + odd4[tail] + odd5[nic]) % 10  # the SIRET
                                or siren == la_poste  # whose SIRETs follow another rule
                            )
                        except KeyError:
                            bad = True
                        if bad and not (siren == la_poste and siret == siren + nic and checks.siret_is_valid(siret)):
                            self.reject(_establishment_problem(siret, siren, nic))
                            continue
                    else:
                        siren = values[0]
                        try:
                            bad = (odd5[siren[:5]] + even4[siren[5:]]) % 10
                        except KeyError:
                            bad = True
                        if bad:
                            self.reject(_siren_problem(siren))
                            continue
                    day = values[date_at]
                    if day not in good_dates:
                        if not _is_iso_date(day):
                            self.reject(f"date invalide « {day} » ({stock.columns[date_at].source})")
                            continue
                        good_dates.add(day)
                    if values[state_at] not in states:
                        column = stock.columns[state_at].source
                        self.reject(f"état administratif inconnu « {values[state_at]} » ({column})")
                        continue
                    if flag_at is not None and values[flag_at] not in booleans:
                        column = stock.columns[flag_at].source
                        self.reject(f"« {values[flag_at]} » au lieu de true ou false ({column})")
                        continue
                    append(values)
                    if len(chunk) >= size:
                        report.rows_read += len(chunk)
                        yield chunk
                        chunk = []
                        append = chunk.append
                break
            except csv.Error as error:  # e.g. a quote never closed; the reader goes on with the next line
                self.reject(f"ligne illisible ({error})")
        report.rows_read += len(chunk) + report.rejected
        if chunk:
            yield chunk


def _is_iso_date(value: str) -> bool:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _establishment_problem(siret: str, siren: str, nic: str) -> str:
    if not checks.siret_is_valid(siret):
        return _siret_problem(siret)
    return f"le SIRET {siret} ne correspond pas au SIREN « {siren} » et au NIC « {nic} »"


def _siret_problem(siret: str) -> str:
    if len(siret) != 14 or not siret.isdigit():
        return f"SIRET « {siret} » : 14 chiffres attendus"
    if siret.startswith(checks.LA_POSTE_SIREN):
        return f"SIRET {siret} invalide (La Poste : la somme des chiffres doit être un multiple de 5)"
    if not checks.siren_is_valid(siret[:9]):
        return f"SIRET {siret} invalide (clé de contrôle du SIREN {siret[:9]} incorrecte)"
    return f"SIRET {siret} invalide (clé de contrôle incorrecte)"


def _siren_problem(siren: str) -> str:
    if len(siren) != 9 or not siren.isdigit():
        return f"SIREN « {siren} » : 9 chiffres attendus"
    return f"SIREN {siren} invalide (clé de contrôle incorrecte)"


# --- Writing: COPY on PostgreSQL, batched upserts elsewhere ------------------------------------------

POSTGRES_BATCH_ROWS = 50_000  # rows per COPY + INSERT … SELECT: the staging table stays within temp_buffers
COPY_CHUNK_ROWS = 5_000  # rows per write to the COPY stream
PIPELINE_CHUNKS = 40  # chunks waiting between the reading and the writing thread (about 25 MB of text)
EXECUTEMANY_BATCH_ROWS = 5_000  # rows per transaction on SQLite


def _select_expression(column: Column, value: str, *, cut: bool = False) -> str:
    """SQL turning the staged text ``value`` into the model's value; ``cut`` to the column's length."""
    if column.kind == DATE:
        return f"NULLIF({value}, '')::date" if connection.vendor == "postgresql" else f"NULLIF({value}, '')"
    if column.kind == STATE:
        return f"CASE WHEN {value} = 'A' THEN 'A' ELSE 'C' END"
    if column.kind == BOOLEAN:
        return f"({value} = 'true')"
    if cut and column.max_length:
        return f"substr({value}, 1, {column.max_length})"
    return value


def _upsert_tail(stock: StockFile) -> str:
    """``ON CONFLICT`` clause: update the row, and ``updated_at``, only where something changed."""
    qn = connection.ops.quote_name
    others = [qn(c.name) for c in stock.columns[1:]]
    assignments = ", ".join(f"{name} = EXCLUDED.{name}" for name in [*others, qn("updated_at")])
    changed = " OR ".join(f"{qn(stock.table)}.{name} IS DISTINCT FROM EXCLUDED.{name}" for name in others)
    if connection.vendor == "sqlite":
        changed = changed.replace("IS DISTINCT FROM", "IS NOT")
    return f"ON CONFLICT ({qn(stock.key)}) DO UPDATE SET {assignments} WHERE {changed}"


def _write_postgresql(stock: StockFile, rows: _Rows, report: ImportReport) -> None:
    qn = connection.ops.quote_name
    stage = f"sirene_stage_{stock.model._meta.model_name}"
    names = [c.name for c in stock.columns]
    columns = ", ".join(qn(name) for name in [*names, "updated_at"])
    select = ", ".join(_select_expression(c, qn(c.name)) for c in stock.columns)
    select_cut = ", ".join(_select_expression(c, qn(c.name), cut=True) for c in stock.columns)
    # Every name in these statements comes from the model and the constants above, none from the file.
    # The first load (the table was empty when the import started): COPY straight into the table.
    copy_into_table = f"COPY {qn(stock.table)} ({columns}) FROM STDIN"
    # Otherwise: COPY into the staging table, then upsert.
    upsert = (
        f"INSERT INTO {qn(stock.table)} ({columns}) SELECT {select}, statement_timestamp() "  # noqa: S608
        f"FROM {stage} {_upsert_tail(stock)}"
    )
    # When that fails on the batch, the careful upsert: the same key twice in the batch (ON CONFLICT
    # refuses to touch a row twice: keep the last one read, a freshly truncated staging table keeping
    # the rows in the order they came), a key already there (first load), a value longer than INSEE
    # says (cut to the column's length).
    careful_upsert = (
        f"INSERT INTO {qn(stock.table)} ({columns}) SELECT {select_cut}, statement_timestamp() FROM "  # noqa: S608
        f"(SELECT DISTINCT ON ({qn(stock.key)}) * FROM {stage} ORDER BY {qn(stock.key)}, ctid DESC) AS last_read "
        f"{_upsert_tail(stock)}"
    )
    refused = (
        psycopg.errors.IntegrityError,  # a key twice
        psycopg.errors.CardinalityViolation,  # a key twice in one batch
        psycopg.errors.DataError,  # a value too long
    )
    width = len(names)
    connection.ensure_connection()
    pg = connection.connection

    def write(texts: Iterator[tuple[str, int]]) -> None:
        """In the writing thread: batches of rows into PostgreSQL."""
        with pg.cursor() as cursor:

            def upsert_batch(batch: Iterable[str], statement: str) -> None:
                with cursor.copy(f"COPY {stage} FROM STDIN") as copy:
                    for text in batch:
                        copy.write(text)
                try:
                    with pg.transaction():
                        cursor.execute(statement)
                except refused:
                    with pg.transaction():
                        cursor.execute(careful_upsert)
                cursor.execute(f"TRUNCATE {stage}")

            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(f"CREATE TEMPORARY TABLE {stage} ({', '.join(f'{qn(n)} text' for n in names)})")
            cursor.execute("SET synchronous_commit = off")  # a crash loses the last batches: rerun the import
            first_load = cursor.execute(f"SELECT NOT EXISTS (SELECT FROM {qn(stock.table)})").fetchone()[0]  # noqa: S608
            try:
                while True:
                    batch: list[str] = []
                    staged = 0
                    while staged < POSTGRES_BATCH_ROWS and (item := next(texts, None)):
                        batch.append(item[0])
                        staged += item[1]
                    if not staged:
                        break
                    if first_load:
                        stamp = timezone.now().isoformat()
                        try:
                            with pg.transaction(), cursor.copy(copy_into_table) as copy:
                                for text in batch:
                                    copy.write(_as_table_rows(text, stamp))
                        except refused:
                            upsert_batch(batch, careful_upsert)
                    else:
                        upsert_batch(batch, upsert)
                    report.imported += staged
            finally:
                with contextlib.suppress(DatabaseError, psycopg.Error):  # not over an aborted transaction
                    cursor.execute("RESET synchronous_commit")
                    cursor.execute(f"DROP TABLE IF EXISTS {stage}")

    # This thread reads, checks and formats; the other one waits for PostgreSQL (the GIL is released
    # meanwhile), so that both cores work. A bounded queue keeps the memory flat.
    texts = ((_copy_text(chunk, width), len(chunk)) for chunk in rows.chunks(COPY_CHUNK_ROWS))
    _in_background(write, texts, capacity=PIPELINE_CHUNKS, report=report)


def _as_table_rows(text: str, stamp: str) -> str:
    """Staged rows (COPY text format, all text) as the model's table takes them. Every line ends
    with the date, then the state: closed (F, or C for a legal unit) becomes C, an empty date
    NULL (``\\N``), and ``updated_at`` is added."""
    text = text.replace("\tF\n", "\tC\n")
    text = text.replace("\t\tA\n", "\t\\N\tA\n").replace("\t\tC\n", "\t\\N\tC\n")
    return text.replace("\n", f"\t{stamp}\n")


_END = object()
_ABORT = object()


class _ProducerFailed(Exception):
    """The reading thread stopped on an error: the writing thread gives up its batch."""


def _in_background(
    consume: Callable[[Iterator], None], items: Iterable, *, capacity: int, report: ImportReport
) -> None:
    """Run ``consume(iterator)`` in another thread over ``items``, produced in this one; re-raise
    the consumer's error here. At most ``capacity`` items wait between the two. The time each side
    waits for the other goes to ``report`` (which one is the bottleneck)."""
    queue: Queue = Queue(maxsize=capacity)
    failures: list[BaseException] = []
    consumer_failed = threading.Event()

    def received():
        while True:
            try:
                item = queue.get_nowait()
            except Empty:
                started = time.perf_counter()
                item = queue.get()
                report.writer_idle_seconds += time.perf_counter() - started
            if item is _END:
                return
            if item is _ABORT:
                raise _ProducerFailed
            yield item

    def run():
        try:
            consume(received())
        except _ProducerFailed:
            pass
        except BaseException as error:
            failures.append(error)
            consumer_failed.set()

    def put(item) -> bool:
        try:
            queue.put_nowait(item)
            return True
        except Full:
            pass
        started = time.perf_counter()
        try:
            while not consumer_failed.is_set():
                try:
                    queue.put(item, timeout=0.2)
                    return True
                except Full:
                    continue
            return False
        finally:
            report.reader_idle_seconds += time.perf_counter() - started

    thread = threading.Thread(target=run, name="sirene-writer", daemon=True)
    thread.start()
    try:
        for item in items:
            if not put(item):
                break
        else:
            put(_END)
    except BaseException:
        put(_ABORT)
        raise
    finally:
        thread.join()
    if failures:
        raise failures[0]


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(chunk: list[tuple[str, ...]], width: int) -> str:
    """Rows in COPY's text format, ``[ND]`` blanked out. INSEE's values almost never hold a tab, a
    line break or a backslash: join blindly, count the separators, escape row by row only if they
    do not add up."""
    text = "\n".join(map("\t".join, chunk)) + "\n"
    if "\\" in text or "\r" in text or text.count("\t") != len(chunk) * (width - 1) or text.count("\n") != len(chunk):
        text = "".join("\t".join(_blank(value).translate(_COPY_ESCAPES) for value in row) + "\n" for row in chunk)
    elif MASKED in text:
        # A whole field, never the first one (the key is never masked). Twice: in "\t[ND]\t[ND]\t"
        # the first replacement takes the tab the second one needs.
        text = text.replace("\t[ND]\t", "\t\t").replace("\t[ND]\t", "\t\t").replace("\t[ND]\n", "\t\n")
    return text


def _blank(value: str) -> str:
    return "" if value == MASKED else value


def _write_executemany(stock: StockFile, rows: _Rows, report: ImportReport) -> None:
    qn = connection.ops.quote_name
    target = ", ".join(qn(name) for name in [*(c.name for c in stock.columns), "updated_at"])
    values = ", ".join(_select_expression(c, "%s", cut=True) for c in stock.columns)
    sql = f"INSERT INTO {qn(stock.table)} ({target}) VALUES ({values}, %s) {_upsert_tail(stock)}"  # noqa: S608
    for chunk in rows.chunks(EXECUTEMANY_BATCH_ROWS):
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        params = [(*(map(_blank, row) if MASKED in row else row), now) for row in chunk]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, params)
        report.imported += len(chunk)


# --- Service functions -------------------------------------------------------------------------------


@contextlib.contextmanager
def _garbage_collector_on_new_objects_only():
    """The loop makes millions of short-lived lists and tuples: left alone, the cyclic garbage
    collector would walk the whole heap (Django, the check tables) again and again. Frozen, the
    objects already there are out of its sight; it still collects what the import makes."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def import_stock_file(
    *,
    stock: StockFile,
    path: str | Path,
    on_bytes: Callable[[int], object] | None = None,
    on_reject: Callable[[Rejection], object] | None = None,
) -> ImportReport:
    """Upsert every valid row of the stock file ``path`` (CSV or ZIP) into ``stock.model``.

    ``on_bytes(n)`` is called as the file is read (progress), ``on_reject(rejection)`` for each
    bad row. Raises ``SireneFormatError`` when the file is not the expected stock file."""
    report = ImportReport(label=f"{stock.label[0].upper()}{stock.label[1:]}")
    started = time.perf_counter()
    with _garbage_collector_on_new_objects_only(), open_stock_file(path, on_bytes) as (text, _size):
        rows = _Rows(stock, text, report, on_reject)
        if connection.vendor == "postgresql":
            _write_postgresql(stock, rows, report)
        else:
            _write_executemany(stock, rows, report)
    report.seconds = time.perf_counter() - started
    return report


def import_legal_units(*, path: str | Path, **options) -> ImportReport:
    """Import INSEE's ``StockUniteLegale`` (see ``import_stock_file`` for the options)."""
    return import_stock_file(stock=LEGAL_UNITS, path=path, **options)


def import_establishments(*, path: str | Path, **options) -> ImportReport:
    """Import INSEE's ``StockEtablissement`` (see ``import_stock_file`` for the options)."""
    return import_stock_file(stock=ESTABLISHMENTS, path=path, **options)


def stock_file_size(path: str | Path) -> int:
    """Bytes of CSV that the import will read (uncompressed size for a ZIP): the progress bar's total."""
    with open_stock_file(path) as (_text, size):
        return size
