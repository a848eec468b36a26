"""`shora record export`: the record of an election tallied through the real services
passes `record_verify` and `shora verify` (a separate process, no database), fails them
once one ballot line is changed, holds no receipt code among its ballots, leaves out the
stations the boards excluded as the tally did, and is refused before the tally."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shora.candidates.selectors import frozen_ballot
from shora.cli import main
from shora.elections.models import Election, Phase
from shora.elections.services import election_phase_advance
from shora.polling.models import Ballot
from shora.results.record_export import (
    RECORD_KEY_PATH,
    RecordExportRefusal,
    election_record_export,
    record_key_load_or_create,
)
from shora.results.services.exclusions import exclusion_confirm, exclusion_decide
from shora.results.services.sessions import tally_session_open
from shora_domain.election_record_verify import record_verify
from shora_domain.errors import DomainError
from shora_domain.signed_documents import b64encode
from tests.results.conftest import close_the_polls, shares_entered, voting_day
from tests.results.election_day import station_closed

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def shora_home(settings, tmp_path):
    settings.SHORA_HOME = tmp_path / "home"
    return settings.SHORA_HOME


def _on_the_ballots_day(election):
    """The polling tests move the polling day to today after the ballots were frozen (so
    the polls can open); the record wants the day the ballots name, as in a real election."""
    day = frozen_ballot(election.constituencies.first()).polling_date
    Election.objects.filter(pk=election.pk).update(polling_date=day)
    election.refresh_from_db()


def _tallied(scenario):
    _on_the_ballots_day(scenario.election)
    session = tally_session_open(actor=scenario.hq, election=scenario.election)
    shares_entered(session, scenario.day.holders, [0, 1])
    election_phase_advance(actor=None, election=scenario.election, to_phase=Phase.TALLIED)
    scenario.election.refresh_from_db()
    return scenario


@pytest.fixture
def tallied(closed):
    return _tallied(closed)


def _verify_process(directory, *extra):
    """`shora verify` in a process of its own, without Django's settings or a database."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "SHORA"))}
    return subprocess.run(
        [sys.executable, "-m", "shora.cli", "verify", str(directory), *extra],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        check=False,
    )


def test_the_exported_record_verifies_in_process_and_from_the_command_line(tallied, tmp_path):
    directory = tmp_path / "record"
    key = election_record_export(tallied.election, directory)
    report = record_verify(directory, centre_public_key=key.public_key)
    assert report.discrepancies == ()
    assert (report.constituencies, report.stations) == (3, 4)
    assert report.ballots == Ballot.objects.filter(election=tallied.election).count() == 22
    assert report.receipts == 22
    done = _verify_process(directory, "--centre-key", b64encode(key.public_key))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no discrepancy" in done.stdout


def test_one_ballot_line_changed_is_found(tallied, tmp_path):
    directory = tmp_path / "record"
    election_record_export(tallied.election, directory)
    city = tallied.geo.city_a.code
    ballots = directory / "constituencies" / city / "ballots.jsonl"
    lines = ballots.read_bytes().splitlines(keepends=True)
    place = next(i for i, line in enumerate(lines) if line != b"null\n")
    lines[place] = b"null\n"  # a counted ballot turned into a rejected one
    ballots.write_bytes(b"".join(lines))
    assert not record_verify(directory).ok
    done = _verify_process(directory)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ballots.jsonl" in done.stdout


def test_the_exported_ballots_hold_no_receipt_code_and_nothing_but_the_ballot(tallied, tmp_path):
    directory = tmp_path / "record"
    election_record_export(tallied.election, directory)
    receipts = set(Ballot.objects.values_list("receipt_code", flat=True))
    assert len(receipts) == 22
    lines = []
    for ballots in directory.glob("constituencies/*/ballots.jsonl"):
        text = ballots.read_text(encoding="utf-8")
        assert not any(code in text for code in receipts)
        lines += text.splitlines()
    assert len(lines) == 22
    for line in lines:
        cast = json.loads(line)
        assert cast is None or set(cast) == {"choices", "constituency", "format", "skipped"}
    # the receipts are published where they belong: beside the stations, not the ballots
    stations = "".join(p.read_text() for p in directory.glob("constituencies/*/stations.json"))
    assert all(f'"{code}"' in stations for code in receipts)


def test_an_election_not_tallied_is_refused_and_nothing_is_written(closed, tmp_path):
    directory = tmp_path / "record"
    with pytest.raises(DomainError) as refused:
        election_record_export(closed.election, directory)
    assert refused.value.code == RecordExportRefusal.NOT_TALLIED
    assert not directory.exists()
    assert main(["record", "export", "--election", str(closed.election.pk), str(directory)]) == 1
    assert not directory.exists()


def test_every_constituency_tallied_but_the_phase_not_moved_is_still_refused(closed, tmp_path):
    session = tally_session_open(actor=closed.hq, election=closed.election)
    shares_entered(session, closed.day.holders, [0, 1])
    with pytest.raises(DomainError) as refused:
        election_record_export(closed.election, tmp_path / "record")
    assert refused.value.code == RecordExportRefusal.NOT_TALLIED


def test_an_election_moved_after_its_ballots_were_frozen_is_refused(tallied, tmp_path):
    election = tallied.election
    Election.objects.filter(pk=election.pk).update(name=election.name + " دوم")
    election.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        election_record_export(election, tmp_path / "record")
    assert refused.value.code == RecordExportRefusal.INCONSISTENT
    assert not (tmp_path / "record").exists()


@pytest.mark.parametrize("election", ["999999", "x", ""])
def test_an_unknown_or_malformed_election_is_refused(election, tmp_path):
    try:
        code = main(["record", "export", "--election", election, str(tmp_path / "r")])
    except SystemExit as exit_:  # argparse refuses what is not a number
        code = exit_.code
    assert code == 2
    assert not (tmp_path / "r").exists()


def test_the_command_prints_where_and_the_key_and_makes_the_key_once(
    tallied, tmp_path, shora_home, capsys
):
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["record", "export", "--election", str(tallied.election.pk), str(first)]) == 0
    out = capsys.readouterr().out
    key_file = Path(shora_home) / RECORD_KEY_PATH
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    public = b64encode(record_key_load_or_create(key_file).public_key)
    assert str(first.resolve()) in out and public in out and "new record-signing key" in out
    assert main(["record", "export", "--election", str(tallied.election.pk), str(second)]) == 0
    out = capsys.readouterr().out
    assert public in out and "new record-signing key" not in out
    assert _verify_process(second, "--centre-key", public).returncode == 0
    # a record into a directory that is not empty is refused
    assert main(["record", "export", "--election", str(tallied.election.pk), str(first)]) == 1


@pytest.mark.parametrize("content", [b"", b"not base64!", b64encode(b"short").encode(), b"\xff"])
def test_a_bad_key_file_is_refused_not_replaced(tmp_path, content):
    key_file = tmp_path / "keys" / "record-signing.key"
    key_file.parent.mkdir()
    key_file.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        record_key_load_or_create(key_file)
    assert refused.value.code == RecordExportRefusal.BAD_KEY_FILE
    assert key_file.read_bytes() == content


def test_an_excluded_station_is_left_out_as_the_tally_left_it_out(day, hq, make_user, tmp_path):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra", "b1"):
        station_closed(scenario.runs[name])
    close_the_polls(day.election)
    geo = scenario.geo
    exclusion = exclusion_decide(
        actor=make_user("county"), election=geo.election, station=geo.station_a2, reason="آسیب"
    )
    exclusion_confirm(actor=make_user("supervisor"), exclusion=exclusion)
    _tallied(scenario)
    directory = tmp_path / "record"
    election_record_export(scenario.election, directory)
    report = record_verify(directory)
    assert report.discrepancies == ()
    assert report.stations == 3
    village = directory / "constituencies" / geo.village_a.code
    assert json.loads((village / "stations.json").read_text())["stations"] == []
    assert (village / "ballots.jsonl").read_bytes() == b""
    assert geo.station_a2.code not in (directory / "manifest.json").read_text()
