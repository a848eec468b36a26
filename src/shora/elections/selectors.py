"""Reads of geography and elections, shaped for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from shora.elections.gates import GateProblem, next_phase, phase_gate_problems
from shora.elections.models import (
    Connectivity,
    Constituency,
    County,
    District,
    Election,
    PollingStation,
)


@dataclass(frozen=True)
class UnitTotals:
    districts: int
    constituencies: int
    cities: int
    villages: int
    stations: int
    population: int
    seats: int
    alternates: int


def unit_totals(
    election: Election, *, county: County | None = None, district: District | None = None
) -> UnitTotals:
    """Counts of one election inside a unit (the whole province when no unit is given)."""
    constituencies = election.constituencies.all()
    stations = election.stations.all()
    districts = District.objects.filter(county__province_id=election.province_id)
    if county is not None:
        constituencies = constituencies.filter(district__county=county)
        stations = stations.filter(district__county=county)
        districts = districts.filter(county=county)
    if district is not None:
        constituencies = constituencies.filter(district=district)
        stations = stations.filter(district=district)
        districts = districts.filter(pk=district.pk)
    sums = constituencies.aggregate(
        population=Sum("population"),
        seats=Sum("members"),
        alternates=Sum("alternates"),
        cities=Count("pk", filter=Q(kind="city")),
        villages=Count("pk", filter=Q(kind="village")),
        total=Count("pk"),
    )
    return UnitTotals(
        districts=districts.count(),
        constituencies=sums["total"] or 0,
        cities=sums["cities"] or 0,
        villages=sums["villages"] or 0,
        stations=stations.count(),
        population=sums["population"] or 0,
        seats=sums["seats"] or 0,
        alternates=sums["alternates"] or 0,
    )


def county_rows(election: Election, counties: QuerySet[County]) -> QuerySet[County]:
    """Counties with their election's constituency, station and seat counts."""
    return counties.annotate(
        constituency_count=Count(
            "districts__constituencies",
            filter=Q(districts__constituencies__election=election),
            distinct=True,
        ),
        station_count=Count(
            "districts__stations", filter=Q(districts__stations__election=election), distinct=True
        ),
    ).order_by("name_key")


def district_rows(election: Election, county: County) -> QuerySet[District]:
    return county.districts.annotate(
        constituency_count=Count(
            "constituencies", filter=Q(constituencies__election=election), distinct=True
        ),
        station_count=Count("stations", filter=Q(stations__election=election), distinct=True),
    ).order_by("name_key")


def constituency_rows(election: Election, district: District) -> QuerySet[Constituency]:
    return (
        election.constituencies.filter(district=district)
        .annotate(station_count=Count("stations"))
        .order_by("kind", "name_key")
    )


def station_rows(constituency: Constituency) -> QuerySet[PollingStation]:
    return constituency.stations.order_by("code")


def connectivity_counts(stations: QuerySet[PollingStation]) -> list[tuple[str, str, int]]:
    """(kind, label, stations) for every kind of link, in the order of ``Connectivity``."""
    rows = stations.values("connectivity").annotate(n=Count("pk"))
    counts = {row["connectivity"]: row["n"] for row in rows}
    return [(kind, str(label), counts.get(kind, 0)) for kind, label in Connectivity.choices]


def election_current(province_id: int | None) -> Election | None:
    """The election a page shows by default: the newest real one of the province."""
    elections = Election.objects.filter(is_drill=False)
    if province_id is not None:
        elections = elections.filter(province_id=province_id)
    return elections.order_by("-polling_date", "-pk").first()


def election_next_gate(election: Election) -> tuple[str | None, list[GateProblem]]:
    """The next phase and what is still missing before the election may enter it."""
    target = next_phase(election.phase)
    if target is None:
        return None, []
    return target, phase_gate_problems(election, target)
