"""Provisional ballots against the REAL centre: the centre served by pytest-django's live
server on PostgreSQL, the station a ``shora station`` subprocess driven through its console.

The link is cut the honest way a station sees it: the station process is restarted with
its journal pointing at a local port nothing listens on (every call is refused at the TCP
level, as with a cut fibre), and restarted again with the centre's address when the link
is back. Two voters vote provisionally meanwhile: one who had already voted at another
station through the centre, one who had not. On reconnecting the station forwards both;
the centre accepts one and rejects the other (``polling.already_voted``), and the closing's
counts and receipts' root agree with what the centre holds.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from shora.elections.models import Election, OfflinePolicy, PollingStation
from shora.polling.models import Ballot, Participation, ProvisionalOutcome, StationDay
from shora.polling.services.station_day import station_receipts_root
from shora.station.journal import Journal, Setting, StationState
from shora_domain.digits import to_latin_digits, to_persian_digits
from tests.polling.api_calls import claim
from tests.polling.conftest import Device, PollingDay, polling_day_build, staff
from tests.station.station_server import Console, StationProcess
from tests.station.test_end_to_end import _candidate_codes, _enrol, _open

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(geo) -> PollingDay:
    built = polling_day_build(geo)
    Election.objects.filter(pk=built.election.pk).update(offline_policy=OfflinePolicy.PROVISIONAL)
    built.election.refresh_from_db()
    return built


def _another_station_of_city_a(day: PollingDay) -> PollingStation:
    other = PollingStation.objects.create(
        election=day.election,
        district=day.geo.district_a1,
        code="10009",
        name="دبستان فردوسی",
        connectivity="fibre",
    )
    other.constituencies.add(day.geo.city_a)
    return other


def _open_with_its_own_staff(day: PollingDay, device: Device) -> None:
    """Open another station through the centre's service, with staff on its roster (the
    day's own chair and staff stay those of station A1)."""
    kept = day.chair_code, day.staff_codes
    day.chair_code, day.staff_codes = staff(day.geo, [device.record.station])
    try:
        day.open(device)
    finally:
        day.chair_code, day.staff_codes = kept


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def _restart_with_centre(
    station: StationProcess, journal_path: Path, centre_url: str, log: Path
) -> tuple[StationProcess, Console]:
    """Stop the station process, point its journal at ``centre_url``, start it again."""
    station.stop()
    journal = Journal.open(journal_path)
    journal.settings_write({Setting.CENTRE_URL: centre_url})
    journal.close()
    restarted = StationProcess(journal_path, log).start()
    console = Console(restarted.url)
    console.sign_in()
    return restarted, console


def _provisional_vote(console: Console, national_code: str, constituency: str, codes) -> str:
    """The desk with the centre unreachable, the provisional step, the voting screen."""
    status, page = console.claim(to_persian_digits(national_code))
    assert status == 200 and 'data-testid="provisional-offer"' in page, page
    assert national_code not in page
    status, page, _ = console.post(
        "/desk/provisional/", {"constituency": constituency, "action": "confirm"}
    )
    assert status == 200 and 'data-testid="provisional"' in page, page
    ticket = to_latin_digits(re.search(r'data-testid="ticket">([^<]+)<', page).group(1))
    receipt = console.vote(ticket, codes)
    assert receipt is not None
    return receipt


def test_provisional_ballots_reconciled_with_the_real_centre(
    day: PollingDay, live_server, tmp_path
):
    ordinary, fresh, twice = day.add_voters(day.geo.city_a, 3)
    other = _another_station_of_city_a(day)
    elsewhere = day.enrol(other)
    _open_with_its_own_staff(day, elsewhere)
    assert claim(elsewhere, twice.national_code).status_code == 200  # voted there
    log = tmp_path / "station.log"
    journal_path = _enrol(day, live_server, tmp_path)
    assert Journal.open(journal_path).setting_json(Setting.ELECTION)["offline_policy"] == (
        "provisional"
    )
    station = StationProcess(journal_path, log).start()
    try:
        console = Console(station.url)
        console.sign_in()
        _open(console, day)
        codes = _candidate_codes(day)
        printed = [console.vote(console.ticket(ordinary.national_code), codes[:1])]

        # the link is cut
        station, console = _restart_with_centre(station, journal_path, _closed_port(), log)
        constituency = day.geo.city_a.code
        provisional = {
            "fresh": _provisional_vote(console, fresh.national_code, constituency, codes[1:2]),
            "twice": _provisional_vote(console, twice.national_code, constituency, []),
        }
        status, page, _ = console.get("/")
        assert re.search(r'data-testid="provisional-awaiting">[^<]*۲<', page), page
        assert not ProvisionalOutcome.objects.exists()

        # the link is back: the station forwards each provisional ballot on its own
        station, console = _restart_with_centre(station, journal_path, live_server.url, log)
        status, page, _ = console.post("/forward/", {})
        assert status == 200
        outcomes = {o.receipt_code: o for o in ProvisionalOutcome.objects.all()}
        assert set(outcomes) == set(provisional.values())
        assert outcomes[provisional["fresh"]].accepted
        rejected = outcomes[provisional["twice"]]
        assert (rejected.accepted, rejected.reason_code) == (False, "polling.already_voted")
        status, page, _ = console.get("/")
        assert re.search(r'data-testid="provisional-accepted">[^<]*۱<', page), page
        assert re.search(r'data-testid="provisional-rejected">[^<]*۱<', page), page

        status, page, _ = console.post("/close/", {"early": "on"})
        assert status == 200 and "closing-report.pdf" in page, page
        status, pdf, _ = console.get("/close/closing-report.pdf")
        assert status == 200 and pdf.startswith("%PDF")
    finally:
        station.stop()

    station_a1 = day.geo.station_a1
    day_record = StationDay.objects.get(station=station_a1)
    assert day_record.closed_at is not None  # the centre accepted the closing
    closing = day_record.closing_document
    assert (closing["participations"], closing["ballots"], closing["voided"]) == (2, 2, 0)
    assert closing["receipts_root"] == station_receipts_root(station_a1)
    held = set(Ballot.objects.filter(station=station_a1).values_list("receipt_code", flat=True))
    assert held == {*printed, provisional["fresh"]}
    assert Participation.objects.filter(voter=fresh, station=station_a1).exists()
    assert Participation.objects.get(voter=twice).station_id == other.pk
    journal = Journal.open(journal_path)
    assert journal.state() == StationState.CLOSED
    assert journal.counts().provisional_awaiting == 0
    content = b"".join(p.read_bytes() for p in tmp_path.glob("station.journal*"))
    for voter in (ordinary, fresh, twice):
        assert voter.national_code.encode() not in content
        assert to_persian_digits(voter.national_code).encode() not in content
    logged = log.read_text()
    for voter in (ordinary, fresh, twice):
        assert voter.national_code not in logged
