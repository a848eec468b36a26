"""Provisional ballots at the station (the link down, the offline policy "provisional"):
the claim and its ballot journalled together, the national code gone from the journal's
files once the centre gave its outcome, forwarding one by one and idempotently, the desk
under both policies, and a closing that waits for every outcome and counts only the
accepted ones. (Against the real centre: test_provisional_end_to_end.py.)"""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
import sqlite3
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shora.station.centre_client import CentreClient, CentreRefused, CentreUnreachable
from shora.station.enrolment import station_refresh
from shora.station.errors import StationRefusal
from shora.station.forwarding import forward_pending
from shora.station.identity_desk import offline_policy, provisional_claim, voter_claim
from shora.station.journal import Journal, Setting, StationState
from shora.station.journal.schema import _SCHEMA
from shora.station.printing.documents import closing_report_pdf
from shora.station.printouts import ballot_printout, closing_report_of
from shora.station.station_day import station_close, station_open
from shora.station.views import console as console_views
from shora.station.voting import ballot_cast, ticket_check
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.national_code import NationalCodeRefusal
from shora_domain.signed_documents import b64decode, document_verify
from tests.station.conftest import (
    CONSOLE_PASSWORD,
    ProtocolCentre,
    fake_ballot,
    journal_enrolled,
    national_code,
)

PROVISIONAL = "/api/polling/provisional"
CLAIMS = "/api/polling/claims"
CHAIR = national_code(123_456_780)
STAFF = [national_code(234_567_891)]
ENTRY_FIELDS = {
    "station",
    "id",
    "national_code",
    "document",
    "fingerprint",
    "constituency",
    "sealed",
    "receipt_code",
    "hour",
}


def _files(journal: Journal) -> bytes:
    """Every byte of the journal on disk: the database, its WAL and shared memory."""
    paths = [journal.path, *journal.path.parent.glob(journal.path.name + "-*")]
    return b"".join(path.read_bytes() for path in paths if path.is_file())


def _checkpoint(journal: Journal) -> None:
    busy, _frames, _moved = journal._db().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0


def _claim(journal: Journal, code: str, constituency: str = "1001", cid: int = 11) -> str:
    return journal.provisional_claim_record(
        national_code=code,
        document="national_card",
        fingerprint="match",
        constituency_id=cid,
        constituency_code=constituency,
        hour="2026-05-01T10:00",
    )


def _issue(journal: Journal) -> str:
    return journal.token_issue(
        token="tok_" + secrets.token_urlsafe(12),
        constituency_id=11,
        constituency_code="1001",
        hour="2026-05-01T10:00",
    )


# -- the journal ---------------------------------------------------------------------------


def test_a_provisional_ballot_is_journalled_with_its_claim_in_one_transaction(journal: Journal):
    code = national_code(410_000_001)
    ticket = _claim(journal, code)
    token = journal.token_by_ticket(ticket)
    assert token is not None and token.provisional and token.status == "issued"
    ballot = fake_ballot()
    journal.ballot_cast(ticket, ballot)
    db = journal._db()
    assert db.execute("SELECT COUNT(*) FROM ballots").fetchone()[0] == 0  # not an ordinary one
    claim_id, status = db.execute("SELECT id, status FROM provisional_claims").fetchone()
    kept = db.execute("SELECT claim_id, receipt_code FROM provisional_ballots").fetchone()
    assert status == "used" and tuple(kept) == (claim_id, ballot.receipt_code)
    assert journal.ballot(ballot.receipt_code) == ballot
    (waiting,) = journal.provisional_waiting()
    assert (waiting.id, waiting.national_code, waiting.sealed) == (claim_id, code, ballot.sealed)
    counts = journal.counts()
    assert (counts.provisional_ballots, counts.provisional_awaiting, counts.ballots) == (1, 1, 0)
    assert counts.participations == 0  # no token of the centre
    assert journal.receipts() == []  # counted only once the centre accepts it
    # never in a batch: there is nothing for a batch to take
    assert journal.batch_next(station="10001", sign=lambda document: "s") is None


def test_a_provisional_cast_refused_half_way_leaves_the_claim_as_it_was(journal: Journal):
    ordinary = fake_ballot()
    journal.ballot_cast(_issue(journal), ordinary)
    ticket = _claim(journal, national_code(410_000_002))
    repeated = dataclasses.replace(fake_ballot(), receipt_code=ordinary.receipt_code)
    with pytest.raises(DomainError) as refused:
        journal.ballot_cast(ticket, repeated)
    assert refused.value.code is StationRefusal.RECEIPT_TAKEN
    with pytest.raises(DomainError) as elsewhere:
        journal.ballot_cast(ticket, fake_ballot("1002", 12))
    assert elsewhere.value.code is StationRefusal.TICKET_OTHER_CONSTITUENCY
    assert journal.token_by_ticket(ticket).status == "issued"
    assert journal.counts().provisional_ballots == 0
    journal.ballot_cast(ticket, fake_ballot())
    with pytest.raises(DomainError) as again:
        journal.ballot_cast(ticket, fake_ballot())
    assert again.value.code is StationRefusal.TICKET_NOT_ISSUED
    assert journal.counts().provisional_ballots == 1


def test_an_ordinary_receipt_code_cannot_repeat_a_provisional_one(journal: Journal):
    provisional = fake_ballot()
    journal.ballot_cast(_claim(journal, national_code(410_000_003)), provisional)
    again = type(provisional)(
        **{**fake_ballot().__dict__, "paper_serial": provisional.paper_serial}
    )
    with pytest.raises(DomainError) as refused:
        journal.ballot_cast(_issue(journal), again)
    assert refused.value.code is StationRefusal.RECEIPT_TAKEN


@pytest.mark.parametrize("state", [StationState.NOT_OPEN, StationState.CLOSING, "closed"])
def test_no_provisional_claim_unless_the_station_is_open(journal: Journal, state: str):
    journal.state_set(state)
    with pytest.raises(DomainError):
        _claim(journal, national_code(410_000_004))
    assert journal.counts().provisional_outstanding == 0


def test_the_same_person_gets_one_provisional_ticket_while_the_centre_has_not_answered(
    journal: Journal,
):
    code = national_code(410_000_005)
    ticket = _claim(journal, code)
    with pytest.raises(DomainError) as refused:
        _claim(journal, code, "1002", 12)
    assert refused.value.code is StationRefusal.PROVISIONAL_REPEATED
    journal.ballot_cast(ticket, fake_ballot())
    with pytest.raises(DomainError):
        _claim(journal, code)
    assert journal.counts().provisional_ballots == 1


@pytest.mark.parametrize(
    ("code", "fingerprint"),
    [
        ("12345", "match"),
        ("۰۰۱۲۳۴۵۶۷۸", "match"),  # not normalised: the journal takes Latin digits only
        ("00123456789", "match"),
        (national_code(410_000_006), "no_match"),
        (national_code(410_000_006), "maybe"),
    ],
)
def test_the_journal_itself_refuses_a_malformed_code_or_a_fingerprint_that_failed(
    journal: Journal, code: str, fingerprint: str
):
    with pytest.raises(sqlite3.IntegrityError):
        journal.provisional_claim_record(
            national_code=code,
            document="passport",
            fingerprint=fingerprint,
            constituency_id=11,
            constituency_code="1001",
            hour="2026-05-01T10:00",
        )
    assert journal.counts().provisional_outstanding == 0


@pytest.mark.parametrize("accepted", [True, False])
def test_the_national_code_is_gone_from_the_journal_files_once_the_centre_answered(
    journal: Journal, accepted: bool
):
    codes = [national_code(420_000_000 + n) for n in range(40)]  # enough for several pages
    for code in codes:
        journal.ballot_cast(_claim(journal, code), fake_ballot())
    assert all(code.encode() in _files(journal) for code in codes)  # the test can fail
    settled = journal.provisional_waiting()[:30]
    for entry in settled:
        journal.provisional_outcome_record(
            entry.id, accepted=accepted, reason="" if accepted else "polling.already_voted"
        )
    gone = {entry.national_code for entry in settled}
    assert len(gone) == 30
    scrubbed_by_the_journal = _files(journal)
    _checkpoint(journal)
    for content in (scrubbed_by_the_journal, _files(journal)):
        for code in codes:
            assert (code.encode() in content) is (code not in gone)
    assert journal.path.with_name(journal.path.name + "-wal").stat().st_size == 0
    assert journal.counts().provisional_awaiting == 10
    outcomes = {o.id: o for o in journal.provisional_outcomes()}
    assert {outcomes[e.id].outcome for e in settled} == {"accepted" if accepted else "rejected"}


def test_a_second_outcome_of_the_same_ballot_changes_nothing(journal: Journal):
    journal.ballot_cast(_claim(journal, national_code(430_000_001)), fake_ballot())
    (entry,) = journal.provisional_waiting()
    journal.provisional_outcome_record(entry.id, accepted=True, reason="")
    journal.provisional_outcome_record(entry.id, accepted=False, reason="polling.already_voted")
    (outcome,) = journal.provisional_outcomes()
    assert (outcome.outcome, outcome.reason) == ("accepted", "")


def test_a_provisional_ticket_voided_forgets_the_national_code_at_once(journal: Journal):
    code = national_code(430_000_002)
    ticket = _claim(journal, code)
    outstanding = journal.tokens_outstanding()
    assert [(t.ticket, t.provisional) for t in outstanding] == [(ticket, True)]
    voided = journal.token_void(ticket, "رأی‌دهنده رفت")
    assert voided.provisional and voided.status == "voided"
    _checkpoint(journal)
    assert code.encode() not in _files(journal)
    assert journal.voids_unsent() == []  # nothing to tell the centre, which never heard of it
    counts = journal.counts()
    assert (counts.provisional_voided, counts.tokens_voided) == (1, 0)
    with pytest.raises(DomainError) as refused:
        journal.ballot_cast(ticket, fake_ballot())
    assert refused.value.code is StationRefusal.TICKET_NOT_ISSUED


def test_tickets_are_unique_across_ordinary_and_provisional(journal: Journal):
    tickets = [_issue(journal) for _ in range(150)]
    tickets += [_claim(journal, national_code(440_000_000 + n)) for n in range(150)]
    assert len(set(tickets)) == 300


def test_the_rows_of_provisional_ballots_keep_no_order(journal: Journal):
    for table in ("provisional_claims", "provisional_ballots"):
        with pytest.raises(sqlite3.OperationalError):  # WITHOUT ROWID
            journal._db().execute(f"SELECT rowid FROM {table}")  # noqa: S608
    indexed = {
        row[0]
        for row in journal._db().execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'provisional_claims'"
        )
        if row[0]
    }
    assert not any("INDEX" in sql and "national_code" in sql for sql in indexed)


def test_a_journal_of_the_first_schema_gets_the_provisional_tables(tmp_path: Path):
    path = tmp_path / "old.journal"
    db = sqlite3.connect(path, isolation_level=None)
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("INSERT INTO settings VALUES ('device_token', 'x'), ('state', 'open')")
    db.execute("PRAGMA user_version=1")
    db.close()
    journal = Journal.open(path)
    assert journal._db().execute("PRAGMA user_version").fetchone()[0] == 2
    journal.ballot_cast(_claim(journal, national_code(450_000_001)), fake_ballot())
    assert journal.counts().provisional_ballots == 1


# -- a property: whatever happens, nothing counts but accepted ones, no code survives ------

_events = st.lists(
    st.sampled_from(["ordinary", "claim", "cast", "void", "accept", "reject"]), max_size=40
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=_events)
def test_only_accepted_provisional_ballots_count_and_settled_codes_leave_the_files(
    tmp_path_factory, events
):
    journal = journal_enrolled(tmp_path_factory.mktemp("prop") / "station.journal")
    serials = iter(range(460_000_000, 460_001_000))
    codes: dict[str, str] = {}  # ticket -> national code
    ordinary: list[str] = []
    accepted: list[str] = []
    for event in events:
        issued = [t.ticket for t in journal.tokens_outstanding() if t.provisional]
        waiting = journal.provisional_waiting()
        if event == "ordinary":
            ballot = fake_ballot()
            journal.ballot_cast(_issue(journal), ballot)
            ordinary.append(ballot.receipt_code)
        elif event == "claim":
            code = national_code(next(serials))
            codes[_claim(journal, code)] = code
        elif event == "cast" and issued:
            journal.ballot_cast(issued[0], fake_ballot())
        elif event == "void" and issued:
            journal.token_void(issued[0], "رفت")
        elif event in ("accept", "reject") and waiting:
            journal.provisional_outcome_record(waiting[0].id, accepted=event == "accept", reason="")
            if event == "accept":
                accepted.append(waiting[0].receipt_code)
    _checkpoint(journal)
    counts = journal.counts()
    assert sorted(code for code, _ in journal.receipts()) == sorted(ordinary + accepted)
    assert counts.provisional_accepted == len(accepted)
    assert (
        counts.provisional_outstanding
        + counts.provisional_voided
        + counts.provisional_awaiting
        + counts.provisional_accepted
        + counts.provisional_rejected
        == len(codes)
    )
    content = _files(journal)
    still_held = {entry.national_code for entry in journal.provisional_waiting()}
    still_held |= {codes[t.ticket] for t in journal.tokens_outstanding() if t.provisional}
    for code in codes.values():
        assert (code.encode() in content) is (code in still_held)


# -- forwarding to a centre that speaks the protocol ----------------------------------------


def _client(journal: Journal) -> CentreClient:
    return CentreClient(
        journal.setting(Setting.CENTRE_URL) or "", journal.setting(Setting.DEVICE_TOKEN)
    )


@pytest.fixture
def station(enrolled: Journal, centre: ProtocolCentre) -> Journal:
    """An open station of an election whose offline policy is "provisional", as the centre
    describes it (read into the journal by a refresh)."""
    centre.offline_policy = "provisional"
    station_refresh(enrolled, _client(enrolled))
    station_open(enrolled, _client(enrolled), chair=CHAIR, staff_present=STAFF)
    return enrolled


def _candidates(centre: ProtocolCentre, cid: int = 11) -> list[str]:
    return [c["code"] for c in centre.definitions[cid]["candidates"]]


def _link_down(centre: ProtocolCentre) -> None:
    centre.routes[("POST", CLAIMS)] = (503, b"the fibre is cut")


def _vote_provisionally(
    station: Journal, centre: ProtocolCentre, code: str, constituency: str = "1001"
) -> str:
    """The desk with the link down, then the voting screen: the receipt code."""
    _link_down(centre)
    with pytest.raises(CentreUnreachable):
        voter_claim(
            station,
            _client(station),
            national_code=code,
            document="national_card",
            fingerprint="match",
        )
    issued = provisional_claim(
        station,
        national_code=code,
        document="national_card",
        fingerprint="not_available",
        constituency_code=constituency,
    )
    assert issued.provisional
    cid = 11 if constituency == "1001" else 12
    return ballot_cast(
        station, ticket=issued.ticket, keyed=_candidates(centre, cid)[:1]
    ).receipt_code


def test_the_offline_policy_is_read_from_the_centre_and_kept(enrolled: Journal, centre):
    assert offline_policy(enrolled) == "refuse"
    centre.offline_policy = "provisional"
    station_refresh(enrolled, _client(enrolled))
    assert offline_policy(enrolled) == "provisional"
    assert enrolled.setting_json(Setting.ELECTION)["offline_policy"] == "provisional"
    enrolled.settings_write({Setting.ELECTION: json.dumps({"offline_policy": "whatever"})})
    assert offline_policy(enrolled) == "refuse"  # anything unknown is the safe one


def test_an_accepted_provisional_ballot_is_sent_alone_signed_and_its_code_forgotten(
    station: Journal, centre: ProtocolCentre
):
    code = national_code(470_000_001)
    centre.register[code] = "1001"
    receipt = _vote_provisionally(station, centre, to_persian_digits(code))
    report = forward_pending(station, _client(station))
    assert (report.provisional_accepted, report.provisional_rejected) == (1, 0)
    (sent,) = [json.loads(body) for body in centre.posted(PROVISIONAL)]
    entry = sent["entry"]
    assert set(entry) == ENTRY_FIELDS
    assert entry["national_code"] == code  # normalised from Persian digits
    assert (entry["station"], entry["constituency"], entry["receipt_code"]) == (
        "10001",
        "1001",
        receipt,
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:00", entry["hour"])
    public = b64decode(station.setting(Setting.SIGNING_PUBLIC_KEY) or "")
    assert document_verify(entry, sent["signature"], public)
    assert receipt in centre.ballots and centre.voted[code] == entry["hour"]
    assert all(receipt.encode() not in body for body in centre.posted("/api/polling/batches"))
    (outcome,) = station.provisional_outcomes()
    assert (outcome.outcome, outcome.reason) == ("accepted", "")
    assert [c for c, _ in station.receipts()] == [receipt]
    _checkpoint(station)
    assert code.encode() not in _files(station)
    forward_pending(station, _client(station))
    assert len(centre.posted(PROVISIONAL)) == 1  # settled: never sent again


def test_a_provisional_ballot_of_someone_who_voted_elsewhere_is_rejected_and_counted_nowhere(
    station: Journal, centre: ProtocolCentre
):
    code = national_code(470_000_002)
    centre.register[code] = "1001"
    centre.voted[code] = "09:00"  # at another station, through the centre
    receipt = _vote_provisionally(station, centre, code)
    report = forward_pending(station, _client(station))
    assert (report.provisional_accepted, report.provisional_rejected) == (0, 1)
    (outcome,) = station.provisional_outcomes()
    assert (outcome.outcome, outcome.reason) == ("rejected", "polling.already_voted")
    assert receipt not in centre.ballots
    assert station.receipts() == [] and station.ballots_per_constituency() == {}
    _checkpoint(station)
    assert code.encode() not in _files(station)


def test_an_answer_lost_on_the_way_is_asked_again_and_the_outcome_is_the_same(
    station: Journal, centre: ProtocolCentre
):
    code = national_code(470_000_003)
    centre.register[code] = "1001"
    receipt = _vote_provisionally(station, centre, code)
    judge = centre.routes[("POST", PROVISIONAL)]
    lost = []

    def judged_then_lost(body: bytes):
        answer = judge(body)
        if not lost:
            lost.append(answer)
            return 502, b"proxy error"
        return answer

    centre.routes[("POST", PROVISIONAL)] = judged_then_lost
    with pytest.raises(CentreUnreachable):
        forward_pending(station, _client(station))
    assert station.counts().provisional_awaiting == 1
    assert code.encode() in _files(station)  # still needed: the centre may be asked again
    forward_pending(station, _client(station))
    first, second = centre.posted(PROVISIONAL)
    assert first == second  # the very same entry and signature
    assert centre.outcomes[json.loads(first)["entry"]["id"]]["accepted"] is True
    assert list(centre.ballots) == [receipt]  # stored once
    (outcome,) = station.provisional_outcomes()
    assert outcome.outcome == "accepted"


def test_an_unreachable_centre_leaves_the_provisional_ballot_to_send_later(
    station: Journal, centre: ProtocolCentre, closed_port
):
    code = national_code(470_000_004)
    centre.register[code] = "1001"
    _vote_provisionally(station, centre, code)
    with pytest.raises(CentreUnreachable):
        forward_pending(
            station, CentreClient(closed_port, "t"), attempts=3, sleep=lambda seconds: None
        )
    assert station.counts().provisional_awaiting == 1
    assert station.provisional_waiting()[0].national_code == code
    forward_pending(station, _client(station))
    assert station.counts().provisional_accepted == 1


def test_the_forward_command_says_what_became_of_provisional_ballots(
    station: Journal, centre: ProtocolCentre, capsys
):
    from shora.cli import main as shora

    accepted, rejected = national_code(470_000_011), national_code(470_000_012)
    centre.register.update({accepted: "1001", rejected: "1002"})  # says 1001: kept out
    _vote_provisionally(station, centre, accepted)
    _vote_provisionally(station, centre, rejected)
    assert shora(["station", "forward", "--journal", str(station.path)]) == 0
    out = capsys.readouterr().out
    assert "provisional ballots: 1 accepted and 1 rejected now" in out
    assert "awaiting the centre: 0" in out
    assert accepted not in out and rejected not in out
    reasons = {o.reason for o in station.provisional_outcomes()}
    assert reasons == {"", "polling.ballot_other_constituency"}


def test_a_refusal_of_the_moment_is_kept_and_the_rest_goes_on(
    station: Journal, centre: ProtocolCentre
):
    code = national_code(470_000_005)
    centre.register[code] = "1001"
    _vote_provisionally(station, centre, code)
    judge = centre.routes[("POST", PROVISIONAL)]
    centre.routes[("POST", PROVISIONAL)] = (
        409,
        {
            "code": "polling.clock_wrong",
            "message_fa": "ساعت رأی در آینده است.",
            "message_en": "The ballot's hour lies in the future.",
        },
    )
    station.incident_record(
        category="other", text="قطع ارتباط", recorded_by="منشی", minute="2026-05-01T10:05:00+03:30"
    )
    report = forward_pending(station, _client(station))
    assert (report.provisional_refused, report.batches_sent) == (1, 1)  # the batch still went
    (outcome,) = station.provisional_outcomes()
    assert outcome.outcome is None and "polling.clock_wrong" in outcome.refusal
    centre.routes[("POST", PROVISIONAL)] = judge
    forward_pending(station, _client(station))
    (outcome,) = station.provisional_outcomes()
    assert (outcome.outcome, outcome.refusal) == ("accepted", "")


@pytest.mark.parametrize(
    "code", ["polling.not_provisional", "polling.ballot_after_close", "receipt.bad_check_digit"]
)
def test_a_refusal_that_judges_the_entry_settles_it_as_rejected(
    station: Journal, centre: ProtocolCentre, code: str
):
    voter = national_code(470_000_007)
    centre.register[voter] = "1001"
    _vote_provisionally(station, centre, voter)
    centre.routes[("POST", PROVISIONAL)] = (
        409,
        {"code": code, "message_fa": "نه", "message_en": "no"},
    )
    report = forward_pending(station, _client(station))
    assert report.provisional_rejected == 1
    (outcome,) = station.provisional_outcomes()
    assert (outcome.outcome, outcome.reason) == ("rejected", code)
    _checkpoint(station)
    assert voter.encode() not in _files(station)


def test_a_refused_device_stops_forwarding_and_keeps_the_ballot_waiting(
    station: Journal, centre: ProtocolCentre
):
    voter = national_code(470_000_008)
    centre.register[voter] = "1001"
    _vote_provisionally(station, centre, voter)
    centre.routes[("POST", PROVISIONAL)] = (401, {"detail": "Unauthorized"})
    with pytest.raises(CentreRefused):
        forward_pending(station, _client(station))
    assert station.counts().provisional_awaiting == 1


def test_the_receipt_of_a_provisional_ballot_says_so(station: Journal, centre: ProtocolCentre):
    centre.register[national_code(470_000_009)] = "1001"
    _link_down(centre)
    issued = provisional_claim(
        station,
        national_code=national_code(470_000_009),
        document="passport",
        fingerprint="match",
        constituency_code="1001",
    )
    assert ticket_check(station, issued.ticket).provisional
    result = ballot_cast(station, ticket=issued.ticket, keyed=[])
    printout = ballot_printout(station, result)
    assert result.provisional and printout.provisional
    ordinary = ballot_printout(station, dataclasses.replace(result, provisional=False))
    assert _has_words(_pdf_text(printout.receipt), "رأی مشروط")
    assert not _has_words(_pdf_text(ordinary.receipt), "رأی مشروط")
    # the paper record in the box does not tell a provisional ballot from another
    assert _pdf_text(printout.paper_record) == _pdf_text(ordinary.paper_record)


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def _has_words(text: str, words: str) -> bool:
    """Persian words in a PDF's extracted text, compared letters only (extraction loses
    the half-space and moves marks about)."""
    from shora_domain.persian_text import search_key

    def letters(value: str) -> str:
        return re.sub(r"\W", "", search_key(value))

    return letters(words) in letters(text)


# -- the desk's rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"fingerprint": "no_match"}, StationRefusal.FINGERPRINT_NO_MATCH),
        ({"fingerprint": "maybe"}, StationRefusal.BAD_DESK_INPUT),
        ({"document": "library_card"}, StationRefusal.BAD_DESK_INPUT),
        ({"constituency_code": "2001"}, StationRefusal.CONSTITUENCY_NOT_SERVED),
        ({"constituency_code": ""}, StationRefusal.CONSTITUENCY_NOT_SERVED),
        ({"constituency_code": "1" * 10_000}, StationRefusal.CONSTITUENCY_NOT_SERVED),
        ({"national_code": "0012345678"}, NationalCodeRefusal.WRONG_CHECK_DIGIT),
        ({"national_code": ""}, NationalCodeRefusal.EMPTY),
        ({"national_code": "0000000000"}, NationalCodeRefusal.REPEATED_DIGITS),
        ({"national_code": "۱۲۳"}, None),
        ({"national_code": "x" * 5000}, None),
    ],
)
def test_a_provisional_claim_the_station_must_refuse_journals_nothing(
    station: Journal, changes, code
):
    typed = {
        "national_code": national_code(480_000_001),
        "document": "national_card",
        "fingerprint": "match",
        "constituency_code": "1001",
        **changes,
    }
    with pytest.raises(DomainError) as refused:
        provisional_claim(station, **typed)
    if code is not None:
        assert refused.value.code is code
    assert station.counts().provisional_outstanding == 0


NORMALISED = national_code(480_000_010)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "typed",
    [
        to_persian_digits(NORMALISED),
        NORMALISED.translate(ARABIC_INDIC),
        f" {NORMALISED[:3]}-{NORMALISED[3:9]}-{NORMALISED[9]} ",
    ],
)
def test_a_national_code_in_any_digits_is_kept_as_latin_digits(station: Journal, typed: str):
    provisional_claim(
        station,
        national_code=typed,
        document="passport",
        fingerprint="match",
        constituency_code="1002",
    )
    stored = station._db().execute("SELECT national_code FROM provisional_claims").fetchone()[0]
    assert stored == NORMALISED


def test_under_the_policy_refuse_no_provisional_claim_is_taken(enrolled: Journal, centre):
    station_open(enrolled, _client(enrolled), chair=CHAIR, staff_present=STAFF)
    with pytest.raises(DomainError) as refused:
        provisional_claim(
            enrolled,
            national_code=national_code(480_000_002),
            document="passport",
            fingerprint="match",
            constituency_code="1001",
        )
    assert refused.value.code is StationRefusal.NOT_PROVISIONAL
    assert enrolled.counts().provisional_outstanding == 0


# -- closing ----------------------------------------------------------------------------------


def test_closing_waits_for_every_outcome_then_counts_only_the_accepted(
    station: Journal, centre: ProtocolCentre
):
    codes = _candidates(centre)
    for serial in range(490_000_001, 490_000_004):  # three ordinary voters
        voter = national_code(serial)
        centre.register[voter] = "1001"
        ticket = voter_claim(
            station, _client(station), national_code=voter, document="passport", fingerprint="match"
        ).ticket
        ballot_cast(station, ticket=ticket, keyed=codes[:2])
    fresh, twice, village = (national_code(s) for s in (490_000_010, 490_000_011, 490_000_012))
    centre.register.update({fresh: "1001", twice: "1001", village: "1002"})
    centre.voted[twice] = "09:00"
    judge = centre.routes[("POST", PROVISIONAL)]
    claims = centre.routes[("POST", CLAIMS)]
    accepted = [_vote_provisionally(station, centre, fresh)]
    rejected = _vote_provisionally(station, centre, twice)
    accepted.append(_vote_provisionally(station, centre, village, "1002"))
    leaves = provisional_claim(  # a provisional ticket never used: voided at closing
        station,
        national_code=national_code(490_000_013),
        document="passport",
        fingerprint="match",
        constituency_code="1001",
    )
    centre.routes[("POST", CLAIMS)] = claims
    centre.routes[("POST", PROVISIONAL)] = (
        409,
        {"code": "polling.clock_wrong", "message_fa": "ساعت.", "message_en": "Clock."},
    )
    with pytest.raises(DomainError) as refused:
        station_close(station, _client(station))
    assert refused.value.code is StationRefusal.PROVISIONAL_PENDING
    assert "3 provisional" in refused.value.en and "۳" in refused.value.fa
    assert station.state() == StationState.CLOSING and centre.closing is None
    assert station.token_by_ticket(leaves.ticket).status == "voided"
    centre.routes[("POST", PROVISIONAL)] = judge
    document = station_close(station, _client(station)).document()
    assert station.state() == StationState.CLOSED and centre.closing == document
    assert (document["participations"], document["ballots"], document["voided"]) == (5, 5, 0)
    assert document["receipts_root"] == centre.receipts_root()
    leaves_root = merkle_root([receipt_leaf(c, d) for c, d in station.receipts()])
    assert leaves_root == document["receipts_root"]
    assert set(accepted) <= set(centre.ballots) and rejected not in centre.ballots
    report = closing_report_of(station)
    assert (report.provisional_accepted, report.provisional_rejected) == (2, 1)
    assert dict(report.per_constituency) == {"اهواز": 4, "ده نو": 1}
    assert report.tokens_not_used == 0
    assert closing_report_pdf(report).startswith(b"%PDF")
    content = _files(station)
    for voter in (fresh, twice, village, national_code(490_000_013)):
        assert voter.encode() not in content


# -- the console ------------------------------------------------------------------------------


@pytest.fixture
def console(settings, station: Journal) -> Client:
    settings.ROOT_URLCONF = "shora.station.urls"
    settings.SHORA_STATION_JOURNAL = str(station.path)
    settings.SHORA_STATION_MIX = 1
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    console_views._failures.clear()
    client = Client()
    assert client.post("/sign-in/", {"password": CONSOLE_PASSWORD}).status_code == 302
    return client


def _desk(console: Client, code: str, fingerprint: str = "match"):
    return console.post(
        "/desk/", {"national_code": code, "document": "passport", "fingerprint": fingerprint}
    )


def test_the_desk_offers_a_provisional_ballot_with_the_stations_constituencies_only(
    console: Client, station: Journal, centre: ProtocolCentre
):
    _link_down(centre)
    code = national_code(500_000_001)
    page = _desk(console, to_persian_digits(code))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="provisional-offer"' in html
    assert sorted(re.findall(r'name="constituency" value="([^"]+)"', html)) == ["1001", "1002"]
    assert code not in html and to_persian_digits(code) not in html
    assert code not in json.dumps(dict(console.session))
    assert station.counts().provisional_outstanding == 0  # nothing until confirmed
    refused = console.post("/desk/provisional/", {"constituency": "2001", "action": "confirm"})
    assert refused.status_code == 400 and station.counts().provisional_outstanding == 0
    page = console.post("/desk/provisional/", {"constituency": "1002", "action": "confirm"})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="provisional"' in html, html
    ticket = to_latin_digits(re.search(r'data-testid="ticket">([^<]+)<', html).group(1))
    token = station.token_by_ticket(ticket)
    assert token.provisional and token.constituency_code == "1002"
    (waiting,) = station._db().execute("SELECT national_code, fingerprint FROM provisional_claims")
    assert tuple(waiting) == (code, "match")
    again = console.post("/desk/provisional/", {"constituency": "1002", "action": "confirm"})
    assert again.status_code == 400  # what was held went with the first confirmation
    assert station.counts().provisional_outstanding == 1
    # the voting screen takes the provisional ticket like any other
    assert console.post("/vote/", {"ticket": to_persian_digits(ticket)}).status_code == 302
    assert 'data-testid="provisional"' in console.get("/vote/ballot/").content.decode()
    done = console.post("/vote/review/", {"blank": "yes"}, follow=True)
    assert 'data-testid="provisional"' in done.content.decode()
    assert station.counts().provisional_awaiting == 1
    status = console.get("/").content.decode()
    assert re.search(r'data-testid="provisional-awaiting">[^<]*۱<', status)


def test_the_desk_under_the_policy_refuse_issues_nothing_with_the_link_down(
    settings, enrolled: Journal, centre: ProtocolCentre
):
    settings.ROOT_URLCONF = "shora.station.urls"
    settings.SHORA_STATION_JOURNAL = str(enrolled.path)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    console_views._failures.clear()
    station_open(enrolled, _client(enrolled), chair=CHAIR, staff_present=STAFF)
    client = Client()
    client.post("/sign-in/", {"password": CONSOLE_PASSWORD})
    _link_down(centre)
    page = _desk(client, national_code(500_000_002))
    html = page.content.decode()
    assert page.status_code == 503 and 'data-testid="unreachable"' in html
    assert "provisional-offer" not in html
    refused = client.post("/desk/provisional/", {"constituency": "1001", "action": "confirm"})
    assert refused.status_code == 400
    assert enrolled.counts().provisional_outstanding == 0 and enrolled.tokens_outstanding() == []


def test_the_provisional_step_is_for_the_staff_only(console: Client, station: Journal):
    stranger = Client()
    answer = stranger.post("/desk/provisional/", {"constituency": "1001"})
    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]
    booth = Client()
    booth.post("/sign-in/", {"password": CONSOLE_PASSWORD, "mode": "booth"})
    answer = booth.post("/desk/provisional/", {"constituency": "1001"})
    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]
    assert console.get("/desk/provisional/").status_code == 405
    assert station.counts().provisional_outstanding == 0


def test_the_desk_refuses_a_failed_fingerprint_even_provisionally(
    console: Client, station: Journal, centre: ProtocolCentre
):
    _link_down(centre)
    page = _desk(console, national_code(500_000_003), "no_match")
    assert page.status_code == 409 and 'data-testid="provisional-refused"' in page.content.decode()
    assert console.post("/desk/provisional/", {"constituency": "1001"}).status_code == 400
    assert station.counts().provisional_outstanding == 0


def test_cancelling_the_provisional_step_issues_nothing_and_forgets(
    console: Client, station: Journal, centre: ProtocolCentre
):
    _link_down(centre)
    assert _desk(console, national_code(500_000_004)).status_code == 200
    cancelled = console.post("/desk/provisional/", {"action": "cancel"})
    assert cancelled.status_code == 302
    assert console.post("/desk/provisional/", {"constituency": "1001"}).status_code == 400
    assert station.counts().provisional_outstanding == 0


def test_the_chair_voids_a_provisional_ticket_without_the_centre(
    console: Client, station: Journal, centre: ProtocolCentre
):
    _link_down(centre)
    code = national_code(500_000_005)
    _desk(console, code)
    html = console.post("/desk/provisional/", {"constituency": "1001"}).content.decode()
    ticket = to_latin_digits(re.search(r'data-testid="ticket">([^<]+)<', html).group(1))
    assert 'data-testid="provisional"' in console.get("/tickets/").content.decode()
    voided = console.post(
        "/tickets/", {"ticket": ticket, "reason": "رفت", "password": CONSOLE_PASSWORD}
    )
    assert voided.status_code == 302
    assert centre.posted("/api/polling/tokens/void") == []
    _checkpoint(station)
    assert code.encode() not in _files(station)
