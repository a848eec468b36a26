"""The station journal: durability settings, casting as one transaction, what it never
holds, batches stored once and sent byte for byte, and a process killed mid-casting."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shora.station.errors import StationRefusal
from shora.station.journal import (
    INCIDENT_CATEGORIES,
    Journal,
    Setting,
    StationState,
)
from shora_domain.errors import DomainError
from shora_domain.signed_documents import (
    b64decode,
    canonical_json,
    document_sign,
    document_verify,
)
from tests.station.conftest import fake_ballot, journal_enrolled


def _signer(journal: Journal):
    private = b64decode(journal.setting(Setting.SIGNING_PRIVATE_KEY) or "")
    return lambda document: document_sign(document, private)


def _issue(journal: Journal, constituency: str = "1001", constituency_id: int = 11) -> str:
    import secrets

    return journal.token_issue(
        token="tok_" + secrets.token_urlsafe(16),
        constituency_id=constituency_id,
        constituency_code=constituency,
        hour="2026-05-01T09:00",
    )


# -- the file -------------------------------------------------------------------------------


def test_the_journal_file_is_private_and_durable(journal: Journal):
    mode = stat.S_IMODE(journal.path.stat().st_mode)
    assert mode == 0o600
    db = journal._db()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    _issue(journal)
    wal = journal.path.with_name(journal.path.name + "-wal")
    assert wal.exists()
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600  # SQLite gives it the journal's mode


def test_every_thread_gets_its_own_connection_with_the_same_settings(journal: Journal):
    import threading

    seen: list[tuple[int, int]] = []

    def look() -> None:
        db = journal._db()
        seen.append((id(db), db.execute("PRAGMA synchronous").fetchone()[0]))
        journal.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    assert seen[0][1] == 2
    assert seen[0][0] != id(journal._db())


def test_opening_a_missing_journal_says_so_in_both_languages(tmp_path: Path):
    with pytest.raises(DomainError) as refused:
        Journal.open(tmp_path / "nowhere.journal")
    assert refused.value.code is StationRefusal.NO_JOURNAL
    assert "shora station enrol" in refused.value.en
    assert "دفتر" in refused.value.fa


def test_a_journal_never_enrolled_is_refused(tmp_path: Path):
    Journal.create(tmp_path / "new.journal")
    with pytest.raises(DomainError) as refused:
        Journal.open(tmp_path / "new.journal")
    assert refused.value.code is StationRefusal.NOT_ENROLLED
    assert "never enrolled" in refused.value.en
    Journal.open(tmp_path / "new.journal", enrolled=False)  # enrolment itself may open it


def test_an_enrolled_journal_is_not_created_again(journal: Journal):
    with pytest.raises(DomainError) as refused:
        Journal.create(journal.path)
    assert refused.value.code is StationRefusal.ALREADY_ENROLLED


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"\x00" * 4096])
def test_a_file_that_is_not_a_journal_is_refused(tmp_path: Path, content: bytes):
    path = tmp_path / "other.file"
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        Journal.open(path)
    assert refused.value.code is StationRefusal.NOT_A_JOURNAL


def test_a_journal_of_another_schema_version_is_refused(journal: Journal):
    journal._db().execute("PRAGMA user_version=99")
    journal.close()
    with pytest.raises(DomainError) as refused:
        Journal.open(journal.path)
    assert refused.value.code is StationRefusal.NOT_A_JOURNAL


# -- what a ballot row holds ------------------------------------------------------------------


def test_a_ballot_row_holds_no_token_no_voter_and_no_order(journal: Journal):
    columns = {row[1] for row in journal._db().execute("PRAGMA table_info(ballots)")}
    assert columns == {
        "receipt_code",
        "constituency_id",
        "constituency_code",
        "sealed",
        "sealed_sha256",
        "paper_serial",
        "hour",
        "batch_seq",
    }
    with pytest.raises(sqlite3.OperationalError):  # WITHOUT ROWID: no hidden insertion order
        journal._db().execute("SELECT rowid FROM ballots")
    token_columns = {row[1] for row in journal._db().execute("PRAGMA table_info(tokens)")}
    assert not token_columns & {"receipt_code", "national_code", "ballot"}


# -- tickets --------------------------------------------------------------------------------


def test_tickets_are_six_random_digits_unique_and_stable_per_token(journal: Journal):
    tickets = {_issue(journal) for _ in range(300)}
    assert len(tickets) == 300
    assert all(len(ticket) == 6 and ticket.isdigit() for ticket in tickets)
    again = journal.token_issue(
        token="tok_same", constituency_id=11, constituency_code="1001", hour="2026-05-01T09:00"
    )
    assert again == journal.token_issue(
        token="tok_same", constituency_id=11, constituency_code="1001", hour="2026-05-01T10:00"
    )
    assert journal.counts().participations == 301


# -- casting --------------------------------------------------------------------------------


def test_casting_uses_the_ticket_and_journals_the_ballot_together(journal: Journal):
    ticket = _issue(journal)
    ballot = fake_ballot()
    journal.ballot_cast(ticket, ballot)
    assert journal.ballot(ballot.receipt_code) == ballot
    token = journal.token_by_ticket(ticket)
    assert token is not None and token.status == "used"
    counts = journal.counts()
    assert (counts.ballots, counts.tokens_used, counts.tokens_outstanding) == (1, 1, 0)


def _refused_with(journal: Journal, ticket: str, ballot, code: StationRefusal) -> None:
    before = journal.counts()
    with pytest.raises(DomainError) as refused:
        journal.ballot_cast(ticket, ballot)
    assert refused.value.code is code
    assert journal.counts() == before  # nothing written


def test_a_used_ticket_cannot_cast_again(journal: Journal):
    ticket = _issue(journal)
    journal.ballot_cast(ticket, fake_ballot())
    _refused_with(journal, ticket, fake_ballot(), StationRefusal.TICKET_NOT_ISSUED)


@pytest.mark.parametrize("ticket", ["000000", "", "۱۲۳۴۵۶", "x" * 10_000, "1' OR '1'='1"])
def test_an_unknown_ticket_casts_nothing(journal: Journal, ticket: str):
    _issue(journal)
    _refused_with(journal, ticket, fake_ballot(), StationRefusal.TICKET_UNKNOWN)


def test_a_voided_ticket_casts_nothing(journal: Journal):
    ticket = _issue(journal)
    journal.token_void(ticket, "رأی‌دهنده پیش از رأی دادن رفت")
    _refused_with(journal, ticket, fake_ballot(), StationRefusal.TICKET_NOT_ISSUED)


def test_a_ticket_of_another_constituency_casts_nothing(journal: Journal):
    ticket = _issue(journal, "1002", 12)
    _refused_with(journal, ticket, fake_ballot("1001"), StationRefusal.TICKET_OTHER_CONSTITUENCY)


@pytest.mark.parametrize("state", [StationState.NOT_OPEN, StationState.CLOSING, "closed"])
def test_nothing_is_cast_unless_the_station_is_open(journal: Journal, state: str):
    ticket = _issue(journal)
    journal.state_set(state)
    _refused_with(journal, ticket, fake_ballot(), StationRefusal.NOT_OPEN)


def test_a_receipt_code_or_serial_already_journalled_is_refused_and_the_ticket_kept(
    journal: Journal,
):
    import dataclasses

    first = fake_ballot()
    journal.ballot_cast(_issue(journal), first)
    ticket = _issue(journal)
    same_code = dataclasses.replace(fake_ballot(), receipt_code=first.receipt_code)
    _refused_with(journal, ticket, same_code, StationRefusal.RECEIPT_TAKEN)
    same_serial = dataclasses.replace(fake_ballot(), paper_serial=first.paper_serial)
    _refused_with(journal, ticket, same_serial, StationRefusal.RECEIPT_TAKEN)
    token = journal.token_by_ticket(ticket)
    assert token is not None and token.status == "issued"


# -- voiding and incidents -------------------------------------------------------------------


def test_voiding_needs_a_reason_and_an_unused_ticket(journal: Journal):
    ticket = _issue(journal)
    for reason in ["", "   ", "\n"]:
        with pytest.raises(DomainError) as refused:
            journal.token_void(ticket, reason)
        assert refused.value.code is StationRefusal.BAD_VOID
    journal.ballot_cast(ticket, fake_ballot())
    with pytest.raises(DomainError) as refused:
        journal.token_void(ticket, "دیر رسید")
    assert refused.value.code is StationRefusal.TICKET_NOT_ISSUED
    with pytest.raises(DomainError) as refused:
        journal.token_void("999999x", "دیر رسید")
    assert refused.value.code is StationRefusal.TICKET_UNKNOWN


def test_a_void_waits_for_the_centre_until_marked_sent(journal: Journal):
    ticket = _issue(journal)
    journal.token_void(ticket, "رأی‌دهنده منصرف شد")
    assert [token.ticket for token in journal.voids_unsent()] == [ticket]
    journal.void_mark_sent(ticket)
    assert journal.voids_unsent() == []
    counts = journal.counts()
    assert (counts.tokens_voided, counts.voids_unsent, counts.participations) == (1, 0, 1)


@pytest.mark.parametrize(
    ("category", "text", "recorded_by"),
    [
        ("earthquake", "چیزی رخ داد", "رئیس شعبه"),
        ("", "چیزی رخ داد", "رئیس شعبه"),
        ("dispute", "", "رئیس شعبه"),
        ("dispute", "   ", "رئیس شعبه"),
        ("dispute", "چیزی رخ داد", ""),
        ("dispute", "ب" * 4001, "رئیس شعبه"),
        ("dispute", "چیزی رخ داد", "ن" * 201),
    ],
)
def test_a_bad_incident_is_refused(journal: Journal, category, text, recorded_by):
    with pytest.raises(DomainError) as refused:
        journal.incident_record(
            category=category,
            text=text,
            recorded_by=recorded_by,
            minute="2026-05-01T10:17:00+03:30",
        )
    assert refused.value.code is StationRefusal.BAD_INCIDENT
    assert journal.counts().incidents == 0


def test_no_incident_after_the_closing_starts(journal: Journal):
    journal.state_set(StationState.CLOSING)
    with pytest.raises(DomainError) as refused:
        journal.incident_record(
            category="other",
            text="پس از بستن",
            recorded_by="منشی",
            minute="2026-05-01T18:05:00+03:30",
        )
    assert refused.value.code is StationRefusal.CLOSED


def test_incidents_are_kept_as_written(journal: Journal):
    for category in INCIDENT_CATEGORIES:
        journal.incident_record(
            category=category,
            text="دستگاه احراز هویت ۱۰ دقیقه از کار افتاد",
            recorded_by="رئیس شعبه",
            minute="2026-05-01T10:17:00+03:30",
        )
    kept = journal.incidents()
    assert [incident.category for incident in kept] == list(INCIDENT_CATEGORIES)
    assert kept[0].text == "دستگاه احراز هویت ۱۰ دقیقه از کار افتاد"
    assert not any(incident.forwarded for incident in kept)


# -- batches --------------------------------------------------------------------------------


def _cast(journal: Journal, count: int, constituency: str = "1001", cid: int = 11) -> list[str]:
    codes = []
    for _ in range(count):
        ballot = fake_ballot(constituency, cid)
        journal.ballot_cast(_issue(journal, constituency, cid), ballot)
        codes.append(ballot.receipt_code)
    return codes


def test_a_batch_pairs_each_ballot_with_a_used_token_of_its_constituency(journal: Journal):
    ahvaz = _cast(journal, 4)
    village = _cast(journal, 3, "1002", 12)
    journal.incident_record(
        category="dispute",
        text="نزاع در صف",
        recorded_by="رئیس شعبه",
        minute="2026-05-01T10:17:00+03:30",
    )
    batch = journal.batch_next(station="10001", sign=_signer(journal))
    assert batch is not None and batch.seq == 1
    body = json.loads(batch.body)
    assert body["station"] == "10001" and body["seq"] == 1
    ballots = [entry for entry in body["entries"] if entry["kind"] == "ballot"]
    incidents = [entry for entry in body["entries"] if entry["kind"] == "incident"]
    assert sorted(entry["receipt_code"] for entry in ballots) == sorted(ahvaz + village)
    assert incidents == [
        {
            "kind": "incident",
            "id": journal.incidents()[0].id,
            "category": "dispute",
            "text": "نزاع در صف",
            "recorded_by": "رئیس شعبه",
            "at": "2026-05-01T10:17:00+03:30",
        }
    ]
    assert str(uuid.UUID(incidents[0]["id"])) == incidents[0]["id"]
    tokens_of = {
        code: {
            row[0]
            for row in journal._db().execute(
                "SELECT token FROM tokens WHERE status = 'used' AND constituency_code = ?", (code,)
            )
        }
        for code in ("1001", "1002")
    }
    for entry in ballots:
        assert entry["token"] in tokens_of[entry["constituency"]]
        assert entry["hour"] == "2026-05-01T10:00"
        stored = journal.ballot(entry["receipt_code"])
        assert stored is not None and b64decode(entry["sealed"]) == stored.sealed
    assert len({entry["token"] for entry in ballots}) == 7
    assert batch.body.encode() == canonical_json(body)
    public = b64decode(journal.setting(Setting.SIGNING_PUBLIC_KEY) or "")
    assert document_verify(body, batch.signature, public)
    assert json.loads(batch.request_bytes()) == {"batch": body, "signature": batch.signature}
    assert batch.request_bytes() == canonical_json({"batch": body, "signature": batch.signature})


def test_a_batch_not_acknowledged_is_sent_again_byte_for_byte_even_after_a_restart(
    journal: Journal,
):
    _cast(journal, 5)
    first = journal.batch_next(station="10001", sign=_signer(journal))
    assert first is not None
    _cast(journal, 5)  # more ballots arrive meanwhile: they wait for the next batch
    journal.close()
    reopened = Journal.open(journal.path)
    again = reopened.batch_next(station="10001", sign=_signer(reopened))
    assert again is not None
    assert again.request_bytes() == first.request_bytes()
    reopened.batch_mark_sent(first.seq, [{"result": "stored"}] * 5)
    second = reopened.batch_next(station="10001", sign=_signer(reopened))
    assert second is not None and second.seq == 2
    assert len(json.loads(second.body)["entries"]) == 5
    reopened.batch_mark_sent(second.seq)
    assert reopened.batch_next(station="10001", sign=_signer(reopened)) is None


def test_ballots_wait_until_enough_of_them_can_be_mixed(journal: Journal):
    _cast(journal, 2)
    journal.incident_record(
        category="other", text="برق رفت", recorded_by="منشی", minute="2026-05-01T11:02:00+03:30"
    )
    batch = journal.batch_next(station="10001", sign=_signer(journal), mix_at_least=3)
    assert batch is not None
    assert [entry["kind"] for entry in json.loads(batch.body)["entries"]] == ["incident"]
    journal.batch_mark_sent(batch.seq)
    assert journal.batch_next(station="10001", sign=_signer(journal), mix_at_least=3) is None
    _cast(journal, 1)
    batch = journal.batch_next(station="10001", sign=_signer(journal), mix_at_least=3)
    assert batch is not None and len(json.loads(batch.body)["entries"]) == 3


def test_a_batch_holds_at_most_max_entries(journal: Journal):
    _cast(journal, 7)
    sizes = []
    while batch := journal.batch_next(station="10001", sign=_signer(journal), max_entries=3):
        sizes.append(len(json.loads(batch.body)["entries"]))
        journal.batch_mark_sent(batch.seq)
    assert sizes == [3, 3, 1]
    assert journal.counts().ballots_pending == 0


def test_refused_entries_are_listed_with_the_centres_reason(journal: Journal):
    _cast(journal, 2)
    batch = journal.batch_next(station="10001", sign=_signer(journal))
    assert batch is not None
    journal.batch_mark_sent(
        batch.seq,
        [{"result": "stored"}, {"result": "token_unknown", "message_en": "unknown token"}],
    )
    assert journal.entries_refused() == [
        {"seq": 1, "index": 1, "result": "token_unknown", "message_en": "unknown token"}
    ]


# -- a property: whatever the order of events, every ballot is forwarded exactly once ---------

_events = st.lists(
    st.sampled_from(["issue", "cast", "cast_village", "void", "incident", "pack", "ack"]),
    max_size=60,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=_events, max_entries=st.integers(1, 6), mix=st.integers(1, 3))
def test_every_ballot_and_used_token_lands_in_exactly_one_batch(
    tmp_path_factory, events, max_entries, mix
):
    journal = journal_enrolled(tmp_path_factory.mktemp("prop") / "p.journal")
    sign = _signer(journal)
    for event in events:
        if event == "issue":
            _issue(journal)
        elif event in ("cast", "cast_village"):
            code, cid = ("1001", 11) if event == "cast" else ("1002", 12)
            _cast(journal, 1, code, cid)
        elif event == "void" and journal.tokens_outstanding():
            journal.token_void(journal.tokens_outstanding()[0].ticket, "رفت")
        elif event == "incident":
            journal.incident_record(category="other", text="x", recorded_by="y", minute="m")
        elif event == "pack":
            journal.batch_next(station="s", sign=sign, max_entries=max_entries, mix_at_least=mix)
        elif event == "ack":
            batch = journal.batch_next(
                station="s", sign=sign, max_entries=max_entries, mix_at_least=mix
            )
            if batch is not None:
                journal.batch_mark_sent(batch.seq)
    while batch := journal.batch_next(station="s", sign=sign, max_entries=max_entries):
        journal.batch_mark_sent(batch.seq)
    receipts: list[str] = []
    tokens: list[str] = []
    seqs = []
    for (seq,) in journal._db().execute("SELECT seq FROM batches ORDER BY seq"):
        stored = journal.batch(seq)
        assert stored is not None and stored.sent
        body = json.loads(stored.body)
        seqs.append(body["seq"])
        assert 0 < len(body["entries"]) <= max_entries
        for entry in body["entries"]:
            if entry["kind"] == "ballot":
                receipts.append(entry["receipt_code"])
                tokens.append(entry["token"])
    assert seqs == list(range(1, len(seqs) + 1))
    all_receipts = [code for code, _ in journal.receipts()]
    assert sorted(receipts) == sorted(all_receipts)
    used = [row[0] for row in journal._db().execute("SELECT token FROM tokens WHERE status='used'")]
    assert sorted(tokens) == sorted(used)
    counts = journal.counts()
    assert counts.tokens_used == counts.ballots
    assert counts.incidents_pending == 0


# -- killed while casting --------------------------------------------------------------------

_CASTING_LOOP = """
import hashlib, secrets, sys
from shora.station.journal import Journal, JournalBallot
journal = Journal.open(sys.argv[1])
while True:
    ticket = journal.token_issue(token="tok_" + secrets.token_urlsafe(16), constituency_id=11,
                                 constituency_code="1001", hour="2026-05-01T10:00")
    sealed = secrets.token_bytes(200)
    ballot = JournalBallot(receipt_code=f"{secrets.randbelow(10**12):012d}",
                           constituency_id=11, constituency_code="1001", sealed=sealed,
                           sealed_sha256=hashlib.sha256(sealed).hexdigest(),
                           paper_serial=secrets.token_hex(4).upper(), hour="2026-05-01T10:00")
    journal.ballot_cast(ticket, ballot)
    print(ballot.receipt_code, flush=True)
"""


@pytest.mark.parametrize("receipts_before_kill", [1, 37, 150])
def test_every_receipt_printed_before_a_sigkill_is_in_the_journal(
    tmp_path: Path, receipts_before_kill: int
):
    journal = journal_enrolled(tmp_path / "killed.journal")
    journal.close()
    printed: list[str] = []
    for _round in range(2):  # killed twice, the second time on a journal already killed once
        caster = subprocess.Popen(
            [sys.executable, "-c", _CASTING_LOOP, str(journal.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert caster.stdout is not None
        for _ in range(receipts_before_kill):
            line = caster.stdout.readline()
            assert line, caster.stderr.read() if caster.stderr else ""
            printed.append(line.strip())
        os.kill(caster.pid, signal.SIGKILL)
        # read through the same text stream: lines it has already buffered count too
        # (communicate() reads the pipe's descriptor and would miss them)
        rest = caster.stdout.read()
        errors = caster.stderr.read() if caster.stderr else ""
        caster.wait()
        printed.extend(line for line in rest.split() if line)  # printed before the kill landed
        assert caster.returncode == -signal.SIGKILL, errors
    reopened = Journal.open(journal.path)
    journalled = {code for code, _ in reopened.receipts()}
    assert set(printed) <= journalled
    assert len(journalled) - len(printed) <= 2  # at most the ballot in flight, per kill
    counts = reopened.counts()
    assert counts.tokens_used == counts.ballots  # never a ballot without its used ticket
    assert reopened._db().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
