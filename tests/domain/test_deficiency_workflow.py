"""A deficiency's workflow: open → in progress → fixed → verified, never closed unverified."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.deficiency_workflow import (
    TRANSITIONS,
    DeficiencyAction,
    WorkflowRefusal,
    allowed_actions,
    next_status,
    refuse_self_verification,
)
from shora_domain.errors import DomainError
from shora_domain.readiness_scoring import DeficiencyStatus

S, A = DeficiencyStatus, DeficiencyAction


def test_the_happy_path():
    status = S.OPEN
    for action in (A.START, A.FIX, A.VERIFY):
        status = next_status(status, action)
    assert status is S.VERIFIED


def test_allowed_actions():
    assert allowed_actions(S.OPEN) == [A.START, A.FIX]
    assert allowed_actions(S.IN_PROGRESS) == [A.FIX]
    assert allowed_actions(S.FIXED) == [A.VERIFY, A.REOPEN]
    assert allowed_actions(S.VERIFIED) == []


@given(st.lists(st.sampled_from(DeficiencyAction), max_size=12))
def test_verified_is_reached_only_through_fixed_and_is_final(actions):
    status = S.OPEN
    for action in actions:
        try:
            after = next_status(status, action)
        except DomainError as refusal:
            assert refusal.code is WorkflowRefusal.NOT_ALLOWED
            assert (status, action) not in TRANSITIONS
            continue
        if after is S.VERIFIED:
            assert status is S.FIXED and action is A.VERIFY
        assert status is not S.VERIFIED
        status = after


def test_refusals_name_the_status_in_both_languages():
    with pytest.raises(DomainError) as caught:
        next_status(S.OPEN, A.VERIFY)
    assert "باز" in caught.value.fa and "open" in caught.value.en


def test_self_verification_is_refused():
    with pytest.raises(DomainError) as caught:
        refuse_self_verification(fixed_by="user:7", verified_by="user:7")
    assert caught.value.code is WorkflowRefusal.SELF_VERIFICATION
    refuse_self_verification(fixed_by="user:7", verified_by="user:8")
    refuse_self_verification(fixed_by="", verified_by="")
