"""The journal file's connections: one per thread, WAL with ``synchronous=FULL``, write
transactions that take the lock when they begin, the schema brought up to date."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from shora.station.errors import StationRefusal, refusal
from shora.station.journal.schema import (
    BUSY_TIMEOUT_MS,
    SCHEMA_STEPS,
    SCHEMA_VERSION,
    TICKET_DIGITS,
)


class JournalConnection:
    """The journal's file and its per-thread SQLite connections."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
            connection.row_factory = sqlite3.Row
            try:
                mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.DatabaseError as error:
                connection.close()
                raise refusal(
                    StationRefusal.NOT_A_JOURNAL,
                    fa=f"پرونده {self.path} دفتر شعبه نیست ({error}).",
                    en=f"The file {self.path} is not a station journal ({error}).",
                ) from error
            if mode != "wal":  # pragma: no cover - SQLite refuses WAL only on odd filesystems
                raise RuntimeError(f"SQLite refused WAL mode for {self.path}: {mode}")
            connection.execute("PRAGMA synchronous=FULL")
            # a national code overwritten with NULL leaves no bytes behind in the page
            connection.execute("PRAGMA secure_delete=ON")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._local.connection = connection
        return connection

    def close(self) -> None:
        """Close this thread's connection (other threads close theirs when they end)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE … COMMIT (fsync'd) or ROLLBACK."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _schema_ensure(self) -> None:
        with self._writing() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            if not 0 <= version < SCHEMA_VERSION:
                raise refusal(
                    StationRefusal.NOT_A_JOURNAL,
                    fa=f"دفتر شعبه {self.path} از نگارش دیگری ({version}) است.",
                    en=f"The journal {self.path} has another schema version ({version}).",
                )
            # a journal of an earlier version (enrolled before an upgrade) gets the rest
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in SCHEMA_STEPS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @staticmethod
    def _ticket_new(db: sqlite3.Connection) -> str:
        """A ticket number not given yet, ordinary or provisional: random, so that an issued
        ticket does not tell the next one."""
        while True:
            ticket = f"{secrets.randbelow(10**TICKET_DIGITS):0{TICKET_DIGITS}d}"
            taken = db.execute(
                "SELECT 1 FROM tokens WHERE ticket = ? "
                "UNION ALL SELECT 1 FROM provisional_claims WHERE ticket = ?",
                (ticket, ticket),
            ).fetchone()
            if taken is None:
                return ticket
