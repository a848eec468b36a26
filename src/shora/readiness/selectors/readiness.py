"""Readiness of stations and units, computed from the stored deficiencies by the pure rules.

The reference day (today, never later than polling day) is decided here and only here:
``readiness_reference``. Every page, the digest and the gate judge "overdue" against it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from shora.elections.models import County, District, Election, PollingStation
from shora.readiness import clock
from shora.readiness.models import Deficiency, DeficiencyStatus, Inspection
from shora_domain.readiness_deadlines import ReferenceDay, reference_day
from shora_domain.readiness_scoring import (
    DeficiencyFact,
    ReadinessState,
    Severity,
    StationScore,
    UnitScore,
    station_score,
    unit_score,
)
from shora_domain.readiness_scoring import DeficiencyStatus as Status


def readiness_reference(election: Election) -> ReferenceDay:
    """The day readiness is judged on: today, but never later than polling day."""
    return reference_day(clock.today(), election.polling_date)


@dataclass(frozen=True)
class OpenItem:
    """An unresolved blocking deficiency, as the "can open" gate lists it."""

    deficiency_id: int
    item_code: str
    text: str
    text_en: str
    status: str


@dataclass(frozen=True)
class StationReadiness:
    station_id: int
    state: ReadinessState
    score: int
    inspected: bool
    open_blocking: tuple[OpenItem, ...]
    open_major: int
    open_minor: int
    overdue: int

    @property
    def is_ready(self) -> bool:
        return self.state is ReadinessState.READY


def _fact(deficiency: Deficiency) -> DeficiencyFact:
    return DeficiencyFact(
        Severity(deficiency.severity), Status(deficiency.status), deficiency.due_on
    )


def _unresolved(election: Election) -> QuerySet[Deficiency]:
    return Deficiency.objects.filter(election=election).exclude(status=DeficiencyStatus.VERIFIED)


def station_readiness(station: PollingStation) -> StationReadiness:
    """The readiness of one station now (the polling part's "can open" gate reads it)."""
    election = station.election
    on = readiness_reference(election).day
    deficiencies = list(
        _unresolved(election).filter(station=station).select_related("item").order_by("pk")
    )
    inspected = Inspection.objects.filter(station=station).exists()
    score = station_score(inspected=inspected, deficiencies=map(_fact, deficiencies), on=on)
    blocking = tuple(
        OpenItem(d.pk, d.item_code, d.item.text, d.item.text_en, d.status)
        for d in deficiencies
        if d.severity == Severity.BLOCKING.value
    )
    return StationReadiness(
        station_id=station.pk,
        state=score.state,
        score=score.score,
        inspected=inspected,
        open_blocking=blocking,
        open_major=score.open_major,
        open_minor=score.open_minor,
        overdue=score.overdue,
    )


def station_scores(
    election: Election,
    stations: QuerySet[PollingStation] | None = None,
    *,
    on: datetime.date | None = None,
) -> dict[int, StationScore]:
    """The score of every station of ``stations`` (all of the election's by default), in a
    fixed number of queries, judged on the reference day (or the day ``on``)."""
    stations = election.stations.all() if stations is None else stations
    on = on or readiness_reference(election).day
    station_ids = list(stations.values_list("pk", flat=True))
    facts: dict[int, list[DeficiencyFact]] = defaultdict(list)
    for row in (
        _unresolved(election)
        .filter(station__in=stations)
        .values("station_id", "severity", "status", "due_on")
    ):
        facts[row["station_id"]].append(
            DeficiencyFact(Severity(row["severity"]), Status(row["status"]), row["due_on"])
        )
    inspected = set(
        Inspection.objects.filter(election=election, station__in=stations)
        .values_list("station_id", flat=True)
        .distinct()
    )
    return {
        pk: station_score(inspected=pk in inspected, deficiencies=facts[pk], on=on)
        for pk in station_ids
    }


@dataclass(frozen=True)
class UnitRow:
    """A county or district with its readiness, for tables."""

    unit: County | District
    readiness: UnitScore


def county_readiness_rows(
    election: Election, counties: QuerySet[County], scores: dict[int, StationScore]
) -> list[UnitRow]:
    by_county: dict[int, list[StationScore]] = defaultdict(list)
    for station_id, county_id in election.stations.values_list("pk", "district__county_id"):
        if station_id in scores:
            by_county[county_id].append(scores[station_id])
    return [UnitRow(county, unit_score(by_county[county.pk])) for county in counties]


def district_readiness_rows(
    election: Election, county: County, scores: dict[int, StationScore]
) -> list[UnitRow]:
    by_district: dict[int, list[StationScore]] = defaultdict(list)
    for station_id, district_id in election.stations.filter(district__county=county).values_list(
        "pk", "district_id"
    ):
        if station_id in scores:
            by_district[district_id].append(scores[station_id])
    return [
        UnitRow(district, unit_score(by_district[district.pk]))
        for district in county.districts.order_by("name_key")
    ]


@dataclass(frozen=True)
class StationTile:
    station: PollingStation
    score: StationScore


def station_tiles(
    stations: QuerySet[PollingStation], scores: dict[int, StationScore]
) -> list[StationTile]:
    return [
        StationTile(station, scores[station.pk])
        for station in stations.select_related("district__county").order_by("code")
        if station.pk in scores
    ]
