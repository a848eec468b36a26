"""The station's journal: one SQLite file where the station writes everything first.

Why the standard library's ``sqlite3`` and explicit SQL rather than Django's ORM: the
journal is one file per station, opened by one process (the station server with its
forwarding thread, or a one-shot command), and the one thing that matters most here, when
a ballot is durable, depends on settings that must be stated and owned in this module, not
left to a database layer: WAL with ``synchronous=FULL`` (COMMIT returns only after the WAL
is fsync'd, so a ballot whose receipt was printed survives a killed process or a power
cut), ``BEGIN IMMEDIATE`` (a writer takes the lock when its transaction starts, so two
writers queue instead of failing half-way), and transactions around exactly the rows that
must change together. The station has no Django database at all.

What the journal never holds:

- anything about a voter: the national code typed at the identity desk goes to the centre
  and is forgotten; only the centre's token and a short local ticket number are kept;
- any link between a ballot and the token it was cast with: a ballot row has no token, no
  sequential id (the table is keyed by the random receipt code, ``WITHOUT ROWID``) and no
  time finer than the hour. The centre wants one token beside each forwarded ballot; the
  forwarder pairs each ballot with a *random* used token of the same constituency when it
  packs a batch (``batch_next``), so the pairing it sends says nothing about who cast what;
- time finer than the minute for incidents, and finer than the hour for tokens and ballots.

One exception, and only for as long as it must: a *provisional* ballot (the link was down
and the election's offline policy is "provisional", docs/polling.md) travels to the centre
beside its claim, like a ballot in a signed envelope, so the claim with the voter's national
code is kept (``provisional_claims``) and its sealed ballot beside it under the claim's id
(``provisional_ballots``, a table of its own, so that the ordinary ``ballots`` stay without
token and order). The moment the centre gives its outcome the national code is overwritten
with NULL, with ``secure_delete`` on so that SQLite zeroes the old bytes in the page, and
the WAL is checkpointed and truncated so that no older copy of the page survives in it
(``provisional_outcome_record``, ``national_codes_scrub``). A ticket never used is voided
the same way.

The file is created with permissions 0600: it holds the station's private signing key and
its device token.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from shora.station.errors import StationRefusal, refusal
from shora.station.journal.batches import BatchJournal
from shora.station.journal.records import (
    Incident,
    IssuedToken,
    JournalBallot,
    JournalCounts,
    ProvisionalEntry,
    ProvisionalOutcome,
    Setting,
    Signer,
    StationState,
    StoredBatch,
    StoredDocument,
)
from shora.station.journal.refusals import (
    closed_refusal,
    not_enrolled,
    not_open,
    ticket_not_issued,
    ticket_unknown,
)
from shora.station.journal.schema import (
    INCIDENT_CATEGORIES,
)
from shora.station.journal.tokens import TokenJournal
from shora_domain.signed_documents import canonical_json

__all__ = [
    "INCIDENT_CATEGORIES",
    "Incident",
    "IssuedToken",
    "Journal",
    "JournalBallot",
    "JournalCounts",
    "ProvisionalEntry",
    "ProvisionalOutcome",
    "Setting",
    "Signer",
    "StationState",
    "StoredBatch",
    "StoredDocument",
]


class Journal(TokenJournal, BatchJournal):
    """One station's journal file. Safe to share between the threads of one process: each
    thread gets its own connection (SQLite connections are not to be shared across threads)."""

    # -- opening the file -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Journal:
        """A new, empty journal at ``path`` (0600), or the existing one if it was never
        enrolled (an enrolment that failed half-way may be tried again)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(descriptor)
        path.chmod(0o600)
        journal = cls(path)
        journal._schema_ensure()
        if journal.is_enrolled():
            raise refusal(
                StationRefusal.ALREADY_ENROLLED,
                fa=f"دفتر شعبه {path} پیش‌تر ثبت‌نام شده است؛ برای شعبهٔ دیگر دفتر دیگری بسازید.",
                en=f"The journal {path} is already enrolled; use another file for another station.",
            )
        return journal

    @classmethod
    def open(cls, path: str | Path, *, enrolled: bool = True) -> Journal:
        """The existing journal at ``path``; a clear refusal when there is none or when it
        was never enrolled (unless ``enrolled`` is False)."""
        path = Path(path)
        if not path.is_file():
            raise refusal(
                StationRefusal.NO_JOURNAL,
                fa=f"دفتر شعبه‌ای در {path} نیست؛ نخست «shora station enrol» را اجرا کنید.",
                en=f"There is no station journal at {path}; run 'shora station enrol' first.",
            )
        journal = cls(path)
        journal._schema_ensure()
        if enrolled and not journal.is_enrolled():
            raise not_enrolled(path)
        return journal

    # -- settings -----------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def setting_json(self, key: str) -> Any:
        value = self.setting(key)
        return None if value is None else json.loads(value)

    def settings_write(self, values: Mapping[str, str | None]) -> None:
        """Write several settings in one transaction; None removes one."""
        with self._writing() as db:
            for key, value in values.items():
                if value is None:
                    db.execute("DELETE FROM settings WHERE key = ?", (key,))
                else:
                    db.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )

    def is_enrolled(self) -> bool:
        return self.setting(Setting.DEVICE_TOKEN) is not None

    def require_enrolled(self) -> None:
        if not self.is_enrolled():
            raise not_enrolled(self.path)

    def state(self) -> str:
        return self.setting(Setting.STATE) or StationState.NOT_OPEN

    def state_set(self, state: str) -> None:
        self.settings_write({Setting.STATE: state})

    # -- tokens -------------------------------------------------------------------------

    def ballot_cast(self, ticket: str, ballot: JournalBallot) -> None:
        """Journal a sealed ballot and use up its ticket, in ONE transaction that is
        committed (and the WAL fsync'd) before this returns: only then may the receipt be
        printed. Refused, with nothing written, when the station is not open, the ticket is
        unknown, used or voided, or of another constituency; ``RECEIPT_TAKEN`` when the
        receipt code or paper serial is already in the journal (draw new ones and retry).

        The ballot of an ordinary ticket goes to ``ballots`` with nothing of its ticket; the
        ballot of a provisional ticket goes to ``provisional_ballots`` beside its claim's id,
        which is what the centre needs to judge it."""
        with self._writing() as db:
            state = db.execute(
                "SELECT value FROM settings WHERE key = ?", (Setting.STATE,)
            ).fetchone()
            if state is None or state[0] != StationState.OPEN:
                raise not_open()
            row = db.execute(
                "SELECT status, constituency_code, NULL AS claim_id FROM tokens WHERE ticket = ?",
                (ticket,),
            ).fetchone()
            if row is None:
                row = db.execute(
                    "SELECT status, constituency_code, id AS claim_id FROM provisional_claims "
                    "WHERE ticket = ?",
                    (ticket,),
                ).fetchone()
            if row is None:
                raise ticket_unknown(ticket)
            if row["status"] != "issued":
                raise ticket_not_issued(ticket, str(row["status"]))
            if row["constituency_code"] != ballot.constituency_code:
                raise refusal(
                    StationRefusal.TICKET_OTHER_CONSTITUENCY,
                    fa="این نوبت برای حوزهٔ دیگری صادر شده است.",
                    en="This ticket was issued for another constituency.",
                )
            taken = db.execute(
                "SELECT 1 FROM ballots WHERE receipt_code = ? OR paper_serial = ? UNION ALL "
                "SELECT 1 FROM provisional_ballots WHERE receipt_code = ? OR paper_serial = ?",
                (ballot.receipt_code, ballot.paper_serial) * 2,
            ).fetchone()
            if taken is not None:
                raise refusal(
                    StationRefusal.RECEIPT_TAKEN,
                    fa="این کد رسید پیش‌تر به کار رفته است.",
                    en="This receipt code is already in the journal.",
                )
            values = (
                ballot.receipt_code,
                ballot.constituency_id,
                ballot.constituency_code,
                ballot.sealed,
                ballot.sealed_sha256,
                ballot.paper_serial,
                ballot.hour,
            )
            if row["claim_id"] is None:
                db.execute("UPDATE tokens SET status = 'used' WHERE ticket = ?", (ticket,))
                db.execute(
                    "INSERT INTO ballots (receipt_code, constituency_id, constituency_code, "
                    "sealed, sealed_sha256, paper_serial, hour) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
            else:
                db.execute(
                    "UPDATE provisional_claims SET status = 'used' WHERE ticket = ?", (ticket,)
                )
                db.execute(
                    "INSERT INTO provisional_ballots (claim_id, receipt_code, constituency_id, "
                    "constituency_code, sealed, sealed_sha256, paper_serial, hour) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (row["claim_id"], *values),
                )

    _BALLOT_COLUMNS = (
        "receipt_code, constituency_id, constituency_code, sealed, sealed_sha256, "
        "paper_serial, hour"
    )

    def ballot(self, receipt_code: str) -> JournalBallot | None:
        """The ballot of ``receipt_code``, ordinary or provisional."""
        db = self._db()
        for table in ("ballots", "provisional_ballots"):
            row = db.execute(
                f"SELECT {self._BALLOT_COLUMNS} FROM {table} WHERE receipt_code = ?",  # noqa: S608
                (receipt_code,),
            ).fetchone()
            if row is not None:
                return JournalBallot(**dict(row))
        return None

    # The ballots the station counts, once the centre answered every provisional one: the
    # ordinary ballots and the provisional ones the centre accepted (never a rejected one).
    _COUNTED = (
        "SELECT receipt_code, sealed_sha256, constituency_code FROM ballots UNION ALL "
        "SELECT b.receipt_code, b.sealed_sha256, b.constituency_code "
        "FROM provisional_ballots AS b JOIN provisional_claims AS c ON c.id = b.claim_id "
        "WHERE c.outcome = 'accepted'"
    )

    def receipts(self) -> list[tuple[str, str]]:
        """The (receipt code, SHA-256 of the sealed ballot) of every ballot counted: the
        ordinary ones and the provisional ones the centre accepted, i.e. exactly what the
        centre holds of this station once everything is forwarded."""
        rows = self._db().execute(
            f"SELECT receipt_code, sealed_sha256 FROM ({self._COUNTED}) ORDER BY receipt_code"  # noqa: S608
        )
        return [(str(row[0]), str(row[1])) for row in rows]

    def ballots_per_constituency(self) -> dict[str, int]:
        """How many ballots counted (as in ``receipts``) each constituency code has."""
        rows = self._db().execute(
            f"SELECT constituency_code, COUNT(*) FROM ({self._COUNTED}) "  # noqa: S608
            "GROUP BY constituency_code"
        )
        return {str(row[0]): int(row[1]) for row in rows}

    # -- incidents ----------------------------------------------------------------------

    def incident_record(self, *, category: str, text: str, recorded_by: str, minute: str) -> str:
        """Journal an incident (forwarded in a later batch); its id, a random UUID, which the
        centre keeps to store an incident sent twice only once. ``minute`` is an ISO time
        with its offset, to the minute."""
        text, recorded_by = text.strip(), recorded_by.strip()
        if category not in INCIDENT_CATEGORIES:
            raise refusal(
                StationRefusal.BAD_INCIDENT,
                fa=f"نوع رویداد «{category}» شناخته نیست.",
                en=f"The incident category {category!r} is not known.",
            )
        if not text or not recorded_by:
            raise refusal(
                StationRefusal.BAD_INCIDENT,
                fa="شرح رویداد و نام ثبت‌کننده را بنویسید.",
                en="Write what happened and who records it.",
            )
        if len(text) > 4000 or len(recorded_by) > 200:
            raise refusal(
                StationRefusal.BAD_INCIDENT,
                fa="شرح رویداد (۴۰۰۰ نویسه) یا نام ثبت‌کننده (۲۰۰ نویسه) بیش از اندازه است.",
                en="The text (4000 characters) or the recorder's name (200) is too long.",
            )
        with self._writing() as db:
            state = db.execute(
                "SELECT value FROM settings WHERE key = ?", (Setting.STATE,)
            ).fetchone()
            if state is not None and state[0] in (StationState.CLOSING, StationState.CLOSED):
                raise closed_refusal()
            incident_id = str(uuid.uuid4())
            db.execute(
                "INSERT INTO incidents (id, category, text, recorded_by, minute) "
                "VALUES (?, ?, ?, ?, ?)",
                (incident_id, category, text, recorded_by, minute),
            )
            return incident_id

    def incidents(self) -> list[Incident]:
        rows = self._db().execute(
            "SELECT id, category, text, recorded_by, minute, batch_seq IS NOT NULL AS forwarded "
            "FROM incidents ORDER BY number"
        )
        return [
            Incident(
                id=row["id"],
                category=row["category"],
                text=row["text"],
                recorded_by=row["recorded_by"],
                minute=row["minute"],
                forwarded=bool(row["forwarded"]),
            )
            for row in rows
        ]

    # -- batches ------------------------------------------------------------------------

    def document_store(self, kind: str, document: Mapping[str, object], signature: str) -> None:
        """Store a signed opening or closing document (replacing one never sent)."""
        body = canonical_json(document).decode("utf-8")
        with self._writing() as db:
            row = db.execute("SELECT sent FROM documents WHERE kind = ?", (kind,)).fetchone()
            if row is not None and row[0]:
                raise RuntimeError(f"the {kind} document was already sent")
            db.execute(
                "INSERT INTO documents (kind, body, signature) VALUES (?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET body = excluded.body, "
                "signature = excluded.signature",
                (kind, body, signature),
            )

    def document(self, kind: str) -> StoredDocument | None:
        row = (
            self._db()
            .execute("SELECT kind, body, signature, sent FROM documents WHERE kind = ?", (kind,))
            .fetchone()
        )
        return None if row is None else StoredDocument(row[0], row[1], row[2], bool(row[3]))

    def document_discard(self, kind: str) -> None:
        """Forget a document the centre refused, so that it is built again."""
        with self._writing() as db:
            db.execute("DELETE FROM documents WHERE kind = ? AND sent = 0", (kind,))

    def document_mark_sent(self, kind: str, *, new_state: str) -> None:
        """The centre took the document: mark it sent and move the station's state, at once."""
        with self._writing() as db:
            db.execute("UPDATE documents SET sent = 1 WHERE kind = ?", (kind,))
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (Setting.STATE, new_state),
            )

    # -- the frozen ballots ----------------------------------------------------------------

    def ballot_definition(self, constituency_id: int) -> dict[str, Any] | None:
        row = (
            self._db()
            .execute(
                "SELECT body FROM ballot_definitions WHERE constituency_id = ?",
                (constituency_id,),
            )
            .fetchone()
        )
        return None if row is None else dict(json.loads(row[0]))

    def ballot_definition_store(
        self, constituency_id: int, constituency_code: str, body: Mapping[str, Any]
    ) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT INTO ballot_definitions (constituency_id, constituency_code, body) "
                "VALUES (?, ?, ?) ON CONFLICT (constituency_id) DO UPDATE SET "
                "constituency_code = excluded.constituency_code, body = excluded.body",
                (constituency_id, constituency_code, json.dumps(body, ensure_ascii=False)),
            )

    # -- counts ---------------------------------------------------------------------------

    def counts(self) -> JournalCounts:
        db = self._db()

        def one(sql: str) -> int:
            return int(db.execute(sql).fetchone()[0] or 0)

        return JournalCounts(
            participations=one("SELECT COUNT(*) FROM tokens"),
            tokens_outstanding=one("SELECT COUNT(*) FROM tokens WHERE status = 'issued'"),
            tokens_used=one("SELECT COUNT(*) FROM tokens WHERE status = 'used'"),
            tokens_voided=one("SELECT COUNT(*) FROM tokens WHERE status = 'voided'"),
            voids_unsent=one(
                "SELECT COUNT(*) FROM tokens WHERE status = 'voided' AND void_sent = 0"
            ),
            ballots=one("SELECT COUNT(*) FROM ballots"),
            ballots_pending=one("SELECT COUNT(*) FROM ballots WHERE batch_seq IS NULL"),
            incidents=one("SELECT COUNT(*) FROM incidents"),
            incidents_pending=one("SELECT COUNT(*) FROM incidents WHERE batch_seq IS NULL"),
            batches=one("SELECT COUNT(*) FROM batches"),
            batches_unsent=one("SELECT COUNT(*) FROM batches WHERE sent = 0"),
            last_seq=one("SELECT COALESCE(MAX(seq), 0) FROM batches"),
            provisional_outstanding=one(
                "SELECT COUNT(*) FROM provisional_claims WHERE status = 'issued'"
            ),
            provisional_voided=one(
                "SELECT COUNT(*) FROM provisional_claims WHERE status = 'voided'"
            ),
            provisional_ballots=one("SELECT COUNT(*) FROM provisional_ballots"),
            provisional_awaiting=one(
                "SELECT COUNT(*) FROM provisional_claims WHERE status = 'used' AND outcome IS NULL"
            ),
            provisional_accepted=one(
                "SELECT COUNT(*) FROM provisional_claims WHERE outcome = 'accepted'"
            ),
            provisional_rejected=one(
                "SELECT COUNT(*) FROM provisional_claims WHERE outcome = 'rejected'"
            ),
        )
