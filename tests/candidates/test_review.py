"""The review's every step and refusal: wrong board, wrong county, wrong state, deadlines."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.selectors import audit_chain_problems
from shora.candidates.errors import CandidacyRefusal, ConditionsNotMetError
from shora.candidates.models import Candidacy
from shora.candidates.selectors import candidacy_history
from shora.candidates.services import (
    candidacies_lapse_appeals,
    candidacy_appeal,
    candidacy_decide,
    candidacy_move,
    candidacy_withdraw,
)
from shora.elections.services import constituency_create
from shora_domain.candidate_review import ReviewRefusal
from shora_domain.errors import DomainError
from tests.candidates.conftest import approve

pytestmark = pytest.mark.django_db


def refused(call, **kwargs) -> DomainError:
    candidacy = Candidacy.objects.get(pk=kwargs["candidacy"].pk)
    before = (candidacy.status, candidacy.steps.count())
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    after = Candidacy.objects.get(pk=candidacy.pk)
    assert (after.status, after.steps.count()) == before
    return caught.value


def test_the_whole_path_to_approval_is_kept_as_history(register, county_user, supervisor):
    candidacy = register()
    candidacy_decide(actor=county_user, candidacy=candidacy, action="executive_approve")
    candidacy_decide(
        actor=supervisor, candidacy=candidacy, action="supervisory_approve", reason="بی‌اشکال"
    )
    candidacy.refresh_from_db()
    assert candidacy.status == "approved"
    steps = list(candidacy_history(candidacy))
    assert [(s.action, s.board, s.actor_name, s.to_status) for s in steps] == [
        ("register", "executive", "county", "registered"),
        ("executive_approve", "executive", "county", "executive_approved"),
        ("supervisory_approve", "supervisory", "supervisor", "approved"),
    ]
    assert steps[2].reason == "بی‌اشکال"
    assert steps[1].deadline.isoformat() == "2026-01-27"  # 7 Bahman 1404, the cities' default
    assert audit_chain_problems()[1] == []


def test_the_supervisory_board_may_overturn_an_executive_rejection(
    register, county_user, supervisor
):
    candidacy = register()
    error = refused(
        candidacy_decide, actor=county_user, candidacy=candidacy, action="executive_reject"
    )
    assert error.code == ReviewRefusal.REASON_REQUIRED
    candidacy_decide(
        actor=county_user,
        candidacy=candidacy,
        action="executive_reject",
        reason="گزارش مرجع قضایی",
    )
    approved = candidacy_decide(actor=supervisor, candidacy=candidacy, action="supervisory_approve")
    assert approved.status == "approved"


def test_an_appeal_within_the_window_goes_to_the_high_board(
    register, county_user, supervisor, high_board, clock
):
    candidacy = register()
    candidacy_decide(actor=county_user, candidacy=candidacy, action="executive_approve")
    clock.jalali(1404, 12, 1, 11)
    candidacy_decide(
        actor=supervisor, candidacy=candidacy, action="supervisory_reject", reason="سابقه"
    )
    clock.jalali(1404, 12, 5, 15)  # the 4th day after the ruling: the last day
    candidacy_appeal(actor=county_user, candidacy=candidacy, reason="درخواست کتبی شمارهٔ ۷")
    error = refused(
        candidacy_decide, actor=supervisor, candidacy=candidacy, action="high_board_approve"
    )
    assert error.code == CandidacyRefusal.SAME_PEOPLE_ON_APPEAL
    decided = candidacy_decide(actor=high_board, candidacy=candidacy, action="high_board_approve")
    assert decided.status == "approved"
    assert [s.action for s in candidacy_history(candidacy)][-2:] == [
        "appeal",
        "high_board_approve",
    ]


def test_an_appeal_after_the_window_is_refused(register, county_user, supervisor, clock):
    candidacy = register()
    candidacy_decide(actor=county_user, candidacy=candidacy, action="executive_approve")
    clock.jalali(1404, 12, 1, 11)
    candidacy_decide(
        actor=supervisor, candidacy=candidacy, action="supervisory_reject", reason="سابقه"
    )
    clock.jalali(1404, 12, 6, 9)
    error = refused(candidacy_appeal, actor=county_user, candidacy=candidacy, reason="دیر")
    assert error.code == ReviewRefusal.AFTER_DEADLINE
    assert "۵ اسفند ۱۴۰۴" in error.fa
    assert candidacies_lapse_appeals(actor=None, election=candidacy.election) == 1
    candidacy.refresh_from_db()
    assert candidacy.status == "rejected_final"
    assert candidacy.steps.order_by("-pk").first().actor_name == "system"


def test_a_decision_after_the_board_deadline_is_refused(register, county_user, clock):
    candidacy = register()
    clock.jalali(1404, 11, 8)  # the day after 7 Bahman
    error = refused(
        candidacy_decide, actor=county_user, candidacy=candidacy, action="executive_approve"
    )
    assert error.code == ReviewRefusal.AFTER_DEADLINE


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("supervisor", "executive_approve"),
        ("district", "executive_approve"),
        ("province_hq", "executive_reject"),
        ("county", "supervisory_approve"),
        ("county", "high_board_reject"),
    ],
)
def test_a_decision_by_the_wrong_board_is_refused(register, make_user, role, action):
    candidacy = register()
    user = make_user(role, username=f"other-{role}")
    error = refused(candidacy_decide, actor=user, candidacy=candidacy, action=action, reason="x")
    assert error.code == CandidacyRefusal.WRONG_BOARD


def test_a_board_of_another_county_gets_403(register, make_user, registering):
    candidacy = register()
    abadan = make_user("county", username="abadan", county=registering.county_b)
    with pytest.raises(PermissionDenied):
        candidacy_decide(actor=abadan, candidacy=candidacy, action="executive_approve")
    candidacy.refresh_from_db()
    assert candidacy.status == "registered"


@pytest.mark.parametrize(
    "action", ["supervisory_approve", "high_board_approve", "appeal_lapse", "register"]
)
def test_a_step_not_possible_in_this_state_is_refused(register, supervisor, action):
    candidacy = register()
    error = refused(candidacy_decide, actor=supervisor, candidacy=candidacy, action=action)
    assert error.code in (ReviewRefusal.NOT_IN_THIS_STATE, ReviewRefusal.UNKNOWN_ACTION)


def test_a_decision_taken_twice_is_refused_the_second_time(register, county_user):
    candidacy = register()
    candidacy_decide(actor=county_user, candidacy=candidacy, action="executive_approve")
    error = refused(
        candidacy_decide, actor=county_user, candidacy=candidacy, action="executive_approve"
    )
    assert error.code == ReviewRefusal.NOT_IN_THIS_STATE


def test_a_candidate_withdraws_and_nothing_more_happens(register, county_user, supervisor):
    candidacy = approve(register(), county_user, supervisor)
    candidacy_withdraw(actor=county_user, candidacy=candidacy, reason="نامهٔ داوطلب")
    error = refused(candidacy_withdraw, actor=county_user, candidacy=candidacy)
    assert error.code == ReviewRefusal.NOT_IN_THIS_STATE


@pytest.fixture
def second_city(registering):
    return constituency_create(
        actor=None,
        election=registering.election,
        district=registering.district_a2,
        code="1003",
        kind="city",
        name="ملاثانی",
        population=20_000,
    )


def test_an_approved_candidate_moves_once_within_the_county(
    register, county_user, supervisor, registering, second_city
):
    candidacy = approve(register(), county_user, supervisor)
    moved = candidacy_move(
        actor=county_user, candidacy=candidacy, to=second_city, residence_confirmed=True
    )
    assert (moved.constituency, moved.moved_from) == (second_city, registering.city_a)
    step = candidacy.steps.order_by("-pk").first()
    assert (step.action, step.details) == ("move", {"from": "1001", "to": "1003"})
    error = refused(
        candidacy_move,
        actor=county_user,
        candidacy=moved,
        to=registering.city_a,
        residence_confirmed=True,
    )
    assert error.code == CandidacyRefusal.ALREADY_MOVED


def test_a_move_is_refused_outside_the_county_late_or_unqualified(
    register, county_user, supervisor, registering, second_city, clock
):
    candidacy = approve(register(), county_user, supervisor)
    error = refused(
        candidacy_move,
        actor=county_user,
        candidacy=candidacy,
        to=registering.city_b,
        residence_confirmed=True,
    )
    assert error.code == CandidacyRefusal.MOVE_OUTSIDE_COUNTY
    with pytest.raises(ConditionsNotMetError) as caught:
        candidacy_move(
            actor=county_user, candidacy=candidacy, to=second_city, residence_confirmed=False
        )
    assert [f.code.value for f in caught.value.failures] == ["candidacy.no_residence"]
    clock.jalali(1405, 1, 28)  # 17 April: 14 days before polling
    error = refused(
        candidacy_move,
        actor=county_user,
        candidacy=candidacy,
        to=second_city,
        residence_confirmed=True,
    )
    assert error.code == CandidacyRefusal.MOVE_TOO_LATE


def test_only_an_approved_candidate_moves(register, county_user, second_city):
    candidacy = register()
    error = refused(
        candidacy_move,
        actor=county_user,
        candidacy=candidacy,
        to=second_city,
        residence_confirmed=True,
    )
    assert error.code == ReviewRefusal.NOT_IN_THIS_STATE
