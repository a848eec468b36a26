"""The tally's fast paths read ballots exactly as the plain functions do.

``ballot_opener`` opens with a key object made once; ``cast_ballot_from_bytes`` checks the
canonical form by writing it out directly. Both must accept and refuse exactly what
``ballot_open`` and ``cast_ballot_bytes`` accept and refuse.
"""

from __future__ import annotations

import json
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain import ballot_choices
from shora_domain.ballot_choices import CastBallot, cast_ballot_bytes, cast_ballot_from_bytes
from shora_domain.ballot_sealing import (
    BallotSealRefusal,
    ballot_context,
    ballot_open,
    ballot_opener,
    ballot_seal,
)
from shora_domain.election_key import election_keypair_generate
from shora_domain.errors import DomainError

KEYS = election_keypair_generate()
OTHER = election_keypair_generate()
AHVAZ = ballot_context("khuzestan-1405", "1001")
SHUSH = ballot_context("khuzestan-1405", "1002")
LOW_ORDER_POINT = bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")


def outcome(call, *args, **kwargs) -> tuple[str, object]:
    """("ok", value) or ("refused", the refusal's code)."""
    try:
        return ("ok", call(*args, **kwargs))
    except DomainError as error:
        return ("refused", error.code)


def sealed_variants():
    """Honest ballots, and every way of spoiling one."""
    honest = st.binary(max_size=300).map(
        lambda text: ballot_seal(text, KEYS.public_key, context=AHVAZ)
    )
    return st.one_of(
        honest,
        st.binary(max_size=120),  # noise, including empty and truncated
        st.tuples(honest, st.integers(0, 10_000), st.integers(1, 255)).map(
            lambda t: (
                t[0][: t[1] % len(t[0])]
                + bytes([t[0][t[1] % len(t[0])] ^ t[2]])
                + t[0][t[1] % len(t[0]) + 1 :]
            )
        ),  # one byte altered (version, key, nonce, ciphertext or tag)
        st.tuples(honest, st.integers(0, 200)).map(lambda t: t[0][: t[1]]),  # cut short
        st.just(bytes([1]) + LOW_ORDER_POINT + bytes(12 + 16)),
        st.binary(max_size=300).map(
            lambda text: ballot_seal(text, OTHER.public_key, context=AHVAZ)
        ),
    )


@given(sealed_variants(), st.sampled_from([AHVAZ, SHUSH, b"", b"x"]))
def test_the_opener_opens_and_refuses_as_ballot_open(sealed, context):
    opener = ballot_opener(KEYS.private_key)
    assert outcome(opener, sealed, context) == outcome(
        ballot_open, sealed, KEYS.private_key, context=context
    )


def test_the_opener_opens_an_honest_ballot():
    sealed = ballot_seal(b"a ballot", KEYS.public_key, context=AHVAZ)
    assert ballot_opener(KEYS.private_key)(sealed, AHVAZ) == b"a ballot"
    assert outcome(ballot_opener(OTHER.private_key), sealed, AHVAZ) == (
        "refused",
        BallotSealRefusal.DOES_NOT_OPEN,
    )


@pytest.mark.parametrize("sealed", ["text", None, 5, bytearray(b"\x01" * 80)])
def test_the_opener_refuses_what_is_not_bytes_as_ballot_open(sealed):
    opener = ballot_opener(KEYS.private_key)
    assert outcome(opener, sealed, AHVAZ) == outcome(
        ballot_open, sealed, KEYS.private_key, context=AHVAZ
    )
    assert outcome(opener, sealed, AHVAZ)[0] == "refused"


@pytest.mark.parametrize("private", [b"", b"\x00" * 31, b"\x00" * 33, "a" * 32, None])
def test_the_opener_refuses_a_malformed_key_at_once(private):
    assert outcome(ballot_opener, private) == ("refused", BallotSealRefusal.BAD_PRIVATE_KEY)


# Reading a cast ballot

CODES = st.integers(0, 10**6).map(str)
CONSTITUENCIES = st.one_of(
    st.integers(0, 10**5).map(str),
    st.text(min_size=1, max_size=12),  # not a code: quotes, backslashes, Persian, controls
)


@given(
    CONSTITUENCIES,
    st.lists(CODES, unique=True, max_size=20).map(lambda c: sorted(c, key=lambda x: (len(x), x))),
    st.integers(0, 10**12),
)
def test_the_direct_form_is_the_canonical_form(constituency, choices, skipped):
    cast = CastBallot(constituency, tuple(choices), skipped)
    expected = outcome(cast_ballot_bytes, cast)
    assert outcome(ballot_choices._checked_cast_bytes, cast) == expected
    if expected[0] == "ok":
        assert cast_ballot_from_bytes(expected[1]) == cast


def read_as_before(data: bytes) -> tuple[str, object]:
    """What ``cast_ballot_from_bytes`` answers with ``cast_ballot_bytes`` as its canonical
    check (as it was before the direct form)."""
    with mock.patch.object(ballot_choices, "_checked_cast_bytes", cast_ballot_bytes):
        return outcome(cast_ballot_from_bytes, data)


ANY_CONTENT = st.fixed_dictionaries(
    {},
    optional={
        "format": st.sampled_from(["shora-cast/1", "shora-cast/2"]),
        "constituency": st.one_of(CONSTITUENCIES, st.integers(), st.none(), st.just("")),
        "choices": st.one_of(
            st.lists(st.one_of(CODES, st.text(max_size=4), st.integers()), max_size=5),
            st.text(max_size=3),
        ),
        "skipped": st.one_of(st.integers(-3, 10**20), st.booleans(), st.floats(0, 5)),
        "repeats": st.integers(0, 3),
    },
)
FORMS = st.sampled_from(
    [
        {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False},
        {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": True},
        {"sort_keys": False, "separators": (",", ":"), "ensure_ascii": False},
        {"sort_keys": True},
    ]
)


@given(ANY_CONTENT, FORMS, st.sampled_from([b"", b" ", b"\n"]))
def test_a_ballot_is_read_and_refused_as_before(changes, form, tail):
    content = {
        "format": "shora-cast/1",
        "constituency": "1001",
        "choices": ["101", "117"],
        "skipped": 0,
        **changes,
    }
    data = json.dumps(content, **form).encode("utf-8", "surrogatepass") + tail
    assert outcome(cast_ballot_from_bytes, data) == read_as_before(data)


@given(st.binary(max_size=200))
def test_any_bytes_are_read_and_refused_as_before(data):
    assert outcome(cast_ballot_from_bytes, data) == read_as_before(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"choices":["101","117"],"constituency":"1001","format":"shora-cast/1","skipped":0}',
        b'{"choices":[],"constituency":"1001","format":"shora-cast/1","skipped":3}',
        '{"choices":["7"],"constituency":"اهواز","format":"shora-cast/1","skipped":0}'.encode(),
        b'{"choices":["7"],"constituency":"\\ud800","format":"shora-cast/1","skipped":0}',
        b'{"choices":["7"],"constituency":"\\"","format":"shora-cast/1","skipped":0}',
        b'{"choices":["7"],"constituency":"\\u0001","format":"shora-cast/1","skipped":0}',
        b'{"choices":["7"],"constituency":"1001","format":"shora-cast/1","skipped":00}',
        b'{"choices":["07"],"constituency":"1001","format":"shora-cast/1","skipped":0}',
        b'{"choices":["7"],"constituency":"1001","format":"shora-cast/1","skipped":1e2}',
    ],
)
def test_edge_bytes_are_read_and_refused_as_before(data):
    assert outcome(cast_ballot_from_bytes, data) == read_as_before(data)
