"""Why the station process refuses something. Refusals are ``DomainError``s, so the command
line and the console print them in Persian and English like every other refusal."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class StationRefusal(enum.Enum):
    NO_JOURNAL = "station.no_journal"
    NOT_ENROLLED = "station.not_enrolled"
    ALREADY_ENROLLED = "station.already_enrolled"
    NOT_A_JOURNAL = "station.not_a_journal"
    TICKET_UNKNOWN = "station.ticket_unknown"
    TICKET_NOT_ISSUED = "station.ticket_not_issued"
    TICKET_OTHER_CONSTITUENCY = "station.ticket_other_constituency"
    RECEIPT_TAKEN = "station.receipt_taken"
    BAD_INCIDENT = "station.bad_incident"
    BAD_VOID = "station.bad_void"
    NOT_OPEN = "station.not_open"
    ALREADY_OPEN = "station.already_open"
    CLOSED = "station.closed"
    NO_ELECTION_KEY = "station.no_election_key"
    KEY_MISMATCH = "station.key_mismatch"
    BAD_STAFF = "station.bad_staff"
    NOT_FORWARDED = "station.not_forwarded"
    NO_BALLOT = "station.no_ballot"
    BALLOT_MISMATCH = "station.ballot_mismatch"
    EARLY_CLOSE = "station.early_close"
    BAD_CONSOLE_PASSWORD = "station.bad_console_password"  # noqa: S105 - a refusal code
    # provisional ballots (the link down, the offline policy "provisional")
    NOT_PROVISIONAL = "station.not_provisional"
    BAD_DESK_INPUT = "station.bad_desk_input"
    FINGERPRINT_NO_MATCH = "station.fingerprint_no_match"
    CONSTITUENCY_NOT_SERVED = "station.constituency_not_served"
    PROVISIONAL_REPEATED = "station.provisional_repeated"
    PROVISIONAL_PENDING = "station.provisional_pending"


def refusal(code: StationRefusal, *, fa: str, en: str) -> DomainError:
    """A refusal of the station process (a ``DomainError`` with a station code)."""
    return DomainError(code, fa=fa, en=en)
