"""Certification for a role: the rule and the list of what is missing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.training_certification import (
    Certification,
    DrillOutcome,
    Missing,
    Requirement,
    Shortfall,
    TraineeRecord,
    certification,
    progress_percent,
)

CHAIR = Requirement(
    sessions_required=3, modules=frozenset({1, 2}), drills_required=1, drill_min_score=60
)

requirements = st.builds(
    Requirement,
    sessions_required=st.integers(0, 6),
    modules=st.frozensets(st.integers(1, 8), max_size=5),
    drills_required=st.integers(0, 3),
    drill_min_score=st.integers(0, 100),
)
drills = st.builds(DrillOutcome, score=st.integers(0, 100), passed=st.booleans())
records = st.builds(
    TraineeRecord,
    sessions_attended=st.integers(0, 10),
    modules_passed=st.frozensets(st.integers(1, 8), max_size=8),
    drills=st.lists(drills, max_size=5).map(tuple),
)


def test_someone_who_did_everything_is_certified():
    record = TraineeRecord(3, frozenset({1, 2}), (DrillOutcome(80, True),))
    assert certification(CHAIR, record) == Certification(True, ())


def test_a_newcomer_misses_every_part():
    result = certification(CHAIR, TraineeRecord(0, frozenset()))
    assert not result.certified
    assert result.missing == (
        Shortfall(Missing.ATTENDANCE, 3, 0),
        Shortfall(Missing.MODULE_TEST, 1, 0, 1),
        Shortfall(Missing.MODULE_TEST, 1, 0, 2),
        Shortfall(Missing.DRILL, 1, 0),
    )


def test_a_failed_or_low_drill_does_not_count():
    low = TraineeRecord(3, frozenset({1, 2}), (DrillOutcome(59, True), DrillOutcome(90, False)))
    assert certification(CHAIR, low).missing == (Shortfall(Missing.DRILL, 1, 0),)


def test_a_role_without_drills_needs_none():
    inspector = Requirement(sessions_required=1, modules=frozenset({5}), drills_required=0)
    assert certification(inspector, TraineeRecord(1, frozenset({5}))).certified


@given(requirements, records)
def test_certified_exactly_when_nothing_is_missing(requirement, record):
    result = certification(requirement, record)
    assert result.certified == (result.missing == ())


@given(requirements, records, st.randoms())
def test_the_order_of_drills_does_not_matter(requirement, record, rnd):
    shuffled = list(record.drills)
    rnd.shuffle(shuffled)
    other = TraineeRecord(record.sessions_attended, record.modules_passed, tuple(shuffled))
    assert certification(requirement, other) == certification(requirement, record)


@given(requirements, records)
def test_more_training_never_loses_a_certificate(requirement, record):
    more = TraineeRecord(
        record.sessions_attended + 1,
        record.modules_passed | {1},
        (*record.drills, DrillOutcome(100, True)),
    )
    if certification(requirement, record).certified:
        assert certification(requirement, more).certified
    assert progress_percent(requirement, more) >= progress_percent(requirement, record)


@given(requirements, records)
def test_progress_is_a_percentage(requirement, record):
    assert 0 <= progress_percent(requirement, record) <= 100
    if certification(requirement, record).certified:
        assert progress_percent(requirement, record) == 100
