"""Station documents: one canonical form, signatures that any change breaks, strict base64."""

from __future__ import annotations

import base64
import datetime
import decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.signed_documents import (
    SignedDocumentRefusal,
    b64decode,
    b64encode,
    canonical_json,
    document_sign,
    document_verify,
    signing_key_generate,
    signing_public_key,
)

OPENING = {
    "station": "0612-017",
    "opened_at": "2026-05-01T08:00:00+03:30",
    "chair": "0012345679",
    "staff_present": ["0012345679", "1234567891"],
    "key_fingerprint": "ab12 cd34 ef56 7890 ab12 cd34 ef56 7890",
    "ballots_in_store": 0,
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
documents = st.dictionaries(st.text(max_size=10), json_values, max_size=6)


def test_canonical_json_sorts_keys_keeps_persian_and_has_no_spaces():
    data = canonical_json({"b": 1, "a": ["شعبه", True, None]})
    assert data == '{"a":["شعبه",true,null],"b":1}'.encode()


@given(documents)
def test_canonical_json_does_not_depend_on_key_order(document):
    reversed_document = dict(reversed(list(document.items())))
    assert canonical_json(document) == canonical_json(reversed_document)


@pytest.mark.parametrize(
    "document",
    [
        {"count": 1.0},
        {"nested": [{"x": 0.5}]},
        {"nan": float("nan")},
        {"when": datetime.datetime(2026, 5, 1, 8)},
        {"money": decimal.Decimal("1")},
        {"raw": b"bytes"},
        {1: "a key that is no text"},
        {"inner": {2: "a nested key that is no text"}},
        {"lone surrogate": "\ud800"},
    ],
)
def test_canonical_json_refuses_what_has_no_single_form(document):
    with pytest.raises(DomainError) as caught:
        canonical_json(document)
    assert caught.value.code is SignedDocumentRefusal.NOT_CANONICAL
    assert caught.value.fa and caught.value.en


def test_canonical_json_refuses_a_document_nested_beyond_reason():
    deep: object = 0
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(DomainError) as caught:
        canonical_json({"deep": deep})
    assert caught.value.code is SignedDocumentRefusal.NOT_CANONICAL


def test_keys_are_raw_32_bytes_and_new_each_time():
    private, public = signing_key_generate()
    assert len(private) == len(public) == 32
    assert signing_public_key(private) == public
    assert signing_key_generate()[0] != private


def test_a_signed_document_verifies():
    private, public = signing_key_generate()
    signature = document_sign(OPENING, private)
    assert len(b64decode(signature)) == 64
    assert document_verify(OPENING, signature, public)
    assert document_verify(dict(reversed(list(OPENING.items()))), signature, public)


@given(documents)
def test_any_document_signs_and_verifies(document):
    private, public = signing_key_generate()
    assert document_verify(document, document_sign(document, private), public)


@pytest.mark.parametrize(
    "change",
    [
        {"ballots_in_store": 1},
        {"station": "0612-018"},
        {"staff_present": ["1234567891", "0012345679"]},
        {"extra": None},
    ],
)
def test_any_change_of_the_document_breaks_the_signature(change):
    private, public = signing_key_generate()
    signature = document_sign(OPENING, private)
    assert not document_verify(OPENING | change, signature, public)


def test_a_removed_field_breaks_the_signature():
    private, public = signing_key_generate()
    signature = document_sign(OPENING, private)
    shorter = {key: value for key, value in OPENING.items() if key != "chair"}
    assert not document_verify(shorter, signature, public)


def test_another_stations_key_does_not_verify():
    private, _ = signing_key_generate()
    _, other_public = signing_key_generate()
    assert not document_verify(OPENING, document_sign(OPENING, private), other_public)


def test_a_flipped_bit_of_the_signature_does_not_verify():
    private, public = signing_key_generate()
    raw = bytearray(b64decode(document_sign(OPENING, private)))
    raw[10] ^= 1
    assert not document_verify(OPENING, b64encode(bytes(raw)), public)


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "not base64!",
        "QUJD",  # good base64, 3 bytes
        b64encode(b"\0" * 63),
        b64encode(b"\0" * 65),
        b64encode(b"\0" * 64),
        "۱۲۳۴",
        "A" * 100_000,
        None,
        b"bytes, not text",
    ],
)
def test_a_malformed_signature_is_false_never_an_exception(signature):
    _, public = signing_key_generate()
    assert document_verify(OPENING, signature, public) is False


@pytest.mark.parametrize("public", [b"", b"\0" * 31, b"\0" * 33, "text", None])
def test_a_malformed_public_key_is_false_never_an_exception(public):
    private, _ = signing_key_generate()
    assert document_verify(OPENING, document_sign(OPENING, private), public) is False


def test_a_document_that_is_not_canonical_does_not_verify():
    private, public = signing_key_generate()
    signature = document_sign(OPENING, private)
    assert document_verify({"ballots_in_store": 0.0}, signature, public) is False


@pytest.mark.parametrize("private", [b"", b"\0" * 31, b"\0" * 64, "x" * 32])
def test_signing_with_a_malformed_private_key_is_refused(private):
    with pytest.raises(DomainError) as caught:
        document_sign(OPENING, private)
    assert caught.value.code is SignedDocumentRefusal.BAD_PRIVATE_KEY


@given(st.binary(max_size=200))
def test_base64_round_trips(data):
    assert b64decode(b64encode(data)) == data
    assert b64encode(data) == base64.b64encode(data).decode()


@pytest.mark.parametrize(
    "text",
    [
        "QUJD\n",  # whitespace
        " QUJD",
        "QUI",  # missing padding
        "QUI==",  # too much padding
        "QUJ=",  # non-canonical: the last character carries bits that padding drops
        "-_-_",  # URL-safe alphabet
        "QUJD۱",
        "QU\u200cJD",
    ],
)
def test_base64_decoding_is_strict(text):
    with pytest.raises(DomainError) as caught:
        b64decode(text)
    assert caught.value.code is SignedDocumentRefusal.BAD_BASE64
    assert caught.value.fa == "متن base64 درست نیست."
    assert caught.value.en == "The text is not valid base64."


def test_base64_decoding_refuses_what_is_not_text():
    with pytest.raises(DomainError):
        b64decode(b"QUJD")  # type: ignore[arg-type]
