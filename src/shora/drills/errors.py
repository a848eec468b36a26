"""Why a drill is refused: stable codes, Persian and English messages."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class DrillRefusal(enum.Enum):
    NOT_A_DRILL = "drills.not_a_drill"
    UNKNOWN_ELECTION = "drills.unknown_election"
    UNKNOWN_COUNTY = "drills.unknown_county"
    NO_STATIONS = "drills.no_stations"
    ALREADY_RUNNING = "drills.already_running"
    NOT_RUNNING = "drills.not_running"
    BAD_VOTERS = "drills.bad_voters"


class DrillError(DomainError):
    """A drill refused: ``code`` is a ``DrillRefusal``."""
