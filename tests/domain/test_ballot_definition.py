"""The ballot definition: canonical bytes, a hash that any change moves, strict reading."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_codes import ballot_codes
from shora_domain.ballot_definition import (
    BallotCandidate,
    BallotDefinition,
    BallotRefusal,
    ballot_canonical_bytes,
    ballot_from_dict,
    ballot_sha256,
    ballot_to_dict,
)
from shora_domain.candidate_profile import Degree
from shora_domain.errors import DomainError

names = st.text(alphabet=st.sampled_from(list("علیکمحسن \u200cABC")), min_size=1, max_size=20)


@st.composite
def ballots(draw: st.DrawFn) -> BallotDefinition:
    count = draw(st.integers(0, 40))
    codes = ballot_codes(count)
    candidates = tuple(
        BallotCandidate(
            code=code,
            name=draw(names),
            veteran=draw(st.booleans()),
            degree=draw(st.sampled_from(list(Degree))),
        )
        for code in codes
    )
    return BallotDefinition(
        election=draw(names),
        polling_date=draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))),
        constituency_code=draw(st.from_regex(r"[0-9]{1,8}", fullmatch=True)),
        constituency_name=draw(names),
        members=draw(st.integers(1, 21)),
        alternates=draw(st.integers(0, 11)),
        candidates=candidates,
    )


@given(ballots())
def test_a_ballot_reads_back_as_itself_with_the_same_hash(ballot):
    data = json.loads(ballot_canonical_bytes(ballot))
    assert data == ballot_to_dict(ballot)
    again = ballot_from_dict(data)
    assert again == ballot
    assert ballot_sha256(again) == ballot_sha256(ballot)
    assert len(ballot_sha256(ballot)) == 64


@given(ballots(), st.data())
def test_any_change_moves_the_hash(ballot, data):
    field = data.draw(
        st.sampled_from(["election", "constituency_name", "members", "name", "veteran"])
    )
    if field == "members":
        changed = dataclasses.replace(ballot, members=ballot.members + 1)
    elif field in ("election", "constituency_name"):
        changed = dataclasses.replace(ballot, **{field: getattr(ballot, field) + "ی"})
    elif not ballot.candidates:
        return
    else:
        first = ballot.candidates[0]
        edited = (
            dataclasses.replace(first, name=first.name + "ی")
            if field == "name"
            else dataclasses.replace(first, veteran=not first.veteran)
        )
        changed = dataclasses.replace(ballot, candidates=(edited, *ballot.candidates[1:]))
    assert ballot_sha256(changed) != ballot_sha256(ballot)


def _ballot(*codes: str) -> dict[str, object]:
    return {
        "format": "shora-ballot/1",
        "election": "آزمون",
        "polling_date": "2026-05-01",
        "constituency_code": "1001",
        "constituency_name": "اهواز",
        "members": 13,
        "alternates": 8,
        "candidates": [
            {"code": code, "name": "نام", "veteran": False, "degree": "diploma"} for code in codes
        ],
    }


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (_ballot("101", "101"), BallotRefusal.DUPLICATE_CODE),
        (_ballot("101", "118"), BallotRefusal.BAD_CODE),  # a wrong check digit
        (_ballot("117", "101"), BallotRefusal.OUT_OF_ORDER),
        (_ballot("101", "1007"), BallotRefusal.OUT_OF_ORDER),  # two lengths
        ({**_ballot("101"), "format": "other/9"}, BallotRefusal.MALFORMED),
        ({**_ballot("101"), "members": "many"}, BallotRefusal.MALFORMED),
        ({k: v for k, v in _ballot("101").items() if k != "candidates"}, BallotRefusal.MALFORMED),
    ],
)
def test_a_malformed_ballot_is_refused(data, code):
    with pytest.raises(DomainError) as caught:
        ballot_from_dict(data)
    assert caught.value.code is code


def test_the_canonical_form_is_fixed():
    ballot = ballot_from_dict(_ballot("101", "117"))
    assert (
        ballot_canonical_bytes(ballot)
        .decode()
        .startswith('{"alternates":8,"candidates":[{"code":"101","degree":"diploma","name":"نام",')
    )
    assert ballot.code_of("117") is ballot.candidates[1]
    assert ballot.code_of("118") is None
