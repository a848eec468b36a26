"""A deficiency's life: open → in progress → fixed → verified, and back to open when a
re-inspection finds the fix did not hold.

Nothing closes without verification: "verified" is reached only from "fixed", by a
re-inspection, and the person who marked it fixed may not be the one who verifies it.
A verified deficiency is closed for good; a new failure opens a new deficiency.
"""

from __future__ import annotations

import enum

from .errors import DomainError
from .readiness_scoring import DeficiencyStatus


class DeficiencyAction(enum.Enum):
    START = "start"
    FIX = "fix"
    VERIFY = "verify"
    REOPEN = "reopen"


class WorkflowRefusal(enum.Enum):
    NOT_ALLOWED = "readiness.transition_not_allowed"
    SELF_VERIFICATION = "readiness.self_verification"


#: (from, action) → to. Anything else is refused.
TRANSITIONS: dict[tuple[DeficiencyStatus, DeficiencyAction], DeficiencyStatus] = {
    (DeficiencyStatus.OPEN, DeficiencyAction.START): DeficiencyStatus.IN_PROGRESS,
    (DeficiencyStatus.OPEN, DeficiencyAction.FIX): DeficiencyStatus.FIXED,
    (DeficiencyStatus.IN_PROGRESS, DeficiencyAction.FIX): DeficiencyStatus.FIXED,
    (DeficiencyStatus.FIXED, DeficiencyAction.VERIFY): DeficiencyStatus.VERIFIED,
    (DeficiencyStatus.FIXED, DeficiencyAction.REOPEN): DeficiencyStatus.OPEN,
}

STATUS_LABELS: dict[DeficiencyStatus, tuple[str, str]] = {
    DeficiencyStatus.OPEN: ("باز", "open"),
    DeficiencyStatus.IN_PROGRESS: ("در دست اقدام", "in progress"),
    DeficiencyStatus.FIXED: ("رفع‌شده، در انتظار تأیید", "fixed, awaiting verification"),
    DeficiencyStatus.VERIFIED: ("تأییدشده با بازرسی دوباره", "verified by re-inspection"),
}
_ACTION_LABELS: dict[DeficiencyAction, tuple[str, str]] = {
    DeficiencyAction.START: ("آغاز اقدام", "start work"),
    DeficiencyAction.FIX: ("اعلام رفع", "mark fixed"),
    DeficiencyAction.VERIFY: ("تأیید با بازرسی دوباره", "verify by re-inspection"),
    DeficiencyAction.REOPEN: ("بازگشایی", "reopen"),
}


def allowed_actions(status: DeficiencyStatus) -> list[DeficiencyAction]:
    """What may be done next with a deficiency in ``status``, in workflow order."""
    return [action for (start, action) in TRANSITIONS if start is status]


def next_status(status: DeficiencyStatus, action: DeficiencyAction) -> DeficiencyStatus:
    """The status after ``action``; refused when the workflow does not allow it."""
    target = TRANSITIONS.get((status, action))
    if target is None:
        action_fa, action_en = _ACTION_LABELS[action]
        status_fa, status_en = STATUS_LABELS[status]
        raise DomainError(
            WorkflowRefusal.NOT_ALLOWED,
            fa=f"«{action_fa}» برای کمبودی با وضعیت «{status_fa}» ممکن نیست.",
            en=f"A deficiency that is {status_en} cannot be given “{action_en}”.",
        )
    return target


def refuse_self_verification(*, fixed_by: str, verified_by: str) -> None:
    """The one who marked a deficiency fixed may not verify it. ``fixed_by`` and
    ``verified_by`` identify people the same way (account ids, or names for the system)."""
    if fixed_by and fixed_by == verified_by:
        raise DomainError(
            WorkflowRefusal.SELF_VERIFICATION,
            fa=(
                "کسی که رفع کمبود را اعلام کرده نمی‌تواند آن را تأیید کند؛ تأیید با "
                "بازرسی دوبارهٔ فرد دیگری است."
            ),
            en=(
                "The person who marked the deficiency fixed may not verify it; verification is "
                "a re-inspection by someone else."
            ),
        )
