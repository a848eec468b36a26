"""Reads of the checklist, shaped for pages, reports, the API and the gates.

``station_readiness(station)`` is what the polling part's "can open" gate reads.
"""

from shora.readiness.selectors.readiness import (
    OpenItem,
    StationReadiness,
    readiness_reference,
    station_readiness,
    station_scores,
)

__all__ = [
    "OpenItem",
    "StationReadiness",
    "readiness_reference",
    "station_readiness",
    "station_scores",
]
