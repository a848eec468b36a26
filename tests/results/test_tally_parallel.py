"""The tally opened in worker processes stores what one process computes: the same counts
(of the whole and of each station), the same ballots published (shuffled), the standings
of that count and seed; a swapped ballot still leaves its constituency out; a small tally
stays in one process."""

from __future__ import annotations

import pytest

from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency
from shora.polling.models import Ballot, ElectionKey
from shora.results.models import ConstituencyResult, TallySession
from shora.results.selectors import shuffled_ballots_text, tallied_stations
from shora.results.services import tally as tally_service
from shora.results.services.sessions import tally_run, tally_session_open
from shora.results.services.tally_parallel import tally_processes
from shora_domain.ballot_sealing import ballot_context, ballot_seal
from shora_domain.standings import standings_decide
from shora_domain.tally_opening import constituency_open
from tests.results.conftest import shares_entered

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_processes(settings):
    settings.SHORA_TALLY_PROCESSES = 2
    settings.SHORA_TALLY_PARALLEL_FROM = 0


@pytest.fixture
def waiting(closed):
    """A session for the command line with k shares entered, not run yet."""
    session = tally_session_open(
        actor=closed.hq, election=closed.election, run_on_command_line=True
    )
    shares_entered(session, closed.day.holders, [0, 2])
    return session


def _one_process(session: TallySession) -> dict[str, object]:
    """What opening each constituency in this process gives, before the tally runs."""
    key = ElectionKey.objects.get(election=session.election)
    private = tally_service._private_key(session, key)
    expected = {}
    for constituency in Constituency.objects.filter(election=session.election):
        days, _ = tallied_stations(constituency)
        stations = tally_service._stations_from_database(constituency, days)
        expected[constituency.code] = constituency_open(
            private, str(session.election_id), frozen_ballot(constituency), stations
        )
    return expected


def test_in_processes_the_stored_results_are_those_of_one_process(closed, waiting, in_processes):
    assert tally_processes(list(Constituency.objects.filter(election=closed.election))) == 2
    expected = _one_process(waiting)
    outcome = tally_run(actor=None, session=waiting)
    assert outcome.tallied == ["1001", "1002", "2001"] and outcome.left_out == []
    for code, opened in expected.items():
        result = ConstituencyResult.objects.get(constituency__code=code)
        assert result.counts == tally_service.count_as_dict(opened.count)
        assert result.station_counts == {
            station: tally_service.count_as_dict(count)
            for station, count in opened.station_counts.items()
        }
        published = shuffled_ballots_text(result).splitlines()
        assert sorted(published) == sorted(opened.lines)
        definition = frozen_ballot(result.constituency)
        standings = standings_decide(definition, opened.count, result.seed)
        assert result.standings == tally_service.standings_as_list(standings)
        assert result.ties == tally_service.ties_as_list(standings)
    city = ConstituencyResult.objects.get(constituency=closed.geo.city_a)
    assert (city.counts["ballots"], city.counts["valid"], city.counts["rejected"]) == (17, 13, 2)


def test_in_processes_a_swapped_ballot_leaves_its_constituency_out(closed, waiting, in_processes):
    forged = ballot_seal(
        b"{}",
        bytes(closed.election.polling_key.public_key),
        context=ballot_context(str(closed.election.pk), "2001"),
    )
    victim = Ballot.objects.filter(station=closed.geo.station_b1).first()
    Ballot.objects.filter(pk=victim.pk).update(sealed=forged)
    outcome = tally_run(actor=None, session=waiting)
    assert outcome.tallied == ["1001", "1002"]
    [left] = outcome.left_out
    assert (left["code"], left["problems"][0]["code"]) == ("2001", "ballot_altered")
    assert left["problems"][0]["station"] == closed.geo.station_b1.code


def test_a_small_tally_stays_in_one_process(closed, settings):
    constituencies = list(Constituency.objects.filter(election=closed.election))
    settings.SHORA_TALLY_PROCESSES = 2
    settings.SHORA_TALLY_PARALLEL_FROM = 1_000  # 22 ballots in all
    assert tally_processes(constituencies) == 1
    settings.SHORA_TALLY_PARALLEL_FROM = 22
    assert tally_processes(constituencies) == 2
    assert tally_processes(constituencies[:1]) == 1
    settings.SHORA_TALLY_PROCESSES = 1
    assert tally_processes(constituencies) == 1
