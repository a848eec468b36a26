"""Readiness of polling stations and of the units above them: a score and a state.

The rules, in one place (docs/readiness.md explains them to officials):

* A deficiency counts against its station until it is verified by a re-inspection: open,
  in progress and fixed-but-not-verified weigh the same. Nothing is closed on anyone's word.
* A station's score is 100 less the weights of its unresolved deficiencies (blocking 50,
  major 20, minor 5), never below 0. A station nobody has inspected scores 0.
* A station is **not ready** while it has not been inspected or has an unresolved blocking
  deficiency; **at risk** while it has an unresolved major one, an overdue one, or scores
  below 90; **ready** otherwise. So an open blocking deficiency never leaves it ready.
* A unit (district, county, province) with stations is **not ready** when more than 10% of
  its stations are not ready, **ready** when every station is ready, and **at risk** in
  between; its score is the mean of its stations' scores, rounded down. A unit without
  stations has no state.

Everything here is a function of its arguments: the same stations in any order give the
same unit, and whether a deficiency is overdue is decided against the day passed in.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    """How badly a failed checklist item stops a station from working on polling day."""

    BLOCKING = "blocking"
    MAJOR = "major"
    MINOR = "minor"


class DeficiencyStatus(enum.Enum):
    """Open → in progress → fixed → verified (by a re-inspection); fixed may reopen."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    FIXED = "fixed"
    VERIFIED = "verified"

    @property
    def is_resolved(self) -> bool:
        """Only a verified deficiency stops counting against its station."""
        return self is DeficiencyStatus.VERIFIED


class ReadinessState(enum.Enum):
    READY = "ready"
    AT_RISK = "at_risk"
    NOT_READY = "not_ready"


@dataclass(frozen=True)
class ReadinessRules:
    """The weights and thresholds of the rules above."""

    blocking_weight: int = 50
    major_weight: int = 20
    minor_weight: int = 5
    #: A station scoring below this is at risk.
    at_risk_below: int = 90
    #: A unit is not ready when more than this percentage of its stations is not ready.
    unit_not_ready_percent: int = 10

    def weight(self, severity: Severity) -> int:
        if severity is Severity.BLOCKING:
            return self.blocking_weight
        if severity is Severity.MAJOR:
            return self.major_weight
        return self.minor_weight


DEFAULT_RULES = ReadinessRules()
FULL_SCORE = 100


@dataclass(frozen=True)
class DeficiencyFact:
    """What the score needs to know of one deficiency."""

    severity: Severity
    status: DeficiencyStatus
    due_on: datetime.date | None = None

    def is_overdue(self, on: datetime.date) -> bool:
        """Unresolved and its due date has passed (a deficiency due ``on`` is not overdue)."""
        return not self.status.is_resolved and self.due_on is not None and self.due_on < on


@dataclass(frozen=True)
class StationScore:
    state: ReadinessState
    score: int
    inspected: bool
    open_blocking: int
    open_major: int
    open_minor: int
    overdue: int


def station_score(
    *,
    inspected: bool,
    deficiencies: Iterable[DeficiencyFact],
    on: datetime.date,
    rules: ReadinessRules = DEFAULT_RULES,
) -> StationScore:
    """The score and state of one station on the day ``on`` (see the module notes)."""
    open_counts = {severity: 0 for severity in Severity}
    overdue = 0
    for deficiency in deficiencies:
        if deficiency.status.is_resolved:
            continue
        open_counts[deficiency.severity] += 1
        if deficiency.is_overdue(on):
            overdue += 1
    penalty = sum(rules.weight(severity) * count for severity, count in open_counts.items())
    score = max(0, FULL_SCORE - penalty) if inspected else 0
    if not inspected or open_counts[Severity.BLOCKING] > 0:
        state = ReadinessState.NOT_READY
    elif open_counts[Severity.MAJOR] > 0 or overdue > 0 or score < rules.at_risk_below:
        state = ReadinessState.AT_RISK
    else:
        state = ReadinessState.READY
    return StationScore(
        state=state,
        score=score,
        inspected=inspected,
        open_blocking=open_counts[Severity.BLOCKING],
        open_major=open_counts[Severity.MAJOR],
        open_minor=open_counts[Severity.MINOR],
        overdue=overdue,
    )


@dataclass(frozen=True)
class UnitScore:
    """A district, county or the province: its stations counted by state, and the sums."""

    state: ReadinessState | None
    score: int | None
    stations: int
    ready: int
    at_risk: int
    not_ready: int
    not_inspected: int
    open_blocking: int
    open_major: int
    open_minor: int
    overdue: int

    @property
    def inspected(self) -> int:
        return self.stations - self.not_inspected


def unit_score(
    stations: Iterable[StationScore], rules: ReadinessRules = DEFAULT_RULES
) -> UnitScore:
    """The readiness of a unit from its stations' (order does not matter)."""
    counts = {state: 0 for state in ReadinessState}
    total = scores = not_inspected = blocking = major = minor = overdue = 0
    for station in stations:
        total += 1
        scores += station.score
        counts[station.state] += 1
        not_inspected += 0 if station.inspected else 1
        blocking += station.open_blocking
        major += station.open_major
        minor += station.open_minor
        overdue += station.overdue
    state: ReadinessState | None
    if total == 0:
        state = None
    elif counts[ReadinessState.NOT_READY] * 100 > rules.unit_not_ready_percent * total:
        state = ReadinessState.NOT_READY
    elif counts[ReadinessState.READY] == total:
        state = ReadinessState.READY
    else:
        state = ReadinessState.AT_RISK
    return UnitScore(
        state=state,
        score=scores // total if total else None,
        stations=total,
        ready=counts[ReadinessState.READY],
        at_risk=counts[ReadinessState.AT_RISK],
        not_ready=counts[ReadinessState.NOT_READY],
        not_inspected=not_inspected,
        open_blocking=blocking,
        open_major=major,
        open_minor=minor,
        overdue=overdue,
    )
