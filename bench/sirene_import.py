"""Benchmark of the SIRENE import on PostgreSQL: end-to-end ``import_sirene`` against raw ``COPY``.

    .venv/bin/python bench/sirene_import.py                  # 5 million establishments (default)
    .venv/bin/python bench/sirene_import.py --rows 1000000   # smaller

What it does, on the database ``bench`` (created and migrated if missing):
1. writes synthetic stock files with ``generate_sirene`` into ``bench/data/`` (kept for the next run):
   StockEtablissement (54 columns, the current vintage) and StockUniteLegale for the same SIRENs;
2. times the raw ``COPY`` of the establishment CSV into a plain table of 54 text columns (no
   index, no check): the ceiling for these rows on this machine;
3. times ``manage.py import_sirene`` (a separate process, as an operator runs it) on an empty
   table, then again on the full table (the monthly re-import: every row meets its twin), and
   reports rows/s, the ratio to raw COPY and the peak memory (RSS) of the import process;
4. does the same for a 1-million-row file, to show that memory does not grow with the file;
5. leaves ``bench`` filled: all establishments and legal units, for the SIRET look-up benchmark.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench"
SEED = 2009


def database_url() -> str:
    return f"{SERVER}/{DATABASE}"


def run(*args: str, env: dict | None = None) -> tuple[float, int, str]:
    """Run a command; return (seconds, peak RSS of the process in MiB, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"{' '.join(args)} failed ({process.returncode}):\n{output}")
    return seconds, usage.ru_maxrss // 1024, output


def django_env() -> dict:
    return {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "prodouane.settings"}


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    run(str(PYTHON), "manage.py", "migrate", "--noinput", "-v0", env=django_env())


def ensure_files(rows: int) -> dict[str, Path]:
    """Synthetic files of ``rows`` establishments (and 2/3 as many legal units), made once."""
    folder = DATA / f"{rows}"
    paths = {"establishments": folder / "StockEtablissement.csv", "legal_units": folder / "StockUniteLegale.csv"}
    done = folder / ".complete"
    if not done.exists():
        seconds, _, _ = run(
            str(PYTHON),
            "manage.py",
            "generate_sirene",
            "--etablissements",
            str(rows),
            "--unites-legales",
            str(rows * 2 // 3),
            "--seed",
            str(SEED),
            "--out",
            str(folder),
            "-v",
            "0",
            env=django_env(),
        )
        done.write_text(f"{rows} rows, seed {SEED}, {seconds:.0f} s\n")
        print(f"generated {rows:,} establishments in {seconds:.0f} s")
    return paths


def raw_copy(path: Path) -> float:
    """Seconds to COPY the CSV as it is into a plain table of text columns."""
    with path.open(encoding="utf-8") as stream:
        header = stream.readline().strip().split(",")
    columns = ", ".join(f'"{name}" text' for name in header)
    with psycopg.connect(database_url(), autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_raw_copy")
        connection.execute(f"CREATE TABLE bench_raw_copy ({columns})")
        connection.execute("CHECKPOINT")
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY bench_raw_copy FROM STDIN (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as stream,
        ):
            while block := stream.read(1 << 20):
                copy.write(block)
        seconds = time.perf_counter() - started
        connection.execute("DROP TABLE bench_raw_copy")
    return seconds


def truncate(*tables: str) -> None:
    with psycopg.connect(database_url(), autocommit=True) as connection:
        connection.execute(f"TRUNCATE {', '.join(tables)}")
        connection.execute("CHECKPOINT")


def count(table: str) -> int:
    with psycopg.connect(database_url(), autocommit=True) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - our table names


def import_sirene(option: str, path: Path) -> tuple[float, int, str]:
    return run(str(PYTHON), "manage.py", "import_sirene", option, str(path), "--sans-progression", env=django_env())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5_000_000, help="establishments in the big file")
    parser.add_argument("--small-rows", type=int, default=1_000_000, help="establishments in the memory check file")
    arguments = parser.parse_args()

    ensure_database()
    results = []
    for rows in (arguments.small_rows, arguments.rows):
        paths = ensure_files(rows)
        size = paths["establishments"].stat().st_size
        copy_seconds = raw_copy(paths["establishments"])
        truncate("register_establishment")
        first, first_rss, out = import_sirene("--etablissements", paths["establishments"])
        print(out.strip())
        assert count("register_establishment") == rows
        again, again_rss, out = import_sirene("--etablissements", paths["establishments"])
        print(out.strip())
        results.append((rows, size, copy_seconds, first, first_rss, again, again_rss))
        print(
            f"load average {os.getloadavg()[0]:.1f}; "
            f"{rows:,} rows ({size / 1e9:.2f} GB): raw COPY {rows / copy_seconds:,.0f} rows/s; "
            f"import {rows / first:,.0f} rows/s (ratio {copy_seconds / first:.2f}), {first_rss} MiB; "
            f"re-import {rows / again:,.0f} rows/s (ratio {copy_seconds / again:.2f}), {again_rss} MiB"
        )
    # The legal units of the big file, so that look-ups find the company of each establishment.
    truncate("register_legalunit")
    units_seconds, units_rss, out = import_sirene("--unites-legales", paths["legal_units"])
    print(out.strip())
    units = count("register_legalunit")

    print()
    print(
        "| file | rows | raw COPY rows/s | import rows/s (empty table) | ratio | re-import rows/s | ratio | peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for rows, size, copy_seconds, first, first_rss, again, again_rss in results:
        print(
            f"| StockEtablissement, {size / 1e9:.2f} Go | {rows:,} | {rows / copy_seconds:,.0f} | {rows / first:,.0f} "
            f"({first:.0f} s) | {copy_seconds / first:.2f} | {rows / again:,.0f} ({again:.0f} s) | "
            f"{copy_seconds / again:.2f} | {max(first_rss, again_rss)} Mio |"
        )
    print(
        f"| StockUniteLegale | {units:,} | | {units / units_seconds:,.0f} ({units_seconds:.0f} s) | | | | "
        f"{units_rss} Mio |"
    )
    big_rows, _, _, big_first, *_ = results[-1]
    full = 42_000_000 / (big_rows / big_first)
    print(f"\nprojected full StockEtablissement (42 M rows): {full / 60:.1f} min")


if __name__ == "__main__":
    main()
