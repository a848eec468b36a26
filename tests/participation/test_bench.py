"""``shora bench participation`` runs end to end at a tiny size on PostgreSQL and prints the
dashboard's figures beside the raw engine's. (What it measures is recorded in
docs/benchmarks.md, never asserted here.)"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import psycopg
import pytest
from django.db import connection

from shora.participation.bench import Latencies, bench_participation_command


def _bench_database_url() -> tuple[str, str]:
    settings = connection.settings_dict
    name = f"{settings['NAME']}_participation_bench"
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


@pytest.mark.postgres
def test_the_bench_prints_the_dashboard_beside_the_raw_aggregate(tmp_path):
    url, name = _bench_database_url()
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "shora.cli", "bench", "participation", "--database-url", url,
             "--stations", "3", "--voters", "400", "--voted", "0.5", "--claims", "100",
             "--concurrency", "4", "--workers", "2", "--seconds", "5", "--requests", "3"],
            capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
        )  # fmt: skip
    finally:
        _drop(name)
    report = finished.stdout
    assert finished.returncode == 0, report + finished.stderr
    assert "200 participations already recorded" in report, report
    alone = re.search(r"^dashboard alone +(\d+) requests +p50 +[\d.]+ ms +p95", report, re.M)
    loaded = re.search(r"^dashboard under the claims +(\d+) requests", report, re.M)
    raw = re.search(r"^the same aggregate, psycopg \(SQL only\) +(\d+) requests", report, re.M)
    assert alone and loaded and raw, report
    assert int(alone.group(1)) == 3 and int(raw.group(1)) == 3 and int(loaded.group(1)) >= 1
    assert re.search(r"^  answers: \{200: \d+\}$", report, re.M), report  # every view answered
    assert re.search(r"^claims meanwhile: [\d,]+ in", report, re.M), report
    assert re.search(r"^goal p95 under 300 ms under the claims: (met|NOT met)$", report, re.M)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"database_url": "sqlite:///x.db"}, "needs a PostgreSQL database URL"),
        ({"requests": 0}, "at least 1"),
        ({"voted": 1.0}, "--voted is a fraction"),
        ({"voted": -0.1}, "--voted is a fraction"),
        ({"voters": 100, "claims": 90, "voted": 0.5}, "--voters must cover"),
    ],
)
def test_impossible_sizes_are_refused_before_anything(change, says, capsys):
    args = argparse.Namespace(
        database_url="postgres://postgres@127.0.0.1:5432/never_made",
        stations=3, voters=400, voted=0.4, claims=100, concurrency=4, workers=2, seconds=5,
        requests=3,
    )  # fmt: skip
    for key, value in change.items():
        setattr(args, key, value)
    assert bench_participation_command(args) == 2
    assert says in capsys.readouterr().out


def test_percentiles_of_the_answers():
    found = Latencies([0.010, 0.020, 0.030, 0.040, 0.500])
    assert found.percentile_ms(0.5) == pytest.approx(30.0)
    assert found.percentile_ms(0.95) == pytest.approx(500.0)
    assert "p95    500.0 ms" in found.line("x")
    assert Latencies().line("none").count("nan") == 2
