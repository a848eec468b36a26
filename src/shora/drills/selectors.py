"""Reads of drill runs: what training's evaluation and charts need, and the pages' lists.

Only finished runs count as results: a running drill has no score yet. Weeks are Iranian
weeks, Saturday to Friday, of the local (Tehran) day on which the run finished.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from shora.boards.models import Person
from shora.drills.models import DRILL_CODE_PREFIX, DrillRun
from shora.polling.models import Participation
from shora.registers.models import Voter


@dataclass(frozen=True)
class DrillResult:
    run_id: int
    station_code: str
    county_id: int
    finished_at: datetime.datetime
    score: int  # 0..100
    passed: bool
    seconds_per_voter: float | None


def drill_results_of(person_ids: Iterable[int]) -> dict[int, list[DrillResult]]:
    """The finished drills each person took part in, oldest first; every asked id is a key.

    A drill election has its own people (``Person`` is per election), so the staff of the
    real election who drill on a drill station are people of the drill election with the
    same national code. A person's drills are therefore the runs, in drill elections of the
    same province, whose participants have that person's national code (the person's own
    runs included when the id is already a drill election's person)."""
    wanted = list(dict.fromkeys(person_ids))
    results: dict[int, list[DrillResult]] = {pk: [] for pk in wanted}
    if not wanted:
        return results
    asked = Person.objects.filter(pk__in=wanted).values_list(
        "pk", "national_code", "election__province_id"
    )
    askers: dict[tuple[str, int], list[int]] = defaultdict(list)
    for pk, code, province in asked:
        askers[(code, province)].append(pk)
    if not askers:
        return results
    through = DrillRun.participants.through
    rows = (
        through.objects.filter(
            person__national_code__in={code for code, _ in askers},
            drillrun__finished_at__isnull=False,
            drillrun__election__is_drill=True,
        )
        .select_related("drillrun__station", "drillrun__election", "person")
        .order_by("drillrun__finished_at", "drillrun_id")
    )
    for row in rows:
        run = row.drillrun
        assert run.finished_at is not None
        result = DrillResult(
            run_id=run.pk,
            station_code=run.station.code,
            county_id=run.county_id,
            finished_at=run.finished_at,
            score=run.score or 0,
            passed=run.passed,
            seconds_per_voter=run.seconds_per_voter,
        )
        for pk in askers.get((row.person.national_code, run.election.province_id), []):
            if result not in results[pk]:
                results[pk].append(result)
    return results


@dataclass(frozen=True)
class DrillWeek:
    week_start: datetime.date
    county_id: int
    runs: int
    median_seconds_to_open: float | None
    median_seconds_per_voter: float | None
    median_seconds_to_close: float | None
    errors: int


def week_start_of(moment: datetime.datetime) -> datetime.date:
    """The Saturday that starts the Iranian week of ``moment``'s local day."""
    day = timezone.localtime(moment).date()
    # Monday is 0, so Saturday is 5: days since the last Saturday.
    return day - datetime.timedelta(days=(day.weekday() - 5) % 7)


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


_Measured = tuple[float | None, float | None, float | None, int]


def drill_weeks(
    election_ids: Iterable[int] | None = None, county_id: int | None = None
) -> list[DrillWeek]:
    """Finished runs per week and county, ordered by week then county."""
    runs = DrillRun.objects.filter(finished_at__isnull=False)
    if election_ids is not None:
        runs = runs.filter(election_id__in=list(election_ids))
    if county_id is not None:
        runs = runs.filter(county_id=county_id)
    groups: dict[tuple[datetime.date, int], list[_Measured]] = defaultdict(list)
    for finished_at, county, to_open, per_voter, to_close, errors in runs.values_list(
        "finished_at",
        "county_id",
        "seconds_to_open",
        "seconds_per_voter",
        "seconds_to_close",
        "errors",
    ):
        assert finished_at is not None  # filtered above
        groups[(week_start_of(finished_at), county)].append((to_open, per_voter, to_close, errors))
    return [
        DrillWeek(
            week_start=week,
            county_id=county,
            runs=len(rows),
            median_seconds_to_open=_median([r[0] for r in rows]),
            median_seconds_per_voter=_median([r[1] for r in rows]),
            median_seconds_to_close=_median([r[2] for r in rows]),
            errors=sum(r[3] for r in rows),
        )
        for (week, county), rows in sorted(groups.items())
    ]


def script_voters(run: DrillRun, count: int = 12) -> list[Voter]:
    """The synthetic voters of the drill register a team calls to the desk in a trainer's
    drill: of the station's constituencies, not yet voted in this drill election."""
    voted = Participation.objects.filter(election=run.election).values("voter_id")
    return list(
        Voter.objects.filter(
            election=run.election,
            constituency__in=run.station.constituencies.all(),
            national_code__startswith=str(DRILL_CODE_PREFIX),
        )
        .exclude(pk__in=voted)
        .select_related("constituency")
        .order_by("pk")[:count]
    )
