"""One import of an election's register at a time.

On PostgreSQL an import holds a session-level advisory lock on its election from start to
end; a second import of the same election is refused at once, and a killed import's lock
goes with its connection. On SQLite (one machine) the running import's record names its
process, and ``voter_import_begin`` refuses while that process is alive.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from shora.elections.models import Election
from shora.registers.errors import RegisterRefusal
from shora.registers.models import ImportStatus, VoterImport
from shora.registers.services import import_running_refusal
from shora_domain.errors import DomainError

# The first key of the two-key advisory lock: "voter register imports" (4xx events).
LOCK_NAMESPACE = 400


@contextmanager
def register_import_lock(election: Election) -> Iterator[None]:
    """Hold the election's import lock for the block, or refuse if another import holds it."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, election.pk])
        locked = bool(cursor.fetchone()[0])
    if not locked:
        running = VoterImport.objects.filter(election=election, status=ImportStatus.RUNNING).first()
        if running is not None:
            raise import_running_refusal(running)
        raise DomainError(
            RegisterRefusal.IMPORT_RUNNING,
            fa="ورود دیگری به فهرست رأی‌دهندگان این انتخابات در جریان است.",
            en="Another import of this election's voter register is running.",
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, election.pk])
