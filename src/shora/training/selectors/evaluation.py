"""Evaluation: for each person, what they attended, passed and drilled, and whether they are
certified for their role; the same summed per station team, per county and per week.

The rule is the pure package's (shora_domain.training_certification) with the requirement
of the role's programme. A role without a programme in the election has no rule yet: its
people are listed but neither certified nor uncertified.

Drills run on a drill election, whose roster holds its own ``Person`` rows: the drills
app's ``drill_results_of`` finds a person's drills by national code among the people of the
province's drill elections.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from shora.boards.models import Person, StaffPost
from shora.drills.selectors import DrillResult, drill_results_of
from shora.elections.models import Election
from shora.training.models import Attendance, Programme, TestAttempt
from shora.training.selectors.people import Post, posts_of
from shora_domain.training_certification import (
    DrillOutcome,
    Requirement,
    Shortfall,
    TraineeRecord,
    certification,
    progress_percent,
)


@dataclass(frozen=True)
class Standing:
    person_id: int
    name: str
    national_code: str
    role: str
    county_id: int
    station_id: int | None
    station_code: str
    sessions_attended: int
    modules_passed: int
    modules_required: int
    drills_done: int
    best_drill_score: int | None
    has_programme: bool
    certified: bool
    missing: tuple[Shortfall, ...]
    progress: int


@dataclass
class _Evidence:
    """Everything evaluation reads, loaded once (then judged as of any day)."""

    people: dict[int, Person]
    posts: dict[int, list[Post]]
    programmes: dict[str, tuple[Requirement, frozenset[int]]]
    attended: dict[int, list[datetime.date]] = field(default_factory=dict)
    passed: dict[int, list[tuple[int, datetime.date]]] = field(default_factory=dict)
    drills: dict[int, list[DrillResult]] = field(default_factory=dict)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _requirements(election: Election) -> dict[str, tuple[Requirement, frozenset[int]]]:
    found = {}
    for programme in Programme.objects.filter(election=election).prefetch_related("modules"):
        modules = frozenset(module.pk for module in programme.modules.all())
        requirement = Requirement(
            sessions_required=programme.sessions_required,
            modules=modules,
            drills_required=programme.drills_required,
            drill_min_score=programme.drill_min_score,
        )
        found[programme.role] = (requirement, modules)
    return found


def _drills_by_person(people: Iterable[Person]) -> dict[int, list[DrillResult]]:
    # The drills app finds a real person's runs by national code in the drill elections.
    return drill_results_of(person.pk for person in people)


def load_evidence(
    election: Election, county_id: int | None = None, station_id: int | None = None
) -> _Evidence:
    if station_id is not None:
        roster = StaffPost.objects.filter(station_id=station_id, ended_at__isnull=True)
        posts = posts_of(election, roster.values_list("person_id", flat=True))
    else:
        posts = posts_of(election)
    posts = {
        pk: [
            post
            for post in held
            if (county_id is None or post.county_id == county_id)
            and (station_id is None or post.station_id == station_id)
        ]
        for pk, held in posts.items()
    }
    posts = {pk: held for pk, held in posts.items() if held}
    people = {person.pk: person for person in Person.objects.filter(pk__in=list(posts))}
    evidence = _Evidence(people=people, posts=posts, programmes=_requirements(election))
    for person_id, day in Attendance.objects.filter(
        person_id__in=list(people), session__series__election=election
    ).values_list("person_id", "session__date"):
        evidence.attended.setdefault(person_id, []).append(day)
    for person_id, module_id, submitted in TestAttempt.objects.filter(
        person_id__in=list(people), passed=True
    ).values_list("person_id", "module_id", "submitted_at"):
        assert submitted is not None  # a passed attempt was submitted
        evidence.passed.setdefault(person_id, []).append((module_id, _local_day(submitted)))
    evidence.drills = _drills_by_person(people.values())
    return evidence


def judge(evidence: _Evidence, on: datetime.date | None = None) -> list[Standing]:
    """Each person and role as of the end of ``on`` (everything known when None)."""
    standings = []
    for person_id, held in evidence.posts.items():
        person = evidence.people[person_id]
        days = [d for d in evidence.attended.get(person_id, []) if on is None or d <= on]
        passed = frozenset(
            m for m, d in evidence.passed.get(person_id, []) if on is None or d <= on
        )
        drills = [
            r
            for r in evidence.drills.get(person_id, [])
            if on is None or _local_day(r.finished_at) <= on
        ]
        record = TraineeRecord(
            sessions_attended=len(set(days)),
            modules_passed=passed,
            drills=tuple(DrillOutcome(r.score, r.passed) for r in drills),
        )
        for post in held:
            programme = evidence.programmes.get(post.role)
            if programme is not None:
                requirement, modules = programme
                verdict = certification(requirement, record)
                certified, missing = verdict.certified, verdict.missing
                progress = progress_percent(requirement, record)
            else:
                modules, certified, missing, progress = frozenset(), False, (), 0
            standings.append(
                Standing(
                    person_id=person_id,
                    name=person.full_name,
                    national_code=person.national_code,
                    role=post.role,
                    county_id=post.county_id,
                    station_id=post.station_id,
                    station_code=post.station_code,
                    sessions_attended=record.sessions_attended,
                    modules_passed=len(passed & modules),
                    modules_required=len(modules),
                    drills_done=len(drills),
                    best_drill_score=max((r.score for r in drills), default=None),
                    has_programme=programme is not None,
                    certified=certified,
                    missing=missing,
                    progress=progress,
                )
            )
    standings.sort(key=lambda s: (s.county_id, s.station_code, s.role, s.name))
    return standings


def standings_of(
    election: Election, county_id: int | None = None, station_id: int | None = None
) -> list[Standing]:
    return judge(load_evidence(election, county_id, station_id))


@dataclass(frozen=True)
class Summary:
    """People under a rule (with a programme), certified, attended, passed a test, mean progress."""

    key: object
    people: int
    certified: int
    attended: int
    tested: int
    progress: int

    @property
    def percent(self) -> int:
        return self.certified * 100 // self.people if self.people else 0


def summarise(standings: Iterable[Standing], key: str) -> list[Summary]:
    """Standings with a programme summed by ``key`` ("county_id" or "station_code")."""
    groups: dict[object, list[Standing]] = defaultdict(list)
    for standing in standings:
        if standing.has_programme:
            groups[getattr(standing, key)].append(standing)
    return [
        Summary(
            key=group,
            people=len(rows),
            certified=sum(1 for r in rows if r.certified),
            attended=sum(1 for r in rows if r.sessions_attended),
            tested=sum(1 for r in rows if r.modules_passed),
            progress=sum(r.progress for r in rows) // len(rows),
        )
        for group, rows in sorted(groups.items(), key=lambda item: str(item[0]))
    ]


def week_start(day: datetime.date) -> datetime.date:
    """The Saturday that starts ``day``'s Iranian week (as the drills' weeks)."""
    return day - datetime.timedelta(days=(day.weekday() - 5) % 7)


@dataclass(frozen=True)
class ReadinessWeek:
    week_start: datetime.date
    county_id: int
    people: int
    certified: int
    progress: int

    @property
    def percent(self) -> int:
        return self.certified * 100 // self.people if self.people else 0


def readiness_weeks(
    election: Election, county_id: int | None = None, today: datetime.date | None = None
) -> list[ReadinessWeek]:
    """Per Iranian week (from the first session's) and county: certified and mean progress
    at the week's end, judged with what was known by then."""
    evidence = load_evidence(election, county_id)
    first_days = [d for days in evidence.attended.values() for d in days]
    if not first_days:
        return []
    last = min(today or timezone.localdate(), election.polling_date)
    weeks = []
    start = week_start(min(first_days))
    while start <= last:
        end = min(start + datetime.timedelta(days=6), last)
        for summary in summarise(judge(evidence, on=end), "county_id"):
            assert isinstance(summary.key, int)
            weeks.append(
                ReadinessWeek(
                    start, summary.key, summary.people, summary.certified, summary.progress
                )
            )
        start += datetime.timedelta(days=7)
    return weeks


def uncertified_at_station(station_id: int, election: Election) -> list[Standing]:
    """The station's roster members whose role has a programme and who are not certified."""
    if not Programme.objects.filter(election=election).exists():
        return []
    return [
        s
        for s in standings_of(election, station_id=station_id)
        if s.has_programme and not s.certified
    ]
