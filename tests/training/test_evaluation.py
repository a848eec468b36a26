"""Evaluation per person, station, county and week; the station's "can open" gate."""

from __future__ import annotations

import datetime

from shora.polling.selectors import station_open_problems
from shora.training.models import TestAttempt
from shora.training.selectors.evaluation import (
    readiness_weeks,
    standings_of,
    summarise,
    uncertified_at_station,
    week_start,
)
from shora.training.services.attempts import attempt_start, attempt_submit
from shora.training.services.sessions import attendance_record
from shora_domain.training_certification import Missing
from tests.training.test_attempts import right_answers

T0 = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=datetime.UTC)


def certify_chair_a(world):
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    attempt_submit(attempt=attempt, answers=right_answers(attempt), at=T0)


def by_person(standings):
    return {s.person_id: s for s in standings}


def test_a_newcomer_is_not_certified_and_misses_attendance_and_the_test(world):
    chair = by_person(standings_of(world.geo.election))[world.chair_a.pk]
    assert chair.has_programme and not chair.certified
    assert [m.kind for m in chair.missing] == [Missing.ATTENDANCE, Missing.MODULE_TEST]
    assert chair.progress == 0


def test_attendance_and_a_passed_test_certify_a_chair(world):
    certify_chair_a(world)
    chair = by_person(standings_of(world.geo.election))[world.chair_a.pk]
    assert chair.certified and chair.missing == () and chair.progress == 100
    assert (chair.sessions_attended, chair.modules_passed, chair.modules_required) == (1, 1, 1)


def test_a_failed_test_does_not_count(world):
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    attempt_submit(attempt=attempt, answers={}, at=T0)
    chair = by_person(standings_of(world.geo.election))[world.chair_a.pk]
    assert not chair.certified and [m.kind for m in chair.missing] == [Missing.MODULE_TEST]


def test_a_role_without_a_programme_has_no_rule(world):
    inspector = by_person(standings_of(world.geo.election))[world.inspector_a.pk]
    assert not inspector.has_programme and inspector.missing == ()


def test_a_county_sees_only_its_people(world):
    ids = {s.person_id for s in standings_of(world.geo.election, county_id=world.geo.county_b.pk)}
    assert ids == {world.chair_b.pk}


def test_summaries_per_county_and_station(world):
    certify_chair_a(world)
    standings = standings_of(world.geo.election)
    counties = {s.key: s for s in summarise(standings, "county_id")}
    assert (counties[world.geo.county_a.pk].people, counties[world.geo.county_a.pk].certified) == (
        2,
        1,
    )
    assert counties[world.geo.county_a.pk].percent == 50
    assert counties[world.geo.county_b.pk].percent == 0
    stations = {s.key: s for s in summarise(standings, "station_code")}
    assert stations["10001"].certified == 1 and stations["10002"].certified == 0


def test_readiness_per_week_grows_when_people_certify(world):
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    later = world.series.sessions.order_by("date")[2]
    attendance_record(actor=None, session=later, person=world.secretary_a)
    attempt = attempt_start(
        person=world.chair_a,
        module=world.chair_module,
        at=datetime.datetime(2026, 3, 20, 8, tzinfo=datetime.UTC),
    )
    attempt_submit(attempt=attempt, answers=right_answers(attempt), at=attempt.started_at)
    weeks = [
        w
        for w in readiness_weeks(world.geo.election, today=datetime.date(2026, 4, 1))
        if w.county_id == world.geo.county_a.pk
    ]
    assert weeks[0].week_start == week_start(world.session.date) == datetime.date(2026, 3, 7)
    # Weeks starting 7, 14, 21, 28 March; the test passed on 20 March, in the second.
    assert [w.certified for w in weeks] == [0, 1, 1, 1]
    assert weeks[0].progress < weeks[-1].progress
    assert all(w.week_start.weekday() == 5 for w in weeks)


def test_no_attendance_means_no_weeks(world):
    assert readiness_weeks(world.geo.election) == []


def test_the_gate_lists_uncertified_staff_of_the_station(world):
    codes = [p.code for p in station_open_problems(world.geo.station_a1)]
    assert "staff_not_certified" in codes
    problem = next(
        p for p in station_open_problems(world.geo.station_a1) if p.code == "staff_not_certified"
    )
    assert world.chair_a.full_name in problem.fa and "station chair" in problem.en
    certify_chair_a(world)
    assert "staff_not_certified" not in [
        p.code for p in station_open_problems(world.geo.station_a1)
    ]


def test_no_programme_means_no_gate(geo):
    assert uncertified_at_station(geo.station_a1.pk, geo.election) == []


def test_a_drill_election_is_not_gated_by_training(world):
    world.geo.election.is_drill = True
    world.geo.election.save(update_fields=["is_drill"])
    assert "staff_not_certified" not in [
        p.code for p in station_open_problems(world.geo.station_a1)
    ]


def test_attempts_of_other_people_do_not_count(world):
    attempt = attempt_start(person=world.chair_b, module=world.chair_module, at=T0)
    attempt_submit(attempt=attempt, answers=right_answers(attempt), at=T0)
    assert TestAttempt.objects.filter(passed=True).count() == 1
    assert by_person(standings_of(world.geo.election))[world.chair_a.pk].modules_passed == 0
