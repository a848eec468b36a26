"""The tally end to end: two of three holders enter their shares, the k-th runs the count;
the counts are the ballots cast, the winners are by votes, ties by law, the published
ballots are shuffled and hold no receipt code, and the shares are gone."""

from __future__ import annotations

import gzip
import json

import pytest

from shora.audit.models import AuditEvent
from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Phase
from shora.elections.services import election_phase_advance
from shora.polling.models import Ballot, StationDay
from shora.results.models import (
    ConstituencyBallots,
    ConstituencyResult,
    SessionStatus,
    ShareEntry,
)
from shora.results.selectors import shuffled_ballots_text
from shora_domain.ballot_choices import cast_ballot_from_bytes
from shora_domain.counting import count_ballots
from shora_domain.lottery import lottery_seed
from shora_domain.standings import standings_decide
from tests.results.conftest import ANNOUNCED, shares_entered
from tests.results.election_day import codes_of

pytestmark = pytest.mark.django_db


def _lines(result):
    return shuffled_ballots_text(result).decode().splitlines()


def test_two_of_three_holders_run_the_tally_and_the_counts_are_the_ballots_cast(closed, session):
    holders = closed.day.holders
    first = shares_entered(session, holders, [0])
    assert first.entered == 1 and first.tally is None
    assert not ConstituencyResult.objects.exists()
    outcome = shares_entered(session, holders, [2])
    assert outcome.tally is not None
    assert sorted(outcome.tally.tallied) == ["1001", "1002", "2001"]
    assert outcome.tally.left_out == []
    assert not ShareEntry.objects.exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.RAN
    assert [h["index"] for h in session.holders_entered] == [1, 3]

    city = ConstituencyResult.objects.get(constituency=closed.geo.city_a)
    codes = codes_of(closed.geo.city_a)
    assert city.counts["votes"] == {code: max(13 - i, 0) for i, code in enumerate(codes)}
    assert (city.counts["ballots"], city.counts["valid"]) == (17, 13)
    assert (city.counts["blank"], city.counts["void"], city.counts["rejected"]) == (1, 1, 2)
    assert city.counts["skipped_codes"] == 1
    members = [s["code"] for s in city.standings if s["outcome"] == "member"]
    assert members == codes[:13]
    assert [s["votes"] for s in city.standings][:13] == list(range(13, 0, -1))


def test_each_station_is_counted_apart_and_the_parts_add_up(closed, session):
    shares_entered(session, closed.day.holders, [0, 1])
    city = ConstituencyResult.objects.get(constituency=closed.geo.city_a)
    first = city.station_counts[closed.runs["a1"].station.code]
    second = city.station_counts[closed.runs["a_extra"].station.code]
    assert (first["ballots"], first["valid"], first["blank"]) == (8, 7, 1)
    assert (second["ballots"], second["valid"], second["void"], second["rejected"]) == (9, 6, 1, 2)
    for name in ("ballots", "valid", "blank", "void", "rejected", "skipped_codes"):
        assert first[name] + second[name] == city.counts[name]


def test_the_published_ballots_are_shuffled_hold_no_receipt_and_count_to_the_result(
    closed, session
):
    shares_entered(session, closed.day.holders, [1, 2])
    city = ConstituencyResult.objects.get(constituency=closed.geo.city_a)
    stored = ConstituencyBallots.objects.get(result=city)
    text = gzip.decompress(bytes(stored.jsonl_gzip))
    lines = text.decode().splitlines()
    assert stored.lines == len(lines) == 17
    receipts = set(Ballot.objects.values_list("receipt_code", flat=True))
    assert receipts and not any(code in text.decode() for code in receipts)
    for line in lines:
        value = json.loads(line)
        assert value is None or set(value) == {"format", "constituency", "choices", "skipped"}
    # the ballot that opens but is no shora ballot, and the one with a code off the ballot
    assert lines.count("null") == 2
    definition = frozen_ballot(closed.geo.city_a)
    opened = [None if line == "null" else cast_ballot_from_bytes(line.encode()) for line in lines]
    recounted = count_ballots(definition, opened)
    assert recounted.votes == city.counts["votes"]
    assert recounted.rejected == city.counts["rejected"]


def test_the_order_published_is_not_the_order_stored(closed, session):
    """Shuffled: the published order of city A's ballots is not the order they were cast
    and stored in (this fails by chance once in billions of runs)."""
    shares_entered(session, closed.day.holders, [0, 1])
    city = ConstituencyResult.objects.get(constituency=closed.geo.city_a)
    keyed = [json.loads(line)["choices"] for line in _lines(city) if line != "null"]
    # as keyed (the void ballot's code of no candidate is skipped)
    as_cast = [[c for c in k if c != "9999"] for k in closed.keyed["city_a"]]
    assert sorted(map(tuple, keyed)) == sorted(map(tuple, as_cast))
    assert keyed != as_cast


def test_the_seed_is_the_stations_signed_roots_and_the_announced_value(closed, session):
    shares_entered(session, closed.day.holders, [0, 1])
    result = ConstituencyResult.objects.get(constituency=closed.geo.village_a)
    day = StationDay.objects.get(station=closed.geo.station_a2)
    roots = [day.closing_document["receipts_root"]]
    seed = lottery_seed(
        election_ref=str(closed.election.pk),
        constituency_code="1002",
        receipts_roots=roots,
        announced=ANNOUNCED,
    )
    assert result.seed == seed
    assert result.receipts_roots == roots
    # village A: three members by votes, the two alternates' places among twelve
    # candidates with no vote are decided by the lottery of that seed, as anyone redoes it
    definition = frozen_ballot(closed.geo.village_a)
    codes = codes_of(closed.geo.village_a)
    assert [s["code"] for s in result.standings[:3]] == codes[:3]
    assert result.ties and result.ties[0]["decided_by"] == "lottery"
    assert result.ties[0]["draw"]["seed"] == seed
    redone = standings_decide(
        definition,
        _count_from(result.counts, definition),
        seed,
    )
    assert [s.code for s in redone.standings] == [s["code"] for s in result.standings]


def _count_from(counts, definition):
    from shora_domain.counting import Count

    return Count(
        constituency_code=counts["constituency_code"],
        votes=counts["votes"],
        ballots=counts["ballots"],
        valid=counts["valid"],
        blank=counts["blank"],
        void=counts["void"],
        rejected=counts["rejected"],
        skipped_codes=counts["skipped_codes"],
    )


def test_the_tally_is_audited_without_a_share_or_a_ballot(closed, session):
    shares_entered(session, closed.day.holders, [0, 1])
    events = list(AuditEvent.objects.filter(event_type__gte=900).order_by("number"))
    kinds = [event.event_type for event in events]
    assert kinds.count(922) == 2 and kinds.count(924) == 1 and kinds.count(930) == 3
    assert 901 in kinds and 920 in kinds
    text = json.dumps([event.new for event in events], ensure_ascii=False)
    assert "value" not in text.replace("announced_lottery_value", "")
    for code in Ballot.objects.values_list("receipt_code", flat=True):
        assert code not in text


def test_once_every_constituency_is_tallied_the_election_moves_to_tallied(closed, session):
    with pytest.raises(Exception) as refused:
        election_phase_advance(actor=None, election=closed.election, to_phase=Phase.TALLIED)
    assert [p.code for p in refused.value.problems] == ["no_tally"]
    shares_entered(session, closed.day.holders, [0, 1])
    election_phase_advance(actor=None, election=closed.election, to_phase=Phase.TALLIED)
    closed.election.refresh_from_db()
    assert closed.election.phase == Phase.TALLIED
