"""Open blocking deficiencies per county over time, from when each was opened and verified."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from shora.elections.models import County, Election
from shora.readiness import clock
from shora.readiness.models import Deficiency, Severity
from shora_domain.readiness_deadlines import open_counts_by_day

#: The chart shows this many days up to the reference day.
TREND_DAYS = 42


@dataclass(frozen=True)
class CountyTrend:
    county: County
    counts: tuple[int, ...]

    @property
    def peak(self) -> int:
        return max(self.counts, default=0)


@dataclass(frozen=True)
class Trend:
    days: tuple[datetime.date, ...]
    counties: tuple[CountyTrend, ...]  # counties with any open blocking item in the window

    def weekly(self) -> list[int]:
        """Indexes of one day a week, ending on the reference day (for the table)."""
        last = len(self.days) - 1
        return sorted(range(last, -1, -7))


def blocking_trend(election: Election, until: datetime.date, days: int = TREND_DAYS) -> Trend:
    """For each county, how many blocking deficiencies were open at the end of each day."""
    window = tuple(until - datetime.timedelta(days=offset) for offset in range(days, -1, -1))
    spans: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    rows = Deficiency.objects.filter(election=election, severity=Severity.BLOCKING).values_list(
        "station__district__county_id", "opened_at", "verified_at"
    )
    for county_id, opened_at, verified_at in rows:
        closed = clock.local_date(verified_at) if verified_at is not None else None
        spans[county_id].append((clock.local_date(opened_at), closed))
    counties = County.objects.in_bulk(list(spans))
    trends = [
        CountyTrend(counties[county_id], tuple(open_counts_by_day(county_spans, window)))
        for county_id, county_spans in spans.items()
    ]
    shown = [trend for trend in trends if trend.peak > 0]
    shown.sort(key=lambda trend: (-trend.peak, trend.county.name_key))
    return Trend(days=window, counties=tuple(shown))
