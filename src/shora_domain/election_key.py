"""The election's key pair, its fingerprint, and the private key split among k of n holders.

The scheme, and why:

* **An X25519 key pair.** Ballots are sealed to the public key (``ballot_sealing``: ECIES
  with X25519), so a station needs only the public key, and nobody can read a ballot until
  the private key exists again. X25519 keys are 32 plain bytes, easy to split and check.
* **The fingerprint** is the SHA-256 of the public key, its first 32 hex digits in groups
  of four. It is printed on every station's zero report and read aloud at the key
  ceremony, so people can see that every station seals to the same key.
* **Shamir secret sharing of the 32-byte private key over GF(2^521 − 1).** The key is read
  as a number s < 2^256; a random polynomial f of degree k − 1 with f(0) = s gives the
  holder i the share (i, f(i)). Any k shares give s back by Lagrange interpolation at 0;
  k − 1 shares reveal nothing about it (every s remains equally likely). 2^521 − 1 is the
  smallest Mersenne prime above 2^256, so the whole key is one field element and the
  modulus is a constant anyone can check. Random coefficients come from ``secrets``.
* **Each share sealed with its holder's passphrase**: scrypt (n = 2^15, r = 8, p = 1)
  derives an AES-256-GCM key; the envelope's other fields (the election, the key's
  fingerprint, the share's index, k and n, the salt and the nonce) are the associated
  data, so a share cannot be passed off as another election's, another key's or another
  holder's, and any change to the envelope makes it refuse to open.

Passphrases are normalised like Persian names (``normalize_persian``: Persian/Arabic
letters and digits alike, ZWNJ and repeated spaces ignored), so a holder who typed it on
another keyboard at the ceremony still opens their share.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .digits import to_persian_digits
from .errors import DomainError
from .persian_text import normalize_persian
from .signed_documents import b64decode, b64encode, canonical_json

KEY_BYTES = 32
MIN_THRESHOLD = 2
MAX_HOLDERS = 20
MIN_PASSPHRASE_CHARACTERS = 12
MAX_PASSPHRASE_CHARACTERS = 1024

# Written by hand: the `cryptography` package has no secret sharing, and pycryptodome's
# Shamir works in GF(2^128), so it splits only 16-byte secrets (a 32-byte key would need two
# unrelated sets of shares) and binds a share to no election. The arithmetic is a few lines.
FIELD_PRIME = 2**521 - 1
_FIELD_BYTES = 66  # 521 bits

SHARE_FORMAT = "shora-key-share/1"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_NONCE_BYTES = 12
_TAG_BYTES = 16
_MAX_SEALED_BYTES = 4096
_ENVELOPE_KEYS = frozenset(
    {
        "format",
        "election_ref",
        "fingerprint",
        "index",
        "threshold",
        "holders",
        "scrypt",
        "nonce",
        "ciphertext",
    }
)
_SCRYPT_KEYS = frozenset({"salt", "n", "r", "p"})


class ElectionKeyRefusal(enum.Enum):
    """Why a key, a share or a sealed share was refused."""

    BAD_PUBLIC_KEY = "election_key.bad_public_key"
    BAD_SECRET = "election_key.bad_secret"  # noqa: S105 (a refusal code, not a password)
    BAD_THRESHOLD = "election_key.bad_threshold"
    TOO_MANY_HOLDERS = "election_key.too_many_holders"
    TOO_FEW_SHARES = "election_key.too_few_shares"
    REPEATED_SHARE = "election_key.repeated_share"
    BAD_SHARE_INDEX = "election_key.bad_share_index"
    BAD_SHARE_VALUE = "election_key.bad_share_value"
    SHARES_DO_NOT_MATCH = "election_key.shares_do_not_match"
    WEAK_PASSPHRASE = "election_key.weak_passphrase"  # noqa: S105 (a refusal code)
    MALFORMED_SHARE = "election_key.malformed_share"
    OTHER_ELECTION = "election_key.other_election"
    OTHER_KEY = "election_key.other_key"
    WRONG_PASSPHRASE = "election_key.wrong_passphrase"  # noqa: S105 (a refusal code)


@dataclass(frozen=True)
class ElectionKeyPair:
    """The election's raw X25519 keys, 32 bytes each. The private key is never printed."""

    private_key: bytes = field(repr=False)
    public_key: bytes


@dataclass(frozen=True)
class KeyShare:
    """One holder's share: the point (index, value) of the polynomial; the value not printed."""

    index: int
    value: int = field(repr=False)


@dataclass(frozen=True)
class SealedShareInfo:
    """What a sealed share says about itself, readable without the passphrase."""

    election_ref: str
    fingerprint: str
    index: int
    threshold: int
    holders: int


def election_keypair_generate() -> ElectionKeyPair:
    """A new X25519 key pair for an election."""
    private = X25519PrivateKey.generate()
    return ElectionKeyPair(
        private_key=private.private_bytes_raw(),
        public_key=private.public_key().public_bytes_raw(),
    )


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_key(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == KEY_BYTES


def key_fingerprint(public_key: bytes) -> str:
    """The first 32 hex digits of the key's SHA-256, in 8 groups of 4: "1a2b 3c4d …"."""
    if not _is_key(public_key):
        raise DomainError(
            ElectionKeyRefusal.BAD_PUBLIC_KEY,
            fa="کلید عمومی انتخابات باید ۳۲ بایت باشد.",
            en="The election's public key must be 32 bytes.",
        )
    digits = hashlib.sha256(public_key).hexdigest()[:32]
    return " ".join(digits[start : start + 4] for start in range(0, 32, 4))


def private_key_matches(private_key: bytes, public_key: bytes) -> bool:
    """Whether ``private_key`` is the private half of ``public_key`` (False on bad input)."""
    if not _is_key(private_key) or not _is_key(public_key):
        return False
    derived = X25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()
    return hmac.compare_digest(derived, public_key)


def _check_threshold(threshold: int, holders: int) -> None:
    if not _is_whole(threshold) or not _is_whole(holders):
        raise DomainError(
            ElectionKeyRefusal.BAD_THRESHOLD,
            fa="شمار سهم‌های لازم و شمار دارندگان باید عدد درست باشند.",
            en="The shares needed and the number of holders must be whole numbers.",
        )
    if holders > MAX_HOLDERS:
        raise DomainError(
            ElectionKeyRefusal.TOO_MANY_HOLDERS,
            fa=f"شمار دارندگان سهم کلید حداکثر {to_persian_digits(MAX_HOLDERS)} است.",
            en=f"There can be at most {MAX_HOLDERS} key holders.",
        )
    if not MIN_THRESHOLD <= threshold <= holders:
        raise DomainError(
            ElectionKeyRefusal.BAD_THRESHOLD,
            fa=(
                "شمار سهم‌های لازم برای گشودن کلید باید دست‌کم ۲ و حداکثر به شمار دارندگان "
                f"باشد؛ {to_persian_digits(threshold)} از {to_persian_digits(holders)} داده شد."
            ),
            en=(
                "The shares needed to open the key must be at least 2 and at most the "
                f"holders; {threshold} of {holders} were given."
            ),
        )


def _evaluate(coefficients: Sequence[int], x: int) -> int:
    """The polynomial with ``coefficients`` (constant first) at ``x``, in the field."""
    result = 0
    for coefficient in reversed(coefficients):
        result = (result * x + coefficient) % FIELD_PRIME
    return result


def shares_split(secret: bytes, *, threshold: int, holders: int) -> list[KeyShare]:
    """``holders`` shares of the 32-byte ``secret``, any ``threshold`` of which rebuild it."""
    _check_threshold(threshold, holders)
    if not _is_key(secret):
        raise DomainError(
            ElectionKeyRefusal.BAD_SECRET,
            fa="فقط کلید خصوصی ۳۲ بایتی تقسیم می‌شود.",
            en="Only a 32-byte private key is split into shares.",
        )
    coefficients = [int.from_bytes(secret, "big")]
    coefficients += [secrets.randbelow(FIELD_PRIME) for _ in range(threshold - 1)]
    return [KeyShare(index=x, value=_evaluate(coefficients, x)) for x in range(1, holders + 1)]


def _interpolate(points: Sequence[KeyShare], x: int) -> int:
    """The value at ``x`` of the polynomial of least degree through ``points`` (Lagrange)."""
    total = 0
    for j, point in enumerate(points):
        numerator, denominator = 1, 1
        for m, other in enumerate(points):
            if m != j:
                numerator = numerator * (x - other.index) % FIELD_PRIME
                denominator = denominator * (point.index - other.index) % FIELD_PRIME
        total += point.value * numerator * pow(denominator, -1, FIELD_PRIME)
    return total % FIELD_PRIME


def _check_shares(shares: Sequence[KeyShare], threshold: int) -> None:
    if len(shares) < threshold:
        raise DomainError(
            ElectionKeyRefusal.TOO_FEW_SHARES,
            fa=(
                f"برای گشودن کلید {to_persian_digits(threshold)} سهم لازم است؛ "
                f"{to_persian_digits(len(shares))} سهم داده شده است."
            ),
            en=f"Opening the key needs {threshold} shares; {len(shares)} were given.",
        )
    seen: set[int] = set()
    for share in shares:
        index = share.index
        if not _is_whole(index) or not 1 <= index <= MAX_HOLDERS:
            raise DomainError(
                ElectionKeyRefusal.BAD_SHARE_INDEX,
                fa=f"شمارهٔ سهم باید از ۱ تا {to_persian_digits(MAX_HOLDERS)} باشد.",
                en=f"A share's number must be from 1 to {MAX_HOLDERS}.",
            )
        if index in seen:
            raise DomainError(
                ElectionKeyRefusal.REPEATED_SHARE,
                fa=f"سهم شمارهٔ {to_persian_digits(index)} دو بار داده شده است.",
                en=f"Share number {index} was given twice.",
            )
        seen.add(index)
        value = share.value
        if not _is_whole(value) or not 0 <= value < FIELD_PRIME:
            raise DomainError(
                ElectionKeyRefusal.BAD_SHARE_VALUE,
                fa=f"مقدار سهم شمارهٔ {to_persian_digits(index)} درست نیست.",
                en=f"The value of share number {index} is not valid.",
            )


def _shares_do_not_match() -> DomainError:
    return DomainError(
        ElectionKeyRefusal.SHARES_DO_NOT_MATCH,
        fa="سهم‌ها با هم نمی‌خوانند: دست‌کم یکی از کلید دیگری است یا دست خورده است.",
        en="The shares do not agree: at least one is of another key or was altered.",
    )


def shares_combine(shares: Sequence[KeyShare], *, threshold: int) -> bytes:
    """The 32-byte secret rebuilt from at least ``threshold`` shares.

    The first ``threshold`` shares rebuild it. A share beyond them that does not lie on the
    same polynomial is refused (with more than k shares an altered one is always caught),
    and so is a result that is no 32-byte number (which catches a share of another key or
    a randomly altered one with exactly k shares, bar a chance of 2^-265). A deliberately
    crafted share among exactly k can still pass: check the result against the election's
    public key with ``private_key_matches``.
    """
    _check_threshold(threshold, MAX_HOLDERS)
    _check_shares(shares, threshold)
    basis = shares[:threshold]
    for extra in shares[threshold:]:
        if _interpolate(basis, extra.index) != extra.value:
            raise _shares_do_not_match()
    secret = _interpolate(basis, 0)
    if secret >= 2 ** (8 * KEY_BYTES):
        raise _shares_do_not_match()
    return secret.to_bytes(KEY_BYTES, "big")


def _normalised_passphrase(passphrase: str) -> bytes:
    return normalize_persian(passphrase).encode("utf-8")


def _check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not (
        MIN_PASSPHRASE_CHARACTERS <= len(normalize_persian(passphrase)) <= MAX_PASSPHRASE_CHARACTERS
    ):
        raise DomainError(
            ElectionKeyRefusal.WEAK_PASSPHRASE,
            fa=(
                f"گذرواژهٔ سهم کلید باید دست‌کم {to_persian_digits(MIN_PASSPHRASE_CHARACTERS)} "
                "نویسه (بدون فاصله‌های دو سر) باشد."
            ),
            en=(
                f"A key share's passphrase needs at least {MIN_PASSPHRASE_CHARACTERS} "
                "characters, not counting spaces at either end."
            ),
        )


def _aes_key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(_normalised_passphrase(passphrase))


def _associated_data(envelope: Mapping[str, object]) -> bytes:
    return canonical_json({key: value for key, value in envelope.items() if key != "ciphertext"})


def share_seal(
    share: KeyShare,
    *,
    passphrase: str,
    election_ref: str,
    public_key: bytes,
    threshold: int,
    holders: int,
) -> bytes:
    """``share`` sealed with ``passphrase`` in a JSON envelope bound to the election and key."""
    _check_threshold(threshold, holders)
    _check_shares([share], 1)
    if share.index > holders:
        raise DomainError(
            ElectionKeyRefusal.BAD_SHARE_INDEX,
            fa=f"شمارهٔ سهم بیش از شمار دارندگان ({to_persian_digits(holders)}) است.",
            en=f"The share's number is above the number of holders ({holders}).",
        )
    _check_passphrase(passphrase)
    salt = secrets.token_bytes(_SALT_BYTES)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    envelope: dict[str, object] = {
        "format": SHARE_FORMAT,
        "election_ref": election_ref,
        "fingerprint": key_fingerprint(public_key),
        "index": share.index,
        "threshold": threshold,
        "holders": holders,
        "scrypt": {"salt": b64encode(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
        "nonce": b64encode(nonce),
    }
    plaintext = share.value.to_bytes(_FIELD_BYTES, "big")
    sealed = AESGCM(_aes_key(passphrase, salt)).encrypt(
        nonce, plaintext, _associated_data(envelope)
    )
    envelope["ciphertext"] = b64encode(sealed)
    return canonical_json(envelope)


def _malformed(why_en: str) -> DomainError:
    return DomainError(
        ElectionKeyRefusal.MALFORMED_SHARE,
        fa="پروندهٔ سهم کلید خوانا نیست یا ناقص است.",
        en=f"The sealed key share is unreadable or incomplete: {why_en}.",
    )


def _decoded(value: object, size: int, name: str) -> bytes:
    if not isinstance(value, str):
        raise _malformed(f"{name} is not text")
    try:
        data = b64decode(value)
    except DomainError as error:
        raise _malformed(f"{name} is not base64") from error
    if len(data) != size:
        raise _malformed(f"{name} has {len(data)} bytes, expected {size}")
    return data


@dataclass(frozen=True)
class _ReadEnvelope:
    info: SealedShareInfo
    salt: bytes
    nonce: bytes
    ciphertext: bytes = field(repr=False)
    associated_data: bytes


def _json_object(sealed: bytes) -> dict[str, object]:
    if not isinstance(sealed, bytes) or len(sealed) > _MAX_SEALED_BYTES:
        raise _malformed(f"not bytes of at most {_MAX_SEALED_BYTES}")
    try:
        envelope = json.loads(sealed)
    except (ValueError, RecursionError) as error:
        raise _malformed("not JSON") from error
    if not isinstance(envelope, dict) or set(envelope) != _ENVELOPE_KEYS:
        raise _malformed("not the fields of a sealed share")
    if envelope["format"] != SHARE_FORMAT:
        raise _malformed(f"the format is not {SHARE_FORMAT}")
    return envelope


def _whole(envelope: Mapping[str, object], key: str) -> int:
    value = envelope[key]
    if not isinstance(value, int) or not _is_whole(value):
        raise _malformed(f"{key} is not a whole number")
    return value


def _info(envelope: Mapping[str, object]) -> SealedShareInfo:
    election_ref, fingerprint = envelope["election_ref"], envelope["fingerprint"]
    if not isinstance(election_ref, str) or not isinstance(fingerprint, str):
        raise _malformed("the election or the fingerprint is not text")
    index = _whole(envelope, "index")
    threshold = _whole(envelope, "threshold")
    holders = _whole(envelope, "holders")
    try:
        _check_threshold(threshold, holders)
    except DomainError as error:
        raise _malformed("k and n are not allowed") from error
    if not 1 <= index <= holders:
        raise _malformed("the share's number is out of range")
    return SealedShareInfo(election_ref, fingerprint, index, threshold, holders)


def _read_envelope(sealed: bytes) -> _ReadEnvelope:
    envelope = _json_object(sealed)
    info = _info(envelope)
    scrypt = envelope["scrypt"]
    if not isinstance(scrypt, dict) or set(scrypt) != _SCRYPT_KEYS:
        raise _malformed("the scrypt parameters are missing")
    parameters = tuple(_whole(scrypt, key) for key in ("n", "r", "p"))
    if parameters != (SCRYPT_N, SCRYPT_R, SCRYPT_P):
        raise _malformed("the scrypt parameters are not the ones shora uses")
    try:
        associated_data = _associated_data(envelope)
    except DomainError as error:
        raise _malformed("a field cannot be written as canonical JSON") from error
    return _ReadEnvelope(
        info=info,
        salt=_decoded(scrypt["salt"], _SALT_BYTES, "the salt"),
        nonce=_decoded(envelope["nonce"], _NONCE_BYTES, "the nonce"),
        ciphertext=_decoded(envelope["ciphertext"], _FIELD_BYTES + _TAG_BYTES, "the ciphertext"),
        associated_data=associated_data,
    )


def share_envelope_info(sealed: bytes) -> SealedShareInfo:
    """The election, fingerprint, index, k and n a sealed share states (not yet checked
    against anything: ``share_open`` does that)."""
    return _read_envelope(sealed).info


def share_open(sealed: bytes, *, passphrase: str, election_ref: str, public_key: bytes) -> KeyShare:
    """The share inside ``sealed``, if it is this election's, of this key, and the passphrase
    is right; a DomainError naming which of these failed otherwise."""
    envelope = _read_envelope(sealed)
    if envelope.info.election_ref != election_ref:
        raise DomainError(
            ElectionKeyRefusal.OTHER_ELECTION,
            fa="این سهم کلید از انتخابات دیگری است.",
            en="This key share belongs to another election.",
        )
    if envelope.info.fingerprint != key_fingerprint(public_key):
        raise DomainError(
            ElectionKeyRefusal.OTHER_KEY,
            fa="این سهم کلید از کلید دیگری است (اثر انگشت کلید نمی‌خواند).",
            en="This key share belongs to another key (the fingerprint differs).",
        )
    if not isinstance(passphrase, str) or len(passphrase) > 4 * MAX_PASSPHRASE_CHARACTERS:
        raise _wrong_passphrase()
    try:
        plaintext = AESGCM(_aes_key(passphrase, envelope.salt)).decrypt(
            envelope.nonce, envelope.ciphertext, envelope.associated_data
        )
    except InvalidTag as error:
        raise _wrong_passphrase() from error
    value = int.from_bytes(plaintext, "big")
    if value >= FIELD_PRIME:
        raise _malformed("the share's value is outside the field")
    return KeyShare(index=envelope.info.index, value=value)


def _wrong_passphrase() -> DomainError:
    return DomainError(
        ElectionKeyRefusal.WRONG_PASSPHRASE,
        fa="سهم کلید باز نشد: گذرواژه نادرست است یا پرونده دست خورده است.",
        en="The key share did not open: the passphrase is wrong or the file was altered.",
    )
