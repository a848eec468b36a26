"""What the console prints, made from the journal: the zero and closing reports, and for
each ballot cast its paper record and the voter's receipt.

The paper record holds the voter's choices, which the journal never holds in the clear. So
the two papers of a ballot are made once, right after the cast committed, and kept in this
process's memory only (never on disk, never in a cookie), for a few minutes, until printed
or until the next voter starts: ``printout_keep`` / ``printout_take``.
"""

from __future__ import annotations

import datetime
import secrets
import threading
import time
from dataclasses import dataclass

from shora.station.journal import Journal, Setting
from shora.station.printing.documents import (
    ClosingReport,
    PaperRecord,
    Receipt,
    ZeroReport,
    paper_record_pdf,
    receipt_pdf,
)
from shora.station.voting import CastResult
from shora_domain.digits import to_persian_digits
from shora_domain.election_key import key_fingerprint
from shora_domain.signed_documents import b64decode

KEEP_SECONDS = 15 * 60


def _station(journal: Journal) -> dict[str, object]:
    return dict(journal.setting_json(Setting.STATION) or {})


def _election_name(journal: Journal) -> str:
    return str((journal.setting_json(Setting.ELECTION) or {}).get("name", ""))


def _station_key_fingerprint(journal: Journal) -> str:
    return key_fingerprint(b64decode(journal.setting(Setting.SIGNING_PUBLIC_KEY) or ""))


def _staff_rows(opening: dict[str, object]) -> list[tuple[str, str]]:
    """The staff present as the zero report lists them: the station knows their national
    codes only (the roster with names is the centre's)."""
    chair = opening.get("chair")
    codes = opening.get("staff_present")
    return [
        (to_persian_digits(str(code)), "رئیس شعبه" if code == chair else "عضو شعبه")
        for code in (codes if isinstance(codes, list) else [])
    ]


def zero_report_of(journal: Journal) -> ZeroReport:
    stored = journal.document("opening")
    if stored is None:
        raise LookupError("the station has no zero report yet")
    opening = stored.document()
    station = _station(journal)
    constituencies = station.get("constituencies")
    return ZeroReport(
        election_name=_election_name(journal),
        station_code=str(station.get("code", "")),
        station_name=str(station.get("name", "")),
        constituencies=[
            str(c.get("name", ""))
            for c in (constituencies if isinstance(constituencies, list) else [])
        ],
        opened_at=datetime.datetime.fromisoformat(str(opening["opened_at"])),
        chair=to_persian_digits(str(opening["chair"])),
        staff_present=_staff_rows(opening),
        key_fingerprint=str(opening["key_fingerprint"]),
        ballots_in_store=int(opening["ballots_in_store"]),
        signature=stored.signature,
        station_key_fingerprint=_station_key_fingerprint(journal),
    )


def closing_report_of(journal: Journal) -> ClosingReport:
    stored, opening = journal.document("closing"), journal.document("opening")
    if stored is None or opening is None:
        raise LookupError("the station has no closing report yet")
    closing, opened = stored.document(), opening.document()
    station = _station(journal)
    per_code = journal.ballots_per_constituency()
    counts = journal.counts()
    constituencies = station.get("constituencies")
    return ClosingReport(
        election_name=_election_name(journal),
        station_code=str(station.get("code", "")),
        station_name=str(station.get("name", "")),
        opened_at=datetime.datetime.fromisoformat(str(opened["opened_at"])),
        closed_at=datetime.datetime.fromisoformat(str(closing["closed_at"])),
        participations=int(closing["participations"]),
        ballots=int(closing["ballots"]),
        voided=int(closing["voided"]),
        per_constituency=[
            (str(c.get("name", "")), per_code.get(str(c.get("code")), 0))
            for c in (constituencies if isinstance(constituencies, list) else [])
        ],
        receipts_root=str(closing["receipts_root"]),
        signature=stored.signature,
        station_key_fingerprint=_station_key_fingerprint(journal),
        staff=_staff_rows(opened),
        provisional_accepted=counts.provisional_accepted,
        provisional_rejected=counts.provisional_rejected,
    )


def bulletin_url(journal: Journal) -> str:
    """Where a voter checks a receipt: the centre's public bulletin board."""
    return (journal.setting(Setting.CENTRE_URL) or "") + "/bulletin/"


@dataclass(frozen=True)
class BallotPrintout:
    receipt_code: str
    paper_record: bytes
    receipt: bytes
    provisional: bool = False


def ballot_printout(journal: Journal, result: CastResult) -> BallotPrintout:
    """The paper record (choices, serial, no time, no receipt code) and the receipt
    (receipt code and hour, no choice) of a ballot just cast. A provisional ballot's receipt
    says so; its paper record does not (the box must not tell provisional papers apart: the
    serial in the journal finds a rejected one's paper if the boards ever need it)."""
    names = {candidate.code: candidate.name for candidate in result.definition.candidates}
    station_code = str(_station(journal).get("code", ""))
    record = PaperRecord(
        election_name=_election_name(journal),
        constituency_name=result.definition.constituency_name,
        station_code=station_code,
        serial=result.paper_serial,
        choices=[(code, names[code]) for code in result.cast.choices],
        blank=result.cast.is_blank,
        skipped=result.cast.skipped,
        members=result.definition.members,
    )
    receipt = Receipt(
        election_name=_election_name(journal),
        station_code=station_code,
        receipt_code=result.receipt_code,
        hour=result.hour,
        bulletin_url=bulletin_url(journal),
    )
    return BallotPrintout(
        result.receipt_code,
        paper_record_pdf(record),
        receipt_pdf(receipt, provisional=result.provisional),
        result.provisional,
    )


_kept: dict[str, tuple[float, BallotPrintout]] = {}
_kept_lock = threading.Lock()


def printout_keep(printout: BallotPrintout) -> str:
    """Keep a ballot's printout in memory for a few minutes; the key to fetch it by."""
    key = secrets.token_urlsafe(18)
    with _kept_lock:
        now = time.monotonic()
        for stale in [k for k, (at, _) in _kept.items() if now - at > KEEP_SECONDS]:
            del _kept[stale]
        _kept[key] = (now, printout)
    return key


def printout_take(key: str) -> BallotPrintout | None:
    with _kept_lock:
        held = _kept.get(key)
        if held is None or time.monotonic() - held[0] > KEEP_SECONDS:
            _kept.pop(key, None)
            return None
        return held[1]


def printout_forget(key: str) -> None:
    with _kept_lock:
        _kept.pop(key, None)
