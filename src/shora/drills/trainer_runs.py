"""A drill run by a trainer for one station team, measured from what the centre sees.

The team drills on the real station console (``shora station serve``) enrolled with the
code the trainer was given. The centre sees the opening (its time), the claims and ballots
(to the hour only: secrecy, DESIGN.md invariant 2, keeps anything finer out of its tables),
the tokens voided and the closing. So the run is timed from those:

* time to open: from the trainer's start to the centre's acceptance of the zero report;
* seconds per voter: the time the station was voting — from the opening to the moment the
  trainer called the close (or, without the call, the centre's closing) — divided by the
  voters the centre recorded. With the voters queued as a drill queues them, it is the
  desk's pace;
* time to close and transmit: from the trainer calling the close ("the polls are closed
  now", on the run's page) to the centre holding the signed counts; without the call it
  is not measured, and that step earns no points;
* errors: tickets the team voided, tickets issued whose answer never reached the station,
  tickets left unused at the close, provisional ballots the centre rejected.

The run ends when the centre has the station's closing (``drill_runs_settle``, run by the
drill pages), or when the trainer ends it (``drill_run_stop``; what was not reached earns
nothing).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.drills.access import can_run_drills, refuse
from shora.drills.errors import DrillError, DrillRefusal
from shora.drills.guards import refuse_unless_drill
from shora.drills.models import DrillKind, DrillRun
from shora.drills.services import drill_run_finish
from shora.polling.models import (
    BallotToken,
    Participation,
    ProvisionalOutcome,
    StationDay,
    TokenStatus,
)
from shora.station.station_day import CLOSING_VOID_REASON
from shora_domain.drill_scoring import DrillMeasures


def _refuse_unless_running(run: DrillRun) -> None:
    if run.finished_at is not None:
        raise DrillError(
            DrillRefusal.NOT_RUNNING,
            fa="این تمرین پیش‌تر پایان یافته است.",
            en="This drill has already ended.",
        )


def _close_called_at(run: DrillRun) -> datetime.datetime | None:
    called = run.measures.get("close_called_at")
    return datetime.datetime.fromisoformat(called) if called else None


def _seconds(later: datetime.datetime | None, earlier: datetime.datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return max(0.0, (later - earlier).total_seconds())


def centre_measures(run: DrillRun) -> tuple[DrillMeasures, int, dict[str, int]]:
    """The run's measures as the centre sees them now (see the module notes)."""
    day = StationDay.objects.filter(station=run.station).first()
    voters = Participation.objects.filter(station=run.station).count()
    errors: Counter[str] = Counter()
    for reason in BallotToken.objects.filter(
        station=run.station, status=TokenStatus.VOIDED
    ).values_list("void_reason", flat=True):
        errors["ticket_unused_at_close" if reason == CLOSING_VOID_REASON else "ticket_voided"] += 1
    if day is not None and day.undelivered_tokens:
        errors["ticket_not_delivered"] += day.undelivered_tokens
    rejected = ProvisionalOutcome.objects.filter(station=run.station, accepted=False).count()
    if rejected:
        errors["provisional_rejected"] += rejected
    opened = day.opened_at if day else None
    closed = day.closed_at if day else None
    called = _close_called_at(run)
    voting_until = called or closed
    voting = _seconds(voting_until, opened)
    measures = DrillMeasures(
        seconds_to_open=_seconds(opened, run.started_at),
        seconds_per_voter=voting / voters if voting is not None and voters else None,
        seconds_to_close=_seconds(closed, called),
        errors=sum(errors.values()),
    )
    return measures, voters, dict(errors)


@transaction.atomic
def drill_close_call(*, actor: Any, run: DrillRun) -> DrillRun:
    """The trainer tells the team the polls are closed: the close is timed from now."""
    run = DrillRun.objects.select_for_update().select_related("election", "county").get(pk=run.pk)
    refuse_unless_drill(run.election)
    if actor is not None and not can_run_drills(actor, run.election, run.county):
        raise refuse()
    _refuse_unless_running(run)
    if "close_called_at" not in run.measures:
        run.measures = {**run.measures, "close_called_at": timezone.now().isoformat()}
        run.save(update_fields=["measures"])
    return run


def _finish_from_centre(actor: Any, run: DrillRun, *, stopped: bool) -> DrillRun:
    measures, voters, errors = centre_measures(run)
    if stopped:
        errors["ended_before_the_close"] = 1
        measures = DrillMeasures(
            measures.seconds_to_open,
            measures.seconds_per_voter,
            measures.seconds_to_close,
            measures.errors + 1,
        )
    return drill_run_finish(
        actor=actor,
        run=run,
        measures=measures,
        voters=voters,
        error_kinds=errors,
        details={"source": "centre", "stopped": stopped},
    )


@transaction.atomic
def drill_run_stop(*, actor: Any, run: DrillRun) -> DrillRun:
    """The trainer ends a drill the team did not close: scored on what it reached."""
    run = DrillRun.objects.select_for_update().select_related("election", "county").get(pk=run.pk)
    refuse_unless_drill(run.election)
    if actor is not None and not can_run_drills(actor, run.election, run.county):
        raise refuse()
    _refuse_unless_running(run)
    closed = StationDay.objects.filter(station=run.station, closed_at__isnull=False).exists()
    return _finish_from_centre(actor, run, stopped=not closed)


def drill_runs_settle(runs: Iterable[DrillRun]) -> int:
    """End every running trainer's run whose station the centre holds as closed."""
    settled = 0
    for run in runs:
        if run.kind != DrillKind.TRAINER or run.finished_at is not None:
            continue
        if not StationDay.objects.filter(station=run.station, closed_at__isnull=False).exists():
            continue
        with transaction.atomic():
            fresh = DrillRun.objects.select_for_update().get(pk=run.pk)
            if fresh.finished_at is None:
                _finish_from_centre(None, fresh, stopped=False)
                settled += 1
    return settled
