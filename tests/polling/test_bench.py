"""``shora bench polling`` runs end to end at a tiny size and prints our figure beside
pgbench's. (What it measures is recorded in docs/benchmarks.md, never asserted here.)"""

from __future__ import annotations

import re
import subprocess
import sys

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.postgres


def _bench_database_url() -> tuple[str, str]:
    settings = connection.settings_dict
    name = f"{settings['NAME']}_polling_bench"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{name}", name


def _drop(name: str) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_bench_prints_our_claims_beside_pgbench(tmp_path):
    url, name = _bench_database_url()
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "shora.cli", "bench", "polling", "--database-url", url,
             "--stations", "3", "--voters", "300", "--claims", "200", "--concurrency", "8",
             "--workers", "2", "--seconds", "10"],
            capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
        )  # fmt: skip
    finally:
        _drop(name)
    report = finished.stdout
    assert finished.returncode == 0, report + finished.stderr
    ours = re.search(r"^claims, shora over HTTP +([\d,]+) in .* ([\d,]+) claims/s", report, re.M)
    raw = re.search(r"^claims, pgbench \(SQL only\) +([\d,]+) in .* ([\d,]+) tps", report, re.M)
    assert ours and raw, report
    assert int(ours.group(1).replace(",", "")) > 0
    assert int(raw.group(1).replace(",", "")) > 0
    assert re.search(r"^ratio shora ÷ pgbench: [\d.]+ of the throughput", report, re.M), report
    assert re.search(r"^batches, shora over HTTP +\d+ in", report, re.M), report
    assert "200: 200" in report  # every distinct voter got a token
    assert "409 polling.already_voted" in report  # and the people who came back did not
    assert re.search(r"waiting on PostgreSQL in [\d.]+ queries", report), report
