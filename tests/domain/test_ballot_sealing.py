"""Sealed ballots: open with the election's key and their own context, and nothing else."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_sealing import (
    MIN_SEALED_BYTES,
    SEAL_VERSION,
    BallotSealRefusal,
    ballot_context,
    ballot_open,
    ballot_seal,
    sealed_digest,
)
from shora_domain.election_key import election_keypair_generate
from shora_domain.errors import DomainError

KEYS = election_keypair_generate()
AHVAZ = ballot_context("khuzestan-1405", "1001")
BALLOT = b'{"choices":["101","117"],"constituency":"1001","format":"shora-cast/1"}'

# A point of order 8 on Curve25519 (one of those libsodium blocks): X25519 with it gives an
# all-zero secret, which `cryptography` refuses.
LOW_ORDER_POINT = bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")


def refusal(call, *args, **kwargs) -> BallotSealRefusal:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.fa and caught.value.en
    return caught.value.code


def test_a_sealed_ballot_opens_with_the_private_key_and_its_context():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    assert ballot_open(sealed, KEYS.private_key, context=AHVAZ) == BALLOT


@given(st.binary(max_size=2000))
def test_any_plaintext_round_trips(plaintext):
    sealed = ballot_seal(plaintext, KEYS.public_key, context=AHVAZ)
    assert len(sealed) == MIN_SEALED_BYTES + len(plaintext)
    assert ballot_open(sealed, KEYS.private_key, context=AHVAZ) == plaintext


def test_the_layout_is_version_ephemeral_key_nonce_ciphertext():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    assert sealed[0] == SEAL_VERSION == 1
    assert sealed[1:33] != KEYS.public_key
    assert BALLOT not in sealed


def test_sealing_the_same_ballot_twice_gives_unrelated_bytes():
    first = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    second = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    assert first[1:33] != second[1:33]  # a new ephemeral key each time
    assert first[33:45] != second[33:45]  # and a new nonce
    assert first[45:] != second[45:]


def test_another_elections_key_does_not_open_it():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    other = election_keypair_generate().private_key
    assert refusal(ballot_open, sealed, other, context=AHVAZ) is BallotSealRefusal.DOES_NOT_OPEN


@pytest.mark.parametrize(
    "context",
    [
        ballot_context("khuzestan-1405", "1002"),
        ballot_context("khuzestan-1405-drill", "1001"),
        AHVAZ + b" ",
    ],
)
def test_a_ballot_moved_to_another_constituency_or_election_does_not_open(context):
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    code = refusal(ballot_open, sealed, KEYS.private_key, context=context)
    assert code is BallotSealRefusal.DOES_NOT_OPEN


@given(st.data())
def test_any_flipped_bit_after_the_version_makes_it_refuse(data):
    sealed = bytearray(ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ))
    position = data.draw(st.integers(1, len(sealed) - 1))
    sealed[position] ^= 1 << data.draw(st.integers(0, 7))
    code = refusal(ballot_open, bytes(sealed), KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.DOES_NOT_OPEN


def test_a_low_order_ephemeral_key_is_refused():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    forged = sealed[:1] + LOW_ORDER_POINT + sealed[33:]
    code = refusal(ballot_open, forged, KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.DOES_NOT_OPEN


def test_sealing_to_a_low_order_key_is_refused():
    code = refusal(ballot_seal, BALLOT, LOW_ORDER_POINT, context=AHVAZ)
    assert code is BallotSealRefusal.BAD_PUBLIC_KEY


@pytest.mark.parametrize("version", [0, 2, 255])
def test_another_version_is_refused(version):
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    code = refusal(ballot_open, bytes([version]) + sealed[1:], KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.BAD_VERSION


@pytest.mark.parametrize("length", [0, 1, 33, 45, MIN_SEALED_BYTES - 1])
def test_a_truncated_ballot_is_refused(length):
    sealed = ballot_seal(b"", KEYS.public_key, context=AHVAZ)[:length]
    code = refusal(ballot_open, sealed, KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.TRUNCATED


def test_a_ballot_cut_within_its_ciphertext_does_not_open():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    code = refusal(ballot_open, sealed[:-1], KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.DOES_NOT_OPEN


def test_text_instead_of_bytes_is_refused_as_truncated():
    code = refusal(ballot_open, "sealed", KEYS.private_key, context=AHVAZ)
    assert code is BallotSealRefusal.TRUNCATED


@pytest.mark.parametrize("public", [b"", b"\0" * 31, b"\0" * 33, "k" * 32])
def test_sealing_refuses_a_malformed_public_key(public):
    assert refusal(ballot_seal, BALLOT, public, context=AHVAZ) is BallotSealRefusal.BAD_PUBLIC_KEY


@pytest.mark.parametrize("private", [b"", b"\0" * 31, b"\0" * 33, "k" * 32])
def test_opening_refuses_a_malformed_private_key(private):
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    code = refusal(ballot_open, sealed, private, context=AHVAZ)
    assert code is BallotSealRefusal.BAD_PRIVATE_KEY


@pytest.mark.parametrize("context", [b"", "text"])
def test_sealing_and_opening_need_a_context(context):
    assert refusal(ballot_seal, BALLOT, KEYS.public_key, context=context) is (
        BallotSealRefusal.BAD_CONTEXT
    )
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    assert refusal(ballot_open, sealed, KEYS.private_key, context=context) is (
        BallotSealRefusal.BAD_CONTEXT
    )


def test_the_context_names_the_election_and_the_constituency_unambiguously():
    assert ballot_context("a", "bc") != ballot_context("ab", "c")
    assert ballot_context("اهواز", "1001").startswith(b"shora-ballot-context/1\n")
    assert ballot_context("e", "1001") == ballot_context("e", "1001")


@pytest.mark.parametrize(
    ("election", "constituency"), [("", "1001"), ("e", ""), (None, "1001"), ("e", 1001)]
)
def test_the_context_refuses_missing_parts(election, constituency):
    assert refusal(ballot_context, election, constituency) is BallotSealRefusal.BAD_CONTEXT


def test_the_digest_is_the_sha256_of_the_sealed_bytes():
    sealed = ballot_seal(BALLOT, KEYS.public_key, context=AHVAZ)
    assert sealed_digest(sealed) == hashlib.sha256(sealed).hexdigest()
    assert sealed_digest(b"") == hashlib.sha256(b"").hexdigest()
