"""``shora bench import [--rows N] [--database-url URL]``: the voter import beside COPY.

1. The PostgreSQL database named by the URL is dropped if it exists and created anew; the
   command then runs itself again with that database as its own (``SHORA_DATABASE_URL``).
2. It migrates, and builds a province like Khuzestan: 30 counties, 87 cities and 2,213
   villages, people spread over them roughly as they live.
3. It generates the extract (``extract``), N people, as a csv file.
4. It times PostgreSQL's own ``COPY`` of that file into a bare table with the same columns
   (no index, no constraint), streamed from the client as ``psql``'s ``\\copy`` does.
5. It times ``shora import voters`` of the same file, a child process run as an operator
   would run it, and its peak memory; then the re-import of an updated extract (1% of the
   people changed, 0.5% gone, 0.5% new), the everyday case.
6. It prints the figures, rows per second and the ratio to COPY.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from shora.bench_database import (
    is_postgres_url,
    machine_description,
    rerun_on_fresh_database,
)
from shora.elections.models import Election
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    election_create,
    province_create,
)
from shora.registers.bench.extract import HEADER, extract_write
from shora.registers.bench.updated import updated_extract_write

MARK = "SHORA_BENCH_DATABASE"
CITIES, VILLAGES, COUNTIES = 87, 2213, 30


def _province() -> tuple[Election, list[str], list[int]]:
    """A Khuzestan-sized province: constituency codes and how many people live in each."""
    with transaction.atomic():
        province = province_create(actor=None, code="06", name="خوزستان", name_en="Khuzestan")
        election = election_create(
            actor=None,
            province=province,
            name="انتخابات شوراهای ۱۴۰۵ (سنجش)",
            polling_date=datetime.date(2026, 5, 1),
            opens_at=datetime.time(8),
            closes_at=datetime.time(18),
        )
        codes: list[str] = []
        weights: list[int] = []
        for county_number in range(1, COUNTIES + 1):
            county = county_create(
                actor=None, province=province, code=f"06{county_number:02d}",
                name=f"شهرستان {county_number}",
            )  # fmt: skip
            district = district_create(
                actor=None, county=county, code=f"06{county_number:02d}01", name="مرکزی"
            )
            cities = [i for i in range(CITIES) if i % COUNTIES == county_number - 1]
            villages = [i for i in range(VILLAGES) if i % COUNTIES == county_number - 1]
            for kind, numbers in (("city", cities), ("village", villages)):
                for number in numbers:
                    population = 1_200_000 // (number + 1) if kind == "city" else 600
                    code = f"{1 if kind == 'city' else 2}{number:04d}"
                    constituency_create(
                        actor=None, election=election, district=district, code=code,
                        kind=kind, name=f"{'شهر' if kind == 'city' else 'روستای'} {number}",
                        population=population,
                    )  # fmt: skip
                    codes.append(code)
                    weights.append(population)
    return election, codes, weights


def _copy_seconds(path: Path) -> float:
    """PostgreSQL's COPY of the file into a bare table with the extract's columns."""
    columns = ", ".join(f"{name} text" for name in HEADER)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare ({columns})")
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    with (
        raw.cursor() as cursor,
        cursor.copy("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        path.open("rb") as stream,
    ):
        while chunk := stream.read(1 << 20):
            copy.write(chunk)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_bare")
        copied = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_bare")
    print(f"COPY loaded {copied:,} rows")
    return seconds


def _import_seconds(path: Path, election: Election) -> tuple[float, int]:
    """``shora import voters`` in a child process: seconds, and its exit code."""
    started = time.perf_counter()
    child = subprocess.run(  # noqa: S603 - our own command, our own arguments
        [sys.executable, "-m", "shora.cli", "import", "voters", str(path),
         "--election", str(election.pk)],
        check=False,
    )  # fmt: skip
    return time.perf_counter() - started, child.returncode


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _line(label: str, rows: int, seconds: float, copy: float) -> str:
    return (
        f"{label:<38} {seconds:9.1f} s {rows / seconds:12,.0f} rows/s {seconds / copy:7.1f}× COPY"
    )


def _run(rows: int) -> int:
    call_command("migrate", interactive=False, verbosity=0)
    print(f"shora bench import: {rows:,} rows · {timezone.localdate().isoformat()}")
    print(machine_description())
    election, codes, weights = _province()
    print(f"province: {COUNTIES} counties, {len(codes):,} constituencies")
    with tempfile.TemporaryDirectory(prefix="shora-bench-") as folder:
        extract = Path(folder) / "extract.csv"
        started = time.perf_counter()
        extract_write(extract, rows, codes, weights)
        size = extract.stat().st_size / 2**20
        print(f"generated {extract.name}: {size:,.0f} MiB in {time.perf_counter() - started:.0f} s")
        copy = _copy_seconds(extract)
        first, code = _import_seconds(extract, election)
        if code != 0:
            print(f"the import failed (exit {code})")
            return 1
        first_peak = _peak_mib()
        updated = updated_extract_write(extract, Path(folder) / "updated.csv", codes)
        second, code = _import_seconds(updated, election)
        if code != 0:
            print(f"the re-import failed (exit {code})")
            return 1
        print()
        print(_line("COPY into a bare table", rows, copy, copy))
        print(_line("shora import voters (empty register)", rows, first, copy))
        print(_line("shora import voters (1% changes)", rows, second, copy))
        print(f"peak memory of the import: {first_peak:,.0f} MiB; of both: {_peak_mib():,.0f} MiB")
    return 0


def bench_import_command(args: argparse.Namespace) -> int:
    url = args.database_url
    if not is_postgres_url(url):
        print("shora bench import needs a PostgreSQL database URL (postgres://…).")
        return 2
    rerun_on_fresh_database(url, MARK, args.command_line)
    return _run(args.rows)
