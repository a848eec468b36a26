"""The console password set at enrolment: kept in the journal as an scrypt hash.

The station has no user accounts (it has no database of people); the staff sign in to the
console with one password chosen at enrolment. scrypt (in ``hashlib``) is memory-hard, so a
stolen journal does not give the password away cheaply; the comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from shora.station.errors import StationRefusal, refusal
from shora_domain.errors import DomainError
from shora_domain.signed_documents import b64decode, b64encode

MIN_LENGTH = 10
MAX_LENGTH = 1024
_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )


def console_password_hash(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` for a password of 10 to 1024 characters."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise refusal(
            StationRefusal.BAD_CONSOLE_PASSWORD,
            fa=f"گذرواژهٔ پیشخوان باید دست‌کم {MIN_LENGTH} نویسه باشد.",
            en=f"The console password must be at least {MIN_LENGTH} characters long.",
        )
    salt = secrets.token_bytes(16)
    derived = _derive(password, salt, _N, _R, _P)
    return f"{_SCHEME}${_N}${_R}${_P}${b64encode(salt)}${b64encode(derived)}"


def console_password_matches(password: str, stored: str | None) -> bool:
    """Whether ``password`` is the one hashed in ``stored`` (False on any malformed input)."""
    if not stored or not isinstance(password, str) or len(password) > MAX_LENGTH:
        return False
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != _SCHEME:
            return False
        derived = _derive(password, b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(derived, b64decode(expected))
    except (ValueError, DomainError):  # a malformed stored hash matches nothing
        return False
