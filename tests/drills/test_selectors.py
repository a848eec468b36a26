"""The interface training reads: drill_results_of and drill_weeks."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora.boards.models import Person
from shora.drills.models import DrillKind, DrillRun
from shora.drills.selectors import drill_results_of, drill_weeks, week_start_of
from tests.conftest import Geography

TEHRAN = timezone.get_fixed_timezone(210)


@pytest.fixture
def drill_geo(db: None) -> Geography:
    return Geography(drill=True)


def _person(geo: Geography, code: str) -> Person:
    return Person.objects.create(
        election=geo.election,
        national_code=code,
        first_name="علی",
        last_name="رضایی",
        name_key="علی رضایی",
        gender="male",
        county=geo.county_a,
    )


def _run(geo, station, finished, *, score=80, per_voter=30.0, to_open=300.0, errors=1, people=()):
    run = DrillRun.objects.create(
        election=geo.election,
        station=station,
        county=station.district.county,
        kind=DrillKind.SIMULATED,
        started_at=(finished or timezone.now()) - datetime.timedelta(hours=1),
        finished_at=finished,
        seconds_to_open=to_open,
        seconds_per_voter=per_voter,
        seconds_to_close=120.0,
        errors=errors,
        score=score,
        passed=score >= 60,
    )
    run.participants.set(people)
    return run


def at(day: int, hour: int = 10) -> datetime.datetime:
    # November 2026: the 21st and the 28th are Saturdays.
    return datetime.datetime(2026, 11, day, hour, tzinfo=TEHRAN)


def test_results_per_person_only_finished_runs_oldest_first(drill_geo: Geography) -> None:
    ali, sara, nobody = (_person(drill_geo, c) for c in ("0012345679", "0023456781", "0034567892"))
    later = _run(drill_geo, drill_geo.station_a1, at(24), score=90, people=[ali])
    earlier = _run(drill_geo, drill_geo.station_a2, at(22), score=40, people=[ali, sara])
    _run(drill_geo, drill_geo.station_b1, None, people=[ali, sara])  # still running

    results = drill_results_of([ali.pk, sara.pk, nobody.pk, ali.pk])

    assert set(results) == {ali.pk, sara.pk, nobody.pk}
    assert [r.run_id for r in results[ali.pk]] == [earlier.pk, later.pk]
    assert [(r.score, r.passed) for r in results[ali.pk]] == [(40, False), (90, True)]
    assert results[sara.pk][0].station_code == "10002"
    assert results[sara.pk][0].county_id == drill_geo.county_a.pk
    assert results[nobody.pk] == []
    assert drill_results_of([]) == {}


def test_week_starts_on_saturday_of_the_local_day() -> None:
    assert week_start_of(at(28)) == datetime.date(2026, 11, 28)
    assert week_start_of(at(27)) == datetime.date(2026, 11, 21)
    # Friday 23:00 in UTC is already Saturday in Tehran.
    friday_night_utc = datetime.datetime(2026, 11, 27, 23, tzinfo=datetime.UTC)
    assert week_start_of(friday_night_utc) == datetime.date(2026, 11, 28)


def test_weeks_per_county_with_medians_and_error_sums(drill_geo: Geography) -> None:
    _run(drill_geo, drill_geo.station_a1, at(22), per_voter=40.0, to_open=600.0, errors=2)
    _run(drill_geo, drill_geo.station_a2, at(23), per_voter=20.0, to_open=None, errors=3)
    _run(drill_geo, drill_geo.station_a1, at(29), per_voter=25.0)
    _run(drill_geo, drill_geo.station_b1, at(22), per_voter=50.0, errors=0)
    _run(drill_geo, drill_geo.station_b1, None)  # running: not counted

    weeks = drill_weeks()

    a, b = drill_geo.county_a.pk, drill_geo.county_b.pk
    assert [(w.week_start.day, w.county_id, w.runs) for w in weeks] == sorted(
        [(21, a, 2), (21, b, 1), (28, a, 1)]
    )
    first_a = next(w for w in weeks if w.week_start.day == 21 and w.county_id == a)
    assert first_a.median_seconds_per_voter == 30.0
    assert first_a.median_seconds_to_open == 600.0
    assert first_a.median_seconds_to_close == 120.0
    assert first_a.errors == 5
    assert [w.county_id for w in drill_weeks(county_id=b)] == [b]
    assert drill_weeks(election_ids=[drill_geo.election.pk + 1000]) == []
    assert len(drill_weeks(election_ids=[drill_geo.election.pk])) == 3


def test_week_without_any_measure_has_no_median(drill_geo: Geography) -> None:
    _run(drill_geo, drill_geo.station_a1, at(22), per_voter=None, to_open=None)
    (week,) = drill_weeks()
    assert week.median_seconds_per_voter is None
    assert week.median_seconds_to_open is None


def test_real_staff_find_the_drills_they_did_under_their_national_code(drill_geo) -> None:
    from shora.elections.services import election_create

    real = election_create(
        actor=None,
        province=drill_geo.province,
        name="انتخابات واقعی",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
    )
    in_drill = _person(drill_geo, "0012345679")
    in_real = Person.objects.create(
        election=real,
        national_code="0012345679",
        first_name="علی",
        last_name="رضایی",
        name_key="علی رضایی",
        gender="male",
    )
    stranger = Person.objects.create(
        election=real,
        national_code="0023456781",
        first_name="سارا",
        last_name="احمدی",
        name_key="سارا احمدی",
        gender="female",
    )
    run = _run(drill_geo, drill_geo.station_a1, at(22), people=[in_drill])

    results = drill_results_of([in_real.pk, in_drill.pk, stranger.pk, 10**9])

    assert [r.run_id for r in results[in_real.pk]] == [run.pk]
    assert [r.run_id for r in results[in_drill.pk]] == [run.pk]
    assert results[stranger.pk] == [] and results[10**9] == []
