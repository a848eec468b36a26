"""The qualification review: the boards' decisions, the appeal, withdrawal and the move.

Each step locks the candidacy, asks the pure state machine for the next status (refusing
"not in this state", "wrong board", "reason required"), checks the step's deadline and the
actor's board and unit, then writes the status, a history row and an audit event in one
transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from shora.audit.events import AuditEventType
from shora.candidates import schedule as clock
from shora.candidates.errors import CandidacyRefusal, ConditionsNotMetError
from shora.candidates.models import Candidacy
from shora.candidates.selectors import appeal_window_passed, last_step, step_deadline_for
from shora.candidates.services.registration import (
    PersonDetails,
    conditions_failures,
    person_read,
)
from shora.candidates.services.steps import (
    record_step,
    refuse_unless_board,
    refuse_unless_review_open,
)
from shora.elections.models import Constituency, Election
from shora_domain.candidate_review import (
    ACTION_LABELS,
    DECISIONS,
    STEPS,
    Board,
    CandidacyStatus,
    ReviewAction,
    ReviewRefusal,
    next_status,
    refuse_after_deadline,
)
from shora_domain.errors import DomainError
from shora_domain.jalali import format_jalali_date


def _locked(candidacy: Candidacy) -> Candidacy:
    return (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("constituency__district__county", "election")
        .get(pk=candidacy.pk)
    )


def _action(value: ReviewAction | str) -> ReviewAction:
    try:
        return ReviewAction(value)
    except ValueError:
        raise DomainError(
            ReviewRefusal.UNKNOWN_ACTION,
            fa=f"«{value}» گامی از بررسی صلاحیت نیست.",
            en=f"“{value}” is not a review step.",
        ) from None


def _take_step(
    *,
    actor: Any,
    candidacy: Candidacy,
    action: ReviewAction,
    reason: str,
    details: dict[str, Any] | None = None,
    event_type: AuditEventType = AuditEventType.CANDIDACY_REVIEW_STEP,
) -> Candidacy:
    """Lock, check and take one step (the caller holds the transaction)."""
    candidacy = _locked(candidacy)
    refuse_unless_review_open(candidacy.election)
    step = STEPS[action]
    refuse_unless_board(actor, candidacy, step.board, action)
    reason = reason.strip()
    new_status = next_status(candidacy.status_enum, action, board=step.board, reason=reason)
    deadline = step_deadline_for(candidacy, action) if step.board is not Board.SYSTEM else None
    today = clock.tehran_today()
    if deadline is not None:
        what_fa, what_en = ACTION_LABELS[action]
        refuse_after_deadline(today, deadline, what_fa=f"«{what_fa}»", what_en=f"“{what_en}”")
    at = clock.now()
    from_status = candidacy.status
    candidacy.status = new_status.value
    candidacy.status_changed_at = at
    candidacy.save(update_fields=["status", "status_changed_at"])
    record_step(
        actor=actor,
        candidacy=candidacy,
        action=action,
        board=step.board,
        from_status=from_status,
        at=at,
        reason=reason,
        deadline=deadline,
        details=details,
        event_type=event_type,
    )
    return candidacy


def _refuse_same_people_on_appeal(actor: Any, candidacy: Candidacy) -> None:
    """The high board hears an appeal against the supervisory board's ruling: the person who
    recorded that ruling may not decide the appeal against it."""
    ruling = last_step(candidacy, ReviewAction.SUPERVISORY_REJECT)
    if actor is None or ruling is None or ruling.actor_id != getattr(actor, "pk", None):
        return
    raise DomainError(
        CandidacyRefusal.SAME_PEOPLE_ON_APPEAL,
        fa=(
            "شما رد صلاحیت این داوطلب را در هیئت نظارت ثبت کرده‌اید؛ اعتراض به آن را "
            "هیئت عالی نظارت استان، با کاربری دیگر، رسیدگی می‌کند."
        ),
        en=(
            "You recorded the supervisory board's rejection of this candidate; the appeal "
            "against it is for the provincial high board, recorded by someone else."
        ),
    )


@transaction.atomic
def candidacy_decide(
    *, actor: Any, candidacy: Candidacy, action: ReviewAction | str, reason: str = ""
) -> Candidacy:
    """A board's decision: the executive board's, the supervisory board's ruling, or the
    provincial high board's on an appeal. A rejection needs a reason."""
    chosen = _action(action)
    if chosen not in DECISIONS:
        what_fa, what_en = ACTION_LABELS[chosen]
        raise DomainError(
            ReviewRefusal.UNKNOWN_ACTION,
            fa=f"«{what_fa}» تصمیم هیئت نیست.",
            en=f"“{what_en}” is not a board's decision.",
        )
    if STEPS[chosen].board is Board.HIGH_BOARD:
        _refuse_same_people_on_appeal(actor, candidacy)
    return _take_step(actor=actor, candidacy=candidacy, action=chosen, reason=reason)


@transaction.atomic
def candidacy_appeal(*, actor: Any, candidacy: Candidacy, reason: str) -> Candidacy:
    """Record a rejected candidate's written appeal, within ``appeal_days`` of the ruling."""
    return _take_step(actor=actor, candidacy=candidacy, action=ReviewAction.APPEAL, reason=reason)


@transaction.atomic
def candidacy_withdraw(*, actor: Any, candidacy: Candidacy, reason: str = "") -> Candidacy:
    """Record the candidate's withdrawal (until the lists are frozen)."""
    return _take_step(
        actor=actor,
        candidacy=candidacy,
        action=ReviewAction.WITHDRAW,
        reason=reason,
        event_type=AuditEventType.CANDIDACY_WITHDRAWN,
    )


def _refuse_move(candidacy: Candidacy, to: Constituency) -> None:
    here = candidacy.constituency
    if candidacy.moved_from_id is not None:
        raise DomainError(
            CandidacyRefusal.ALREADY_MOVED,
            fa="این نامزد یک بار حوزه‌اش را عوض کرده است؛ جابه‌جایی فقط یک بار ممکن است.",
            en="This candidate has already moved once; a candidate may move only once.",
        )
    if to.pk == here.pk:
        raise DomainError(
            CandidacyRefusal.MOVE_SAME_CONSTITUENCY,
            fa="حوزهٔ مقصد همان حوزهٔ کنونی است.",
            en="The new constituency is the current one.",
        )
    if to.election_id != here.election_id or to.district.county_id != here.district.county_id:
        raise DomainError(
            CandidacyRefusal.MOVE_OUTSIDE_COUNTY,
            fa=f"«{to.name}» در شهرستان این نامزد نیست؛ جابه‌جایی فقط در همان شهرستان ممکن است.",
            en=f"{to.name} is not in this candidate's county; a move stays in the county.",
        )
    election = candidacy.election
    last_day = election.polling_date - datetime.timedelta(
        days=election.constituency_move_deadline_days
    )
    if clock.tehran_today() > last_day:
        raise DomainError(
            CandidacyRefusal.MOVE_TOO_LATE,
            fa=f"آخرین روز جابه‌جایی حوزه {format_jalali_date(last_day)} بود.",
            en=f"The last day to move constituency was {format_jalali_date(last_day, 'en')}.",
        )


def details_of(candidacy: Candidacy, *, residence_confirmed: bool) -> PersonDetails:
    return PersonDetails(
        national_code=candidacy.national_code,
        first_name=candidacy.first_name,
        last_name=candidacy.last_name,
        father_name=candidacy.father_name,
        gender=candidacy.gender,
        birth_date=candidacy.birth_date,
        degree=candidacy.degree,
        military_service=candidacy.military_service,
        clean_record_issued_on=candidacy.clean_record_issued_on,
        residence_confirmed=residence_confirmed,
        veteran_status=candidacy.veteran_status,
    )


@transaction.atomic
def candidacy_move(
    *, actor: Any, candidacy: Candidacy, to: Constituency, residence_confirmed: bool
) -> Candidacy:
    """Move an approved candidate, once, to another constituency of the same county, until
    ``constituency_move_deadline_days`` before polling and before the lists are frozen. The
    conditions are checked again for the new constituency (its education, residence)."""
    locked = _locked(candidacy)
    refuse_unless_review_open(locked.election)
    refuse_unless_board(actor, locked, Board.CANDIDATE, ReviewAction.MOVE)
    next_status(locked.status_enum, ReviewAction.MOVE, board=Board.CANDIDATE)
    to = Constituency.objects.select_related("district", "election").get(pk=to.pk)
    _refuse_move(locked, to)
    failures = conditions_failures(
        person=person_read(details_of(locked, residence_confirmed=residence_confirmed)),
        constituency=to,
        registered_on=clock.tehran_time(locked.registered_at).date(),
    )
    if failures:
        raise ConditionsNotMetError(failures)
    here = locked.constituency
    locked.moved_from = here
    locked.constituency = to
    locked.residence_confirmed = residence_confirmed
    locked.save(update_fields=["moved_from", "constituency", "residence_confirmed"])
    record_step(
        actor=actor,
        candidacy=locked,
        action=ReviewAction.MOVE,
        board=Board.CANDIDATE,
        from_status=locked.status,
        at=clock.now(),
        details={"from": here.code, "to": to.code},
        event_type=AuditEventType.CANDIDACY_MOVED,
    )
    return locked


def candidacies_lapse_appeals(*, actor: Any, election: Election) -> int:
    """Mark final every rejection whose appeal window closed unused (in the caller's
    transaction); how many were marked."""
    today = clock.tehran_today()
    lapsed = 0
    rejected = Candidacy.objects.filter(
        election=election, status=CandidacyStatus.REJECTED.value
    ).select_related("constituency__district__county", "election")
    for candidacy in rejected:
        if not appeal_window_passed(candidacy, today):
            continue
        locked = _locked(candidacy)
        from_status = locked.status
        locked.status = next_status(
            locked.status_enum, ReviewAction.APPEAL_LAPSE, board=Board.SYSTEM
        ).value
        locked.status_changed_at = clock.now()
        locked.save(update_fields=["status", "status_changed_at"])
        record_step(
            actor=actor,
            candidacy=locked,
            action=ReviewAction.APPEAL_LAPSE,
            board=Board.SYSTEM,
            from_status=from_status,
            at=locked.status_changed_at,
            deadline=step_deadline_for(locked, ReviewAction.APPEAL),
            event_type=AuditEventType.CANDIDACY_APPEAL_LAPSED,
        )
        lapsed += 1
    return lapsed
