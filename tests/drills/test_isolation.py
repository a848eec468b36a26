"""A drill never touches the real election: every service refuses a real election, and a
whole simulated drill beside a real election's day leaves every real row as it was."""

from __future__ import annotations

import pytest
from django.db import models

from shora.accounts.models import DeviceToken
from shora.audit.models import AuditEvent
from shora.drills.errors import DrillError
from shora.drills.models import DrillRun
from shora.drills.preparation import drill_key_make, drill_prepare
from shora.drills.services import drill_run_begin, drill_station_reset
from shora.drills.simulate import simulate
from shora.elections.models import Election
from shora.polling.models import (
    Ballot,
    BallotToken,
    ElectionKey,
    EnrolmentCode,
    ForwardedBatch,
    Incident,
    Participation,
    StationDay,
    StationDevice,
)
from shora.polling.services.claims import claim_participation
from shora.registers.models import Voter
from tests.drills.builders import drill_station_beside
from tests.polling.conftest import polling_day_build

REAL_TABLES: tuple[type[models.Model], ...] = (
    Participation,
    BallotToken,
    Ballot,
    StationDay,
    ForwardedBatch,
    StationDevice,
    EnrolmentCode,
    Incident,
    DeviceToken,
    ElectionKey,
    Voter,
)


def _snapshot(election: Election) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the real election's day, all columns, in a stable order."""
    taken = {}
    for model in REAL_TABLES:
        names = [f.attname for f in model._meta.concrete_fields]
        if model is ElectionKey or model is Voter:
            rows = model.objects.filter(election=election)
        else:
            rows = model.objects.filter(station__election=election)
        taken[model.__name__] = sorted(
            (tuple(str(v) for v in row) for row in rows.values_list(*names)), key=repr
        )
    taken["election"] = [
        tuple(str(v) for v in Election.objects.filter(pk=election.pk).values_list())
    ]
    return taken


@pytest.fixture
def real_day(geo):
    day = polling_day_build(geo)
    voters = day.add_voters(geo.city_a, 3)
    device = day.enrol(geo.station_a1)
    day.open(device)
    for voter in voters[:2]:
        claim_participation(
            device=device.record,
            national_code=voter.national_code,
            document="national_card",
            fingerprint="match",
        )
    return day


@pytest.fixture
def drill_beside(real_day):
    return drill_station_beside(real_day.geo)

def test_a_whole_drill_changes_no_row_of_the_real_election(real_day, drill_beside) -> None:
    real = real_day.election
    before = _snapshot(real)
    assert before["Participation"] and before["StationDay"] and before["BallotToken"]

    drill, station = drill_beside
    simulate(election_id=drill.pk, county_code=real_day.geo.county_a.code, voters=5)
    simulate(election_id=drill.pk, county_code=real_day.geo.county_a.code, voters=5)

    assert _snapshot(real) == before
    runs = DrillRun.objects.filter(station=station)
    assert runs.count() == 2 and all(run.errors == 0 for run in runs)
    assert not DrillRun.objects.filter(election=real).exists()


def test_every_drill_service_refuses_the_real_election(real_day) -> None:
    geo = real_day.geo
    before = _snapshot(geo.election)
    events = AuditEvent.objects.count()
    with pytest.raises(DrillError) as refused:
        drill_station_reset(actor=None, station=geo.station_a1)
    assert refused.value.code.value == "drills.not_a_drill"
    assert "آزمایشی" in refused.value.fa
    with pytest.raises(DrillError):
        drill_prepare(
            actor=None, election=geo.election, county=geo.county_a, voters_per_constituency=5
        )
    with pytest.raises(DrillError):
        drill_key_make(actor=None, election=geo.election)
    with pytest.raises(DrillError):
        drill_run_begin(actor=None, station=geo.station_a1, kind="simulated")
    with pytest.raises(DrillError):
        simulate(election_id=geo.election.pk, county_code=geo.county_a.code, voters=5)
    assert _snapshot(geo.election) == before
    assert AuditEvent.objects.count() == events
    assert not DrillRun.objects.exists()


def test_a_stale_drill_flag_in_memory_does_not_open_the_real_election(real_day) -> None:
    station = real_day.geo.station_a1
    station.election.is_drill = True  # someone's object in memory says "drill"
    with pytest.raises(DrillError):
        drill_station_reset(actor=None, station=station)
    assert StationDay.objects.filter(station=station).exists()
