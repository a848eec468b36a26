"""Ballot tokens in the journal: the centre's token behind a short random ticket, used once
or voided by the chair (the void sent to the centre)."""

from __future__ import annotations

from shora.station.errors import StationRefusal, refusal
from shora.station.journal.provisional import ProvisionalJournal
from shora.station.journal.records import IssuedToken
from shora.station.journal.refusals import (
    issued_token_of,
    ticket_not_issued,
    ticket_unknown,
)


class TokenJournal(ProvisionalJournal):
    """The tokens' side of the journal (voiding a provisional ticket scrubs its code)."""

    def token_issue(
        self, *, token: str, constituency_id: int, constituency_code: str, hour: str
    ) -> str:
        """Record a token the centre issued and return the short ticket number shown to the
        voter: random (an issued ticket does not tell the next one), unique in the journal.
        The same token recorded twice keeps its first ticket."""
        with self._writing() as db:
            row = db.execute("SELECT ticket FROM tokens WHERE token = ?", (token,)).fetchone()
            if row is not None:
                return str(row[0])
            ticket = self._ticket_new(db)
            db.execute(
                "INSERT INTO tokens (ticket, token, constituency_id, constituency_code, "
                "issued_hour) VALUES (?, ?, ?, ?, ?)",
                (ticket, token, constituency_id, constituency_code, hour),
            )
            return ticket

    _TICKET_COLUMNS = (
        "ticket, token, constituency_id, constituency_code, issued_hour, status, void_reason"
    )
    _CLAIM_TICKET_COLUMNS = (
        "ticket, '' AS token, constituency_id, constituency_code, issued_hour, status, "
        "void_reason, 1 AS provisional"
    )

    def token_by_ticket(self, ticket: str) -> IssuedToken | None:
        """The ticket's token, ordinary or provisional."""
        db = self._db()
        row = db.execute(
            f"SELECT {self._TICKET_COLUMNS} FROM tokens WHERE ticket = ?",  # noqa: S608 - constants
            (ticket,),
        ).fetchone()
        if row is None:
            row = db.execute(
                f"SELECT {self._CLAIM_TICKET_COLUMNS} FROM provisional_claims WHERE ticket = ?",  # noqa: S608
                (ticket,),
            ).fetchone()
        return None if row is None else issued_token_of(row)

    def tokens_outstanding(self) -> list[IssuedToken]:
        """Every ticket issued and neither used nor voided, ordinary and provisional."""
        db = self._db()
        rows = [
            *db.execute(
                f"SELECT {self._TICKET_COLUMNS} FROM tokens WHERE status = 'issued'"  # noqa: S608
            ),
            *db.execute(
                f"SELECT {self._CLAIM_TICKET_COLUMNS} FROM provisional_claims "  # noqa: S608
                "WHERE status = 'issued'"
            ),
        ]
        return sorted((issued_token_of(row) for row in rows), key=lambda token: token.ticket)

    def token_void(self, ticket: str, reason: str) -> IssuedToken:
        """Void a token not used, for ``reason``; the centre is told by ``void_sent``'s
        follower (the console at once when the link is up, the forwarder otherwise). A
        provisional ticket is voided here only (the centre never heard of it), and its
        national code is forgotten at once."""
        reason = reason.strip()
        if not reason:
            raise refusal(
                StationRefusal.BAD_VOID,
                fa="دلیل ابطال را بنویسید.",
                en="Write the reason for voiding.",
            )
        provisional = False
        with self._writing() as db:
            row = db.execute("SELECT status FROM tokens WHERE ticket = ?", (ticket,)).fetchone()
            if row is None:
                row = db.execute(
                    "SELECT status FROM provisional_claims WHERE ticket = ?", (ticket,)
                ).fetchone()
                provisional = row is not None
            if row is None:
                raise ticket_unknown(ticket)
            if row[0] != "issued":
                raise ticket_not_issued(ticket, str(row[0]))
            if provisional:
                db.execute(
                    "UPDATE provisional_claims SET status = 'voided', void_reason = ?, "
                    "national_code = NULL WHERE ticket = ?",
                    (reason[:300], ticket),
                )
            else:
                db.execute(
                    "UPDATE tokens SET status = 'voided', void_reason = ? WHERE ticket = ?",
                    (reason[:300], ticket),
                )
        if provisional:
            self.national_codes_scrub()
        voided = self.token_by_ticket(ticket)
        assert voided is not None
        return voided

    def voids_unsent(self) -> list[IssuedToken]:
        """Ordinary tokens voided here that the centre has not been told of yet."""
        rows = (
            self._db()
            .execute(
                f"SELECT {self._TICKET_COLUMNS} FROM tokens "  # noqa: S608 - constants
                "WHERE status = 'voided' AND void_sent = 0 ORDER BY ticket"
            )
            .fetchall()
        )
        return [issued_token_of(row) for row in rows]

    def void_mark_sent(self, ticket: str, refusal_text: str = "") -> None:
        """The centre took the void (or refused it for ``refusal_text``, kept for the chair)."""
        with self._writing() as db:
            db.execute(
                "UPDATE tokens SET void_sent = 1, void_refusal = ? WHERE ticket = ?",
                (refusal_text, ticket),
            )

    # -- provisional claims -----------------------------------------------------------------
