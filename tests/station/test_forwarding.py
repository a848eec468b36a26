"""Forwarding: batches in order, marked sent only when acknowledged, the same bytes after a
lost answer or a restart, voids first, backoff while the centre is unreachable, and the
background thread."""

from __future__ import annotations

import json
import threading

import pytest

from shora.station.centre_client import CentreClient, CentreRefused, CentreUnreachable
from shora.station.forwarding import Forwarder, backoff_delay, forward_pending
from shora.station.journal import Journal, Setting, StationState
from shora_domain.signed_documents import b64decode, document_verify
from tests.station.conftest import fake_ballot

BATCHES = "/api/polling/batches"
VOID = "/api/polling/tokens/void"


def _cast(journal: Journal, count: int, constituency: str = "1001", cid: int = 11) -> None:
    import secrets

    for _ in range(count):
        ticket = journal.token_issue(
            token="tok_" + secrets.token_urlsafe(12),
            constituency_id=cid,
            constituency_code=constituency,
            hour="2026-05-01T10:00",
        )
        journal.ballot_cast(ticket, fake_ballot(constituency, cid))


def _storing(body: bytes):
    entries = json.loads(body)["batch"]["entries"]
    return 200, {
        "duplicate": False,
        "stored": len(entries),
        "results": [{"result": "stored"}] * len(entries),
    }


def _client(centre) -> CentreClient:
    return CentreClient(centre.url, "device-token-for-tests")


def test_batches_go_in_seq_order_signed_and_are_marked_sent(journal: Journal, fake_centre):
    fake_centre.routes[("POST", BATCHES)] = _storing
    _cast(journal, 5)
    report = forward_pending(journal, _client(fake_centre), max_entries=2)
    assert (report.batches_sent, report.entries_stored) == (3, 5)
    sent = [json.loads(body) for body in fake_centre.posted(BATCHES)]
    assert [body["batch"]["seq"] for body in sent] == [1, 2, 3]
    public = b64decode(journal.setting(Setting.SIGNING_PUBLIC_KEY) or "")
    for body in sent:
        assert body["batch"]["station"] == "10001"
        assert document_verify(body["batch"], body["signature"], public)
    counts = journal.counts()
    assert (counts.batches_unsent, counts.ballots_pending) == (0, 0)
    assert fake_centre.requests[0][2]["Authorization"] == "Bearer device-token-for-tests"


def test_nothing_waiting_sends_nothing(journal: Journal, fake_centre):
    report = forward_pending(journal, _client(fake_centre))
    assert report.batches_sent == 0
    assert fake_centre.requests == []


def test_a_lost_answer_means_the_same_bytes_again_and_a_duplicate_is_enough(
    journal: Journal, fake_centre
):
    stored: dict[int, bytes] = {}

    def centre_stores_then_fails(body: bytes):
        seq = json.loads(body)["batch"]["seq"]
        if seq in stored:
            assert stored[seq] == body
            return 200, {"duplicate": True, "stored": 0, "results": []}
        stored[seq] = body
        if seq == 1:
            return 503, b"gateway went away after the centre committed"
        return _storing(body)

    fake_centre.routes[("POST", BATCHES)] = centre_stores_then_fails
    _cast(journal, 3)
    with pytest.raises(CentreUnreachable):
        forward_pending(journal, _client(fake_centre))
    assert journal.counts().batches_unsent == 1
    _cast(journal, 2)  # more arrive while the link is down
    journal.close()
    restarted = Journal.open(journal.path)  # the process was restarted meanwhile
    report = forward_pending(restarted, _client(fake_centre))
    assert report.duplicates == 1
    posted = fake_centre.posted(BATCHES)
    assert posted[0] == posted[1]  # byte for byte
    assert [json.loads(body)["batch"]["seq"] for body in posted] == [1, 1, 2]
    assert restarted.counts().batches_unsent == 0
    assert restarted.counts().ballots_pending == 0


def test_an_unreachable_centre_leaves_everything_to_send_later(journal: Journal, closed_port):
    _cast(journal, 2)
    with pytest.raises(CentreUnreachable):
        forward_pending(journal, CentreClient(closed_port, "t"))
    counts = journal.counts()
    assert (counts.batches, counts.batches_unsent, counts.ballots_pending) == (1, 1, 0)


def test_retries_back_off_while_the_centre_is_unreachable(journal: Journal, closed_port):
    _cast(journal, 1)
    slept: list[float] = []
    with pytest.raises(CentreUnreachable):
        forward_pending(journal, CentreClient(closed_port, "t"), attempts=4, sleep=slept.append)
    assert len(slept) == 3
    assert all(0 < delay <= 120 for delay in slept)


def test_backoff_doubles_up_to_a_cap():
    assert all(1.0 <= backoff_delay(1) <= 2.0 for _ in range(50))
    assert all(4.0 <= backoff_delay(3) <= 8.0 for _ in range(50))
    assert all(60.0 <= backoff_delay(40) <= 120.0 for _ in range(50))


def test_a_refused_batch_stops_forwarding_with_the_centres_words(journal: Journal, fake_centre):
    fake_centre.routes[("POST", BATCHES)] = (
        409,
        {
            "code": "polling.batch_gap",
            "message_fa": "بسته‌ای پیش از این بسته نرسیده است؛ به ترتیب بفرستید.",
            "message_en": "Batch 1 came before batch 2; send them in order.",
            "expected_seq": 2,
        },
    )
    _cast(journal, 1)
    with pytest.raises(CentreRefused) as refused:
        forward_pending(journal, _client(fake_centre), attempts=3, sleep=pytest.fail)
    assert refused.value.centre_code == "polling.batch_gap"
    assert journal.counts().batches_unsent == 1


def test_entries_the_centre_refused_are_kept_with_its_reason(journal: Journal, fake_centre):
    fake_centre.routes[("POST", BATCHES)] = (
        200,
        {
            "duplicate": False,
            "stored": 0,
            "results": [{"result": "refused", "code": "polling.token_used", "message_en": "used"}],
        },
    )
    _cast(journal, 1)
    report = forward_pending(journal, _client(fake_centre))
    assert report.entries_refused == 1
    assert journal.entries_refused()[0]["code"] == "polling.token_used"


def test_voids_are_told_before_batches_and_an_earlier_void_counts_as_done(
    journal: Journal, fake_centre
):
    import secrets

    tickets = [
        journal.token_issue(
            token=f"tok_{n}_" + secrets.token_hex(4),
            constituency_id=11,
            constituency_code="1001",
            hour="2026-05-01T10:00",
        )
        for n in range(3)
    ]
    for ticket in tickets:
        journal.token_void(ticket, "رأی‌دهنده رفت")
    answers = iter(
        [
            (200, {"voided": True}),
            (409, {"code": "polling.token_voided", "message_fa": "باطل", "message_en": "void"}),
            (
                409,
                {"code": "polling.token_used", "message_fa": "به کار رفته", "message_en": "used"},
            ),
        ]
    )
    fake_centre.routes[("POST", VOID)] = lambda body: next(answers)
    fake_centre.routes[("POST", BATCHES)] = _storing
    _cast(journal, 1)
    report = forward_pending(journal, _client(fake_centre))
    assert report.voids_sent == 2
    assert journal.voids_unsent() == []
    paths = [path for _, path, _, _ in fake_centre.requests]
    assert paths == [VOID, VOID, VOID, BATCHES]
    sent = [json.loads(body) for body in fake_centre.posted(VOID)]
    assert all(body["reason"] == "رأی‌دهنده رفت" for body in sent)
    refusals = [
        row[0]
        for row in journal._db().execute("SELECT void_refusal FROM tokens WHERE void_refusal != ''")
    ]
    assert refusals == ["used"]


def test_the_forwarding_thread_sends_and_refreshes_the_station(journal: Journal, fake_centre):
    description = {
        "station": {"id": 7, "code": "10001", "name": "ش", "constituencies": []},
        "election": {"id": 3, "name": "آزمون", "closes": "2026-05-01T20:00:00+03:30"},
        "election_public_key": None,
        "key_fingerprint": None,
        "state": "open",
    }
    fake_centre.routes[("GET", "/api/polling/station")] = (200, description)
    arrived = threading.Event()

    def storing_and_telling(body: bytes):
        arrived.set()
        return _storing(body)

    fake_centre.routes[("POST", BATCHES)] = storing_and_telling
    _cast(journal, 2)
    forwarder = Forwarder(journal, interval=3600, mix_at_least=2, client=_client(fake_centre))
    forwarder.start()
    try:
        assert arrived.wait(60)
    finally:
        forwarder.stop()
    assert journal.counts().ballots_pending == 0
    assert journal.setting_json(Setting.ELECTION)["closes"] == "2026-05-01T20:00:00+03:30"


def test_the_thread_holds_single_ballots_back_while_open_and_sends_them_when_closing(
    journal: Journal, fake_centre
):
    description = {
        "station": {"id": 7, "code": "10001", "name": "ش", "constituencies": []},
        "election": {"id": 3},
        "election_public_key": None,
        "key_fingerprint": None,
        "state": "open",
    }
    fake_centre.routes[("GET", "/api/polling/station")] = (200, description)
    fake_centre.routes[("POST", BATCHES)] = _storing
    _cast(journal, 1)
    forwarder = Forwarder(journal, interval=3600, mix_at_least=3, client=_client(fake_centre))
    forwarder.start()
    try:
        assert forwarder.passed.wait(60)
        assert forwarder.failures == 0
        assert fake_centre.posted(BATCHES) == []  # one ballot alone is not sent while open
    finally:
        forwarder.stop()
    journal.state_set(StationState.CLOSING)
    forward_pending(journal, _client(fake_centre))
    assert journal.counts().ballots_pending == 0
