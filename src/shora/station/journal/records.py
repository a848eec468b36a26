"""What the journal hands out: settings' names, states, tokens, ballots, batches, documents."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from shora_domain.signed_documents import b64encode


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
