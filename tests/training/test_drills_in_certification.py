"""Drills count towards certification through the drills app's results, found by national
code among the people of the province's drill election."""

from __future__ import annotations

import datetime

from shora.boards.services import person_register
from shora.drills.models import DrillRun
from shora.training.selectors.evaluation import standings_of
from shora_domain.training_certification import Missing
from tests.drills.builders import drill_station_beside
from tests.training.test_evaluation import certify_chair_a

FINISHED = datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC)

def _run(drill, station, person, *, score, passed):
    run = DrillRun.objects.create(
        election=drill,
        station=station,
        county=station.district.county,
        kind="trainer",
        started_at=FINISHED - datetime.timedelta(hours=1),
        finished_at=FINISHED,
        score=score,
        passed=passed,
    )
    run.participants.add(person)


def _chair(world):
    return next(s for s in standings_of(world.geo.election) if s.person_id == world.chair_a.pk)


def test_a_passed_drill_of_the_same_person_in_the_drill_election_counts(world):
    world.chairs.drills_required = 1
    world.chairs.save()
    certify_chair_a(world)
    assert [m.kind for m in _chair(world).missing] == [Missing.DRILL]
    drill, station = drill_station_beside(world.geo)
    namesake = person_register(
        actor=None,
        election=drill,
        national_code=world.chair_a.national_code,
        first_name="علی",
        last_name="کریمی",
        gender="male",
    )
    _run(drill, station, namesake, score=50, passed=True)  # under the programme's 60
    assert _chair(world).drills_done == 1 and not _chair(world).certified
    _run(drill, station, namesake, score=80, passed=True)
    chair = _chair(world)
    assert chair.certified and chair.best_drill_score == 80


def test_someone_elses_drill_does_not_count(world):
    world.chairs.drills_required = 1
    world.chairs.save()
    certify_chair_a(world)
    drill, station = drill_station_beside(world.geo)
    other = person_register(
        actor=None,
        election=drill,
        national_code=world.chair_b.national_code,
        first_name="رضا",
        last_name="رضایی",
        gender="male",
    )
    _run(drill, station, other, score=100, passed=True)
    assert not _chair(world).certified and _chair(world).drills_done == 0
