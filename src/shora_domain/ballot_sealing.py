"""A ballot sealed to the election's public key, so that nobody reads it before the tally.

The scheme is ECIES with X25519, HKDF-SHA256 and AES-256-GCM:

1. a fresh ephemeral X25519 key pair per ballot; its private half is used once and dropped;
2. the shared secret of the ephemeral private key and the election's public key, fed to
   HKDF-SHA256 with ``info`` = the scheme's name followed by the ephemeral and the
   election's public keys (so the AES key belongs to exactly this exchange);
3. AES-256-GCM with a random 12-byte nonce, and the ballot's ``context`` (the election and
   the constituency, see ``ballot_context``) as associated data: a sealed ballot moved to
   another constituency or election does not open.

The sealed bytes are: the version byte 1, the ephemeral public key (32 bytes), the nonce
(12 bytes), then the ciphertext with its 16-byte tag. Only the holder of the election's
private key (rebuilt by k of n key holders at the tally) can open it; a station that seals
it cannot open it again.

Wrong key, wrong context and altered bytes are one refusal: AES-GCM cannot tell them
apart, and it should not (a ballot reveals nothing about which one it was).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import DomainError
from .signed_documents import canonical_json

SEAL_VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 1 + KEY_BYTES + NONCE_BYTES
MIN_SEALED_BYTES = HEADER_BYTES + TAG_BYTES
SCHEME = b"shora-ballot-seal/1 X25519 HKDF-SHA256 AES-256-GCM"
_CONTEXT_TAG = b"shora-ballot-context/1\n"


class BallotSealRefusal(enum.Enum):
    """Why a ballot could not be sealed or opened."""

    BAD_PUBLIC_KEY = "ballot_seal.bad_public_key"
    BAD_PRIVATE_KEY = "ballot_seal.bad_private_key"
    BAD_CONTEXT = "ballot_seal.bad_context"
    BAD_VERSION = "ballot_seal.bad_version"
    TRUNCATED = "ballot_seal.truncated"
    DOES_NOT_OPEN = "ballot_seal.does_not_open"


def ballot_context(election_ref: str, constituency_code: str) -> bytes:
    """The associated data binding a sealed ballot to its election and constituency."""
    if not isinstance(election_ref, str) or not isinstance(constituency_code, str):
        raise _bad_context()
    if not election_ref or not constituency_code:
        raise _bad_context()
    try:
        body = canonical_json({"constituency": constituency_code, "election": election_ref})
    except DomainError as error:
        raise _bad_context() from error
    return _CONTEXT_TAG + body


def _bad_context() -> DomainError:
    return DomainError(
        BallotSealRefusal.BAD_CONTEXT,
        fa="انتخابات و حوزهٔ انتخابیهٔ برگهٔ رأی مشخص نیست.",
        en="The ballot's election and constituency must both be given as text.",
    )


def _does_not_open() -> DomainError:
    return DomainError(
        BallotSealRefusal.DOES_NOT_OPEN,
        fa=(
            "برگهٔ رأی رمزشده باز نشد: کلید از انتخابات دیگری است، رأی از حوزهٔ دیگری است "
            "یا دست خورده است."
        ),
        en=(
            "The sealed ballot did not open: the key is another election's, the ballot is "
            "another constituency's, or it was altered."
        ),
    )


def _aes_key(shared: bytes, ephemeral_public: bytes, election_public: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=SCHEME + ephemeral_public + election_public,
    )
    return hkdf.derive(shared)


def ballot_seal(plaintext: bytes, public_key: bytes, *, context: bytes) -> bytes:
    """``plaintext`` sealed to the election's ``public_key``, bound to ``context``."""
    if not isinstance(public_key, bytes) or len(public_key) != KEY_BYTES:
        raise _bad_public_key()
    if not isinstance(context, bytes) or not context:
        raise _bad_context()
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    except ValueError as error:  # a low-order point: the shared secret would be all zero
        raise _bad_public_key() from error
    nonce = secrets.token_bytes(NONCE_BYTES)
    key = _aes_key(shared, ephemeral_public, public_key)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, context)
    return bytes([SEAL_VERSION]) + ephemeral_public + nonce + ciphertext


def _bad_public_key() -> DomainError:
    return DomainError(
        BallotSealRefusal.BAD_PUBLIC_KEY,
        fa="کلید عمومی انتخابات درست نیست (باید ۳۲ بایت و کلیدی معتبر باشد).",
        en="The election's public key is not valid (it must be a proper 32-byte key).",
    )


def _bad_private_key() -> DomainError:
    return DomainError(
        BallotSealRefusal.BAD_PRIVATE_KEY,
        fa="کلید خصوصی انتخابات باید ۳۲ بایت باشد.",
        en="The election's private key must be 32 bytes.",
    )


def _open_with(
    private: X25519PrivateKey, election_public: bytes, sealed: bytes, context: bytes
) -> bytes:
    """``sealed`` opened with the key object ``private`` (whose public half is
    ``election_public``); the refusals of ``ballot_open`` after the key's."""
    if not isinstance(context, bytes) or not context:
        raise _bad_context()
    if not isinstance(sealed, bytes) or not sealed:
        raise _truncated()
    if sealed[0] != SEAL_VERSION:
        raise DomainError(
            BallotSealRefusal.BAD_VERSION,
            fa="قالب برگهٔ رأی رمزشده شناخته نیست.",
            en=f"The sealed ballot's format version is {sealed[0]}, not {SEAL_VERSION}.",
        )
    if len(sealed) < MIN_SEALED_BYTES:
        raise _truncated()
    ephemeral_public = sealed[1 : 1 + KEY_BYTES]
    nonce = sealed[1 + KEY_BYTES : HEADER_BYTES]
    ciphertext = sealed[HEADER_BYTES:]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError as error:  # a low-order ephemeral key: no honest station makes one
        raise _does_not_open() from error
    key = _aes_key(shared, ephemeral_public, election_public)
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, context)
    except InvalidTag as error:
        raise _does_not_open() from error


def ballot_open(sealed: bytes, private_key: bytes, *, context: bytes) -> bytes:
    """The plaintext of ``sealed``, opened with the election's ``private_key``."""
    if not isinstance(private_key, bytes) or len(private_key) != KEY_BYTES:
        raise _bad_private_key()
    private = X25519PrivateKey.from_private_bytes(private_key)
    return _open_with(private, private.public_key().public_bytes_raw(), sealed, context)


def ballot_opener(private_key: bytes) -> Callable[[bytes, bytes], bytes]:
    """``opener(sealed, context)``: ``ballot_open(sealed, private_key, context=context)``
    with the key object and its public half made once.

    A tally opens two million ballots with one key; rebuilding the X25519 key from its
    bytes (and its public half for the HKDF info) was a third of the time of each opening.
    A malformed ``private_key`` is refused here, at once; every other refusal is
    ``ballot_open``'s, ballot by ballot.
    """
    if not isinstance(private_key, bytes) or len(private_key) != KEY_BYTES:
        raise _bad_private_key()
    private = X25519PrivateKey.from_private_bytes(private_key)
    election_public = private.public_key().public_bytes_raw()

    def opener(sealed: bytes, context: bytes) -> bytes:
        return _open_with(private, election_public, sealed, context)

    return opener


def _truncated() -> DomainError:
    return DomainError(
        BallotSealRefusal.TRUNCATED,
        fa="برگهٔ رأی رمزشده ناقص است.",
        en="The sealed ballot is truncated.",
    )


def sealed_digest(sealed: bytes) -> str:
    """The SHA-256 of the sealed bytes, in lower-case hex (what a receipt commits to)."""
    return hashlib.sha256(sealed).hexdigest()
