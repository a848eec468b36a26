"""A drill's score, 0 to 100, from what was measured against the target times.

The rules, in one place (docs/drills.md explains them to trainers):

* Three timed steps weigh 30 (opening), 40 (seconds per voter at the identity desk) and 30
  (closing and transmitting) points. A step at or under its target earns all its points;
  past the target they fall in a straight line to none at three times the target. A step
  that was never reached (the station never opened, never closed) earns nothing, so a
  drill abandoned half-way cannot pass on speed alone.
* Each error (a refused opening or closing, a claim refused for a mistake of the team, a
  ticket voided, an entry the centre refused) costs 5 points. Situations the drill script
  sets up on purpose (a voter who already voted, the link lost) are not errors: handling
  them is the exercise.
* The score never goes below 0; a drill passes at 60.

Everything here is a function of its arguments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PASS_MARK = 60
ERROR_COST = 5
WEIGHT_OPEN, WEIGHT_PER_VOTER, WEIGHT_CLOSE = 30, 40, 30
#: Past the target, points fall to none at this multiple of it.
ZERO_AT = 3.0


@dataclass(frozen=True)
class DrillTargets:
    seconds_to_open: float = 600.0
    seconds_per_voter: float = 90.0
    seconds_to_close: float = 900.0


@dataclass(frozen=True)
class DrillMeasures:
    seconds_to_open: float | None
    seconds_per_voter: float | None
    seconds_to_close: float | None
    errors: int


@dataclass(frozen=True)
class DrillScore:
    score: int
    passed: bool
    points_open: float
    points_per_voter: float
    points_close: float
    penalty: int


def step_points(seconds: float | None, target: float, weight: int) -> float:
    """The points one timed step earns: all at or under ``target``, none from ``ZERO_AT``
    times it or when the step was never reached (None, or a time that is not a number)."""
    if seconds is None or math.isnan(seconds) or seconds < 0 or target <= 0:
        return 0.0
    if seconds <= target:
        return float(weight)
    share = (ZERO_AT * target - seconds) / ((ZERO_AT - 1) * target)
    return weight * max(0.0, share)


def drill_score(measures: DrillMeasures, targets: DrillTargets | None = None) -> DrillScore:
    targets = targets or DrillTargets()
    points_open = step_points(measures.seconds_to_open, targets.seconds_to_open, WEIGHT_OPEN)
    points_voter = step_points(
        measures.seconds_per_voter, targets.seconds_per_voter, WEIGHT_PER_VOTER
    )
    points_close = step_points(measures.seconds_to_close, targets.seconds_to_close, WEIGHT_CLOSE)
    penalty = ERROR_COST * max(0, measures.errors)
    total = math.floor(points_open + points_voter + points_close + 1e-9) - penalty
    score = min(100, max(0, total))
    return DrillScore(
        score=score,
        passed=score >= PASS_MARK,
        points_open=points_open,
        points_per_voter=points_voter,
        points_close=points_close,
        penalty=penalty,
    )
