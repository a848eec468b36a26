"""Writes of drills: reset a drill station, start a trainer's drill, end and score a run.

Every service here starts with ``refuse_unless_drill``: none of them can touch a real
election's rows, whatever it is called with.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.accounts.models import DeviceToken
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.models import StaffPost
from shora.drills.access import can_run_drills, refuse
from shora.drills.errors import DrillError, DrillRefusal
from shora.drills.guards import refuse_unless_drill
from shora.drills.models import DrillKind, DrillRun
from shora.drills.preparation import drill_prepare
from shora.elections.models import PollingStation
from shora.polling.models import (
    Ballot,
    BallotToken,
    EnrolmentCode,
    ForwardedBatch,
    Incident,
    Participation,
    ProvisionalOutcome,
    StationDay,
    StationDevice,
)
from shora.polling.services.devices import enrolment_code_issue
from shora_domain.drill_scoring import DrillMeasures, drill_score

#: Synthetic voters per constituency made for trainers' drills (the script lists a dozen
#: per run; a drill station's voters are used up as the weeks go by, then topped up).
TRAINER_DRILL_VOTERS = 200


def _refuse_if_running(station: PollingStation) -> None:
    if DrillRun.objects.filter(station=station, finished_at__isnull=True).exists():
        raise DrillError(
            DrillRefusal.ALREADY_RUNNING,
            fa=f"تمرین شعبهٔ {station.code} هنوز در جریان است؛ نخست آن را به پایان برسانید.",
            en=f"Station {station.code}'s drill is still running; end it first.",
        )


def _station_locked(station: PollingStation) -> PollingStation:
    return (
        PollingStation.objects.select_for_update(of=("self",))
        .select_related("election", "district__county")
        .get(pk=station.pk)
    )


def _clear_station(station: PollingStation) -> dict[str, int]:
    """Delete a drill station's day: what each table held, by name."""
    removed: dict[str, int] = {}
    for name, model in (
        ("ballots", Ballot),
        ("tokens", BallotToken),
        ("participations", Participation),
        ("batches", ForwardedBatch),
        ("incidents", Incident),
        ("provisional", ProvisionalOutcome),
        ("station_days", StationDay),
    ):
        removed[name] = model.objects.filter(station=station).delete()[0]
    tokens = list(
        StationDevice.objects.filter(station=station).values_list("device_token_id", flat=True)
    )
    removed["devices"] = StationDevice.objects.filter(station=station).delete()[0]
    DeviceToken.objects.filter(pk__in=tokens).delete()
    removed["enrolment_codes"] = EnrolmentCode.objects.filter(station=station).delete()[0]
    return removed


@transaction.atomic
def drill_station_reset(*, actor: Any, station: PollingStation) -> dict[str, int]:
    """Take a drill station back to the morning: its station day, tokens, participations,
    ballots, batches, incidents, provisional outcomes, device enrolment and codes, deleted
    and audited. Refused on a real election and while the station's drill is running."""
    station = _station_locked(station)
    refuse_unless_drill(station.election)
    _refuse_if_running(station)
    removed = _clear_station(station)
    if any(removed.values()):
        audit_record(
            actor=actor,
            event_type=AuditEventType.DRILL_STATION_RESET,
            target=station,
            unit=f"station:{station.code}",
            old=removed,
        )
    return removed


def _station_has_a_day(station: PollingStation) -> bool:
    return (
        StationDay.objects.filter(station=station).exists()
        or StationDevice.objects.filter(station=station).exists()
        or Participation.objects.filter(station=station).exists()
        # an earlier drill's code never used would still enrol a second console
        or EnrolmentCode.objects.filter(station=station).exists()
    )


def drill_run_begin(
    *, actor: Any, station: PollingStation, kind: str, started_at: datetime.datetime | None = None
) -> DrillRun:
    """Reset the station if an earlier drill left its day, and record a running run with
    the people on the station's roster. Call inside a transaction."""
    station = _station_locked(station)
    refuse_unless_drill(station.election)
    _refuse_if_running(station)
    if _station_has_a_day(station):
        drill_station_reset(actor=actor, station=station)
    run = DrillRun.objects.create(
        election=station.election,
        station=station,
        county=station.district.county,
        kind=kind,
        started_by=actor,
        started_at=started_at or timezone.now(),
    )
    people = StaffPost.objects.filter(station=station, ended_at__isnull=True)
    run.participants.set(people.values_list("person_id", flat=True))
    audit_record(
        actor=actor,
        event_type=AuditEventType.DRILL_STARTED,
        target=run,
        unit=f"station:{station.code}",
        new={"kind": kind},
    )
    return run


@dataclass(frozen=True)
class TrainerDrill:
    run: DrillRun
    enrolment_code: str


@transaction.atomic
def drill_start(*, actor: Any, station: PollingStation) -> TrainerDrill:
    """A trainer's drill for one station team: the clock starts now, and the one-time
    enrolment code for the station console is returned (shown once). ``actor`` None is the
    system (the command line, the tests), as for polling's enrolment codes."""
    refuse_unless_drill(station.election)
    if actor is not None and not can_run_drills(actor, station.election, station.district.county):
        raise refuse()
    # What is missing for the county's drills (register, ballots, rosters, key, phase).
    drill_prepare(
        actor=actor,
        election=station.election,
        county=station.district.county,
        voters_per_constituency=TRAINER_DRILL_VOTERS,
    )
    run = drill_run_begin(actor=actor, station=station, kind=DrillKind.TRAINER)
    # Issued by the system on the trainer's behalf: enrolment codes are a county
    # official's, and the drill's own audit event names the trainer.
    code = enrolment_code_issue(actor=None, station=station)
    return TrainerDrill(run, code)


def drill_run_finish(
    *,
    actor: Any,
    run: DrillRun,
    measures: DrillMeasures,
    voters: int,
    error_kinds: Mapping[str, int],
    details: Mapping[str, object],
    finished_at: datetime.datetime | None = None,
) -> DrillRun:
    """Store a run's measures and score and end it. Call inside a transaction."""
    run = DrillRun.objects.select_for_update().get(pk=run.pk)
    refuse_unless_drill(run.election)
    if run.finished_at is not None:
        raise DrillError(
            DrillRefusal.NOT_RUNNING,
            fa="این تمرین پیش‌تر پایان یافته است.",
            en="This drill has already ended.",
        )
    scored = drill_score(measures)
    run.finished_at = finished_at or timezone.now()
    run.voters = voters
    run.seconds_to_open = measures.seconds_to_open
    run.seconds_per_voter = measures.seconds_per_voter
    run.seconds_to_close = measures.seconds_to_close
    run.errors = measures.errors
    run.error_kinds = dict(error_kinds)
    run.measures = {
        **run.measures,
        **details,
        "points": {
            "open": round(scored.points_open, 1),
            "per_voter": round(scored.points_per_voter, 1),
            "close": round(scored.points_close, 1),
            "penalty": scored.penalty,
        },
    }
    run.score = scored.score
    run.passed = scored.passed
    run.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.DRILL_FINISHED,
        target=run,
        unit=f"station:{run.station.code}",
        new={"score": run.score, "errors": run.errors, "voters": voters},
    )
    return run
