"""The paper-record audit's sample and paper counts: the sample is the seed's lottery draw
of the stations, the same whatever order they are given in, a tenth rounded up and at
least two, and anyone re-draws it with lottery_draw; paper counts in any digits, refused
when negative, not a number, huge, of no candidate or not adding up; differences named."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.lottery import LotteryRefusal, lottery_draw
from shora_domain.paper_audit import (
    ITEM_PREFIX,
    PaperAuditRefusal,
    audit_sample_draw,
    audit_sample_size,
    paper_compare,
    paper_count_read,
)
from tests.domain.test_counting import CODES, SMALL

SEED = "f9633a8d85f57ed999e2e3f4036c2fd4458a527db9143ebcc466772a6a38231b"
station_codes = st.lists(
    st.text("0123456789", min_size=1, max_size=6), min_size=0, max_size=60, unique=True
)


@pytest.mark.parametrize(
    ("stations", "size"), [(0, 0), (1, 1), (2, 2), (3, 2), (20, 2), (21, 3), (100, 10), (101, 11)]
)
def test_the_sample_is_a_tenth_rounded_up_at_least_two(stations, size):
    assert audit_sample_size(stations) == size


@settings(max_examples=80, deadline=None)
@given(station_codes, st.randoms(use_true_random=False))
def test_the_sample_does_not_depend_on_the_order_the_stations_are_given_in(codes, shuffler):
    given_order = list(codes)
    shuffler.shuffle(given_order)
    first, again = audit_sample_draw(SEED, codes), audit_sample_draw(SEED, given_order)
    assert first == again
    assert len(first.sample) == audit_sample_size(len(codes))
    assert set(first.sample) <= set(codes) and len(set(first.sample)) == len(first.sample)
    assert sorted(first.order) == sorted(codes)


@settings(max_examples=50, deadline=None)
@given(station_codes)
def test_anyone_redraws_it_with_the_lottery_or_an_hmac_of_their_own(codes):
    drawn = audit_sample_draw(SEED, codes)
    items = [ITEM_PREFIX + code for code in codes]
    assert [i.removeprefix(ITEM_PREFIX) for i in lottery_draw(SEED, items).order] == list(
        drawn.order
    )
    key = bytes.fromhex(SEED)
    by_hand = sorted(
        codes, key=lambda c: hmac.new(key, f"paper-audit:{c}".encode(), hashlib.sha256).digest()
    )
    assert tuple(by_hand) == drawn.order


def test_another_seed_draws_another_sample():
    codes = [str(10000 + n) for n in range(40)]
    other = hashlib.sha256(b"other").hexdigest()
    assert audit_sample_draw(SEED, codes).sample != audit_sample_draw(other, codes).sample


def test_a_repeated_station_or_a_bad_seed_is_refused():
    with pytest.raises(DomainError) as caught:
        audit_sample_draw(SEED, ["10001", "10001"])
    assert caught.value.code == LotteryRefusal.REPEATED_ITEM
    with pytest.raises(DomainError) as caught:
        audit_sample_draw("not a seed", ["10001"])
    assert caught.value.code == LotteryRefusal.BAD_SEED


def _entered(**figures):
    return {key.replace("_", ":"): value for key, value in figures.items()}


def test_paper_counts_in_persian_and_arabic_indic_digits_are_read():
    paper = paper_count_read(
        SMALL,
        {
            "ballots": "۱۲",
            "blank": "١",
            "void": " 1 ",
            f"votes:{CODES[0]}": "۱۰",
            f"votes:{CODES[1]}": "3",
        },
    )
    assert (paper.ballots, paper.blank, paper.void) == (12, 1, 1)
    assert paper.votes[CODES[0]] == 10 and paper.votes[CODES[2]] == 0
    assert list(paper.votes) == CODES


@pytest.mark.parametrize(
    ("entered", "refusal"),
    [
        ({"ballots": "-1"}, PaperAuditRefusal.NEGATIVE),
        ({"ballots": "۵", "blank": "-۲"}, PaperAuditRefusal.NEGATIVE),
        ({"ballots": "دوازده"}, PaperAuditRefusal.NOT_A_NUMBER),
        ({"ballots": "1.5"}, PaperAuditRefusal.NOT_A_NUMBER),
        ({"ballots": "²"}, PaperAuditRefusal.NOT_A_NUMBER),
        ({"ballots": "9" * 30}, PaperAuditRefusal.TOO_LARGE),
        ({"ballots": "1", "votes:999": "1"}, PaperAuditRefusal.UNKNOWN_CANDIDATE),
        ({"ballots": "1", "blank": "2"}, PaperAuditRefusal.DO_NOT_ADD_UP),
        ({"ballots": "3", f"votes:{CODES[0]}": "2"}, PaperAuditRefusal.DO_NOT_ADD_UP),
        (
            {"ballots": "1", **{f"votes:{c}": "1" for c in CODES[:6]}},
            PaperAuditRefusal.DO_NOT_ADD_UP,
        ),
    ],
)
def test_bad_paper_counts_are_refused_with_a_clear_message(entered, refusal):
    with pytest.raises(DomainError) as caught:
        paper_count_read(SMALL, entered)
    assert caught.value.code == refusal
    assert caught.value.fa and caught.value.en


def test_an_empty_form_is_a_station_without_a_ballot():
    paper = paper_count_read(SMALL, {})
    assert paper.ballots == 0 and sum(paper.votes.values()) == 0


def test_the_comparison_names_each_difference_and_counts_rejected_as_void():
    paper = paper_count_read(
        SMALL, {"ballots": "4", "blank": "1", "void": "1", f"votes:{CODES[0]}": "2"}
    )
    electronic = {
        "ballots": 4,
        "blank": 1,
        "void": 0,
        "rejected": 1,
        "valid": 2,
        "votes": {**dict.fromkeys(CODES, 0), CODES[0]: 2},
    }
    assert paper_compare(paper, electronic) == []
    electronic["votes"] = {**electronic["votes"], CODES[0]: 1, CODES[1]: 1}
    assert paper_compare(paper, electronic) == [
        f"votes.{CODES[0]}: paper has 2, electronic 1",
        f"votes.{CODES[1]}: paper has 0, electronic 1",
    ]
