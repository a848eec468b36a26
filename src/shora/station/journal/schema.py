"""The journal's tables, version by version (``PRAGMA user_version`` says which)."""

from __future__ import annotations

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
SCHEMA_STEPS = {1: _SCHEMA, 2: _SCHEMA_PROVISIONAL}
