"""One import of an election at a time, on the embedded database (one machine): a running
import whose process lives refuses another; one whose process is gone was killed, and the
next import records it as interrupted. (PostgreSQL's advisory lock: test_postgres.py.)"""

from __future__ import annotations

import datetime
import os
import socket
import subprocess

import pytest
from django.db import connection

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.registers.errors import RegisterRefusal
from shora.registers.models import ImportStatus, VoterImport
from shora_domain.errors import DomainError
from tests.registers.conftest import EXTRACT, Import, WriteExtract, register_state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def embedded_database_only() -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL uses its advisory lock instead (test_postgres.py)")


def running_import(geo, process: str) -> VoterImport:
    return VoterImport.objects.create(
        election=geo.election, operator="someone@elsewhere (command line)", process=process,
        file_name="earlier.csv", file_sha256="0" * 64, file_size=1, birth_calendar="jalali",
        status=ImportStatus.RUNNING, started_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip


def test_an_import_whose_process_lives_refuses_another(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    running_import(geo, f"{socket.gethostname()}:{os.getpid()}")
    before = register_state()

    with pytest.raises(DomainError) as caught:
        import_voters(write_extract("extract.csv", EXTRACT))

    assert caught.value.code is RegisterRefusal.IMPORT_RUNNING
    assert "earlier.csv" in caught.value.en and "earlier.csv" in caught.value.fa
    assert register_state() == before


def test_an_import_whose_process_is_gone_is_marked_interrupted(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process that has ended
    stale = running_import(geo, f"{socket.gethostname()}:{gone.pid}")

    outcome = import_voters(write_extract("extract.csv", EXTRACT))

    assert outcome.voter_import.status == ImportStatus.APPLIED
    stale.refresh_from_db()
    assert stale.status == ImportStatus.INTERRUPTED and stale.finished_at is not None
    event = AuditEvent.objects.get(event_type=AuditEventType.VOTER_IMPORT_INTERRUPTED)
    assert event.new == {"status": "interrupted", "found_stale": True}
