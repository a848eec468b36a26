"""Why sign-in or a device token is refused."""

from __future__ import annotations

import enum


class AccountRefusal(enum.Enum):
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED_OUT = "locked_out"
    BAD_TWO_FACTOR_CODE = "bad_two_factor_code"
    TOKEN_UNKNOWN = "token_unknown"  # noqa: S105 - a refusal code, not a secret
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 - a refusal code, not a secret
    TOKEN_REVOKED = "token_revoked"  # noqa: S105 - a refusal code, not a secret
    ROLE_UNIT_MISMATCH = "role_unit_mismatch"
