"""Counting opened ballots: valid, blank, void, rejected, skipped codes, and merging stations."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_choices import CastBallot, cast_ballot_check, choices_validate
from shora_domain.ballot_codes import ballot_codes
from shora_domain.ballot_definition import BallotCandidate, BallotDefinition
from shora_domain.candidate_profile import Degree
from shora_domain.counting import Count, CountRefusal, count_ballots, counts_merge
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError


def make_ballot(count: int, members: int, constituency: str = "1001") -> BallotDefinition:
    return BallotDefinition(
        election="khuzestan-1405",
        polling_date=datetime.date(2026, 5, 1),
        constituency_code=constituency,
        constituency_name="اهواز",
        members=members,
        alternates=3,
        candidates=tuple(
            BallotCandidate(code=code, name=f"نامزد {n}", veteran=False, degree=Degree.BACHELOR)
            for n, code in enumerate(ballot_codes(count))
        ),
    )


# 12 candidates: 101 117 125 130 149 158 163 174 182 196 207 210; 5 seats.
SMALL = make_ballot(12, members=5)
CODES = [c.code for c in SMALL.candidates]


def cast(*choices: str, skipped: int = 0, constituency: str = "1001") -> CastBallot:
    return CastBallot(constituency_code=constituency, choices=choices, skipped=skipped)


def figures(count: Count) -> tuple[int, int, int, int, int, int]:
    return (
        count.ballots,
        count.valid,
        count.blank,
        count.void,
        count.rejected,
        count.skipped_codes,
    )


def test_the_small_ballot_is_what_the_tests_think():
    assert CODES[:4] == ["101", "117", "125", "130"]


def test_no_ballots_is_a_count_of_zeros_with_every_candidate():
    count = count_ballots(SMALL, [])
    assert count.constituency_code == "1001"
    assert count.votes == dict.fromkeys(CODES, 0)
    assert list(count.votes) == CODES  # ballot order
    assert figures(count) == (0, 0, 0, 0, 0, 0)


def test_valid_ballots_give_one_vote_to_each_chosen_candidate():
    count = count_ballots(SMALL, [cast("101", "125"), cast("125"), cast("101", "117", "125")])
    assert count.votes["101"] == 2
    assert count.votes["117"] == 1
    assert count.votes["125"] == 3
    assert count.votes["130"] == 0
    assert figures(count) == (3, 3, 0, 0, 0, 0)


def test_blank_void_and_skipped_codes_are_told_apart():
    casts = [
        cast(),  # blank: nothing keyed
        cast(skipped=2),  # void: only codes that are no candidate
        cast("101", skipped=3),  # valid, with three codes skipped
    ]
    count = count_ballots(SMALL, casts)
    assert figures(count) == (3, 1, 1, 1, 0, 5)
    assert count.votes["101"] == 1


def test_what_the_voting_screen_makes_is_counted_as_it_means():
    keyed = [["101", "۱۱۷", "١٢٥"], [], ["999"], ["101", "101", "abc"]]
    count = count_ballots(SMALL, [choices_validate(SMALL, entry) for entry in keyed])
    assert figures(count) == (4, 2, 1, 1, 0, 2)
    assert count.votes["101"] == 2
    assert count.votes["117"] == count.votes["125"] == 1


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        (None, "did not decrypt"),
        (cast("101", constituency="1002"), "another constituency"),
        (cast("101", "999"), "a code not on the ballot"),
        (cast("1O1"), "a malformed code"),
        (cast(to_persian_digits("101")), "Persian digits: the station writes Latin ones"),
        (cast(""), "an empty code"),
        (cast(*CODES[:6]), "more than N"),
        (cast("125", "101"), "out of ballot order"),
        (cast("101", "101"), "repeated"),
        (cast("101", skipped=-1), "a negative number skipped"),
        (CastBallot("1001", ("101",), True), "a number skipped that is no whole number"),
    ],
)
def test_a_ballot_that_breaks_the_rules_is_rejected_not_dropped(bad, why):
    count = count_ballots(SMALL, [cast("101"), bad, cast()])
    assert figures(count) == (3, 1, 1, 0, 1, 0), why
    assert count.votes["101"] == 1, why  # nothing of the rejected ballot is counted


def test_the_skipped_codes_of_a_rejected_ballot_are_not_counted():
    count = count_ballots(SMALL, [cast("101", skipped=4, constituency="9999")])
    assert figures(count) == (1, 0, 0, 0, 1, 0)


def test_exactly_n_choices_is_valid():
    count = count_ballots(SMALL, [cast(*CODES[:5])])
    assert count.valid == 1
    assert all(count.votes[code] == 1 for code in CODES[:5])


def test_a_one_pass_iterable_is_counted_once():
    count = count_ballots(SMALL, (cast("101") for _ in range(7)))
    assert count.ballots == 7
    assert count.votes["101"] == 7


def test_a_large_city_ballot_counts_as_a_plain_recount_does():
    # Ahvaz-like: 750 candidates, 13 seats; more ballots than one internal batch
    ballot = make_ballot(750, members=13)
    codes = [c.code for c in ballot.candidates]
    rng = random.Random(1405)
    casts: list[CastBallot | None] = []
    for _ in range(80_000):
        picked = sorted(rng.sample(range(750), rng.randint(0, 13)))
        casts.append(cast(*(codes[i] for i in picked), skipped=rng.choice([0, 0, 0, 1])))
    casts[::1000] = [None] * len(casts[::1000])
    count = count_ballots(ballot, casts)
    expected = dict.fromkeys(codes, 0)
    for item in casts:
        for code in item.choices if item else ():
            expected[code] += 1
    assert count.votes == expected
    assert count.rejected == 80
    assert count.ballots == 80_000


# ----- properties -----

SOME_CODES = [*CODES, "999", "102", "۱۰۱", ""]


@st.composite
def casts(draw: st.DrawFn) -> CastBallot | None:
    kind = draw(st.sampled_from(["good", "good", "good", "good", "none", "anything"]))
    if kind == "none":
        return None
    if kind == "good":
        chosen = draw(st.lists(st.sampled_from(CODES), max_size=SMALL.members, unique=True))
        return cast(*sorted(chosen, key=CODES.index), skipped=draw(st.integers(0, 3)))
    return CastBallot(
        constituency_code=draw(st.sampled_from(["1001", "1001", "1002", ""])),
        choices=tuple(draw(st.lists(st.sampled_from(SOME_CODES), max_size=8))),
        skipped=draw(st.integers(-2, 3)),
    )


def breaks_the_rules(item: CastBallot | None) -> bool:
    if item is None or item.skipped < 0:
        return True
    try:
        cast_ballot_check(SMALL, item)
    except DomainError:
        return True
    return False


@given(st.lists(casts(), max_size=60), st.randoms(use_true_random=False))
def test_the_order_of_the_ballots_does_not_matter(items, rng):
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert count_ballots(SMALL, shuffled) == count_ballots(SMALL, items)


@given(st.lists(casts(), max_size=60), st.lists(st.integers(0, 60), max_size=6))
def test_merging_the_stations_counts_is_counting_all_their_ballots(items, cuts):
    bounds = [0, *sorted(cuts), len(items)]
    parts = [items[start:end] for start, end in itertools.pairwise(bounds)]
    merged = counts_merge(SMALL, [count_ballots(SMALL, part) for part in parts])
    assert merged == count_ballots(SMALL, items)


@given(st.lists(casts(), max_size=60))
def test_every_ballot_is_accounted_for_and_no_more_votes_than_seats(items):
    count = count_ballots(SMALL, items)
    assert count.ballots == len(items)
    assert count.ballots == count.valid + count.blank + count.void + count.rejected
    assert sum(count.votes.values()) <= count.valid * SMALL.members
    assert count.valid <= sum(count.votes.values())
    assert set(count.votes) == set(CODES)


@given(st.lists(casts(), max_size=60))
def test_rejected_are_exactly_the_ballots_cast_ballot_check_refuses(items):
    count = count_ballots(SMALL, items)
    assert count.rejected == sum(breaks_the_rules(item) for item in items)
    kept = [item for item in items if not breaks_the_rules(item)]
    assert count.skipped_codes == sum(item.skipped for item in kept if item)
    for code in CODES:
        assert count.votes[code] == sum(code in item.choices for item in kept if item)


# ----- merging -----


def test_merging_nothing_is_a_count_of_zeros():
    assert counts_merge(SMALL, []) == count_ballots(SMALL, [])


def test_merging_does_not_mind_the_order_of_the_candidates():
    part = count_ballots(SMALL, [cast("101"), cast(skipped=1)])
    reordered = dataclasses.replace(part, votes=dict(reversed(list(part.votes.items()))))
    merged = counts_merge(SMALL, [part, reordered])
    assert merged.votes["101"] == 2
    assert list(merged.votes) == CODES
    assert figures(merged) == (4, 2, 0, 2, 0, 2)


def merge_refusal(*counts: Count) -> DomainError:
    with pytest.raises(DomainError) as caught:
        counts_merge(SMALL, counts)
    assert caught.value.fa and caught.value.en
    return caught.value


def test_a_count_of_another_constituency_is_not_merged():
    other = count_ballots(make_ballot(12, members=5, constituency="1002"), [])
    assert merge_refusal(other).code is CountRefusal.WRONG_CONSTITUENCY


@pytest.mark.parametrize(
    "votes",
    [
        {},
        {code: 0 for code in CODES[:-1]},
        {**dict.fromkeys(CODES, 0), "999": 0},
        {**dict.fromkeys(CODES[:-1], 0), "999": 0},
    ],
)
def test_a_count_of_other_candidates_is_not_merged(votes):
    part = dataclasses.replace(count_ballots(SMALL, []), votes=votes)
    assert merge_refusal(part).code is CountRefusal.WRONG_CANDIDATES


@pytest.mark.parametrize(
    "change",
    [
        {"ballots": 3},  # more ballots than valid + blank + void + rejected
        {"valid": -1, "ballots": 1, "blank": 2},
        {"skipped_codes": -5},
        {"votes": {**dict.fromkeys(CODES, 0), "101": 6}},  # more votes than 1 ballot × 5 seats
        {"votes": {**dict.fromkeys(CODES, 0), "101": -1}},
        {"votes": {**dict.fromkeys(CODES, 0), "101": True}},
        {"rejected": 1.0, "ballots": 2},
    ],
)
def test_a_count_that_does_not_add_up_is_not_merged(change):
    part = dataclasses.replace(count_ballots(SMALL, [cast("101")]), **change)
    assert merge_refusal(part).code is CountRefusal.INCONSISTENT
