"""Why a candidates service refuses: a stable code, a Persian and an English message."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from shora_domain.candidacy import ConditionFailure
from shora_domain.digits import format_number
from shora_domain.errors import DomainError


class CandidacyRefusal(enum.Enum):
    CONDITIONS_NOT_MET = "candidacy.conditions_not_met"
    ALREADY_REGISTERED = "candidacy.already_registered"
    REGISTRATION_CLOSED = "candidacy.registration_closed"
    NOT_THIS_PHASE = "candidacy.not_this_phase"
    WRONG_BOARD = "candidacy.wrong_board"
    SAME_PEOPLE_ON_APPEAL = "candidacy.same_people_on_appeal"
    ALREADY_MOVED = "candidacy.already_moved"
    MOVE_OUTSIDE_COUNTY = "candidacy.move_outside_county"
    MOVE_SAME_CONSTITUENCY = "candidacy.move_same_constituency"
    MOVE_TOO_LATE = "candidacy.move_too_late"
    CODES_FROZEN = "candidacy.codes_frozen"
    SCHEDULE_FROZEN = "candidacy.schedule_frozen"
    SCHEDULE_OUT_OF_ORDER = "candidacy.schedule_out_of_order"
    NOT_A_VILLAGE = "candidacy.not_a_village"
    BAD_VALUE = "candidacy.bad_value"
    BALLOT_ALTERED = "candidacy.ballot_altered"


class ConditionsNotMetError(DomainError):
    """The person does not meet the registration conditions; ``failures`` lists each one."""

    def __init__(self, failures: Sequence[ConditionFailure]) -> None:
        count = len(failures)
        super().__init__(
            CandidacyRefusal.CONDITIONS_NOT_MET,
            fa=f"{format_number(count)} شرط ثبت‌نام برقرار نیست: "
            + " ".join(failure.fa for failure in failures),
            en=f"{count} registration condition{'s' if count != 1 else ''} not met: "
            + " ".join(failure.en for failure in failures),
        )
        self.failures = list(failures)
