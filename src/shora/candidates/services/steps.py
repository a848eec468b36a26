"""What every candidacy service shares: who acts, in which phase, and the history row."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from shora.accounts.models import User
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates.access import can_act_for, is_board_member_for
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import Candidacy, ReviewStep
from shora.elections.models import Election, Phase
from shora_domain.candidate_review import BOARD_LABELS, Board, ReviewAction, label
from shora_domain.errors import DomainError

#: Candidacies change (review, withdrawal, move) only until the lists are frozen.
REVIEW_OPEN_IN = (Phase.REGISTRATION, Phase.REVIEW)


def refuse_unless_review_open(election: Election) -> None:
    if election.phase in REVIEW_OPEN_IN:
        return
    if election.phase == Phase.SETUP:
        raise DomainError(
            CandidacyRefusal.NOT_THIS_PHASE,
            fa="ثبت‌نام و بررسی صلاحیت هنوز آغاز نشده است.",
            en="Registration and review have not begun yet.",
        )
    raise DomainError(
        CandidacyRefusal.CODES_FROZEN,
        fa="فهرست نامزدها قطعی و کدها تخصیص داده شده‌اند؛ نامزدی‌ها دیگر تغییر نمی‌کنند.",
        en="The candidate lists are frozen and their codes assigned; candidacies no longer change.",
    )


def refuse_unless_board(
    actor: Any, candidacy: Candidacy, board: Board, action: ReviewAction | None = None
) -> None:
    """403 outside the actor's unit; WRONG_BOARD when the actor's role is not ``board``."""
    if actor is None:
        return  # the command line and the system act for the county given to them
    user: User = actor
    if not is_board_member_for(user, board, action):
        raise DomainError(
            CandidacyRefusal.WRONG_BOARD,
            fa=(
                f"این گام کار {label(BOARD_LABELS, board)} است؛ نقش شما "
                f"({user.get_role_display()}) در آن هیئت نیست."
            ),
            en=(
                f"This step is for {label(BOARD_LABELS, board, 'en')}; your role "
                f"({user.role}) does not sit on it."
            ),
        )
    if not can_act_for(user, candidacy):
        raise PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def county_unit(candidacy: Candidacy) -> str:
    return f"county:{candidacy.constituency.district.county.code}"


def record_step(
    *,
    actor: Any,
    candidacy: Candidacy,
    action: ReviewAction,
    board: Board,
    from_status: str,
    at: datetime.datetime,
    reason: str = "",
    deadline: datetime.date | None = None,
    details: dict[str, Any] | None = None,
    event_type: AuditEventType = AuditEventType.CANDIDACY_REVIEW_STEP,
) -> ReviewStep:
    """The history row of one step, and its audit event, in the caller's transaction."""
    is_person = actor is not None and getattr(actor, "pk", None) is not None
    step = ReviewStep.objects.create(
        candidacy=candidacy,
        action=action.value,
        board=board.value,
        from_status=from_status,
        to_status=candidacy.status,
        actor=actor if is_person else None,
        actor_name=actor.get_username() if is_person else "system",
        acted_at=at,
        reason=reason,
        deadline=deadline,
        details=details or {},
    )
    audit_record(
        actor=actor,
        event_type=event_type,
        target=candidacy,
        unit=county_unit(candidacy),
        old={"status": from_status} if from_status else None,
        new={
            "action": action.value,
            "board": board.value,
            "status": candidacy.status,
            "reason": reason,
            **(details or {}),
        },
    )
    return step
