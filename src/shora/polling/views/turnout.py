"""Turnout: participations per hour, per county for the province's readers, per station for a
county's (or, at the province, for one county chosen). Only hours are known: nothing finer
is ever stored (DESIGN.md invariant 2)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from shora.accounts.access import can_see_county, election_get_for_user
from shora.accounts.models import Role, User
from shora.elections.models import County, Election, PollingStation
from shora.polling.access import can_see_turnout, require, turnout_stations_for_user
from shora.polling.models import StationDay
from shora.polling.selectors import TurnoutRow, turnout_by_station_hour
from shora.polling.views.common import crumbs, page, signed_in, signed_in_user

HOUR = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class TurnoutLine:
    """One row of the table: a county or a station, its count in each hour and in all."""

    code: str
    name: str
    url: str
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass(frozen=True)
class TurnoutTable:
    hours: list[datetime.datetime]
    lines: list[TurnoutLine]

    @property
    def totals(self) -> list[int]:
        return [sum(column) for column in zip(*(line.cells for line in self.lines), strict=True)]

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


def _hours(rows: Iterable[TurnoutRow]) -> list[datetime.datetime]:
    """Every hour from the first with a participation to the last, none left out between."""
    seen = sorted({timezone.localtime(row.hour) for row in rows})
    if not seen:
        return []
    hours = [seen[0]]
    while hours[-1] < seen[-1]:
        hours.append(hours[-1] + HOUR)
    return hours


def turnout_table(
    rows: list[TurnoutRow], stations: list[PollingStation], *, by_county: bool
) -> TurnoutTable:
    """The rows of the turnout feed laid out as a table of ``stations`` (or their counties);
    rows of other stations are left out, and so are their hours."""
    line_of: dict[int, str] = {}
    heads: dict[str, tuple[str, str, str]] = {}
    for station in stations:
        county = station.district.county
        key = f"c{county.pk}" if by_county else f"s{station.pk}"
        line_of[station.pk] = key
        if by_county:
            heads[key] = (county.code, county.name, f"?county={county.pk}")
        else:
            heads[key] = (station.code, station.name, reverse("polling:station", args=[station.pk]))
    rows = [row for row in rows if row.station_id in line_of]
    hours = _hours(rows)
    column = {hour: index for index, hour in enumerate(hours)}
    cells: dict[str, list[int]] = defaultdict(lambda: [0] * len(hours))
    for row in rows:
        cells[line_of[row.station_id]][column[timezone.localtime(row.hour)]] += row.voters
    lines = [TurnoutLine(*heads[key], cells[key]) for key in heads]
    return TurnoutTable(hours, lines)


def _chosen_county(request: HttpRequest, user: User, election: Election) -> County | None:
    chosen = request.GET.get("county", "")
    if user.role == Role.COUNTY:
        require(not chosen.isdigit() or int(chosen) == user.county_id)
        return user.county
    if not chosen.isdigit():
        return None
    county = get_object_or_404(County, pk=int(chosen))
    require(county.province_id == election.province_id)
    require(can_see_county(user, county))
    return county


def _station_days(stations: QuerySet[PollingStation]) -> dict[str, int]:
    return StationDay.objects.filter(station__in=stations).aggregate(
        opened=Count("pk"), closed=Count("pk", filter=Q(closed_at__isnull=False))
    )


@signed_in
def turnout_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_turnout(user, election))
    county = _chosen_county(request, user, election)
    stations = turnout_stations_for_user(user, election)
    if county is not None:
        stations = stations.filter(district__county=county)
    by_county = county is None and user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR)
    station_list = list(stations.order_by("district__county__name_key", "code"))
    rows = turnout_by_station_hour(election)
    return page(
        request,
        "polling/turnout.html",
        election,
        section="turnout",
        table=turnout_table(rows, station_list, by_county=by_county),
        by_county=by_county,
        county=county,
        may_choose_county=user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR) or user.is_superuser,
        station_count=len(station_list),
        days=_station_days(stations),
        crumbs=crumbs(user, election.province),
    )
