"""Enrolment (once) and what the station reads from the centre afterwards.

Enrolment generates the station's Ed25519 key, exchanges the one-time code an official
issued for the station (``POST /api/polling/enrol``) and keeps in the journal the device
token, the station and election as the centre describes them, the election's public key
and the console password's hash. The private key is written to the journal *before* the
code is exchanged: a crash in between leaves a journal that can simply be enrolled again
with a new code, never a centre holding a key the station lost.
"""

from __future__ import annotations

import json
import secrets
import socket
from pathlib import Path
from typing import Any

from shora.station.centre_client import CentreClient
from shora.station.console_password import console_password_hash
from shora.station.errors import StationRefusal, refusal
from shora.station.journal import Journal, Setting, StationState
from shora_domain.digits import to_latin_digits
from shora_domain.election_key import key_fingerprint
from shora_domain.signed_documents import b64decode, b64encode, signing_key_generate


def _key_settings(journal: Journal, reply: dict[str, Any]) -> dict[str, str | None]:
    """The election key the centre sent, checked against its fingerprint; never replaced
    once the journal holds a ballot sealed with the old one."""
    encoded = reply.get("election_public_key")
    if not encoded:
        return {}
    public_key = b64decode(str(encoded))
    fingerprint = key_fingerprint(public_key)
    if reply.get("key_fingerprint") and reply["key_fingerprint"] != fingerprint:
        raise refusal(
            StationRefusal.KEY_MISMATCH,
            fa="اثر کلید انتخابات که مرکز فرستاد با خود کلید نمی‌خواند.",
            en="The election key's fingerprint sent by the centre does not match the key.",
        )
    held = journal.setting(Setting.ELECTION_PUBLIC_KEY)
    counts = journal.counts()
    if held and held != encoded and (counts.ballots or counts.provisional_ballots):
        raise refusal(
            StationRefusal.KEY_MISMATCH,
            fa="کلید انتخابات در مرکز عوض شده، ولی رأی‌های این شعبه با کلید پیشین مهر شده‌اند.",
            en="The centre's election key changed after this station sealed ballots with "
            "the previous one.",
        )
    return {Setting.ELECTION_PUBLIC_KEY: str(encoded), Setting.KEY_FINGERPRINT: fingerprint}


def _description_settings(journal: Journal, reply: dict[str, Any]) -> dict[str, str | None]:
    return {
        Setting.STATION: json.dumps(reply["station"], ensure_ascii=False, sort_keys=True),
        Setting.ELECTION: json.dumps(reply["election"], ensure_ascii=False, sort_keys=True),
        **_key_settings(journal, reply),
    }


def station_enrol(
    *,
    journal_path: str | Path,
    centre_url: str,
    code: str,
    console_password: str,
    label: str = "",
    client: CentreClient | None = None,
) -> Journal:
    """Enrol a new journal with the centre at ``centre_url`` using the one-time ``code``."""
    password_hash = console_password_hash(console_password)
    journal = Journal.create(journal_path)
    private_key, public_key = signing_key_generate()
    journal.settings_write(
        {
            Setting.CENTRE_URL: centre_url.rstrip("/"),
            Setting.SIGNING_PRIVATE_KEY: b64encode(private_key),
            Setting.SIGNING_PUBLIC_KEY: b64encode(public_key),
            Setting.CONSOLE_PASSWORD: password_hash,
            Setting.SESSION_SECRET: secrets.token_urlsafe(48),
        }
    )
    client = client or CentreClient(centre_url)
    reply = client.post(
        "/api/polling/enrol",
        {
            "code": to_latin_digits(code).strip(),
            "station_public_key": b64encode(public_key),
            "label": label or f"station process on {socket.gethostname()}"[:100],
        },
    )
    journal.settings_write(
        {
            **_description_settings(journal, reply),
            Setting.STATE: StationState.NOT_OPEN,
            Setting.DEVICE_TOKEN: str(reply["device_token"]),  # last: marks the enrolment done
        }
    )
    return journal


def station_refresh(journal: Journal, client: CentreClient) -> dict[str, Any]:
    """Read the station, its election (window, extensions) and key from the centre into
    the journal; settle an opening or closing whose answer was lost on the way."""
    reply: dict[str, Any] = client.get("/api/polling/station")
    changed = {
        key: value
        for key, value in _description_settings(journal, reply).items()
        if journal.setting(key) != value
    }
    if changed:
        journal.settings_write(changed)
    centre_state, local_state = reply.get("state"), journal.state()
    opening, closing = journal.document("opening"), journal.document("closing")
    if centre_state in ("open", "closed") and local_state == StationState.NOT_OPEN and opening:
        journal.document_mark_sent("opening", new_state=StationState.OPEN)
    if centre_state == "closed" and journal.state() == StationState.CLOSING and closing:
        journal.document_mark_sent("closing", new_state=StationState.CLOSED)
    return reply
