"""Who is certified for a role: the rule, and what is still missing when someone is not.

A role's programme sets its requirement (docs/training.md):

* attend at least ``sessions_required`` training sessions (each session counts once);
* pass the test of every module of the programme;
* pass at least ``drills_required`` drills, a drill passing when the drills app says so and
  its score reaches ``drill_min_score``.

Certified means every part is met; otherwise the list of what is missing says, for each part,
how much is needed and how much the person has. The same record in any order gives the same
answer.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Missing(enum.Enum):
    ATTENDANCE = "attendance"
    MODULE_TEST = "module_test"
    DRILL = "drill"


@dataclass(frozen=True)
class Requirement:
    sessions_required: int
    modules: frozenset[int]
    drills_required: int
    drill_min_score: int = 0


@dataclass(frozen=True)
class DrillOutcome:
    score: int
    passed: bool


@dataclass(frozen=True)
class TraineeRecord:
    sessions_attended: int
    modules_passed: frozenset[int]
    drills: tuple[DrillOutcome, ...] = ()


@dataclass(frozen=True)
class Shortfall:
    kind: Missing
    needed: int
    have: int
    #: The module whose test is not passed (MODULE_TEST only).
    module_id: int | None = None


@dataclass(frozen=True)
class Certification:
    certified: bool
    missing: tuple[Shortfall, ...]


def drills_counted(drills: Iterable[DrillOutcome], min_score: int) -> int:
    return sum(1 for drill in drills if drill.passed and drill.score >= min_score)


def certification(requirement: Requirement, record: TraineeRecord) -> Certification:
    """Certified or not under ``requirement``, with every shortfall (see the module notes)."""
    missing: list[Shortfall] = []
    if record.sessions_attended < requirement.sessions_required:
        missing.append(
            Shortfall(Missing.ATTENDANCE, requirement.sessions_required, record.sessions_attended)
        )
    for module_id in sorted(requirement.modules - record.modules_passed):
        missing.append(Shortfall(Missing.MODULE_TEST, 1, 0, module_id))
    drills = drills_counted(record.drills, requirement.drill_min_score)
    if drills < requirement.drills_required:
        missing.append(Shortfall(Missing.DRILL, requirement.drills_required, drills))
    return Certification(certified=not missing, missing=tuple(missing))


def progress_percent(requirement: Requirement, record: TraineeRecord) -> int:
    """How far along the person is, 0..100: each part's share of what it asks, averaged
    over the parts the requirement has (100 when it asks nothing)."""
    parts: list[float] = []
    if requirement.sessions_required > 0:
        parts.append(min(1.0, record.sessions_attended / requirement.sessions_required))
    if requirement.modules:
        passed = len(requirement.modules & record.modules_passed)
        parts.append(passed / len(requirement.modules))
    if requirement.drills_required > 0:
        drills = drills_counted(record.drills, requirement.drill_min_score)
        parts.append(min(1.0, drills / requirement.drills_required))
    if not parts:
        return 100
    return int(100 * sum(parts) / len(parts))
