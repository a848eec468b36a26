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

import contextlib
import json
import os
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shora.station.errors import StationRefusal, refusal
from shora_domain.digits import to_persian_digits
from shora_domain.signed_documents import b64encode, canonical_json

SCHEMA_VERSION = 2
TICKET_DIGITS = 6
BUSY_TIMEOUT_MS = 30_000

INCIDENT_CATEGORIES = ("device_failure", "dispute", "complaint", "assisted_voter", "other")

_SCHEMA = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE batches (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    body TEXT NOT NULL,
    signature TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
    results TEXT
);

CREATE TABLE tokens (
    ticket TEXT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    constituency_id INTEGER NOT NULL,
    constituency_code TEXT NOT NULL,
    issued_hour TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'used', 'voided')),
    void_reason TEXT NOT NULL DEFAULT '',
    void_sent INTEGER NOT NULL DEFAULT 0 CHECK (void_sent IN (0, 1)),
    void_refusal TEXT NOT NULL DEFAULT '',
    batch_seq INTEGER REFERENCES batches (seq)
) WITHOUT ROWID;

CREATE TABLE ballots (
    receipt_code TEXT PRIMARY KEY,
    constituency_id INTEGER NOT NULL,
    constituency_code TEXT NOT NULL,
    sealed BLOB NOT NULL,
    sealed_sha256 TEXT NOT NULL,
    paper_serial TEXT NOT NULL UNIQUE,
    hour TEXT NOT NULL,
    batch_seq INTEGER REFERENCES batches (seq)
) WITHOUT ROWID;

CREATE TABLE incidents (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN {INCIDENT_CATEGORIES!r}),
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    minute TEXT NOT NULL,
    batch_seq INTEGER REFERENCES batches (seq)
);

CREATE TABLE documents (
    kind TEXT PRIMARY KEY CHECK (kind IN ('opening', 'closing')),
    body TEXT NOT NULL,
    signature TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE ballot_definitions (
    constituency_id INTEGER PRIMARY KEY,
    constituency_code TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX ballots_pending ON ballots (constituency_code) WHERE batch_seq IS NULL;
CREATE INDEX tokens_pending ON tokens (constituency_code) WHERE batch_seq IS NULL;
"""

# Version 2: provisional ballots. No index holds the national code (an index would keep a
# second copy of it to scrub); the table is small and read in full.
_SCHEMA_PROVISIONAL = """
CREATE TABLE provisional_claims (
    id TEXT PRIMARY KEY,
    ticket TEXT NOT NULL UNIQUE,
    national_code TEXT CHECK (
        national_code IS NULL
        OR (length(national_code) = 10 AND national_code NOT GLOB '*[^0-9]*')
    ),
    document TEXT NOT NULL,
    fingerprint TEXT NOT NULL CHECK (fingerprint IN ('match', 'not_available')),
    constituency_id INTEGER NOT NULL,
    constituency_code TEXT NOT NULL,
    issued_hour TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'used', 'voided')),
    void_reason TEXT NOT NULL DEFAULT '',
    outcome TEXT CHECK (outcome IN ('accepted', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    refusal TEXT NOT NULL DEFAULT '',
    CHECK (outcome IS NULL OR national_code IS NULL),
    CHECK (status != 'voided' OR national_code IS NULL),
    CHECK (outcome IS NULL OR status = 'used')
) WITHOUT ROWID;

CREATE TABLE provisional_ballots (
    claim_id TEXT PRIMARY KEY REFERENCES provisional_claims (id),
    receipt_code TEXT NOT NULL UNIQUE,
    constituency_id INTEGER NOT NULL,
    constituency_code TEXT NOT NULL,
    sealed BLOB NOT NULL,
    sealed_sha256 TEXT NOT NULL,
    paper_serial TEXT NOT NULL UNIQUE,
    hour TEXT NOT NULL
) WITHOUT ROWID;
"""

#: What each schema version adds to the one before.
_SCHEMA_STEPS = {1: _SCHEMA, 2: _SCHEMA_PROVISIONAL}


class Setting:
    """The keys of the settings table."""

    CENTRE_URL = "centre_url"
    DEVICE_TOKEN = "device_token"  # noqa: S105 - the name of a setting, not a secret
    STATION = "station"  # JSON, as the centre describes it
    ELECTION = "election"  # JSON, as the centre describes it
    ELECTION_PUBLIC_KEY = "election_public_key"  # base64
    KEY_FINGERPRINT = "key_fingerprint"
    SIGNING_PRIVATE_KEY = "signing_private_key"  # base64, raw Ed25519
    SIGNING_PUBLIC_KEY = "signing_public_key"  # base64, raw Ed25519
    CONSOLE_PASSWORD = "console_password"  # noqa: S105 - the name of a setting (scrypt hash)
    SESSION_SECRET = "session_secret"  # noqa: S105 - the name of a setting
    STATE = "state"  # not_open, open, closing, closed
    LINK = "link"  # JSON: the last contact with the centre, for the status page


class StationState:
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"


@dataclass(frozen=True)
class IssuedToken:
    """A ticket the identity desk gave a voter: for the centre's token, or provisional (the
    link was down; ``token`` is then empty and the claim waits in ``provisional_claims``)."""

    ticket: str
    token: str
    constituency_id: int
    constituency_code: str
    issued_hour: str
    status: str
    void_reason: str
    provisional: bool = False


@dataclass(frozen=True)
class ProvisionalEntry:
    """A provisional ballot with its claim, as it waits to be sent to the centre."""

    id: str
    national_code: str
    document: str
    fingerprint: str
    constituency_code: str
    sealed: bytes
    receipt_code: str
    hour: str
    refusal: str  # the centre's last refusal of it that settled nothing, if any

    def entry(self, station: str) -> dict[str, object]:
        """The entry of ``POST /api/polling/provisional`` (docs/polling.md), to be signed."""
        return {
            "station": station,
            "id": self.id,
            "national_code": self.national_code,
            "document": self.document,
            "fingerprint": self.fingerprint,
            "constituency": self.constituency_code,
            "sealed": b64encode(self.sealed),
            "receipt_code": self.receipt_code,
            "hour": self.hour,
        }


@dataclass(frozen=True)
class ProvisionalOutcome:
    """What became of a provisional ballot: no national code, whatever the outcome."""

    id: str
    receipt_code: str
    constituency_code: str
    outcome: str | None  # accepted, rejected, or None while the centre has not answered
    reason: str
    refusal: str


@dataclass(frozen=True)
class JournalBallot:
    """A sealed ballot as the journal keeps it: nothing about the voter or the token."""

    receipt_code: str
    constituency_id: int
    constituency_code: str
    sealed: bytes
    sealed_sha256: str
    paper_serial: str
    hour: str


@dataclass(frozen=True)
class StoredBatch:
    """A batch as it was packed: its canonical body and signature, never rebuilt."""

    seq: int
    body: str
    signature: str
    sent: bool

    def request_bytes(self) -> bytes:
        """The body of ``POST /api/polling/batches``, made from the stored text alone, so a
        batch sent again after a crash is the same bytes (it equals the canonical JSON of
        ``{"batch": …, "signature": …}``: keys sorted, no spaces)."""
        return (
            b'{"batch":'
            + self.body.encode("utf-8")
            + b',"signature":'
            + json.dumps(self.signature).encode("ascii")
            + b"}"
        )


@dataclass(frozen=True)
class StoredDocument:
    kind: str
    body: str
    signature: str
    sent: bool

    def document(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.body)
        return loaded


@dataclass(frozen=True)
class JournalCounts:
    participations: int  # tokens issued, whatever became of them
    tokens_outstanding: int
    tokens_used: int
    tokens_voided: int
    voids_unsent: int
    ballots: int  # ordinary ballots, cast with a token of the centre
    ballots_pending: int
    incidents: int
    incidents_pending: int
    batches: int
    batches_unsent: int
    last_seq: int
    provisional_outstanding: int = 0  # provisional tickets not used yet
    provisional_voided: int = 0
    provisional_ballots: int = 0  # cast, whatever the outcome
    provisional_awaiting: int = 0  # cast, no outcome from the centre yet
    provisional_accepted: int = 0
    provisional_rejected: int = 0


@dataclass(frozen=True)
class Incident:
    id: str
    category: str
    text: str
    recorded_by: str
    minute: str
    forwarded: bool


Signer = Callable[[Mapping[str, object]], str]


def _not_enrolled(path: Path) -> Exception:
    return refusal(
        StationRefusal.NOT_ENROLLED,
        fa=f"این دفتر شعبه ({path}) هرگز ثبت‌نام نشده است؛ نخست «shora station enrol» را اجرا کنید.",
        en=f"This journal ({path}) was never enrolled; run 'shora station enrol' first.",
    )


class Journal:
    """One station's journal file. Safe to share between the threads of one process: each
    thread gets its own connection (SQLite connections are not to be shared across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

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
            raise _not_enrolled(path)
        return journal

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
                for statement in _SCHEMA_STEPS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

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
            raise _not_enrolled(self.path)

    def state(self) -> str:
        return self.setting(Setting.STATE) or StationState.NOT_OPEN

    def state_set(self, state: str) -> None:
        self.settings_write({Setting.STATE: state})

    # -- tokens -------------------------------------------------------------------------

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
        return None if row is None else _issued_token(row)

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
        return sorted((_issued_token(row) for row in rows), key=lambda token: token.ticket)

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
                raise _ticket_unknown(ticket)
            if row[0] != "issued":
                raise _ticket_not_issued(ticket, str(row[0]))
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
        return [_issued_token(row) for row in rows]

    def void_mark_sent(self, ticket: str, refusal_text: str = "") -> None:
        """The centre took the void (or refused it for ``refusal_text``, kept for the chair)."""
        with self._writing() as db:
            db.execute(
                "UPDATE tokens SET void_sent = 1, void_refusal = ? WHERE ticket = ?",
                (refusal_text, ticket),
            )

    # -- provisional claims -----------------------------------------------------------------

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
                raise _not_open()
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
                raise _not_open()
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
                raise _ticket_unknown(ticket)
            if row["status"] != "issued":
                raise _ticket_not_issued(ticket, str(row["status"]))
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
                raise _closed()
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

    def batch_next(
        self,
        *,
        station: str,
        sign: Signer,
        max_entries: int = 200,
        mix_at_least: int = 1,
    ) -> StoredBatch | None:
        """The next batch to send: the oldest one not yet acknowledged, or else a new one
        packed from what is waiting, or None when nothing is.

        A new batch gets the next ``seq`` and is stored, body and signature, in the same
        transaction that marks its entries as packed; it is never rebuilt, so sending it
        again after a crash sends the same bytes. Ballots of a constituency are packed
        only when at least ``mix_at_least`` of them wait (closing passes 1), each beside a
        used token of the same constituency drawn at random; the entries are shuffled.
        """
        with self._writing() as db:
            row = db.execute(
                "SELECT seq, body, signature, sent FROM batches WHERE sent = 0 ORDER BY seq LIMIT 1"
            ).fetchone()
            if row is not None:
                return StoredBatch(row[0], row[1], row[2], bool(row[3]))
            entries, ballot_codes, ticket_numbers, incident_ids = self._entries_waiting(
                db, max_entries=max_entries, mix_at_least=mix_at_least
            )
            if not entries:
                return None
            seq = int(db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM batches").fetchone()[0])
            batch = {"station": station, "seq": seq, "entries": entries}
            body = canonical_json(batch).decode("utf-8")
            signature = sign(batch)
            db.execute(
                "INSERT INTO batches (seq, body, signature) VALUES (?, ?, ?)",
                (seq, body, signature),
            )
            db.executemany(
                "UPDATE ballots SET batch_seq = ? WHERE receipt_code = ?",
                [(seq, code) for code in ballot_codes],
            )
            db.executemany(
                "UPDATE tokens SET batch_seq = ? WHERE ticket = ?",
                [(seq, ticket) for ticket in ticket_numbers],
            )
            db.executemany(
                "UPDATE incidents SET batch_seq = ? WHERE id = ?",
                [(seq, incident) for incident in incident_ids],
            )
            return StoredBatch(seq, body, signature, False)

    @staticmethod
    def _entries_waiting(
        db: sqlite3.Connection, *, max_entries: int, mix_at_least: int
    ) -> tuple[list[dict[str, object]], list[str], list[str], list[str]]:
        shuffle = secrets.SystemRandom().shuffle
        ballot_entries: list[dict[str, object]] = []
        ballot_codes: list[str] = []
        ticket_numbers: list[str] = []
        constituencies = [
            str(row[0])
            for row in db.execute(
                "SELECT DISTINCT constituency_code FROM ballots WHERE batch_seq IS NULL "
                "ORDER BY constituency_code"
            )
        ]
        for constituency in constituencies:
            ballots = db.execute(
                "SELECT receipt_code, sealed, hour FROM ballots "
                "WHERE batch_seq IS NULL AND constituency_code = ?",
                (constituency,),
            ).fetchall()
            tokens = db.execute(
                "SELECT ticket, token FROM tokens WHERE batch_seq IS NULL AND status = 'used' "
                "AND constituency_code = ?",
                (constituency,),
            ).fetchall()
            pairs = min(len(ballots), len(tokens))
            room = max_entries - len(ballot_entries)
            if pairs < mix_at_least or room <= 0:
                continue
            shuffle(ballots)
            shuffle(tokens)
            for ballot, token in list(zip(ballots, tokens, strict=False))[:room]:
                ballot_entries.append(
                    {
                        "kind": "ballot",
                        "token": token["token"],
                        "constituency": constituency,
                        "sealed": b64encode(ballot["sealed"]),
                        "receipt_code": ballot["receipt_code"],
                        "hour": ballot["hour"],
                    }
                )
                ballot_codes.append(ballot["receipt_code"])
                ticket_numbers.append(token["ticket"])
        shuffle(ballot_entries)
        room = max_entries - len(ballot_entries)
        incidents = db.execute(
            "SELECT id, category, text, recorded_by, minute FROM incidents "
            "WHERE batch_seq IS NULL ORDER BY number LIMIT ?",
            (max(room, 0),),
        ).fetchall()
        incident_entries: list[dict[str, object]] = [
            {
                "kind": "incident",
                "id": row["id"],
                "category": row["category"],
                "text": row["text"],
                "recorded_by": row["recorded_by"],
                "at": row["minute"],
            }
            for row in incidents
        ]
        return (
            ballot_entries + incident_entries,
            ballot_codes,
            ticket_numbers,
            [str(row["id"]) for row in incidents],
        )

    def batch(self, seq: int) -> StoredBatch | None:
        row = (
            self._db()
            .execute("SELECT seq, body, signature, sent FROM batches WHERE seq = ?", (seq,))
            .fetchone()
        )
        return None if row is None else StoredBatch(row[0], row[1], row[2], bool(row[3]))

    def batch_mark_sent(self, seq: int, results: object = None) -> None:
        """The centre acknowledged batch ``seq``; ``results`` is what it said of each entry."""
        with self._writing() as db:
            db.execute(
                "UPDATE batches SET sent = 1, results = ? WHERE seq = ?",
                (None if results is None else json.dumps(results, ensure_ascii=False), seq),
            )

    def entries_refused(self) -> list[dict[str, Any]]:
        """The entries the centre refused, with its reasons, from every acknowledged batch."""
        refused: list[dict[str, Any]] = []
        for row in self._db().execute(
            "SELECT seq, results FROM batches WHERE results IS NOT NULL ORDER BY seq"
        ):
            results = json.loads(row["results"])
            if not isinstance(results, list):
                continue
            for index, result in enumerate(results):
                if isinstance(result, dict) and result.get("result", "stored") != "stored":
                    refused.append({"seq": row["seq"], "index": index, **result})
        return refused

    # -- opening and closing documents ---------------------------------------------------

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


def _issued_token(row: sqlite3.Row) -> IssuedToken:
    values = dict(row)
    values["provisional"] = bool(values.get("provisional", False))
    return IssuedToken(**values)


def _ticket_unknown(ticket: str) -> Exception:
    return refusal(
        StationRefusal.TICKET_UNKNOWN,
        fa=f"نوبت {to_persian_digits(ticket)} در این شعبه صادر نشده است.",
        en=f"The ticket {ticket} was not issued at this station.",
    )


_STATUS_FA = {"used": "به کار رفته", "voided": "باطل شده", "issued": "صادر شده"}


def _ticket_not_issued(ticket: str, status: str) -> Exception:
    return refusal(
        StationRefusal.TICKET_NOT_ISSUED,
        fa=f"نوبت {to_persian_digits(ticket)} {_STATUS_FA.get(status, status)} است.",
        en=f"The ticket {ticket} is {status}.",
    )


def _not_open() -> Exception:
    return refusal(
        StationRefusal.NOT_OPEN,
        fa="شعبه باز نیست.",
        en="The station is not open.",
    )


def _closed() -> Exception:
    return refusal(
        StationRefusal.CLOSED,
        fa="شعبه بسته شده است (یا در حال بستن است).",
        en="The station is closed (or closing).",
    )
