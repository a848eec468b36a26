"""A recount from the stored ballot lines: the same as the tally whatever the order, every
difference from the stored result named with both values, an altered line found."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from shora_domain.ballot_choices import cast_ballot_bytes
from shora_domain.counting import count_ballots
from shora_domain.election_record import count_to_dict, standings_to_dict
from shora_domain.json_differences import json_differences
from shora_domain.recount import recount_differences, recount_lines
from shora_domain.standings import standings_decide
from tests.domain.test_counting import CODES, SMALL, cast

SEED = "5e" * 32

CASTS = [cast(*CODES[:5]), cast(*CODES[:3]), cast(CODES[4]), cast(), cast(skipped=2), None]


def _lines(casts):
    return [b"null" if c is None else cast_ballot_bytes(c) for c in casts]


def _stored(casts):
    count = count_ballots(SMALL, casts)
    standings = standings_to_dict(standings_decide(SMALL, count, SEED))
    return {
        "stored_count": count_to_dict(count),
        "stored_standings": standings["standings"],
        "stored_ties": standings["ties"],
    }


def test_a_recount_of_the_stored_lines_is_the_stored_result():
    again = recount_lines(SMALL, _lines(CASTS), SEED)
    assert again.count.ballots == 6 and again.count.rejected == 1 and again.count.blank == 1
    assert again.unreadable_lines == ()
    assert recount_differences(again, **_stored(CASTS)) == []


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_whatever_the_order_of_the_lines_the_recount_is_the_same(shuffler: random.Random):
    lines = _lines(CASTS)
    shuffler.shuffle(lines)
    assert recount_differences(recount_lines(SMALL, lines, SEED), **_stored(CASTS)) == []


def test_one_vote_more_in_the_stored_count_is_named_with_both_values():
    stored = _stored(CASTS)
    stored["stored_count"] = {**stored["stored_count"], "valid": 4}
    found = recount_differences(recount_lines(SMALL, _lines(CASTS), SEED), **stored)
    assert found == ["count.valid: the stored result has 4, the recount 3"]


def test_a_changed_line_changes_the_votes_and_the_standings():
    lines = _lines(CASTS)
    lines[2] = cast_ballot_bytes(cast(CODES[6]))  # CODES[4]'s vote goes to CODES[6]
    found = recount_differences(recount_lines(SMALL, lines, SEED), **_stored(CASTS))
    assert f"count.votes.{CODES[4]}: the stored result has 2, the recount 1" in found
    assert f"count.votes.{CODES[6]}: the stored result has 0, the recount 1" in found
    assert any(line.startswith("standings[") for line in found)


def test_a_line_that_is_no_ballot_of_this_constituency_is_rejected_and_reported():
    lines = _lines(CASTS)
    lines[0] = b'{"not":"a ballot"}'
    lines[1] = cast_ballot_bytes(cast("999"))  # a code not on the ballot
    lines[3] = cast_ballot_bytes(cast(constituency="2001"))
    again = recount_lines(SMALL, lines, SEED)
    assert again.unreadable_lines == (1, 2, 4)
    assert again.count.rejected == 4
    found = recount_differences(again, **_stored(CASTS))
    assert found[-1].startswith("ballots: 3 stored lines are neither null nor a ballot")
    assert "count.rejected: the stored result has 1, the recount 4" in found


def test_an_empty_constituency_recounts_to_zeros():
    again = recount_lines(SMALL, [], SEED)
    assert again.count.ballots == 0 and again.unreadable_lines == ()
    assert recount_differences(again, **_stored([])) == []


def test_differences_of_json_values_name_the_path_and_missing_keys():
    assert json_differences({"a": [1, 2]}, {"a": [1, 3]}) == [
        "a[1]: the record has 2, recomputed 3"
    ]
    assert json_differences({"a": 1}, {"b": 1}, names=("X", "Y")) == [
        "a: only in X",
        "b: only in Y",
    ]
    assert json_differences([1], [1, 2]) == ["the whole: the record has [1], recomputed [1, 2]"]
    assert json_differences(1, True) == ["the whole: the record has 1, recomputed true"]
    assert json_differences({"v": "۱"}, {"v": "1"}) == ['v: the record has "۱", recomputed "1"']
