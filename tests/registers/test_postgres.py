"""On PostgreSQL: two imports at once, a killed import, and the look-up counters under load.

A real ``shora import voters`` runs in a child process against the test database and is
killed (SIGKILL, SIGINT) while it reads the file and while it applies the difference; the
register must be exactly as before, and the next import must succeed.
"""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from shora.audit.selectors import audit_chain_problems
from shora.registers.bench.extract import extract_write
from shora.registers.errors import RegisterRefusal
from shora.registers.imports.running import voters_import
from shora.registers.lookup_limits import Limit, lookup_count_add
from shora.registers.models import ImportStatus, LookupCount, VoterImport
from shora_domain.errors import DomainError
from tests.races import race
from tests.registers.conftest import codes_in_register, register_state

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
BIG_ROWS = 300_000


@pytest.fixture(scope="module")
def big_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300,000 valid people in the shared geography's three constituencies."""
    path = tmp_path_factory.mktemp("big") / "province.csv"
    return extract_write(path, BIG_ROWS, ["1001", "1002", "2001"], [8, 1, 3])


def _database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    port = settings["PORT"] or 5432
    return f"postgres://{settings['USER']}{password}@{settings['HOST']}:{port}/{settings['NAME']}"


def _child_import(path: Path, election: int, tmp_path: Path) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "SHORA_DATABASE_URL": _database_url(),
        "SHORA_HOME": str(tmp_path / "home"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "shora.cli", "import", "voters", str(path),
         "--election", str(election)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _wait_for(
    condition: Callable[[], bool], child: subprocess.Popen[bytes], seconds: float
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert child.poll() is None, child.stdout.read().decode() if child.stdout else ""
        assert time.monotonic() < deadline, "the child import never got there"
        time.sleep(0.02)


def _running() -> bool:
    return VoterImport.objects.filter(status=ImportStatus.RUNNING).exists()


def _applying() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO registers_voter%%' "
            "AND state = 'active'"
        )
        return cursor.fetchone() is not None


def _no_other_backend() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return cursor.fetchone()[0] == 0


def test_two_imports_of_one_election_at_once_apply_once(geo, big_extract: Path) -> None:
    assert connection.vendor == "postgresql"

    results, errors = race(
        2, lambda _: voters_import(actor=None, election=geo.election, path=big_extract)
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], DomainError)
    assert errors[0].code is RegisterRefusal.IMPORT_RUNNING
    assert "another import" in errors[0].en.lower()
    assert VoterImport.objects.get().status == ImportStatus.APPLIED  # the other never began
    assert len(codes_in_register()) == BIG_ROWS
    assert audit_chain_problems()[1] == []


@pytest.mark.parametrize("moment", ["reading", "applying"])
def test_a_killed_import_leaves_the_register_as_it_was(
    geo, imported, big_extract: Path, tmp_path: Path, moment: str
) -> None:
    before = register_state()
    child = _child_import(big_extract, geo.election.pk, tmp_path)
    _wait_for(_running if moment == "reading" else _applying, child, seconds=120)
    if moment == "reading":
        time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    _wait_for_backends_gone()

    after = register_state()
    assert after["voters"] == before["voters"]
    assert after["applied_imports"] == before["applied_imports"]
    assert VoterImport.objects.filter(status=ImportStatus.RUNNING).count() == 1

    outcome = voters_import(actor=None, election=geo.election, path=big_extract)

    assert outcome.voter_import.added == BIG_ROWS
    assert VoterImport.objects.filter(status=ImportStatus.INTERRUPTED).count() == 1
    assert not VoterImport.objects.filter(status=ImportStatus.RUNNING).exists()
    assert audit_chain_problems()[1] == []


def _wait_for_backends_gone() -> None:
    deadline = time.monotonic() + 60
    while not _no_other_backend():
        assert time.monotonic() < deadline, "the killed import's session never ended"
        time.sleep(0.05)


def test_ctrl_c_records_the_import_as_interrupted_at_once(
    geo, imported, big_extract: Path, tmp_path: Path
) -> None:
    before = register_state()
    child = _child_import(big_extract, geo.election.pk, tmp_path)
    _wait_for(_running, child, seconds=60)
    time.sleep(0.3)

    child.send_signal(signal.SIGINT)
    output = child.communicate(timeout=60)[0].decode()

    assert child.returncode == 130, output
    assert "Interrupted; the voter register is as it was." in output
    assert register_state()["voters"] == before["voters"]
    assert VoterImport.objects.latest("pk").status == ImportStatus.INTERRUPTED


def test_lookup_counters_count_every_lookup_under_concurrency(geo) -> None:
    limit = Limit("ip", 5, datetime.timedelta(minutes=10))

    results, errors = race(12, lambda _: lookup_count_add(bucket="ip:192.0.2.9", limit=limit))

    assert errors == []
    assert sorted(results) == list(range(1, 13))
    assert LookupCount.objects.get(bucket="ip:192.0.2.9").count == 12


def test_the_bench_runs_end_to_end(db, tmp_path: Path) -> None:
    url = _database_url() + "_bench"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "shora.cli", "bench", "import", "--rows", "4000",
             "--database-url", url],
            env={**os.environ, "SHORA_HOME": str(tmp_path)},
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        out = result.stdout
        assert "COPY loaded 4,000 rows" in out
        assert "4000 added, 0 changed, 0 removed" in out
        for line in ("COPY into a bare table", "empty register", "1% changes"):
            assert re.search(rf"{re.escape(line)}.* rows/s .*× COPY", out), line
        assert "peak memory of the import" in out
    finally:
        name = url.rsplit("/", 1)[1]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
