"""``shora simulate`` on SQLite: a county's stations through the real flow, over HTTP."""

from __future__ import annotations

import pytest

from shora.drills.models import DrillKind, DrillRun
from shora.drills.simulate import simulate
from shora.polling.models import Ballot, BallotToken, Participation, StationDay, TokenStatus


def test_a_county_simulated_end_to_end(drill_geo) -> None:
    report = simulate(election_id=drill_geo.election.pk, county_code="0601", voters=6)

    assert [o.station_code for o in report.stations] == ["10001", "10002"]
    for outcome in report.stations:
        assert outcome.errors == 0, DrillRun.objects.get(pk=outcome.run_id).error_kinds
        assert outcome.handled["already_voted_refused"] == 1
        assert outcome.handled["spoiled_ballot_refused_on_screen"] == 1
        assert outcome.handled["link_lost"] == 1
        assert outcome.voters == 5  # six in the script, one spoiled
        assert outcome.seconds_to_open is not None and outcome.seconds_to_close is not None
    runs = DrillRun.objects.filter(kind=DrillKind.SIMULATED)
    assert runs.count() == 2 and all(r.finished_at and r.score is not None for r in runs)
    for station in (drill_geo.station_a1, drill_geo.station_a2):
        day = StationDay.objects.get(station=station)
        assert day.closed_at is not None
        assert day.closing_document["ballots"] == 5
        assert Ballot.objects.filter(station=station).count() == 5
        assert BallotToken.objects.filter(station=station, status=TokenStatus.VOIDED).count() == 1
        assert Participation.objects.filter(station=station).count() == 6


def test_persian_digits_in_ids_and_codes_are_read(drill_geo) -> None:
    from shora_domain.digits import to_persian_digits

    report = simulate(
        election_id=to_persian_digits(str(drill_geo.election.pk)),
        county_code="۰۶۰۲",
        voters="٤",  # Arabic-Indic four
    )
    assert [o.station_code for o in report.stations] == ["20001"]
    assert report.stations[0].voters == 3


@pytest.mark.parametrize(
    ("election", "county", "voters", "code"),
    [
        ("999999", "0601", 5, "drills.unknown_election"),
        ("abc", "0601", 5, "drills.unknown_election"),
        ("", "0601", 5, "drills.unknown_election"),
        ("drill", "9999", 5, "drills.unknown_county"),
        ("drill", "", 5, "drills.unknown_county"),
        ("drill", "0601", 0, "drills.bad_voters"),
        ("drill", "0601", 10**9, "drills.bad_voters"),
        ("drill", "0601", "-5", "drills.bad_voters"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(drill_geo, election, county, voters, code):
    from shora.drills.errors import DrillError

    with pytest.raises(DrillError) as refused:
        simulate(
            election_id=drill_geo.election.pk if election == "drill" else election,
            county_code=county,
            voters=voters,
        )
    assert refused.value.code.value == code
    assert refused.value.fa and refused.value.en
    assert not DrillRun.objects.exists()
    assert not Participation.objects.exists()


def test_a_county_without_drill_stations_is_refused(drill_geo) -> None:
    from shora.drills.errors import DrillError
    from shora.elections.services import county_create

    county_create(actor=None, province=drill_geo.province, code="0603", name="شوش")
    with pytest.raises(DrillError) as refused:
        simulate(election_id=drill_geo.election.pk, county_code="0603", voters=5)
    assert refused.value.code.value == "drills.no_stations"


def test_the_command_prints_a_table_per_station_and_totals(drill_geo, capsys) -> None:
    from shora.cli import build_parser
    from shora.drills.commands import simulate_command

    args = build_parser().parse_args(
        ["simulate", "--election", str(drill_geo.election.pk), "--county", "0602", "--voters", "4"]
    )
    assert simulate_command(args) == 0
    out = capsys.readouterr().out
    assert "20001" in out and "1 stations" in out and "prepared:" in out


def test_the_command_refuses_a_real_election_in_both_languages(geo, capsys) -> None:
    from shora.cli import main

    code = main(["simulate", "--election", str(geo.election.pk), "--county", "0601"])
    err = capsys.readouterr().err
    assert code == 1
    assert "آزمایشی" in err and "drill election" in err
    assert not DrillRun.objects.exists()


def test_under_the_provisional_policy_the_voter_without_link_votes_provisionally(drill_geo):
    from shora.elections.models import Election
    from shora.polling.models import ProvisionalOutcome

    Election.objects.filter(pk=drill_geo.election.pk).update(offline_policy="provisional")
    report = simulate(election_id=drill_geo.election.pk, county_code="0602", voters=5)

    (outcome,) = report.stations
    assert outcome.errors == 0, DrillRun.objects.get(pk=outcome.run_id).error_kinds
    assert outcome.handled["link_lost"] == 1 and outcome.handled["provisional_ballot"] == 1
    assert outcome.voters == 4
    accepted = ProvisionalOutcome.objects.get(station=drill_geo.station_b1)
    assert accepted.accepted
    closing = StationDay.objects.get(station=drill_geo.station_b1).closing_document
    assert closing["ballots"] == 4


def test_a_station_where_a_trainers_drill_runs_is_left_alone(drill_geo) -> None:
    from shora.drills.services import drill_start

    running = drill_start(actor=None, station=drill_geo.station_a1).run
    report = simulate(election_id=drill_geo.election.pk, county_code="0601", voters=4)

    assert report.skipped == ["10001"]
    assert [o.station_code for o in report.stations] == ["10002"]
    running.refresh_from_db()
    assert running.finished_at is None
    assert not StationDay.objects.filter(station=drill_geo.station_a1).exists()


def test_a_refused_enrolment_ends_the_run_with_its_error(drill_geo, monkeypatch) -> None:
    from shora.drills import simulate as simulating
    from shora.station.centre_client import CentreUnreachable

    def refused(**_: object) -> None:
        raise CentreUnreachable("the drill's test cut it")

    monkeypatch.setattr(simulating, "station_enrol", refused)
    report = simulate(election_id=drill_geo.election.pk, county_code="0602", voters=4)
    (outcome,) = report.stations
    run = DrillRun.objects.get(pk=outcome.run_id)
    assert run.finished_at is not None and not run.passed and run.score == 0
    assert (
        run.error_kinds == {"station.centre_unreachable": 1} or sum(run.error_kinds.values()) == 1
    )
    assert not DrillRun.objects.filter(finished_at__isnull=True).exists()


def test_an_unexpected_failure_still_ends_the_run(drill_geo, monkeypatch) -> None:
    from shora.drills import simulate as simulating

    def broken(**_: object) -> None:
        raise RuntimeError("a bug in the script")

    monkeypatch.setattr(simulating, "station_enrol", broken)
    with pytest.raises(RuntimeError):
        simulate(election_id=drill_geo.election.pk, county_code="0602", voters=4)
    run = DrillRun.objects.get()
    assert run.finished_at is not None and run.error_kinds == {"simulation_failed": 1}
