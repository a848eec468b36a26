"""The review's state machine: only the listed steps, by their own board, with reasons."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.candidate_review import (
    ACTIVE_STATUSES,
    DECISIONS,
    FINAL_STATUSES,
    STEPS,
    Board,
    CandidacyStatus,
    ReviewAction,
    ReviewRefusal,
    allowed_actions,
    appeal_deadline,
    next_status,
    refuse_after_deadline,
)
from shora_domain.errors import DomainError

statuses = st.sampled_from(list(CandidacyStatus))
actions = st.sampled_from(list(STEPS))
boards = st.sampled_from(list(Board))


@given(statuses, actions, boards, st.sampled_from(["", "  ", "دلیل"]))
def test_a_step_is_taken_exactly_when_the_table_allows_it(status, action, board, reason):
    step = STEPS[action]
    allowed = (
        board is step.board
        and status in step.from_statuses
        and (bool(reason.strip()) or not step.needs_reason)
    )
    try:
        result = next_status(status, action, board=board, reason=reason)
    except DomainError as refusal:
        assert not allowed
        if board is not step.board:
            assert refusal.code is ReviewRefusal.WRONG_BOARD
        elif status not in step.from_statuses:
            assert refusal.code is ReviewRefusal.NOT_IN_THIS_STATE
        else:
            assert refusal.code is ReviewRefusal.REASON_REQUIRED
        assert refusal.fa and refusal.en
        return
    assert allowed
    assert result is step.to_status


@given(st.lists(st.tuples(actions, st.sampled_from(["", "دلیل"])), max_size=12))
def test_no_walk_leaves_a_withdrawal_or_a_final_rejection(walk):
    status = CandidacyStatus.REGISTERED
    ended = False
    for action, reason in walk:
        try:
            status = next_status(status, action, board=STEPS[action].board, reason=reason)
        except DomainError:
            continue
        assert not ended, "a step was taken after the end"
        ended = status in (CandidacyStatus.WITHDRAWN, CandidacyStatus.REJECTED_FINAL)


def test_the_ends_and_the_open_states():
    assert allowed_actions(CandidacyStatus.WITHDRAWN) == []
    assert allowed_actions(CandidacyStatus.REJECTED_FINAL) == []
    assert allowed_actions(CandidacyStatus.APPROVED) == [ReviewAction.WITHDRAW, ReviewAction.MOVE]
    assert allowed_actions(CandidacyStatus.REJECTED, Board.CANDIDATE) == [
        ReviewAction.APPEAL,
        ReviewAction.WITHDRAW,
    ]
    assert {CandidacyStatus.APPROVED} == FINAL_STATUSES & ACTIVE_STATUSES
    assert set(CandidacyStatus) == FINAL_STATUSES | ACTIVE_STATUSES
    assert {STEPS[a].board for a in DECISIONS} == {
        Board.EXECUTIVE, Board.SUPERVISORY, Board.HIGH_BOARD,
    }  # fmt: skip
    # every rejection by a board needs a reason; no approval does
    assert {a for a in DECISIONS if STEPS[a].needs_reason} == {
        ReviewAction.EXECUTIVE_REJECT,
        ReviewAction.SUPERVISORY_REJECT,
        ReviewAction.HIGH_BOARD_REJECT,
    }


def test_registration_is_not_a_step_to_take():
    with pytest.raises(DomainError) as caught:
        next_status(CandidacyStatus.REGISTERED, ReviewAction.REGISTER, board=Board.EXECUTIVE)
    assert caught.value.code is ReviewRefusal.UNKNOWN_ACTION


@given(st.dates(), st.integers(0, 60))
def test_the_appeal_deadline_is_days_after_the_ruling(ruled_on, days):
    if ruled_on > datetime.date.max - datetime.timedelta(days=days):
        return
    deadline = appeal_deadline(ruled_on, days)
    assert (deadline - ruled_on).days == days


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)), st.integers(-5, 5))
def test_a_step_is_allowed_until_the_end_of_its_last_day(deadline, offset):
    today = deadline + datetime.timedelta(days=offset)
    try:
        refuse_after_deadline(today, deadline, what_fa="«اعتراض»", what_en="the appeal")
    except DomainError as refusal:
        assert offset > 0
        assert refusal.code is ReviewRefusal.AFTER_DEADLINE
        return
    assert offset <= 0
