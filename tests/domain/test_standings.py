"""Members, alternates and the ties the law breaks: veterans, then degree, then the lottery."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_codes import ballot_codes
from shora_domain.ballot_definition import BallotCandidate, BallotDefinition
from shora_domain.candidate_profile import Degree
from shora_domain.counting import Count
from shora_domain.errors import DomainError
from shora_domain.lottery import LotteryRefusal, lottery_draw
from shora_domain.standings import (
    Standing,
    Standings,
    StandingsRefusal,
    TieBreak,
    standings_decide,
)

SEED = "f9633a8d85f57ed999e2e3f4036c2fd4458a527db9143ebcc466772a6a38231b"
OTHER_SEED = "b625a5722ea782b927dd65ce940fba92f410791c62b10a7a93acc0de31b775fb"
B = Degree.BACHELOR


@dataclasses.dataclass(frozen=True)
class Race:
    ballot: BallotDefinition
    count: Count

    @property
    def codes(self) -> list[str]:
        return [candidate.code for candidate in self.ballot.candidates]

    def decide(self, seed: str = SEED) -> Standings:
        return standings_decide(self.ballot, self.count, seed)


def race(
    votes: Sequence[int],
    *,
    members: int,
    alternates: int,
    veterans: Sequence[int] = (),
    degrees: dict[int, Degree] | None = None,
) -> Race:
    """Candidates 0.. in ballot order with ``votes``; ``veterans`` and ``degrees`` by index."""
    degrees = degrees or {}
    codes = ballot_codes(max(len(votes), 2))[: len(votes)]
    ballot = BallotDefinition(
        election="khuzestan-1405",
        polling_date=datetime.date(2026, 5, 1),
        constituency_code="1001",
        constituency_name="اهواز",
        members=members,
        alternates=alternates,
        candidates=tuple(
            BallotCandidate(
                code=code,
                name=f"نامزد {n}",
                veteran=n in veterans,
                degree=degrees.get(n, B),
            )
            for n, code in enumerate(codes)
        ),
    )
    count = Count(
        constituency_code="1001",
        votes=dict(zip(codes, votes, strict=True)),
        ballots=max(votes, default=0),
        valid=max(votes, default=0),
        blank=0,
        void=0,
        rejected=0,
        skipped_codes=0,
    )
    return Race(ballot, count)


def order(standings: Standings) -> list[str]:
    return [standing.code for standing in standings.standings]


def outcomes(standings: Standings) -> list[str]:
    return [standing.outcome for standing in standings.standings]


# ----- no ties -----


def test_without_ties_the_order_is_by_votes():
    r = race([5, 40, 12, 30, 1], members=2, alternates=2)
    a, b, c, d, e = r.codes
    result = r.decide()
    assert order(result) == [b, d, c, a, e]
    assert outcomes(result) == ["member", "member", "alternate", "alternate", "not_elected"]
    assert result.ties == ()
    assert result.constituency_code == "1001"
    assert result.standings[0] == Standing(
        code=b, name="نامزد 1", votes=40, place=1, outcome="member"
    )
    assert [s.place for s in result.standings] == [1, 2, 3, 4, 5]


# ----- the last member's seat -----


def test_a_veteran_beats_a_non_veteran_at_the_last_seat():
    r = race([10, 5, 5], members=2, alternates=1, veterans=[2])
    a, b, c = r.codes
    result = r.decide()
    assert order(result) == [a, c, b]
    assert outcomes(result) == ["member", "member", "alternate"]
    assert result.ties == (
        TieBreak(
            votes=5,
            codes=(b, c),
            boundary="last_member",
            decided_by="veterans",
            order=(c, b),
            draw=None,
        ),
    )


def test_between_equal_veterans_the_higher_degree_wins():
    r = race(
        [10, 5, 5],
        members=2,
        alternates=1,
        veterans=[1, 2],
        degrees={1: Degree.BACHELOR, 2: Degree.MASTER},
    )
    a, b, c = r.codes
    result = r.decide()
    assert order(result) == [a, c, b]
    (tie,) = result.ties
    assert (tie.boundary, tie.decided_by, tie.order, tie.draw) == (
        "last_member",
        "degree",
        (c, b),
        None,
    )


def test_between_equal_non_veterans_the_higher_degree_wins_too():
    degrees = {1: Degree.DOCTORATE, 2: Degree.NONE, 3: Degree.DIPLOMA}
    r = race([10, 5, 5, 5], members=2, alternates=0, degrees=degrees)
    a, b, c, d = r.codes
    result = r.decide()
    assert order(result) == [a, b, d, c]  # the tied part is put in degree order as a whole
    assert result.ties[0].decided_by == "degree"


def test_a_veteran_without_schooling_beats_a_doctor_who_is_no_veteran():
    degrees = {1: Degree.DOCTORATE, 2: Degree.NONE}
    r = race([10, 5, 5], members=2, alternates=0, veterans=[2], degrees=degrees)
    assert order(r.decide())[1] == r.codes[2]


def test_all_equal_is_decided_by_the_lottery_reproducibly():
    r = race([10, 5, 5, 5], members=2, alternates=0)
    a, *tied = r.codes
    first, again, other = r.decide(SEED), r.decide(SEED), r.decide(OTHER_SEED)
    assert first == again
    (tie,) = first.ties
    assert tie.decided_by == "lottery"
    assert tie.boundary == "last_member"
    assert tie.draw == lottery_draw(SEED, tied)
    assert tie.order == tie.draw.order
    assert order(first) == [a, *tie.draw.order]
    # another seed draws another order here (checked, not assumed)
    assert lottery_draw(OTHER_SEED, tied).order != lottery_draw(SEED, tied).order
    assert other.ties[0].order == lottery_draw(OTHER_SEED, tied).order
    assert order(other) != order(first)


def test_veterans_decide_alone_when_the_rest_does_not_matter():
    # one seat left for three; the one veteran takes it; the other two are both not elected
    r = race([10, 5, 5, 5], members=2, alternates=0, veterans=[3])
    a, b, c, d = r.codes
    result = r.decide()
    assert order(result) == [a, d, b, c]
    assert result.ties[0].decided_by == "veterans"


def test_veterans_then_degree_among_the_veterans_only():
    # two veterans for one seat: degree between them; the doctor who is no veteran is last
    degrees = {1: Degree.BACHELOR, 2: Degree.MASTER, 3: Degree.DOCTORATE}
    r = race([10, 5, 5, 5], members=2, alternates=0, veterans=[1, 2], degrees=degrees)
    a, b, c, d = r.codes
    result = r.decide()
    assert order(result) == [a, c, b, d]
    assert result.ties[0].decided_by == "degree"


def test_only_the_part_still_tied_where_it_matters_is_drawn():
    # five equal for three seats: the two veterans are members whatever their order, so only
    # the three others are drawn for the last seat
    r = race([5, 5, 5, 5, 5], members=3, alternates=0, veterans=[3, 4])
    a, b, c, d, e = r.codes
    (tie,) = r.decide().ties
    assert tie.decided_by == "lottery"
    assert tie.draw is not None
    assert tie.draw.items == (a, b, c)
    assert tie.order == (d, e, *tie.draw.order)


# ----- the last alternate's place, and the order among alternates -----


def test_the_last_alternates_place():
    r = race([10, 5, 5], members=1, alternates=1, veterans=[2])
    a, b, c = r.codes
    result = r.decide()
    assert order(result) == [a, c, b]
    assert outcomes(result) == ["member", "alternate", "not_elected"]
    assert result.ties[0].boundary == "last_alternate"
    assert result.ties[0].decided_by == "veterans"


def test_the_order_among_alternates_is_decided():
    r = race([10, 5, 5, 1], members=1, alternates=3, degrees={1: Degree.DIPLOMA})
    a, b, c, d = r.codes
    result = r.decide()
    assert order(result) == [a, c, b, d]
    assert outcomes(result) == ["member", "alternate", "alternate", "alternate"]
    (tie,) = result.ties
    assert (tie.boundary, tie.decided_by) == ("alternate_order", "degree")


def test_one_draw_orders_every_part_still_tied_among_the_alternates():
    # two veterans and two others, all equal, all alternates: each pair is drawn
    r = race([10, 5, 5, 5, 5], members=1, alternates=4, veterans=[3, 4])
    _, b, c, d, e = r.codes
    (tie,) = r.decide().ties
    assert tie.decided_by == "lottery"
    assert tie.draw == lottery_draw(SEED, [b, c, d, e])
    drawn = tie.draw.order
    veterans = [code for code in drawn if code in (d, e)]
    others = [code for code in drawn if code in (b, c)]
    assert tie.order == (*veterans, *others)


def test_a_tie_over_both_boundaries_is_named_by_the_last_seat():
    r = race([5, 5, 5, 5], members=1, alternates=1, veterans=[3])
    (tie,) = r.decide().ties
    assert tie.boundary == "last_member"
    assert tie.order[0] == r.codes[3]
    assert tie.decided_by == "lottery"  # the alternate's place among the other three


# ----- ties that do not matter -----


def test_a_tie_among_members_is_left_in_ballot_code_order():
    r = race([9, 9, 9, 1], members=3, alternates=1, veterans=[2], degrees={1: Degree.DOCTORATE})
    result = r.decide()
    assert order(result) == r.codes
    assert result.ties == ()


def test_a_tie_among_the_not_elected_is_left_in_ballot_code_order():
    r = race([9, 8, 1, 1, 1], members=1, alternates=1, veterans=[4])
    result = r.decide()
    assert order(result) == r.codes
    assert result.ties == ()


# ----- few candidates, no votes -----


def test_fewer_candidates_than_seats_are_all_members():
    r = race([3, 3, 0], members=5, alternates=2, veterans=[1])
    result = r.decide()
    assert outcomes(result) == ["member"] * 3
    assert order(result) == r.codes
    assert result.ties == ()


def test_alternates_as_far_as_there_are_candidates():
    r = race([4, 4, 4, 4], members=2, alternates=3, veterans=[3])
    result = r.decide()
    assert outcomes(result) == ["member", "member", "alternate", "alternate"]
    assert result.ties[0].boundary == "last_member"


def test_no_candidates_no_standings():
    result = race([], members=3, alternates=2).decide()
    assert result.standings == ()
    assert result.ties == ()


def test_zero_votes_for_everyone_is_still_a_tie_that_matters():
    r = race([0, 0, 0, 0], members=2, alternates=1, veterans=[3], degrees={2: Degree.MASTER})
    a, b, c, d = r.codes
    result = r.decide()
    assert order(result)[:2] == [d, c]
    assert [s.votes for s in result.standings] == [0, 0, 0, 0]
    (tie,) = result.ties
    assert (tie.votes, tie.boundary, tie.decided_by) == (0, "last_member", "lottery")
    assert tie.draw == lottery_draw(SEED, [a, b])  # for the alternate's place


# ----- Tehran-like: 21 seats, ties at the 21st and 22nd places -----


def test_tehran_like_race_with_a_tie_at_the_last_seat():
    top = [486_282 - 10_000 * n for n in range(20)]  # places 1..20
    tail = [74_294 - 3_000 * n for n in range(12)]  # the alternates and more
    votes = [*top, 255_854, 255_854, *tail, 1_200, 1_200]
    # the two tied for the 21st seat are candidates 20 and 21; 21 is a veteran
    r = race(votes, members=21, alternates=11, veterans=[21, 33])
    result = r.decide()
    codes = r.codes
    members = [s.code for s in result.standings if s.outcome == "member"]
    alternates = [s.code for s in result.standings if s.outcome == "alternate"]
    assert len(members) == 21
    assert members[-1] == codes[21]
    assert alternates[0] == codes[20]  # the loser of the tie is the first alternate
    assert len(alternates) == 11
    (tie,) = result.ties  # 1,200 and 1,200 are both not elected: no tie recorded
    assert tie == TieBreak(
        votes=255_854,
        codes=(codes[20], codes[21]),
        boundary="last_member",
        decided_by="veterans",
        order=(codes[21], codes[20]),
        draw=None,
    )


def test_tehran_like_race_with_a_tie_at_the_last_alternates_place():
    votes = [300_000 - 1_000 * n for n in range(21)] + [50_000 - 100 * n for n in range(10)]
    votes += [39_292, 39_292, 39_292]
    r = race(votes, members=21, alternates=11, degrees={32: Degree.MASTER})
    result = r.decide()
    codes = r.codes
    assert result.standings[31].code == codes[32]
    assert result.standings[31].outcome == "alternate"
    assert [s.outcome for s in result.standings[32:]] == ["not_elected", "not_elected"]
    (tie,) = result.ties
    assert (tie.boundary, tie.decided_by) == ("last_alternate", "degree")


def test_a_big_ballot_is_decided():
    # 1,732 candidates (Tehran 1400), most with few votes and many ties among them
    votes = [(n * 7919) % 500 for n in range(1732)]
    r = race(votes, members=21, alternates=11, veterans=range(0, 1732, 5))
    result = r.decide()
    assert len(result.standings) == 1732
    assert [s.outcome for s in result.standings].count("member") == 21


# ----- refusals -----


def refusal(r: Race, count: Count | None = None, seed: str = SEED) -> DomainError:
    with pytest.raises(DomainError) as caught:
        standings_decide(r.ballot, count or r.count, seed)
    assert caught.value.fa and caught.value.en
    return caught.value


SIMPLE = race([3, 2, 1], members=1, alternates=1)


def test_a_count_of_another_constituency_is_refused():
    other = dataclasses.replace(SIMPLE.count, constituency_code="1002")
    assert refusal(SIMPLE, other).code is StandingsRefusal.WRONG_CONSTITUENCY


@pytest.mark.parametrize(
    "votes",
    [
        {},
        {"101": 3, "117": 2},
        {"101": 3, "117": 2, "125": 1, "130": 0},
        {"101": 3, "117": 2, "999": 1},
    ],
)
def test_a_count_of_other_candidates_is_refused(votes):
    other = dataclasses.replace(SIMPLE.count, votes=votes)
    assert refusal(SIMPLE, other).code is StandingsRefusal.WRONG_CANDIDATES


@pytest.mark.parametrize("bad", [-1, True, 1.5, "3", None])
def test_votes_that_are_no_whole_number_are_refused(bad):
    other = dataclasses.replace(SIMPLE.count, votes={**SIMPLE.count.votes, "117": bad})
    assert refusal(SIMPLE, other).code is StandingsRefusal.BAD_VOTES


@pytest.mark.parametrize("seed", ["", SEED.upper(), SEED[:-1], "۱" * 64])
def test_a_malformed_seed_is_refused_even_without_a_tie(seed):
    assert refusal(SIMPLE, seed=seed).code is LotteryRefusal.BAD_SEED


# ----- properties -----


@st.composite
def races(draw: st.DrawFn) -> Race:
    size = draw(st.integers(0, 14))
    votes = draw(st.lists(st.integers(0, 4), min_size=size, max_size=size))
    veterans = draw(st.sets(st.integers(0, max(size - 1, 0)), max_size=size))
    degrees = draw(st.dictionaries(st.integers(0, max(size - 1, 0)), st.sampled_from(list(Degree))))
    members = draw(st.integers(1, 6))
    alternates = draw(st.integers(0, 5))
    return race(votes, members=members, alternates=alternates, veterans=veterans, degrees=degrees)


seeds = st.binary(min_size=32, max_size=32).map(bytes.hex)


@given(races(), seeds)
def test_members_alternates_places_and_votes(r, seed):
    result = r.decide(seed)
    n, members, alternates = len(r.codes), r.ballot.members, r.ballot.alternates
    got = outcomes(result)
    assert got.count("member") == min(members, n)
    assert got.count("alternate") == min(alternates, n - min(members, n))
    assert got == sorted(got, key=["member", "alternate", "not_elected"].index)
    assert [s.place for s in result.standings] == list(range(1, n + 1))
    assert sorted(order(result)) == sorted(r.codes)
    votes = [s.votes for s in result.standings]
    assert votes == sorted(votes, reverse=True)
    assert all(s.votes == r.count.votes[s.code] for s in result.standings)
    assert r.decide(seed) == result


@given(races(), seeds)
def test_where_a_tie_matters_veterans_then_degree_come_first(r, seed):
    result = r.decide(seed)
    person = {candidate.code: candidate for candidate in r.ballot.candidates}

    def rank(code: str) -> tuple[bool, int]:
        return (person[code].veteran, person[code].degree.rank)

    standings = result.standings
    for i, ahead in enumerate(standings):
        for behind in standings[i + 1 :]:
            if behind.votes != ahead.votes:
                break
            if ahead.outcome != behind.outcome or ahead.outcome == "alternate":
                assert rank(ahead.code) >= rank(behind.code)


@given(races(), seeds)
def test_ties_recorded_are_exactly_those_that_matter(r, seed):
    result = r.decide(seed)
    recorded = {tie.votes: tie for tie in result.ties}
    assert len(recorded) == len(result.ties)
    for votes in {s.votes for s in result.standings}:
        group = [s for s in result.standings if s.votes == votes]
        kinds = {s.outcome for s in group}
        matters = len(group) > 1 and (len(kinds) > 1 or kinds == {"alternate"})
        assert (votes in recorded) == matters
        codes = tuple(s.code for s in group)
        if votes in recorded:
            tie = recorded[votes]
            assert tie.order == codes
            assert tie.codes == tuple(sorted(codes))
            assert (tie.draw is not None) == (tie.decided_by == "lottery")
        else:
            assert codes == tuple(sorted(codes))  # ballot-code order (codes of one length)
