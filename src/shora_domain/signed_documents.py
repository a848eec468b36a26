"""Station documents signed with Ed25519 over their canonical JSON.

A station signs what it states (its opening, its batches of ballots, its closing) with its
own Ed25519 key; the centre and, later, any observer check the signature with the public
key the station enrolled. What is signed is ``canonical_json(document)``: UTF-8, keys
sorted, no spaces, non-ASCII kept as is (the same bytes as the audit log's). Floats are
refused, because two programs may print the same float differently and the signature would
then fail for no fault of the document; counts are integers and times are ISO strings.

Signatures and keys travel as standard base64 with padding. Decoding is strict (no
whitespace, no URL-safe alphabet, no non-canonical padding bits), so one signature has
exactly one textual form and a re-sent batch compares equal byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import enum
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import audit_chain
from .errors import DomainError

KEY_BYTES = 32
SIGNATURE_BYTES = 64


class SignedDocumentRefusal(enum.Enum):
    """Why a document could not be made canonical, signed or decoded."""

    BAD_BASE64 = "signed_document.bad_base64"
    NOT_CANONICAL = "signed_document.not_canonical"
    BAD_PRIVATE_KEY = "signed_document.bad_private_key"


def _not_canonical(why_en: str) -> DomainError:
    return DomainError(
        SignedDocumentRefusal.NOT_CANONICAL,
        fa=f"سند را نمی‌توان به JSON یکتا درآورد: {why_en}",
        en=f"The document cannot be written as canonical JSON: {why_en}",
    )


def _refuse_floats(value: object) -> None:
    """Refuse floats anywhere in ``value`` (JSON would accept them, canonical JSON does not)."""
    if isinstance(value, float):
        raise _not_canonical(f"a float ({value!r}); use an integer or a string")
    if isinstance(value, Mapping):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_floats(item)


def canonical_json(document: Mapping[str, object]) -> bytes:
    """``document`` as the canonical bytes that are signed (see the module notes).

    The audit log's ``canonical_json`` writes the bytes; this adds the refusal of floats
    and turns every refusal into a DomainError, since documents come from stations.
    """
    try:
        _refuse_floats(document)
        return audit_chain.canonical_json(document)
    except RecursionError as error:
        raise _not_canonical("nested too deeply") from error
    except (TypeError, ValueError) as error:
        raise _not_canonical(str(error)) from error


def b64encode(data: bytes) -> str:
    """``data`` as standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """The bytes of strict standard base64 ``text``; DomainError BAD_BASE64 otherwise."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (AttributeError, UnicodeError, binascii.Error) as error:
        raise _bad_base64() from error
    if b64encode(data) != text:  # non-canonical padding bits: a second form of the same bytes
        raise _bad_base64()
    return data


def _bad_base64() -> DomainError:
    return DomainError(
        SignedDocumentRefusal.BAD_BASE64,
        fa="متن base64 درست نیست.",
        en="The text is not valid base64.",
    )


def signing_key_generate() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair: (raw private key, raw public key), 32 bytes each."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def signing_public_key(private_key: bytes) -> bytes:
    """The raw public key of the raw Ed25519 ``private_key``."""
    return _private_key(private_key).public_key().public_bytes_raw()


def _private_key(private_key: bytes) -> Ed25519PrivateKey:
    if not isinstance(private_key, bytes) or len(private_key) != KEY_BYTES:
        raise DomainError(
            SignedDocumentRefusal.BAD_PRIVATE_KEY,
            fa="کلید خصوصی امضا باید ۳۲ بایت باشد.",
            en="The private signing key must be 32 bytes.",
        )
    return Ed25519PrivateKey.from_private_bytes(private_key)


def document_sign(document: Mapping[str, object], private_key: bytes) -> str:
    """The base64 Ed25519 signature of ``canonical_json(document)``."""
    return b64encode(_private_key(private_key).sign(canonical_json(document)))


def document_verify(document: Mapping[str, object], signature: str, public_key: bytes) -> bool:
    """Whether ``signature`` (base64) is the signature of ``document`` by ``public_key``.

    Any bad input (a document that is not canonical JSON, bad base64, a signature or key
    of the wrong length, a wrong signature) gives False, never an exception: a station's
    message is input like any other.
    """
    if not isinstance(signature, str) or not isinstance(public_key, bytes):
        return False
    if len(public_key) != KEY_BYTES:
        return False
    try:
        raw_signature = b64decode(signature)
        body = canonical_json(document)
    except DomainError:
        return False
    if len(raw_signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw_signature, body)
    except (InvalidSignature, ValueError):
        return False
    return True
