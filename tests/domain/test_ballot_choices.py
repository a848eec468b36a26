"""The codes a voter keys in: skipped, repeated, too many, blank, and the bytes that are sealed."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_choices import (
    BallotChoiceRefusal,
    CastBallot,
    cast_ballot_bytes,
    cast_ballot_check,
    cast_ballot_from_bytes,
    choices_validate,
    keyed_code_normalise,
)
from shora_domain.ballot_codes import ballot_codes
from shora_domain.ballot_definition import BallotCandidate, BallotDefinition
from shora_domain.candidate_profile import Degree
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


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


def refusal(call, *args) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args)
    assert caught.value.fa and caught.value.en
    return caught.value


def test_the_small_ballot_is_what_the_tests_think():
    assert CODES[:3] == ["101", "117", "125"]
    assert len(CODES) == 12


def test_valid_codes_come_back_in_ballot_order():
    cast = choices_validate(SMALL, ["149", "101", "125"])
    assert cast == CastBallot("1001", ("101", "125", "149"), skipped=0, repeats=0)
    assert not cast.is_blank


def test_codes_in_persian_or_arabic_digits_with_spaces_and_dashes_are_read():
    keyed = [to_persian_digits("149"), "1".translate(ARABIC_DIGITS) + "01", " 1-2 5 ", "1\u200c17"]
    assert choices_validate(SMALL, keyed).choices == ("101", "117", "125", "149")


def test_unknown_codes_are_skipped_and_counted():
    keyed = ["101", "102", "999", "abc", "۱۰۲", "1" * 100, "0101", "10 1x", "\ud800"]
    cast = choices_validate(SMALL, keyed)
    assert cast.choices == ("101",)
    assert cast.skipped == 8


def test_empty_entries_are_ignored():
    cast = choices_validate(SMALL, ["", "  ", "-", "\u200c", "117"])
    assert (cast.choices, cast.skipped, cast.repeats) == (("117",), 0, 0)


def test_a_repeated_code_counts_once_and_the_repeats_are_counted():
    cast = choices_validate(SMALL, ["117", "117", "۱۱۷", "101", "1-17"])
    assert cast.choices == ("101", "117")
    assert cast.repeats == 3
    assert cast.skipped == 0


def test_nothing_valid_is_blank():
    assert choices_validate(SMALL, []).is_blank
    assert choices_validate(SMALL, [""]).is_blank
    only_unknown = choices_validate(SMALL, ["999", "102"])
    assert only_unknown.is_blank and only_unknown.skipped == 2


def test_exactly_n_choices_are_accepted():
    assert len(choices_validate(SMALL, CODES[:5]).choices) == 5


def test_more_than_n_choices_are_refused_naming_n():
    error = refusal(choices_validate, SMALL, CODES[:6])
    assert error.code is BallotChoiceRefusal.TOO_MANY
    assert error.en == "At most 5 candidates may be chosen; 6 were keyed."
    assert "۵" in error.fa and "۶" in error.fa


def test_repeats_and_skipped_codes_do_not_count_towards_n():
    keyed = CODES[:5] + CODES[:5] + ["999"] * 10
    cast = choices_validate(SMALL, keyed)
    assert (len(cast.choices), cast.repeats, cast.skipped) == (5, 5, 10)


@pytest.mark.parametrize("keyed", ["101117", b"101", [101], ["101", None]])
def test_codes_keyed_in_must_be_a_list_of_texts(keyed):
    assert refusal(choices_validate, SMALL, keyed).code is BallotChoiceRefusal.MALFORMED


def test_a_ballot_with_no_candidates_takes_only_blank_votes():
    cast = choices_validate(make_ballot(0, members=3), ["101"])
    assert cast.is_blank and cast.skipped == 1


def test_normalising_a_keyed_code():
    assert keyed_code_normalise(" ۱۲-۳\u200f٤ ") == "1234"
    assert keyed_code_normalise("") == ""


# Properties


@st.composite
def ballots_and_keyed(draw: st.DrawFn) -> tuple[BallotDefinition, list[str]]:
    ballot = make_ballot(draw(st.integers(0, 120)), members=draw(st.integers(1, 21)))
    codes = [c.code for c in ballot.candidates]
    valid = st.sampled_from(codes) if codes else st.nothing()
    dressed = valid.map(to_persian_digits) | valid.map(lambda c: f" {c[:1]}-{c[1:]} ")
    junk = st.text(max_size=6) | st.integers(0, 99_999).map(str)
    keyed = draw(st.lists(valid | dressed | junk, max_size=40))
    return ballot, keyed


def outcome(ballot: BallotDefinition, keyed: list[str]) -> CastBallot | BallotChoiceRefusal:
    try:
        return choices_validate(ballot, keyed)
    except DomainError as error:
        return error.code


@given(ballots_and_keyed(), st.randoms(use_true_random=False))
def test_the_order_of_keying_does_not_change_the_result(case, random):
    ballot, keyed = case
    shuffled = list(keyed)
    random.shuffle(shuffled)
    assert outcome(ballot, keyed) == outcome(ballot, shuffled)


@given(ballots_and_keyed(), st.data())
def test_repeating_codes_never_changes_the_choices(case, data):
    ballot, keyed = case
    first = outcome(ballot, keyed)
    if not isinstance(first, CastBallot) or not first.choices:
        return
    again = data.draw(st.lists(st.sampled_from(first.choices), min_size=1, max_size=10))
    second = choices_validate(ballot, keyed + again)
    assert second.choices == first.choices
    assert second.skipped == first.skipped
    assert second.repeats == first.repeats + len(again)


@given(ballots_and_keyed())
def test_choices_are_distinct_ballot_codes_in_ballot_order_and_at_most_n(case):
    ballot, keyed = case
    result = outcome(ballot, keyed)
    codes = [c.code for c in ballot.candidates]
    if isinstance(result, CastBallot):
        assert set(result.choices) <= set(codes)
        assert list(result.choices) == [code for code in codes if code in result.choices]
        assert len(result.choices) <= ballot.members
        assert result.constituency_code == ballot.constituency_code
        counted = [entry for entry in keyed if keyed_code_normalise(entry)]
        assert len(result.choices) + result.skipped + result.repeats == len(counted)
        cast_ballot_check(ballot, result)
    else:
        assert result is BallotChoiceRefusal.TOO_MANY


@given(ballots_and_keyed())
def test_a_cast_ballot_round_trips_through_its_bytes_without_the_repeats(case):
    ballot, keyed = case
    result = outcome(ballot, keyed)
    if isinstance(result, CastBallot):
        assert cast_ballot_from_bytes(cast_ballot_bytes(result)) == dataclasses.replace(
            result, repeats=0
        )


# The bytes that are sealed


def test_the_bytes_are_canonical_json_without_repeats():
    cast = choices_validate(SMALL, ["117", "101", "117", "999"])
    assert cast_ballot_bytes(cast) == (
        b'{"choices":["101","117"],"constituency":"1001","format":"shora-cast/1","skipped":1}'
    )
    assert b"repeats" not in cast_ballot_bytes(cast)


def _cast_json(**changes: object) -> bytes:
    content: dict[str, object] = {
        "format": "shora-cast/1",
        "constituency": "1001",
        "choices": ["101", "117"],
        "skipped": 0,
    }
    content.update(changes)
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def test_the_reference_bytes_are_read():
    assert cast_ballot_from_bytes(_cast_json()) == CastBallot("1001", ("101", "117"), 0)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"null",
        b"[]",
        b"not json",
        b"\xff",
        b"[" * 5000,
        b" " * 70_000,
        _cast_json(extra=1),
        _cast_json(repeats=2),
        _cast_json(constituency=""),
        _cast_json(constituency=1001),
        _cast_json(choices="101"),
        _cast_json(choices=[101]),
        _cast_json(choices=["۱۰۱"]),
        _cast_json(choices=["10 1"]),
        _cast_json(choices=["117", "101"]),
        _cast_json(choices=["101", "101"]),
        _cast_json(skipped=-1),
        _cast_json(skipped=True),
        _cast_json(skipped=1.0),
        _cast_json() + b" ",
        _cast_json().replace(b",", b", "),
        json.dumps(json.loads(_cast_json())).encode(),
    ],
)
def test_malformed_bytes_are_refused(data):
    assert refusal(cast_ballot_from_bytes, data).code is BallotChoiceRefusal.MALFORMED


def test_text_instead_of_bytes_is_refused():
    assert refusal(cast_ballot_from_bytes, '{"x": 1}').code is BallotChoiceRefusal.MALFORMED


@pytest.mark.parametrize("form", ["shora-cast/2", "shora-ballot/1", None])
def test_another_format_is_refused(form):
    error = refusal(cast_ballot_from_bytes, _cast_json(format=form))
    assert error.code is BallotChoiceRefusal.WRONG_FORMAT


# The tally's check of an opened ballot


def test_an_opened_ballot_of_another_constituency_is_refused():
    cast = CastBallot("1002", ("101",), 0)
    assert refusal(cast_ballot_check, SMALL, cast).code is BallotChoiceRefusal.WRONG_CONSTITUENCY


def test_an_opened_ballot_with_a_code_not_on_the_ballot_is_refused():
    cast = CastBallot("1001", ("101", "226"), 0)
    assert refusal(cast_ballot_check, SMALL, cast).code is BallotChoiceRefusal.NOT_ON_BALLOT


def test_an_opened_ballot_with_too_many_choices_is_refused():
    cast = CastBallot("1001", tuple(CODES[:6]), 0)
    assert refusal(cast_ballot_check, SMALL, cast).code is BallotChoiceRefusal.TOO_MANY


@pytest.mark.parametrize("choices", [("117", "101"), ("101", "101")])
def test_an_opened_ballot_out_of_order_or_repeated_is_refused(choices):
    cast = CastBallot("1001", choices, 0)
    assert refusal(cast_ballot_check, SMALL, cast).code is BallotChoiceRefusal.MALFORMED
