"""The drill score: examples of the rules and their properties."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.drill_scoring import (
    PASS_MARK,
    DrillMeasures,
    DrillTargets,
    drill_score,
    step_points,
)

TARGETS = DrillTargets(seconds_to_open=600, seconds_per_voter=90, seconds_to_close=900)
seconds = st.one_of(st.none(), st.floats(min_value=0, max_value=1e7, allow_nan=False))
errors = st.integers(min_value=0, max_value=1000)


def measured(to_open=None, per_voter=None, to_close=None, errors=0) -> DrillMeasures:
    return DrillMeasures(to_open, per_voter, to_close, errors)


def test_everything_on_target_without_errors_is_100() -> None:
    result = drill_score(measured(600, 90, 900), TARGETS)
    assert (result.score, result.passed, result.penalty) == (100, True, 0)


def test_points_fall_linearly_to_none_at_three_times_the_target() -> None:
    assert step_points(1200, 600, 30) == 15.0  # twice the target: half
    assert step_points(1800, 600, 30) == 0.0
    assert step_points(10**9, 600, 30) == 0.0
    assert step_points(None, 600, 30) == 0.0
    assert step_points(math.nan, 600, 30) == 0.0
    assert step_points(-5, 600, 30) == 0.0


def test_a_drill_that_never_closed_cannot_pass_on_speed() -> None:
    result = drill_score(measured(10, 10, None), TARGETS)
    assert result.score == 70 and result.passed
    result = drill_score(measured(10, None, None), TARGETS)
    assert result.score == 30 and not result.passed


def test_each_error_costs_five_and_the_score_stops_at_zero() -> None:
    assert drill_score(measured(1, 1, 1, errors=3), TARGETS).score == 85
    assert drill_score(measured(1, 1, 1, errors=8), TARGETS).score == 60
    assert drill_score(measured(1, 1, 1, errors=9), TARGETS).passed is False
    assert drill_score(measured(1, 1, 1, errors=10**6), TARGETS).score == 0
    assert drill_score(measured(errors=-4), TARGETS).score == 0  # bad input: no bonus


@given(seconds, seconds, seconds, errors)
def test_score_is_within_0_and_100_and_pass_follows_the_mark(a, b, c, e) -> None:
    result = drill_score(measured(a, b, c, e), TARGETS)
    assert 0 <= result.score <= 100
    assert result.passed == (result.score >= PASS_MARK)


@given(seconds, seconds, seconds, errors, st.floats(min_value=0, max_value=1e6), errors)
def test_slower_or_more_errors_never_scores_higher(a, b, c, e, slower, more) -> None:
    base = drill_score(measured(a, b, c, e), TARGETS).score
    if a is not None:
        assert drill_score(measured(a + slower, b, c, e), TARGETS).score <= base
    assert drill_score(measured(a, b, c, e + more), TARGETS).score <= base


@given(seconds, seconds, seconds, errors)
def test_a_step_reached_never_scores_less_than_one_never_reached(a, b, c, e) -> None:
    never = drill_score(measured(None, b, c, e), TARGETS).score
    assert drill_score(measured(a if a is not None else 1e12, b, c, e), TARGETS).score >= never
