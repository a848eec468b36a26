"""On PostgreSQL: a simulated county (the in-process centre's threads on their own
connections), and two trainers starting a drill on one station at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from shora.drills.errors import DrillError
from shora.drills.models import DrillRun
from shora.drills.services import drill_start
from shora.drills.simulate import simulate
from shora.polling.models import Ballot, StationDay

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_county_simulated_on_postgres(drill_geo) -> None:
    assert connection.vendor == "postgresql"
    report = simulate(election_id=drill_geo.election.pk, county_code="0601", voters=8)
    assert [o.errors for o in report.stations] == [0, 0]
    assert all(o.passed for o in report.stations)
    for station in (drill_geo.station_a1, drill_geo.station_a2):
        assert StationDay.objects.get(station=station).closed_at is not None
        assert Ballot.objects.filter(station=station).count() == 7
    again = simulate(election_id=drill_geo.election.pk, county_code="0601", voters=8)
    assert [o.errors for o in again.stations] == [0, 0]
    assert DrillRun.objects.filter(finished_at__isnull=False).count() == 4


def test_two_starts_at_once_make_one_run(drill_geo, make_user) -> None:
    from django.db import connections

    trainers = [make_user("trainer", username=f"t{n}") for n in range(2)]
    # The first start prepares the county; then both race for the station.
    drill_start(actor=trainers[0], station=drill_geo.station_a2)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def start(trainer) -> None:
        try:
            barrier.wait(10)
            drill_start(actor=trainer, station=drill_geo.station_a1)
            outcomes.append("started")
        except DrillError as refused:
            outcomes.append(refused.code.value)
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start, args=(t,)) for t in trainers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["drills.already_running", "started"]
    assert (
        DrillRun.objects.filter(station=drill_geo.station_a1, finished_at__isnull=True).count() == 1
    )
