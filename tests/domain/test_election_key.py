"""The election key: k of n shares rebuild it, fewer or foreign ones do not, sealed shares
open only for their election, their key and their holder's passphrase."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shora_domain.election_key import (
    FIELD_PRIME,
    MAX_HOLDERS,
    ElectionKeyPair,
    ElectionKeyRefusal,
    KeyShare,
    election_keypair_generate,
    key_fingerprint,
    private_key_matches,
    share_envelope_info,
    share_open,
    share_seal,
    shares_combine,
    shares_split,
)
from shora_domain.errors import DomainError

ELECTION = "khuzestan-1405-councils"
PASSPHRASE = "شب‌های روشن اهواز ۱۴۰۵"
KEYS = election_keypair_generate()


def refusal(call, *args, **kwargs) -> ElectionKeyRefusal:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.fa and caught.value.en
    return caught.value.code


SHARE = shares_split(KEYS.private_key, threshold=3, holders=5)[1]


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return share_seal(
        SHARE,
        passphrase=PASSPHRASE,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
        threshold=3,
        holders=5,
    )


# The key pair and its fingerprint


def test_a_key_pair_is_two_raw_32_byte_keys_that_match():
    assert isinstance(KEYS, ElectionKeyPair)
    assert len(KEYS.private_key) == len(KEYS.public_key) == 32
    assert private_key_matches(KEYS.private_key, KEYS.public_key)
    assert election_keypair_generate().private_key != KEYS.private_key


def test_another_private_key_does_not_match():
    assert not private_key_matches(election_keypair_generate().private_key, KEYS.public_key)


@pytest.mark.parametrize(
    ("private", "public"),
    [(b"", b"\0" * 32), (b"\0" * 31, b"\0" * 32), (b"\0" * 32, b"\0" * 33), ("x" * 32, b"")],
)
def test_matching_malformed_keys_is_false(private, public):
    assert private_key_matches(private, public) is False


def test_the_private_key_and_a_shares_value_are_never_printed():
    assert KEYS.private_key.hex() not in repr(KEYS)
    assert repr(KEYS.private_key) not in repr(KEYS)
    assert "123456789" not in repr(KeyShare(index=1, value=123456789))


def test_the_fingerprint_is_8_groups_of_4_hex_digits_of_the_sha256():
    fingerprint = key_fingerprint(KEYS.public_key)
    assert re.fullmatch(r"([0-9a-f]{4} ){7}[0-9a-f]{4}", fingerprint)
    assert fingerprint.replace(" ", "") == hashlib.sha256(KEYS.public_key).hexdigest()[:32]
    assert key_fingerprint(election_keypair_generate().public_key) != fingerprint


def test_a_known_fingerprint():
    assert key_fingerprint(bytes(32)) == "6668 7aad f862 bd77 6c8f c18b 8e9f 8e20"


@pytest.mark.parametrize("public", [b"", b"\0" * 31, b"\0" * 33, "x" * 32])
def test_the_fingerprint_of_a_malformed_key_is_refused(public):
    assert refusal(key_fingerprint, public) is ElectionKeyRefusal.BAD_PUBLIC_KEY


# Splitting and combining

secrets_32 = st.binary(min_size=32, max_size=32)


@st.composite
def splits(draw: st.DrawFn) -> tuple[bytes, int, int, list[KeyShare]]:
    holders = draw(st.integers(2, MAX_HOLDERS))
    threshold = draw(st.integers(2, holders))
    secret = draw(secrets_32)
    return secret, threshold, holders, shares_split(secret, threshold=threshold, holders=holders)


@settings(deadline=None)
@given(splits(), st.data())
def test_any_k_shares_in_any_order_rebuild_the_secret(split, data):
    secret, threshold, holders, shares = split
    assert [share.index for share in shares] == list(range(1, holders + 1))
    count = data.draw(st.integers(threshold, holders))
    chosen = data.draw(st.permutations(shares))[:count]
    assert shares_combine(chosen, threshold=threshold) == secret


@settings(deadline=None)
@given(splits(), st.data())
def test_fewer_than_k_shares_are_refused(split, data):
    _, threshold, _, shares = split
    chosen = data.draw(st.permutations(shares))[: threshold - 1]
    assert refusal(shares_combine, chosen, threshold=threshold) is (
        ElectionKeyRefusal.TOO_FEW_SHARES
    )


def _alter(shares: list[KeyShare], data: st.DataObject) -> tuple[list[KeyShare], KeyShare]:
    position = data.draw(st.integers(0, len(shares) - 1))
    bump = data.draw(st.integers(1, FIELD_PRIME - 1))
    victim = shares[position]
    altered = list(shares)
    altered[position] = KeyShare(victim.index, (victim.value + bump) % FIELD_PRIME)
    return altered, victim


@settings(deadline=None)
@given(splits(), st.data())
def test_an_altered_share_among_more_than_k_is_always_refused(split, data):
    _, threshold, holders, shares = split
    if holders == threshold:
        return
    count = data.draw(st.integers(threshold + 1, holders))
    altered, _ = _alter(data.draw(st.permutations(shares))[:count], data)
    assert refusal(shares_combine, altered, threshold=threshold) is (
        ElectionKeyRefusal.SHARES_DO_NOT_MATCH
    )


@settings(deadline=None)
@given(splits(), st.data())
def test_an_altered_share_among_k_never_gives_the_key(split, data):
    secret, threshold, _, shares = split
    altered, _ = _alter(data.draw(st.permutations(shares))[:threshold], data)
    try:
        rebuilt = shares_combine(altered, threshold=threshold)
    except DomainError as error:
        assert error.code is ElectionKeyRefusal.SHARES_DO_NOT_MATCH
    else:
        assert rebuilt != secret


def test_a_randomly_altered_share_among_k_is_refused():
    shares = shares_split(KEYS.private_key, threshold=3, holders=5)[:3]
    shares[1] = KeyShare(shares[1].index, (shares[1].value + 2**400 + 12345) % FIELD_PRIME)
    assert refusal(shares_combine, shares, threshold=3) is ElectionKeyRefusal.SHARES_DO_NOT_MATCH


def test_a_share_of_another_key_is_refused():
    ours = shares_split(KEYS.private_key, threshold=3, holders=5)
    theirs = shares_split(election_keypair_generate().private_key, threshold=3, holders=5)
    mixed = [ours[0], ours[1], theirs[2]]
    assert refusal(shares_combine, mixed, threshold=3) is ElectionKeyRefusal.SHARES_DO_NOT_MATCH
    extra = [ours[0], ours[1], ours[2], theirs[3]]
    assert refusal(shares_combine, extra, threshold=3) is ElectionKeyRefusal.SHARES_DO_NOT_MATCH


def test_two_splits_of_one_secret_give_different_shares():
    first = shares_split(KEYS.private_key, threshold=2, holders=3)
    second = shares_split(KEYS.private_key, threshold=2, holders=3)
    assert [s.value for s in first] != [s.value for s in second]


@pytest.mark.parametrize("secret", [bytes(32), b"\xff" * 32])
def test_the_extreme_secrets_survive(secret):
    shares = shares_split(secret, threshold=2, holders=2)
    assert shares_combine(shares, threshold=2) == secret


def test_the_rebuilt_private_key_matches_the_public_key():
    keys = election_keypair_generate()
    shares = shares_split(keys.private_key, threshold=4, holders=7)
    rebuilt = shares_combine([shares[6], shares[0], shares[3], shares[2]], threshold=4)
    assert private_key_matches(rebuilt, keys.public_key)


@pytest.mark.parametrize(
    ("threshold", "holders", "code"),
    [
        (1, 5, ElectionKeyRefusal.BAD_THRESHOLD),
        (0, 5, ElectionKeyRefusal.BAD_THRESHOLD),
        (-3, 5, ElectionKeyRefusal.BAD_THRESHOLD),
        (6, 5, ElectionKeyRefusal.BAD_THRESHOLD),
        (2, 1, ElectionKeyRefusal.BAD_THRESHOLD),
        (2, 21, ElectionKeyRefusal.TOO_MANY_HOLDERS),
        (21, 21, ElectionKeyRefusal.TOO_MANY_HOLDERS),
        (2, 10**6, ElectionKeyRefusal.TOO_MANY_HOLDERS),
    ],
)
def test_splitting_refuses_impossible_k_of_n(threshold, holders, code):
    assert refusal(shares_split, KEYS.private_key, threshold=threshold, holders=holders) is code


def test_the_too_many_holders_message_names_the_limit():
    with pytest.raises(DomainError) as caught:
        shares_split(KEYS.private_key, threshold=2, holders=21)
    assert "20" in caught.value.en and "۲۰" in caught.value.fa


@pytest.mark.parametrize("secret", [b"", b"\0" * 31, b"\0" * 33, "x" * 32])
def test_splitting_refuses_anything_but_32_bytes(secret):
    assert refusal(shares_split, secret, threshold=2, holders=3) is ElectionKeyRefusal.BAD_SECRET


@pytest.mark.parametrize(
    ("shares", "code"),
    [
        ([KeyShare(1, 5), KeyShare(1, 5)], ElectionKeyRefusal.REPEATED_SHARE),
        ([KeyShare(1, 5), KeyShare(1, 6)], ElectionKeyRefusal.REPEATED_SHARE),
        ([KeyShare(0, 5), KeyShare(1, 6)], ElectionKeyRefusal.BAD_SHARE_INDEX),
        ([KeyShare(-1, 5), KeyShare(1, 6)], ElectionKeyRefusal.BAD_SHARE_INDEX),
        ([KeyShare(21, 5), KeyShare(1, 6)], ElectionKeyRefusal.BAD_SHARE_INDEX),
        ([KeyShare(True, 5), KeyShare(2, 6)], ElectionKeyRefusal.BAD_SHARE_INDEX),
        ([KeyShare(1, -1), KeyShare(2, 6)], ElectionKeyRefusal.BAD_SHARE_VALUE),
        ([KeyShare(1, FIELD_PRIME), KeyShare(2, 6)], ElectionKeyRefusal.BAD_SHARE_VALUE),
        ([KeyShare(1, "5"), KeyShare(2, 6)], ElectionKeyRefusal.BAD_SHARE_VALUE),
        ([KeyShare(1, 5)], ElectionKeyRefusal.TOO_FEW_SHARES),
        ([], ElectionKeyRefusal.TOO_FEW_SHARES),
    ],
)
def test_combining_refuses_bad_shares(shares, code):
    assert refusal(shares_combine, shares, threshold=2) is code


@pytest.mark.parametrize("threshold", [1, 0, 21, True])
def test_combining_refuses_an_impossible_threshold(threshold):
    shares = shares_split(KEYS.private_key, threshold=2, holders=3)
    assert refusal(shares_combine, shares, threshold=threshold) is ElectionKeyRefusal.BAD_THRESHOLD


# Sealed shares


def test_a_sealed_share_opens_with_its_passphrase(sealed):
    share = share_open(
        sealed, passphrase=PASSPHRASE, election_ref=ELECTION, public_key=KEYS.public_key
    )
    assert share == SHARE


def test_the_envelope_states_its_election_key_index_and_k_of_n(sealed):
    envelope = json.loads(sealed)
    assert envelope["format"] == "shora-key-share/1"
    assert envelope["scrypt"]["n"] == 2**15
    info = share_envelope_info(sealed)
    assert (info.election_ref, info.index, info.threshold, info.holders) == (ELECTION, 2, 3, 5)
    assert info.fingerprint == key_fingerprint(KEYS.public_key)


def test_a_whole_ceremony_rebuilds_the_key():
    keys = election_keypair_generate()
    shares = shares_split(keys.private_key, threshold=2, holders=3)
    passphrases = ["first holder's words", "کلمات دومین دارنده", "third holder 12345"]
    sealed_shares = [
        share_seal(
            share,
            passphrase=passphrase,
            election_ref=ELECTION,
            public_key=keys.public_key,
            threshold=2,
            holders=3,
        )
        for share, passphrase in zip(shares, passphrases, strict=True)
    ]
    opened = [
        share_open(
            sealed_shares[i],
            passphrase=passphrases[i],
            election_ref=ELECTION,
            public_key=keys.public_key,
        )
        for i in (2, 0)
    ]
    assert private_key_matches(shares_combine(opened, threshold=2), keys.public_key)


def test_the_passphrase_may_be_typed_on_another_keyboard(sealed):
    # Arabic yeh and kaf, Arabic-Indic digits, no ZWNJ, extra spaces: the same passphrase.
    typed = "  شبهاي روشن   اهواز ١٤٠٥ "
    share = share_open(sealed, passphrase=typed, election_ref=ELECTION, public_key=KEYS.public_key)
    assert share == SHARE


@pytest.mark.parametrize(
    "passphrase", ["", " " * 40, "short", "eleven char", "   eleven char   ", "\u200c" * 20]
)
def test_a_short_passphrase_is_refused(passphrase):
    share = KeyShare(1, 42)
    code = refusal(
        share_seal,
        share,
        passphrase=passphrase,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
        threshold=2,
        holders=3,
    )
    assert code is ElectionKeyRefusal.WEAK_PASSPHRASE


def test_twelve_characters_are_enough_and_the_value_is_not_in_the_clear():
    share = KeyShare(3, FIELD_PRIME - 1)
    sealed_share = share_seal(
        share,
        passphrase="twelve chars",
        election_ref=ELECTION,
        public_key=KEYS.public_key,
        threshold=2,
        holders=3,
    )
    assert str(share.value).encode() not in sealed_share
    opened = share_open(
        sealed_share, passphrase="twelve chars", election_ref=ELECTION, public_key=KEYS.public_key
    )
    assert opened.value == share.value


def test_sealing_refuses_a_share_beyond_the_holders():
    code = refusal(
        share_seal,
        KeyShare(4, 1),
        passphrase=PASSPHRASE,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
        threshold=2,
        holders=3,
    )
    assert code is ElectionKeyRefusal.BAD_SHARE_INDEX


def test_a_share_of_another_election_is_refused(sealed):
    code = refusal(
        share_open, sealed, passphrase=PASSPHRASE, election_ref="drill", public_key=KEYS.public_key
    )
    assert code is ElectionKeyRefusal.OTHER_ELECTION


def test_a_share_of_another_key_is_refused_before_the_passphrase(sealed):
    other = election_keypair_generate().public_key
    code = refusal(share_open, sealed, passphrase="wrong", election_ref=ELECTION, public_key=other)
    assert code is ElectionKeyRefusal.OTHER_KEY


@pytest.mark.parametrize("passphrase", ["wrong passphrase here", "", "x" * 100_000])
def test_a_wrong_passphrase_is_refused(sealed, passphrase):
    code = refusal(
        share_open,
        sealed,
        passphrase=passphrase,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
    )
    assert code is ElectionKeyRefusal.WRONG_PASSPHRASE


def _edited(sealed: bytes, **changes: object) -> bytes:
    envelope = json.loads(sealed)
    envelope.update(changes)
    return json.dumps(envelope).encode()


@pytest.mark.parametrize(
    "changes",
    [
        {"index": 1},
        {"threshold": 2},
        {"holders": 6},
        {"nonce": "AAAAAAAAAAAAAAAA"},
    ],
)
def test_an_edited_envelope_does_not_open(sealed, changes):
    code = refusal(
        share_open,
        _edited(sealed, **changes),
        passphrase=PASSPHRASE,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
    )
    assert code is ElectionKeyRefusal.WRONG_PASSPHRASE


def test_a_flipped_bit_of_the_ciphertext_does_not_open(sealed):
    envelope = json.loads(sealed)
    raw = bytearray(base64.b64decode(envelope["ciphertext"]))
    raw[0] ^= 1
    edited = _edited(sealed, ciphertext=base64.b64encode(bytes(raw)).decode())
    code = refusal(
        share_open, edited, passphrase=PASSPHRASE, election_ref=ELECTION, public_key=KEYS.public_key
    )
    assert code is ElectionKeyRefusal.WRONG_PASSPHRASE


def _without(sealed: bytes, key: str) -> bytes:
    envelope = json.loads(sealed)
    del envelope[key]
    return json.dumps(envelope).encode()


def _scrypt(sealed: bytes, **changes: object) -> bytes:
    envelope = json.loads(sealed)
    envelope["scrypt"].update(changes)
    return json.dumps(envelope).encode()


MALFORMED = [
    lambda s: b"",
    lambda s: b"not json",
    lambda s: b"[]",
    lambda s: b"\xff\xfe",
    lambda s: b"[" * 3000 + b"]" * 3000,
    lambda s: s + b" " * 5000,
    lambda s: _without(s, "nonce"),
    lambda s: _edited(s, extra=1),
    lambda s: _edited(s, format="shora-key-share/2"),
    lambda s: _edited(s, index=0),
    lambda s: _edited(s, index=6),
    lambda s: _edited(s, index=True),
    lambda s: _edited(s, index="2"),
    lambda s: _edited(s, threshold=1),
    lambda s: _edited(s, threshold=6),
    lambda s: _edited(s, holders=21),
    lambda s: _edited(s, election_ref=None),
    lambda s: _edited(s, fingerprint=7),
    lambda s: _edited(s, scrypt="scrypt"),
    lambda s: _edited(s, nonce="not base64!"),
    lambda s: _edited(s, nonce="AAAA"),
    lambda s: _edited(s, ciphertext=""),
    lambda s: _edited(s, ciphertext=12),
    lambda s: _scrypt(s, n=2**30),
    lambda s: _scrypt(s, r=8.0),
    lambda s: _scrypt(s, p=True),
    lambda s: _scrypt(s, salt="AAAA"),
    lambda s: _scrypt(s, extra=1),
]


@pytest.mark.parametrize("breakage", MALFORMED)
def test_a_malformed_envelope_is_refused(sealed, breakage):
    code = refusal(
        share_open,
        breakage(sealed),
        passphrase=PASSPHRASE,
        election_ref=ELECTION,
        public_key=KEYS.public_key,
    )
    assert code is ElectionKeyRefusal.MALFORMED_SHARE


def test_an_envelope_that_is_no_bytes_is_refused():
    assert refusal(share_envelope_info, "text") is ElectionKeyRefusal.MALFORMED_SHARE
