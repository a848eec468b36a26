"""Opening and closing the station: the signed zero report and the signed closing counts.

Each document is built, signed with the station's key and stored in the journal before it
is sent. A document the centre refused is discarded (the next attempt builds a new one,
with a fresh time the centre checks against its clock); an answer lost on the way is
settled by asking the centre for the station's state (``station_refresh``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from shora.station import clock
from shora.station.centre_client import CentreClient, CentreRefused
from shora.station.enrolment import station_refresh
from shora.station.errors import StationRefusal, refusal
from shora.station.forwarding import forward_pending, station_code, station_signer
from shora.station.journal import Journal, Setting, StationState, StoredDocument
from shora.station.voting import ballot_fetch
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.national_code import parse_national_code

CLOSING_VOID_REASON = "پایان اخذ رأی؛ نوبت به کار نرفت (closing: not used)"


@dataclass
class Opened:
    document: StoredDocument
    ballots_missing: list[str] = field(default_factory=list)  # the centre's words, per ballot


def staff_codes(chair: str, staff_present: Sequence[str]) -> tuple[str, list[str]]:
    """The chair's and the staff's national codes as Latin digits, checked, the chair among
    the staff, each once; a bad code is refused naming its line."""
    try:
        chair_code = parse_national_code(chair)
    except DomainError as bad:
        raise refusal(
            StationRefusal.BAD_STAFF,
            fa=f"کد ملی رئیس شعبه: {bad.fa}",
            en=f"The chair's national code: {bad.en}",
        ) from bad
    codes: list[str] = [chair_code]
    lines = [line for line in staff_present if line.strip()]
    if len(lines) > 50:
        raise refusal(
            StationRefusal.BAD_STAFF,
            fa="بیش از ۵۰ نفر کارکنان حاضر وارد شده است.",
            en="More than 50 staff present were entered.",
        )
    for number, line in enumerate(lines, start=1):
        try:
            code = parse_national_code(line)
        except DomainError as bad:
            raise refusal(
                StationRefusal.BAD_STAFF,
                fa=f"کد ملی سطر {to_persian_digits(number)} کارکنان: {bad.fa}",
                en=f"The national code on staff line {number}: {bad.en}",
            ) from bad
        if code not in codes:
            codes.append(code)
    return chair_code, codes


def station_open(
    journal: Journal, client: CentreClient, *, chair: str, staff_present: Sequence[str]
) -> Opened:
    """Open the station: refresh from the centre, sign the zero report, send it, then fetch
    and keep the ballots of the constituencies the station serves."""
    if journal.state() != StationState.NOT_OPEN:
        raise refusal(
            StationRefusal.ALREADY_OPEN,
            fa="این شعبه پیش‌تر گشایش یافته است.",
            en="This station has already been opened.",
        )
    chair_code, present = staff_codes(chair, staff_present)
    station_refresh(journal, client)
    if journal.state() != StationState.NOT_OPEN:  # the centre had it open: an answer lost
        stored = journal.document("opening")
        assert stored is not None
        return Opened(stored, _ballots_fetch(journal, client))
    fingerprint = journal.setting(Setting.KEY_FINGERPRINT)
    if not fingerprint:
        raise refusal(
            StationRefusal.NO_ELECTION_KEY,
            fa="کلید انتخابات هنوز ساخته نشده است؛ شعبه بدون آن گشایش نمی‌یابد.",
            en="The election key has not been made yet; the station cannot open without it.",
        )
    document = {
        "station": station_code(journal),
        "opened_at": clock.now().isoformat(timespec="seconds"),
        "chair": chair_code,
        "staff_present": present,
        "key_fingerprint": fingerprint,
        "ballots_in_store": journal.counts().ballots,
    }
    signature = station_signer(journal)(document)
    journal.document_store("opening", document, signature)
    try:
        client.post("/api/polling/open", {"document": document, "signature": signature})
    except CentreRefused as refused:
        if refused.centre_code != "polling.already_open":
            journal.document_discard("opening")
            raise
    journal.document_mark_sent("opening", new_state=StationState.OPEN)
    stored = journal.document("opening")
    assert stored is not None
    return Opened(stored, _ballots_fetch(journal, client))


def _ballots_fetch(journal: Journal, client: CentreClient) -> list[str]:
    """Fetch every served constituency's ballot; what could not be fetched, in words."""
    missing: list[str] = []
    station = journal.setting_json(Setting.STATION) or {}
    for constituency in station.get("constituencies", []):
        try:
            ballot_fetch(journal, client, int(constituency["id"]))
        except DomainError as refused:
            missing.append(f"{constituency.get('name', '')}: {refused.fa} / {refused.en}")
    return missing


def polls_close_at(journal: Journal) -> datetime.datetime | None:
    """When the polls close, extensions included, as the centre last said."""
    election = journal.setting_json(Setting.ELECTION) or {}
    closes = election.get("closes")
    try:
        return datetime.datetime.fromisoformat(closes) if closes else None
    except ValueError:
        return None


def closing_counts(journal: Journal) -> dict[str, object]:
    """The counts the closing document states, from the journal alone: what the centre
    holds of this station once everything is forwarded. A provisional ballot the centre
    accepted is a participation and a ballot there (and its receipt is in the root); one it
    rejected is nowhere, and neither is a provisional ticket voided (the centre never heard
    of it). Tokens voided are the centre's tokens only."""
    counts = journal.counts()
    leaves = [receipt_leaf(code, digest) for code, digest in journal.receipts()]
    return {
        "participations": counts.participations + counts.provisional_accepted,
        "ballots": counts.ballots + counts.provisional_accepted,
        "voided": counts.tokens_voided,
        "receipts_root": merkle_root(leaves),
        "last_seq": counts.last_seq,
    }


def station_close(
    journal: Journal, client: CentreClient, *, early_confirmed: bool = False
) -> StoredDocument:
    """Close the station: stop casting, void the tickets not used, forward everything, sign
    the counts and the receipts' Merkle root, send them. Stopped half-way by the link, it
    is simply run again: the station stays 'closing' and casts nothing meanwhile."""
    if journal.state() in (StationState.OPEN, StationState.CLOSING):
        # the window as extended now; and a closing the centre took while its answer was lost
        station_refresh(journal, client)
    state = journal.state()
    if state == StationState.CLOSED:
        stored = journal.document("closing")
        assert stored is not None
        return stored
    if state == StationState.NOT_OPEN:
        raise refusal(
            StationRefusal.NOT_OPEN,
            fa="شعبه‌ای که گشایش نیافته بسته نمی‌شود.",
            en="A station that never opened cannot be closed.",
        )
    closes = polls_close_at(journal)
    if state == StationState.OPEN and closes and clock.now() < closes and not early_confirmed:
        raise refusal(
            StationRefusal.EARLY_CLOSE,
            fa="ساعت پایان اخذ رأی هنوز نرسیده است؛ بستن زودهنگام را تأیید کنید.",
            en="The polls have not reached their closing time; confirm the early close.",
        )
    journal.state_set(StationState.CLOSING)
    for token in journal.tokens_outstanding():
        journal.token_void(token.ticket, CLOSING_VOID_REASON)
    forward_pending(journal, client, mix_at_least=1)
    counts = journal.counts()
    if counts.provisional_awaiting:
        waiting = counts.provisional_awaiting
        raise refusal(
            StationRefusal.PROVISIONAL_PENDING,
            fa=f"مرکز هنوز دربارهٔ {to_persian_digits(waiting)} رأی مشروط پاسخ نداده است؛ "
            "شعبه پس از پاسخ مرکز به همهٔ آن‌ها بسته می‌شود. پاسخ‌های مرکز در صفحهٔ وضعیت است؛ "
            "دوباره بکوشید.",
            en=f"The centre has not yet given its outcome for {waiting} provisional "
            "ballot(s); the station closes once it has answered for each. The centre's "
            "words are on the status page; try again.",
        )
    if counts.voids_unsent or counts.batches_unsent or counts.ballots_pending:
        raise refusal(
            StationRefusal.NOT_FORWARDED,
            fa="هنوز همه‌چیز به مرکز فرستاده نشده است؛ دوباره بکوشید.",
            en="Not everything has reached the centre yet; try again.",
        )
    document = {
        "station": station_code(journal),
        "closed_at": clock.now().isoformat(timespec="seconds"),
        **closing_counts(journal),
    }
    signature = station_signer(journal)(document)
    journal.document_store("closing", document, signature)
    try:
        client.post("/api/polling/close", {"document": document, "signature": signature})
    except CentreRefused:
        journal.document_discard("closing")
        raise
    journal.document_mark_sent("closing", new_state=StationState.CLOSED)
    journal.national_codes_scrub()  # once more, in case an earlier scrub met a reader
    stored = journal.document("closing")
    assert stored is not None
    return stored
