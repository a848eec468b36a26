"""Provisional claims and ballots in the journal, until the centre's outcome wipes the
national code (see the package's docstring)."""

from __future__ import annotations

import uuid

from shora.station.errors import StationRefusal, refusal
from shora.station.journal.connection import JournalConnection
from shora.station.journal.records import (
    ProvisionalEntry,
    ProvisionalOutcome,
    Setting,
    StationState,
)
from shora.station.journal.refusals import (
    not_open,
)


class ProvisionalJournal(JournalConnection):
    """The provisional side of the journal."""

    def provisional_claim_record(
        self,
        *,
        national_code: str,
        document: str,
        fingerprint: str,
        constituency_id: int,
        constituency_code: str,
        hour: str,
    ) -> str:
        """Record the claim of a voter who votes provisionally (the centre could not be
        asked) and return the ticket for the voting screen. ``national_code`` is ten Latin
        digits, already checked. Refused while the station is not open, and when the same
        national code already has a claim here that awaits the centre (one person, one
        provisional ballot per station: the centre settles the rest)."""
        with self._writing() as db:
            state = db.execute(
                "SELECT value FROM settings WHERE key = ?", (Setting.STATE,)
            ).fetchone()
            if state is None or state[0] != StationState.OPEN:
                raise not_open()
            repeated = db.execute(
                "SELECT 1 FROM provisional_claims WHERE national_code = ?", (national_code,)
            ).fetchone()
            if repeated is not None:
                raise refusal(
                    StationRefusal.PROVISIONAL_REPEATED,
                    fa="این شخص پیش‌تر در همین شعبه نوبت رأی مشروط گرفته و پاسخ مرکز نرسیده است.",
                    en="This person already has a provisional ticket or ballot at this "
                    "station, and the centre has not answered yet.",
                )
            ticket = self._ticket_new(db)
            db.execute(
                "INSERT INTO provisional_claims (id, ticket, national_code, document, "
                "fingerprint, constituency_id, constituency_code, issued_hour) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    ticket,
                    national_code,
                    document,
                    fingerprint,
                    constituency_id,
                    constituency_code,
                    hour,
                ),
            )
            return ticket

    def provisional_waiting(self) -> list[ProvisionalEntry]:
        """The provisional ballots cast whose outcome the centre has not given yet."""
        rows = self._db().execute(
            "SELECT c.id, c.national_code, c.document, c.fingerprint, c.constituency_code, "
            "b.sealed, b.receipt_code, b.hour, c.refusal FROM provisional_claims AS c "
            "JOIN provisional_ballots AS b ON b.claim_id = c.id "
            "WHERE c.status = 'used' AND c.outcome IS NULL ORDER BY c.id"
        )
        return [ProvisionalEntry(**dict(row)) for row in rows]

    def provisional_outcome_record(self, claim_id: str, *, accepted: bool, reason: str) -> None:
        """Keep the centre's outcome of a provisional ballot and forget the voter's national
        code in the same transaction, then scrub the WAL. A second outcome of the same
        ballot changes nothing (the centre answers a resend with the same outcome)."""
        with self._writing() as db:
            db.execute(
                "UPDATE provisional_claims SET outcome = ?, reason = ?, refusal = '', "
                "national_code = NULL WHERE id = ? AND status = 'used' AND outcome IS NULL",
                ("accepted" if accepted else "rejected", reason[:200], claim_id),
            )
        self.national_codes_scrub()

    def provisional_refusal_record(self, claim_id: str, refusal_text: str) -> None:
        """The centre refused to judge a provisional ballot for now (its clock, its state):
        keep its words for the chair; the ballot stays waiting and is sent again."""
        with self._writing() as db:
            db.execute(
                "UPDATE provisional_claims SET refusal = ? WHERE id = ? AND outcome IS NULL",
                (refusal_text[:500], claim_id),
            )

    def provisional_outcomes(self) -> list[ProvisionalOutcome]:
        """Every provisional ballot cast, with its outcome or the centre's last refusal."""
        rows = self._db().execute(
            "SELECT c.id, b.receipt_code, c.constituency_code, c.outcome, c.reason, c.refusal "
            "FROM provisional_claims AS c JOIN provisional_ballots AS b ON b.claim_id = c.id "
            "ORDER BY c.id"
        )
        return [ProvisionalOutcome(**dict(row)) for row in rows]

    def national_codes_scrub(self) -> bool:
        """Checkpoint the WAL into the journal and truncate it, so that no older copy of a
        page that held a national code now overwritten survives in the WAL file (SQLite
        appends each new version of a page to the WAL; the old frames stay until the WAL
        restarts). Waits for readers (the busy timeout); False if some still held an old
        snapshot, in which case the next scrub finishes the work."""
        busy, _frames, _moved = self._db().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy

    # -- ballots ------------------------------------------------------------------------
