"""PostgreSQL's own ``pgbench`` doing a claim's transaction on the same database, at the
same concurrency, in the same run: the raw engine beside which our figure is read.

The transaction is what the identity desk asks of the database: the voter found by
election and national code (a random voter, from a lookup table of the register's codes
and a station serving each), the participation inserted (the unique constraint refusing a
second one), and, if it went in, the ballot token inserted. Everything else a claim does
(the device's token, the station's day, the polling window, eligibility, the answer's
JSON) is what our figure adds.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.db import connection

PGBENCH = shutil.which("pgbench") or "/usr/bin/pgbench"
LOOKUP_TABLE = "bench_claim_voters"

CLAIM_SCRIPT = r"""
\set n random(1, :voters)
BEGIN;
SELECT v.id AS voter, v.constituency_id AS constituency, c.station_id AS station
  FROM bench_claim_voters c
  JOIN registers_voter v
    ON v.election_id = :election AND v.national_code = c.national_code
   AND v.removed_by_id IS NULL
 WHERE c.n = :n \gset
WITH inserted AS (
  INSERT INTO polling_participation
         (election_id, voter_id, station_id, constituency_id, hour, document, fingerprint)
  VALUES (:election, :voter, :station, :constituency, date_trunc('hour', now()),
          'national_card', 'match')
  ON CONFLICT (election_id, voter_id) DO NOTHING
  RETURNING 1)
SELECT count(*) AS inserted FROM inserted \gset
\if :inserted
INSERT INTO polling_ballottoken
       (id, token_hash, station_id, constituency_id, issued_hour, status, void_reason)
VALUES (gen_random_uuid(), encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'),
        :station, :constituency, date_trunc('hour', now()), 'issued', '');
\endif
END;
"""


@dataclass(frozen=True)
class PgbenchResult:
    transactions: int
    seconds: float
    tps: float
    p50_ms: float
    p99_ms: float
    failed: int
    output: str


def lookup_table_fill(rows: Sequence[tuple[str, int]]) -> None:
    """The voters pgbench may pick (national code, a station that serves them), numbered 1…"""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {LOOKUP_TABLE}")
        cursor.execute(
            f"CREATE TABLE {LOOKUP_TABLE} (n integer PRIMARY KEY, "
            'national_code varchar(10) COLLATE "C" NOT NULL, station_id bigint NOT NULL)'
        )
        with cursor.cursor.copy(f"COPY {LOOKUP_TABLE} FROM STDIN") as copy:
            for number, (code, station) in enumerate(rows, start=1):
                copy.write_row((number, code, station))
        cursor.execute(f"ANALYZE {LOOKUP_TABLE}")


def _percentile_ms(ordered: Sequence[float], fraction: float) -> float:
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] / 1000


def _latencies_us(folder: Path) -> list[float]:
    """Each transaction's latency from pgbench's per-transaction logs (one per thread)."""
    latencies = []
    for log in folder.glob("claims*"):
        for line in log.read_text().splitlines():
            fields = line.split()
            if len(fields) >= 3 and fields[2].isdigit():
                latencies.append(float(fields[2]))
    return sorted(latencies)


def _figure(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else math.nan


def _count(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def pgbench_claims(
    database_url: str, *, election_id: int, voters: int, clients: int, seconds: int
) -> PgbenchResult:
    """Run the claim transaction with ``clients`` connections for ``seconds`` seconds."""
    settings = dj_database_url.parse(database_url)
    environment = {"PGPASSWORD": settings["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    with tempfile.TemporaryDirectory(prefix="shora-pgbench-") as folder:
        script = Path(folder) / "claim.sql"
        script.write_text(CLAIM_SCRIPT)
        command = [
            PGBENCH, "--no-vacuum",
            "--host", settings["HOST"] or "127.0.0.1",
            "--port", str(settings["PORT"] or 5432),
            "--username", settings["USER"] or "postgres",
            "--client", str(clients), "--jobs", "2",
            "--time", str(max(1, seconds)),
            "--file", str(script),
            "--define", f"election={election_id}", "--define", f"voters={voters}",
            "--log", f"--log-prefix={Path(folder) / 'claims'}",
            settings["NAME"],
        ]  # fmt: skip
        finished = subprocess.run(  # noqa: S603 - PostgreSQL's pgbench, our arguments
            command, capture_output=True, text=True, check=False, env=environment, cwd=folder
        )
        output = finished.stdout + finished.stderr
        if finished.returncode != 0:
            raise RuntimeError(f"pgbench failed (exit {finished.returncode}):\n{output[-3000:]}")
        latencies = _latencies_us(Path(folder))
    return PgbenchResult(
        transactions=_count(r"number of transactions actually processed: (\d+)", output),
        seconds=float(seconds),
        tps=_figure(r"tps = ([\d.]+) \(without initial connection time\)", output),
        p50_ms=_percentile_ms(latencies, 0.50),
        p99_ms=_percentile_ms(latencies, 0.99),
        failed=_count(r"number of failed transactions: (\d+)", output),
        output=output,
    )
