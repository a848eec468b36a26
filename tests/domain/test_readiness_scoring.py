"""Readiness scores and states of stations and units: the rules and their properties."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.readiness_scoring import (
    DEFAULT_RULES,
    DeficiencyFact,
    DeficiencyStatus,
    ReadinessState,
    Severity,
    StationScore,
    station_score,
    unit_score,
)

DAY = datetime.date(2026, 4, 20)
dates = st.dates(min_value=datetime.date(2026, 3, 1), max_value=datetime.date(2026, 5, 10))
facts = st.builds(
    DeficiencyFact,
    severity=st.sampled_from(Severity),
    status=st.sampled_from(DeficiencyStatus),
    due_on=st.none() | dates,
)
fact_lists = st.lists(facts, max_size=12)


def score(*deficiencies: DeficiencyFact, inspected: bool = True, on: datetime.date = DAY):
    return station_score(inspected=inspected, deficiencies=deficiencies, on=on)


def test_a_clean_inspected_station_is_ready_with_full_score():
    result = score()
    assert (result.state, result.score) == (ReadinessState.READY, 100)


def test_a_station_nobody_inspected_is_not_ready_and_scores_zero():
    result = score(inspected=False)
    assert (result.state, result.score, result.inspected) == (ReadinessState.NOT_READY, 0, False)


def test_weights_and_thresholds():
    blocking = DeficiencyFact(Severity.BLOCKING, DeficiencyStatus.OPEN)
    major = DeficiencyFact(Severity.MAJOR, DeficiencyStatus.IN_PROGRESS)
    minor = DeficiencyFact(Severity.MINOR, DeficiencyStatus.FIXED)
    assert score(blocking).score == 50 and score(blocking).state == ReadinessState.NOT_READY
    assert score(major).score == 80 and score(major).state == ReadinessState.AT_RISK
    assert score(minor).score == 95 and score(minor).state == ReadinessState.READY
    assert score(minor, minor).score == 90 and score(minor, minor).state == ReadinessState.READY
    three = score(minor, minor, minor)
    assert three.score == 85 and three.state == ReadinessState.AT_RISK
    assert score(blocking, blocking, blocking).score == 0  # never below 0


def test_fixed_but_not_verified_still_counts():
    fixed = DeficiencyFact(Severity.BLOCKING, DeficiencyStatus.FIXED)
    assert score(fixed).state == ReadinessState.NOT_READY
    verified = DeficiencyFact(Severity.BLOCKING, DeficiencyStatus.VERIFIED)
    assert score(verified).state == ReadinessState.READY


def test_an_overdue_minor_item_puts_a_station_at_risk():
    overdue = DeficiencyFact(
        Severity.MINOR, DeficiencyStatus.OPEN, due_on=DAY - datetime.timedelta(1)
    )
    due_today = DeficiencyFact(Severity.MINOR, DeficiencyStatus.OPEN, due_on=DAY)
    assert score(overdue).state == ReadinessState.AT_RISK and score(overdue).overdue == 1
    assert score(due_today).state == ReadinessState.READY and score(due_today).overdue == 0
    verified_late = DeficiencyFact(
        Severity.MINOR, DeficiencyStatus.VERIFIED, due_on=DAY - datetime.timedelta(9)
    )
    assert score(verified_late).overdue == 0


@given(
    fact_lists,
    st.sampled_from([DeficiencyStatus.OPEN, DeficiencyStatus.IN_PROGRESS, DeficiencyStatus.FIXED]),
    dates,
)
def test_an_unresolved_blocking_deficiency_means_not_ready(deficiencies, status, on):
    blocking = DeficiencyFact(Severity.BLOCKING, status)
    result = station_score(inspected=True, deficiencies=[*deficiencies, blocking], on=on)
    assert result.state is ReadinessState.NOT_READY
    assert result.open_blocking >= 1


@given(fact_lists, st.sampled_from(Severity), st.none() | dates, dates, st.booleans())
def test_adding_a_verified_deficiency_never_lowers_the_score(
    deficiencies, severity, due_on, on, inspected
):
    before = station_score(inspected=inspected, deficiencies=deficiencies, on=on)
    verified = DeficiencyFact(severity, DeficiencyStatus.VERIFIED, due_on)
    after = station_score(inspected=inspected, deficiencies=[*deficiencies, verified], on=on)
    assert after == before


@given(fact_lists, st.sampled_from(Severity), st.none() | dates, dates)
def test_adding_an_unresolved_deficiency_never_raises_the_score(deficiencies, severity, due, on):
    before = station_score(inspected=True, deficiencies=deficiencies, on=on)
    extra = DeficiencyFact(severity, DeficiencyStatus.OPEN, due)
    after = station_score(inspected=True, deficiencies=[*deficiencies, extra], on=on)
    assert after.score <= before.score


@given(fact_lists, st.integers(min_value=0, max_value=11), dates)
def test_moving_a_deficiency_along_its_workflow_never_lowers_the_score(deficiencies, pick, on):
    if not deficiencies:
        return
    index = pick % len(deficiencies)
    order = list(DeficiencyStatus)
    current = deficiencies[index]
    later = order[max(order.index(current.status), order.index(DeficiencyStatus.VERIFIED))]
    moved = [*deficiencies]
    moved[index] = DeficiencyFact(current.severity, later, current.due_on)
    before = station_score(inspected=True, deficiencies=deficiencies, on=on)
    after = station_score(inspected=True, deficiencies=moved, on=on)
    assert after.score >= before.score


@given(fact_lists, st.randoms(use_true_random=False), dates)
def test_the_order_of_deficiencies_does_not_matter(deficiencies, rng, on):
    shuffled = list(deficiencies)
    rng.shuffle(shuffled)
    assert station_score(inspected=True, deficiencies=deficiencies, on=on) == station_score(
        inspected=True, deficiencies=shuffled, on=on
    )


@given(fact_lists, dates)
def test_the_score_stays_between_0_and_100(deficiencies, on):
    result = station_score(inspected=True, deficiencies=deficiencies, on=on)
    assert 0 <= result.score <= 100


stations = st.builds(
    lambda inspected, deficiencies, on: station_score(
        inspected=inspected, deficiencies=deficiencies, on=on
    ),
    st.booleans(),
    fact_lists,
    dates,
)


@given(st.lists(stations, max_size=30), st.randoms(use_true_random=False))
def test_a_unit_does_not_depend_on_the_order_of_its_stations(units, rng):
    shuffled = list(units)
    rng.shuffle(shuffled)
    assert unit_score(units) == unit_score(shuffled)


@given(st.lists(stations, max_size=30))
def test_a_unit_counts_each_station_once_and_is_never_ready_with_a_blocked_station(units):
    result = unit_score(units)
    assert result.stations == len(units)
    assert result.ready + result.at_risk + result.not_ready == len(units)
    assert result.open_blocking == sum(s.open_blocking for s in units)
    if any(s.open_blocking for s in units):
        assert result.state is not ReadinessState.READY
    if units:
        assert result.score is not None
        assert min(s.score for s in units) <= result.score <= max(s.score for s in units)


@given(st.lists(stations, min_size=1, max_size=20), st.lists(stations, min_size=1, max_size=20))
def test_the_province_is_the_same_whichever_way_its_stations_are_grouped(first, second):
    whole = unit_score([*first, *second])
    assert whole.stations == unit_score(first).stations + unit_score(second).stations
    assert whole.open_blocking == unit_score(first).open_blocking + unit_score(second).open_blocking


def test_unit_states():
    ready = score()
    at_risk = score(DeficiencyFact(Severity.MAJOR, DeficiencyStatus.OPEN))
    blocked = score(DeficiencyFact(Severity.BLOCKING, DeficiencyStatus.OPEN))
    assert unit_score([]).state is None and unit_score([]).score is None
    assert unit_score([ready] * 5).state == ReadinessState.READY
    assert unit_score([ready] * 4 + [at_risk]).state == ReadinessState.AT_RISK
    # one blocked station of ten is 10%: at risk; one of nine is more than 10%: not ready
    assert unit_score([ready] * 9 + [blocked]).state == ReadinessState.AT_RISK
    assert unit_score([ready] * 8 + [blocked]).state == ReadinessState.NOT_READY
    assert unit_score([score(inspected=False)] * 3).not_inspected == 3


def test_the_default_rules_are_the_documented_ones():
    assert (
        DEFAULT_RULES.blocking_weight,
        DEFAULT_RULES.major_weight,
        DEFAULT_RULES.minor_weight,
    ) == (50, 20, 5)
    assert DEFAULT_RULES.at_risk_below == 90 and DEFAULT_RULES.unit_not_ready_percent == 10
    assert isinstance(score(), StationScore)
