"""Why the polling part refuses: stable codes, Persian and English messages, and for some
refusals the facts a screen shows beside them (the station and hour of an earlier vote)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from shora_domain.errors import DomainError


class PollingRefusal(enum.Enum):
    # the key ceremony
    KEY_EXISTS = "polling.key_exists"
    KEY_MISSING = "polling.key_missing"
    KEY_HOLDER_NOT_ALLOWED = "polling.key_holder_not_allowed"
    KEY_HOLDER_REPEATED = "polling.key_holder_repeated"
    PASSPHRASE_REPEATED = "polling.passphrase_repeated"  # noqa: S105
    # enrolment and devices
    ENROLMENT_CODE_UNKNOWN = "polling.enrolment_code_unknown"
    NOT_ENROLLED = "polling.not_enrolled"
    BAD_SIGNATURE = "polling.bad_signature"
    BAD_PUBLIC_KEY = "polling.bad_public_key"
    # opening and closing
    NOT_POLLING = "polling.not_polling"
    OUTSIDE_WINDOW = "polling.outside_window"
    CLOCK_WRONG = "polling.clock_wrong"
    STATION_NOT_READY = "polling.station_not_ready"
    STAFF_NOT_ON_ROSTER = "polling.staff_not_on_roster"
    ALREADY_OPEN = "polling.already_open"
    NOT_OPEN = "polling.not_open"
    STATION_CLOSED = "polling.station_closed"
    CLOSING_MISMATCH = "polling.closing_mismatch"
    BATCHES_MISSING = "polling.batches_missing"
    # the identity desk
    NOT_IN_REGISTER = "polling.not_in_register"
    NOT_ELIGIBLE = "polling.not_eligible"
    WRONG_CONSTITUENCY = "polling.wrong_constituency"
    ALREADY_VOTED = "polling.already_voted"
    FINGERPRINT_MISMATCH = "polling.fingerprint_mismatch"
    BAD_DOCUMENT = "polling.bad_document"
    # tokens, batches, ballots
    TOKEN_UNKNOWN = "polling.token_unknown"  # noqa: S105
    TOKEN_OTHER_STATION = "polling.token_other_station"  # noqa: S105
    TOKEN_USED = "polling.token_used"  # noqa: S105
    TOKEN_VOIDED = "polling.token_voided"  # noqa: S105
    BATCH_REPLAYED = "polling.batch_replayed"
    BATCH_GAP = "polling.batch_gap"
    BATCH_MALFORMED = "polling.batch_malformed"
    BALLOT_OTHER_CONSTITUENCY = "polling.ballot_other_constituency"
    BALLOT_AFTER_CLOSE = "polling.ballot_after_close"
    RECEIPT_REPEATED = "polling.receipt_repeated"
    NOT_PROVISIONAL = "polling.not_provisional"
    # extensions
    EXTENSION_SHORTENS = "polling.extension_shortens"
    EXTENSION_CONFIRMED = "polling.extension_confirmed"
    NO_REASON = "polling.no_reason"
    SCOPE = "polling.scope"


#: Refusals of a state (409), as opposed to bad input (400) or a bad credential (401).
CONFLICTS = frozenset(
    {
        PollingRefusal.KEY_EXISTS,
        PollingRefusal.KEY_MISSING,
        PollingRefusal.NOT_POLLING,
        PollingRefusal.OUTSIDE_WINDOW,
        PollingRefusal.STATION_NOT_READY,
        PollingRefusal.ALREADY_OPEN,
        PollingRefusal.NOT_OPEN,
        PollingRefusal.STATION_CLOSED,
        PollingRefusal.CLOSING_MISMATCH,
        PollingRefusal.BATCHES_MISSING,
        PollingRefusal.NOT_IN_REGISTER,
        PollingRefusal.NOT_ELIGIBLE,
        PollingRefusal.WRONG_CONSTITUENCY,
        PollingRefusal.ALREADY_VOTED,
        PollingRefusal.FINGERPRINT_MISMATCH,
        PollingRefusal.TOKEN_USED,
        PollingRefusal.TOKEN_VOIDED,
        PollingRefusal.BATCH_REPLAYED,
        PollingRefusal.BATCH_GAP,
        PollingRefusal.CLOCK_WRONG,
        PollingRefusal.NOT_PROVISIONAL,
        PollingRefusal.EXTENSION_CONFIRMED,
    }
)

UNAUTHORISED = frozenset({PollingRefusal.NOT_ENROLLED, PollingRefusal.BAD_SIGNATURE})


class PollingError(DomainError):
    """A refusal with facts for the screen (``details``), e.g. where and when one voted."""

    def __init__(
        self,
        code: PollingRefusal,
        *,
        fa: str,
        en: str,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(code, fa=fa, en=en)
        self.details = dict(details or {})
