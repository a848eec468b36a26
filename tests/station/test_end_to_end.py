"""A station process against the REAL centre: the centre served by pytest-django's live
server on PostgreSQL, the station enrolled and served as ``shora station`` subprocesses,
driven through its console over HTTP as the staff and the voters would.

Also: the station killed with SIGKILL in the middle of ballots, restarted, and every
receipt it printed reaches the centre exactly once.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from shora.polling.models import Ballot, BallotToken, Incident, StationDay, TokenStatus
from shora.polling.services.devices import enrolment_code_issue
from shora.station.journal import Journal, StationState
from shora_domain.digits import to_persian_digits
from tests.polling.conftest import PollingDay, polling_day_build
from tests.station.conftest import CONSOLE_PASSWORD
from tests.station.station_server import Console, StationProcess, station_environment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _enrol(day: PollingDay, live_server, tmp_path: Path) -> Path:
    code = enrolment_code_issue(actor=None, station=day.geo.station_a1)
    password_file = tmp_path / "console-password"
    password_file.write_text(CONSOLE_PASSWORD + "\n")
    journal = tmp_path / "station.journal"
    enrolled = subprocess.run(
        [
            sys.executable,
            "-m",
            "shora.cli",
            "station",
            "enrol",
            "--centre",
            live_server.url,
            "--code",
            to_persian_digits(code),
            "--journal",
            str(journal),
            "--console-password-file",
            str(password_file),
        ],
        env=station_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert day.geo.station_a1.code in enrolled.stdout
    return journal


def _open(console: Console, day: PollingDay) -> None:
    status, page, _ = console.post(
        "/open/",
        {"chair": to_persian_digits(day.chair_code), "staff_present": "\n".join(day.staff_codes)},
    )
    assert status == 200 and "zero-report.pdf" in page, page


def _candidate_codes(day: PollingDay) -> list[str]:
    from shora.candidates.selectors import frozen_ballot

    return [candidate.code for candidate in frozen_ballot(day.geo.city_a).candidates]


@pytest.fixture
def day(geo) -> PollingDay:
    return polling_day_build(geo)


def test_a_station_day_against_the_real_centre(day: PollingDay, live_server, tmp_path, monkeypatch):
    voters = day.add_voters(day.geo.city_a, 8)
    elsewhere = day.add_voters(day.geo.city_b, 1)[0]
    journal_path = _enrol(day, live_server, tmp_path)
    station = StationProcess(journal_path, tmp_path / "station.log").start()
    try:
        console = Console(station.url)
        console.sign_in()
        _open(console, day)
        assert StationDay.objects.get(station=day.geo.station_a1).closed_at is None
        status, pdf, _ = console.get("/open/zero-report.pdf")
        assert status == 200 and pdf.startswith("%PDF")

        codes = _candidate_codes(day)
        printed = []
        for number, voter in enumerate(voters[:5]):
            ticket = console.ticket(voter.national_code)
            keyed = [] if number == 4 else [codes[number], codes[number + 3]]
            printed.append(console.vote(ticket, keyed))

        # the same person again: the centre's words, with the station and the hour
        status, page = console.claim(to_persian_digits(voters[0].national_code))
        assert status == 409 and "۱۰۰۰۱" in page and 'data-testid="refused"' in page
        # a voter of Abadan is sent to Abadan's station
        status, page = console.claim(elsewhere.national_code)
        assert status == 409 and "۲۰۰۰۱" in page
        # too many choices are refused on screen
        ticket = console.ticket(voters[5].national_code)
        console.post("/vote/", {"ticket": ticket})
        members = day.geo.city_a.members
        for code in codes[: members + 1]:
            console.post("/vote/ballot/", {"action": "add", "code": code})
        status, page, _ = console.get("/vote/ballot/")
        assert page.count('class="danger"') == members  # the extra one was not taken
        console.post("/vote/ballot/", {"action": "cancel"})
        # the chair voids that ticket; another is left for the closing to void
        status, page, _ = console.post(
            "/tickets/", {"ticket": ticket, "reason": "رأی‌دهنده رفت", "password": CONSOLE_PASSWORD}
        )
        assert status == 200, page
        console.ticket(voters[6].national_code)
        console.post(
            "/incidents/",
            {"category": "device_failure", "text": "چاپگر گیر کرد", "recorded_by": "منشی"},
        )

        status, page, _ = console.post("/close/", {"early": "on"})
        assert status == 200 and "closing-report.pdf" in page, page
        status, pdf, _ = console.get("/close/closing-report.pdf")
        assert status == 200 and pdf.startswith("%PDF")
    finally:
        station.stop()

    day_record = StationDay.objects.get(station=day.geo.station_a1)
    assert day_record.closed_at is not None
    held = set(
        Ballot.objects.filter(station=day.geo.station_a1).values_list("receipt_code", flat=True)
    )
    assert held == set(printed)
    closing = day_record.closing_document
    assert (closing["participations"], closing["ballots"], closing["voided"]) == (7, 5, 2)
    tokens = BallotToken.objects.filter(station=day.geo.station_a1)
    assert tokens.filter(status=TokenStatus.VOIDED).count() == 2
    assert tokens.filter(status=TokenStatus.ISSUED).count() == 0
    assert Incident.objects.filter(station=day.geo.station_a1).count() == 1
    journal = Journal.open(journal_path)
    assert journal.state() == StationState.CLOSED
    content = b"".join(p.read_bytes() for p in tmp_path.glob("station.journal*"))
    for voter in [*voters, elsewhere]:
        assert voter.national_code.encode() not in content
    assert voters[0].national_code not in (tmp_path / "station.log").read_text()


KILL_DELAYS = (0.0, 0.04, 0.1)  # seconds into the cast: before, around, after the commit


def test_a_station_killed_mid_ballot_loses_no_printed_receipt(
    day: PollingDay, live_server, tmp_path, monkeypatch
):
    """Killed three times while a voter's cast is in flight, at different moments of it (the
    moment is not asserted: whichever it was, no printed receipt may be lost)."""
    voters = iter(day.add_voters(day.geo.city_a, 20))
    journal_path = _enrol(day, live_server, tmp_path)
    station = StationProcess(journal_path, tmp_path / "station.log").start()
    codes = _candidate_codes(day)
    printed: list[str] = []
    try:
        console = Console(station.url)
        console.sign_in()
        _open(console, day)
        for delay in KILL_DELAYS:
            for _ in range(3):
                printed.append(console.vote(console.ticket(next(voters).national_code), codes[:1]))
            casting = threading.Event()

            def kill_while_casting(delay=delay, station=station, casting=casting) -> None:
                casting.wait(60)
                time.sleep(delay)
                station.kill()

            killer = threading.Thread(target=kill_while_casting)
            killer.start()
            ticket = console.ticket(next(voters).national_code)
            receipt = console.vote(ticket, codes[1:2], casting.set)
            killer.join()
            if receipt is not None:  # the answer beat the kill: the voter has a receipt
                printed.append(receipt)
            station = StationProcess(journal_path, tmp_path / "station.log").start()
            console = Console(station.url)
            console.sign_in()
        for _ in range(2):
            printed.append(console.vote(console.ticket(next(voters).national_code), codes[2:3]))
        status, page, _ = console.post("/forward/", {})
        assert status == 200
        status, page, _ = console.post("/close/", {"early": "on"})
        assert status == 200 and "closing-report.pdf" in page, page
    finally:
        station.stop()

    journal = Journal.open(journal_path)
    journalled = {code for code, _ in journal.receipts()}
    assert set(printed) <= journalled
    assert len(journalled) - len(printed) <= len(KILL_DELAYS)  # answers lost to the kills
    receipts = list(
        Ballot.objects.filter(station=day.geo.station_a1).values_list("receipt_code", flat=True)
    )
    assert len(receipts) == len(set(receipts))  # each exactly once
    assert set(receipts) == journalled
    closing = StationDay.objects.get(station=day.geo.station_a1).closing_document
    assert closing["ballots"] == len(journalled)
    assert closing["participations"] == closing["ballots"] + closing["voided"]
    assert closing["participations"] == len(KILL_DELAYS) * 4 + 2
