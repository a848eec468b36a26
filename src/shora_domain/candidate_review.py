"""The qualification review as a state machine: which board may take which step, when.

    registered ──executive board──▶ executive_approved ─┐
        │                           executive_rejected ─┴─supervisory board──▶ approved
        │                                                                    └▶ rejected
    rejected ──the candidate appeals, within appeal_days of the ruling──▶ appealed
    rejected ──the appeal window passes unused (the system)──▶ rejected_final
    appealed ──provincial high board──▶ approved | rejected_final
    any open state ──the candidate withdraws──▶ withdrawn
    approved ──the candidate moves once to another constituency of the county──▶ approved

``next_status`` is the only way from one status to the next: every other pair is refused
with a reason ("not in this state", "wrong board"). Each step's deadline is a day: the
step is allowed until the end of that day (Tehran time, decided by the caller).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from .digits import to_persian_digits
from .errors import DomainError
from .jalali import format_jalali_date

K = TypeVar("K")


class CandidacyStatus(enum.Enum):
    REGISTERED = "registered"
    EXECUTIVE_APPROVED = "executive_approved"
    EXECUTIVE_REJECTED = "executive_rejected"
    APPROVED = "approved"
    REJECTED = "rejected"
    APPEALED = "appealed"
    REJECTED_FINAL = "rejected_final"
    WITHDRAWN = "withdrawn"


STATUS_LABELS: dict[CandidacyStatus, tuple[str, str]] = {
    CandidacyStatus.REGISTERED: (
        "ثبت‌نام‌شده، در انتظار هیئت اجرایی",
        "registered, awaiting the executive board",
    ),
    CandidacyStatus.EXECUTIVE_APPROVED: (
        "تأیید هیئت اجرایی، در انتظار هیئت نظارت",
        "approved by the executive board, awaiting the supervisory board",
    ),
    CandidacyStatus.EXECUTIVE_REJECTED: (
        "رد هیئت اجرایی، در انتظار هیئت نظارت",
        "rejected by the executive board, awaiting the supervisory board",
    ),
    CandidacyStatus.APPROVED: ("تأیید صلاحیت", "qualified"),
    CandidacyStatus.REJECTED: ("رد صلاحیت، قابل اعتراض", "disqualified, may appeal"),
    CandidacyStatus.APPEALED: (
        "معترض، در انتظار هیئت عالی نظارت استان",
        "appealed, awaiting the provincial high board",
    ),
    CandidacyStatus.REJECTED_FINAL: ("رد صلاحیت قطعی", "finally disqualified"),
    CandidacyStatus.WITHDRAWN: ("انصراف", "withdrawn"),
}

#: A person may hold one candidacy in these statuses per election (a database constraint).
ACTIVE_STATUSES = frozenset(
    {
        CandidacyStatus.REGISTERED,
        CandidacyStatus.EXECUTIVE_APPROVED,
        CandidacyStatus.EXECUTIVE_REJECTED,
        CandidacyStatus.APPROVED,
        CandidacyStatus.REJECTED,
        CandidacyStatus.APPEALED,
    }
)
#: Decided for good: nothing is pending before the list is frozen.
FINAL_STATUSES = frozenset(
    {CandidacyStatus.APPROVED, CandidacyStatus.REJECTED_FINAL, CandidacyStatus.WITHDRAWN}
)


class Board(enum.Enum):
    """Who takes a step."""

    EXECUTIVE = "executive"
    SUPERVISORY = "supervisory"
    HIGH_BOARD = "high_board"
    CANDIDATE = "candidate"
    SYSTEM = "system"


BOARD_LABELS: dict[Board, tuple[str, str]] = {
    Board.EXECUTIVE: ("هیئت اجرایی شهرستان", "the county executive board"),
    Board.SUPERVISORY: ("هیئت نظارت", "the supervisory board"),
    Board.HIGH_BOARD: ("هیئت عالی نظارت استان", "the provincial high supervisory board"),
    Board.CANDIDATE: ("داوطلب", "the candidate"),
    Board.SYSTEM: ("سامانه", "the system"),
}


class ReviewAction(enum.Enum):
    REGISTER = "register"
    EXECUTIVE_APPROVE = "executive_approve"
    EXECUTIVE_REJECT = "executive_reject"
    SUPERVISORY_APPROVE = "supervisory_approve"
    SUPERVISORY_REJECT = "supervisory_reject"
    APPEAL = "appeal"
    APPEAL_LAPSE = "appeal_lapse"
    HIGH_BOARD_APPROVE = "high_board_approve"
    HIGH_BOARD_REJECT = "high_board_reject"
    WITHDRAW = "withdraw"
    MOVE = "move"


ACTION_LABELS: dict[ReviewAction, tuple[str, str]] = {
    ReviewAction.REGISTER: ("ثبت‌نام", "registration"),
    ReviewAction.EXECUTIVE_APPROVE: ("تأیید هیئت اجرایی", "executive board: qualified"),
    ReviewAction.EXECUTIVE_REJECT: ("رد هیئت اجرایی", "executive board: not qualified"),
    ReviewAction.SUPERVISORY_APPROVE: ("تأیید هیئت نظارت", "supervisory board: qualified"),
    ReviewAction.SUPERVISORY_REJECT: ("رد هیئت نظارت", "supervisory board: not qualified"),
    ReviewAction.APPEAL: ("اعتراض داوطلب", "the candidate's appeal"),
    ReviewAction.APPEAL_LAPSE: ("پایان مهلت اعتراض بی‌اعتراض", "appeal window passed unused"),
    ReviewAction.HIGH_BOARD_APPROVE: ("پذیرش اعتراض در هیئت عالی", "high board: appeal upheld"),
    ReviewAction.HIGH_BOARD_REJECT: ("رد اعتراض در هیئت عالی", "high board: appeal dismissed"),
    ReviewAction.WITHDRAW: ("انصراف", "withdrawal"),
    ReviewAction.MOVE: ("انتقال به حوزهٔ دیگر", "move to another constituency"),
}


@dataclass(frozen=True)
class Step:
    """One allowed step: who takes it, from which statuses, to which status."""

    action: ReviewAction
    board: Board
    from_statuses: frozenset[CandidacyStatus]
    to_status: CandidacyStatus
    needs_reason: bool


_S = CandidacyStatus
_AFTER_EXECUTIVE = frozenset({_S.EXECUTIVE_APPROVED, _S.EXECUTIVE_REJECTED})
_A = ReviewAction
STEPS: dict[ReviewAction, Step] = {
    step.action: step
    for step in (
        Step(_A.EXECUTIVE_APPROVE, Board.EXECUTIVE, frozenset({_S.REGISTERED}),
             _S.EXECUTIVE_APPROVED, needs_reason=False),
        Step(_A.EXECUTIVE_REJECT, Board.EXECUTIVE, frozenset({_S.REGISTERED}),
             _S.EXECUTIVE_REJECTED, needs_reason=True),
        Step(_A.SUPERVISORY_APPROVE, Board.SUPERVISORY, _AFTER_EXECUTIVE,
             _S.APPROVED, needs_reason=False),
        Step(_A.SUPERVISORY_REJECT, Board.SUPERVISORY, _AFTER_EXECUTIVE,
             _S.REJECTED, needs_reason=True),
        Step(_A.APPEAL, Board.CANDIDATE, frozenset({_S.REJECTED}),
             _S.APPEALED, needs_reason=True),
        Step(_A.APPEAL_LAPSE, Board.SYSTEM, frozenset({_S.REJECTED}),
             _S.REJECTED_FINAL, needs_reason=False),
        Step(_A.HIGH_BOARD_APPROVE, Board.HIGH_BOARD, frozenset({_S.APPEALED}),
             _S.APPROVED, needs_reason=False),
        Step(_A.HIGH_BOARD_REJECT, Board.HIGH_BOARD, frozenset({_S.APPEALED}),
             _S.REJECTED_FINAL, needs_reason=True),
        Step(_A.WITHDRAW, Board.CANDIDATE, ACTIVE_STATUSES,
             _S.WITHDRAWN, needs_reason=False),
        Step(_A.MOVE, Board.CANDIDATE, frozenset({_S.APPROVED}),
             _S.APPROVED, needs_reason=False),
    )
}  # fmt: skip
_DECIDING_BOARDS = (Board.EXECUTIVE, Board.SUPERVISORY, Board.HIGH_BOARD)
#: The steps a board takes by its own decision (the review queue's steps).
DECISIONS = frozenset(action for action, step in STEPS.items() if step.board in _DECIDING_BOARDS)


class ReviewRefusal(enum.Enum):
    NOT_IN_THIS_STATE = "review.not_in_this_state"
    WRONG_BOARD = "review.wrong_board"
    REASON_REQUIRED = "review.reason_required"
    AFTER_DEADLINE = "review.after_deadline"
    UNKNOWN_ACTION = "review.unknown_action"


def label(labels: Mapping[K, tuple[str, str]], key: K, language: str = "fa") -> str:
    """The Persian (or, for "en", English) label of ``key``."""
    fa, en = labels[key]
    return en if language == "en" else fa


def step_for(action: ReviewAction) -> Step:
    step = STEPS.get(action)
    if step is None:
        raise DomainError(
            ReviewRefusal.UNKNOWN_ACTION,
            fa=f"«{label(ACTION_LABELS, action)}» گامی از بررسی صلاحیت نیست.",
            en=f"“{label(ACTION_LABELS, action, 'en')}” is not a review step.",
        )
    return step


def allowed_actions(status: CandidacyStatus, board: Board | None = None) -> list[ReviewAction]:
    """The steps possible from ``status`` (only ``board``'s, when given), in a fixed order."""
    return [
        action
        for action, step in STEPS.items()
        if status in step.from_statuses and (board is None or step.board is board)
    ]


def next_status(
    status: CandidacyStatus, action: ReviewAction, *, board: Board, reason: str = ""
) -> CandidacyStatus:
    """The status after ``board`` takes ``action`` from ``status``; DomainError if refused."""
    step = step_for(action)
    if board is not step.board:
        raise DomainError(
            ReviewRefusal.WRONG_BOARD,
            fa=(
                f"«{label(ACTION_LABELS, action)}» کار {label(BOARD_LABELS, step.board)} است، "
                f"نه {label(BOARD_LABELS, board)}."
            ),
            en=(
                f"“{label(ACTION_LABELS, action, 'en')}” is for "
                f"{label(BOARD_LABELS, step.board, 'en')}, not {label(BOARD_LABELS, board, 'en')}."
            ),
        )
    if status not in step.from_statuses:
        raise DomainError(
            ReviewRefusal.NOT_IN_THIS_STATE,
            fa=(
                f"«{label(ACTION_LABELS, action)}» در وضعیت "
                f"«{label(STATUS_LABELS, status)}» ممکن نیست."
            ),
            en=(
                f"“{label(ACTION_LABELS, action, 'en')}” is not possible while the candidacy is "
                f"“{label(STATUS_LABELS, status, 'en')}”."
            ),
        )
    if step.needs_reason and not reason.strip():
        raise DomainError(
            ReviewRefusal.REASON_REQUIRED,
            fa=f"«{label(ACTION_LABELS, action)}» بدون ذکر دلیل ثبت نمی‌شود.",
            en=f"“{label(ACTION_LABELS, action, 'en')}” needs a stated reason.",
        )
    return step.to_status


def appeal_deadline(ruled_on: datetime.date, appeal_days: int) -> datetime.date:
    """The last day an appeal is received: ``appeal_days`` days after the day of the ruling."""
    return ruled_on + datetime.timedelta(days=appeal_days)


def refuse_after_deadline(
    today: datetime.date, deadline: datetime.date, *, what_fa: str, what_en: str
) -> None:
    """DomainError AFTER_DEADLINE when ``today`` is past the last allowed day ``deadline``."""
    if today <= deadline:
        return
    late = (today - deadline).days
    raise DomainError(
        ReviewRefusal.AFTER_DEADLINE,
        fa=(
            f"مهلت {what_fa} {format_jalali_date(deadline)} بود و "
            f"{to_persian_digits(late)} روز گذشته است."
        ),
        en=(
            f"The deadline for {what_en} was {format_jalali_date(deadline, 'en')}, "
            f"{late} day{'s' if late != 1 else ''} ago."
        ),
    )
