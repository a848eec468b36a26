"""Why the results part refuses: stable codes, and which of them are a state (409) rather
than bad input (400) or someone without the right (403)."""

from __future__ import annotations

import enum


class ResultsRefusal(enum.Enum):
    # the announced lottery value
    ANNOUNCED_ALREADY = "results.announced_already"
    ANNOUNCED_TOO_LATE = "results.announced_too_late"
    ANNOUNCED_EMPTY = "results.announced_empty"
    NOT_ANNOUNCED = "results.not_announced"
    # exclusions of stations
    EXCLUSION_EXISTS = "results.exclusion_exists"
    EXCLUSION_CONFIRMED = "results.exclusion_confirmed"
    EXCLUSION_TOO_LATE = "results.exclusion_too_late"
    NO_REASON = "results.no_reason"
    # tally sessions and key shares
    NOT_CLOSED = "results.not_closed"
    NO_ELECTION_KEY = "results.no_election_key"
    SESSION_OPEN = "results.session_open"
    SESSION_CLOSED = "results.session_closed"
    NOTHING_TO_TALLY = "results.nothing_to_tally"
    NOT_A_HOLDER = "results.not_a_holder"
    SHARE_ENTERED = "results.share_entered"
    TOO_FEW_SHARES = "results.too_few_shares"
    KEY_DOES_NOT_MATCH = "results.key_does_not_match"


#: Refusals of a state (409), as opposed to bad input (400).
CONFLICTS = frozenset(
    {
        ResultsRefusal.ANNOUNCED_ALREADY,
        ResultsRefusal.ANNOUNCED_TOO_LATE,
        ResultsRefusal.NOT_ANNOUNCED,
        ResultsRefusal.EXCLUSION_EXISTS,
        ResultsRefusal.EXCLUSION_CONFIRMED,
        ResultsRefusal.EXCLUSION_TOO_LATE,
        ResultsRefusal.NOT_CLOSED,
        ResultsRefusal.NO_ELECTION_KEY,
        ResultsRefusal.SESSION_OPEN,
        ResultsRefusal.SESSION_CLOSED,
        ResultsRefusal.NOTHING_TO_TALLY,
        ResultsRefusal.SHARE_ENTERED,
        ResultsRefusal.TOO_FEW_SHARES,
        ResultsRefusal.KEY_DOES_NOT_MATCH,
    }
)

#: Refusals of a person who has no part in it (403).
FORBIDDEN = frozenset({ResultsRefusal.NOT_A_HOLDER})
