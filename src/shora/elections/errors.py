"""Why an elections service refuses: a stable code, a Persian and an English message."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class ElectionRefusal(enum.Enum):
    PHASE_BACKWARDS = "phase_backwards"
    PHASE_SKIPPED = "phase_skipped"
    GATE_NOT_PASSED = "gate_not_passed"
    POLLING_HOURS_TOO_SHORT = "polling_hours_too_short"
    UNKNOWN_PARENT = "unknown_parent"
    DUPLICATE_CODE = "duplicate_code"
    OVERRIDE_WITHOUT_REASON = "override_without_reason"
    BAD_SETTING = "bad_setting"
    SETTINGS_FROZEN = "settings_frozen"
    GEOGRAPHY_FROZEN = "geography_frozen"
    READ_ONLY_ROLE = "read_only_role"


class PhaseGateError(DomainError):
    """The gate to the next phase is not passed; ``problems`` lists what is missing."""

    def __init__(self, problems: list[object], *, fa: str, en: str) -> None:
        super().__init__(ElectionRefusal.GATE_NOT_PASSED, fa=fa, en=en)
        self.problems = problems
