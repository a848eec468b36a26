"""Fixtures of the station tests: a journal enrolled by hand (no centre), open, with a
signing key; and a fake ballot maker for tests of the journal alone."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from shora.station.journal import Journal, JournalBallot, Setting, StationState
from shora_domain.signed_documents import b64encode, signing_key_generate

STATION = {
    "id": 7,
    "code": "10001",
    "name": "مدرسهٔ شهید بهشتی",
    "constituencies": [
        {"id": 11, "code": "1001", "name": "اهواز", "members": 3},
        {"id": 12, "code": "1002", "name": "ده نو", "members": 5},
    ],
}


def journal_enrolled(path: Path, *, state: str = StationState.OPEN) -> Journal:
    """A journal as enrolment leaves it, with the station ``state``."""
    journal = Journal.create(path)
    private, public = signing_key_generate()
    journal.settings_write(
        {
            Setting.CENTRE_URL: "http://127.0.0.1:9",
            Setting.DEVICE_TOKEN: "device-token-for-tests",
            Setting.STATION: json.dumps(STATION, ensure_ascii=False),
            Setting.ELECTION: json.dumps({"id": 3, "name": "آزمون"}, ensure_ascii=False),
            Setting.SIGNING_PRIVATE_KEY: b64encode(private),
            Setting.SIGNING_PUBLIC_KEY: b64encode(public),
            Setting.SESSION_SECRET: secrets.token_urlsafe(40),
            Setting.STATE: state,
        }
    )
    return journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return journal_enrolled(tmp_path / "station.journal")


def fake_ballot(constituency_code: str = "1001", constituency_id: int = 11) -> JournalBallot:
    """A ballot with random bytes for its sealed content (the journal does not look inside)."""
    sealed = secrets.token_bytes(120)
    import hashlib

    return JournalBallot(
        receipt_code=f"{secrets.randbelow(10**12):012d}",
        constituency_id=constituency_id,
        constituency_code=constituency_code,
        sealed=sealed,
        sealed_sha256=hashlib.sha256(sealed).hexdigest(),
        paper_serial=secrets.token_hex(4).upper(),
        hour="2026-05-01T10:00",
    )
