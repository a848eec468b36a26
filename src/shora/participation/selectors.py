"""Reads of participation: turnout against the eligible register, per unit, hour, gender
and age band; targets; women's share of every group, side by side.

The polling app's turnout feed (``turnout_by_station_hour``) counts per station and hour
only; the dashboard also needs the voter's gender and birth date and the voter's
constituency, so the queries here read ``Participation`` joined to ``Voter`` directly, in a
few grouped queries whatever the province's size. The eligible side is the register's own
filter (``registers.selectors.eligible_voters``). Nothing finer than the hour exists.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shora.elections.models import Election, PollingStation
from shora.participation.access import Scope
from shora.participation.models import CountyTarget
from shora.participation.rollup import Totals, running_totals, voted_by_hour, voted_by_station
from shora.polling.models import Participation
from shora.registers.models import Voter
from shora.registers.selectors import eligible_voters
from shora_domain.turnout_rules import (
    AgeBand,
    age_bands,
    peak_hour_load,
    percent_tenths,
    voters_needed,
)
from shora_domain.womens_share import Share

HOUR = datetime.timedelta(hours=1)


def _voters_in(election: Election, scope: Scope) -> QuerySet[Voter]:
    voters = eligible_voters(election)
    if scope.district is not None:
        return voters.filter(constituency__district=scope.district)
    if scope.county is not None:
        return voters.filter(constituency__district__county=scope.county)
    return voters


def participations_in(
    election: Election, scope: Scope, until: datetime.datetime | None = None
) -> QuerySet[Participation]:
    """The participations of ``scope`` (before the hour ``until``, if given)."""
    rows = Participation.objects.filter(election=election)
    if scope.district is not None:
        rows = rows.filter(constituency__district=scope.district)
    elif scope.county is not None:
        rows = rows.filter(constituency__district__county=scope.county)
    if until is not None:
        rows = rows.filter(hour__lt=until)
    return rows


def _band_condition(band: AgeBand, prefix: str) -> Q:
    condition = Q(**{f"{prefix}birth_date__lte": band.born_on_or_before})
    if band.born_after is not None:
        condition &= Q(**{f"{prefix}birth_date__gt": band.born_after})
    return condition


def _columns(election: Election, prefix: str) -> dict[str, Count]:
    bands = age_bands(election.polling_date, election.voter_minimum_age)
    return {
        "n": Count("pk"),
        "women": Count("pk", filter=Q(**{f"{prefix}gender": "female"})),
        **{band.key: Count("pk", filter=_band_condition(band, prefix)) for band in bands},
    }


@dataclass(frozen=True)
class Figures:
    """Eligible voters and voters of one unit or group, and the targets that bind it."""

    key: str
    code: str
    name: str
    eligible: int
    voters: int
    women_eligible: int = 0
    women_voters: int = 0
    target_tenths: int | None = None
    last_tenths: int | None = None
    link: str = ""

    @property
    def turnout_tenths(self) -> int | None:
        return percent_tenths(self.voters, self.eligible) if self.eligible else None

    @property
    def gap_tenths(self) -> int | None:
        """Turnout less the target, in tenths of a percent (negative: below target)."""
        if self.target_tenths is None or self.turnout_tenths is None:
            return None
        return self.turnout_tenths - self.target_tenths

    @property
    def voters_short(self) -> int | None:
        """Voters still needed to reach the target (0 once reached)."""
        if self.target_tenths is None:
            return None
        return max(0, voters_needed(self.eligible, self.target_tenths) - self.voters)

    @property
    def women_eligible_share(self) -> Share:
        return Share(self.women_eligible, self.eligible)

    @property
    def women_voters_share(self) -> Share:
        return Share(self.women_voters, self.voters)


def county_targets(election: Election) -> dict[int, CountyTarget]:
    return {row.county_id: row for row in CountyTarget.objects.filter(election=election)}


def unit_queries(
    election: Election, scope: Scope, path: str
) -> tuple[QuerySet[Voter, dict[str, Any]], QuerySet[Participation, dict[str, Any]]]:
    """The two grouped queries of the unit lines (eligible, voted), by ``path`` from the
    voter's or the participation's constituency; ``shora bench participation`` runs the same
    SQL on the raw engine."""
    eligible = _voters_in(election, scope).values(path).annotate(**_columns(election, ""))
    voted = (
        participations_in(election, scope).values(path).annotate(**_columns(election, "voter__"))
    )
    return eligible, voted


def _in_scope(scope: Scope, totals: Totals) -> list[tuple[int, int, int]]:
    """(constituency, district, county) ids of the constituencies of ``scope``."""
    if scope.district is not None:
        return [place for place in totals.places if place[1] == scope.district.pk]
    if scope.county is not None:
        return [place for place in totals.places if place[2] == scope.county.pk]
    return totals.places


def _summed(
    scope: Scope, kind: str | None, totals: Totals
) -> tuple[dict[Any, dict[str, int]], dict[Any, dict[str, int]]]:
    """Eligible voters and voters (``n``, ``women``, each band) summed per unit of ``kind``
    (county, district, constituency; None: the whole scope, under the key None), from the
    running totals (``participation.rollup``), not from the register and the ledger."""
    eligible: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    voted: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for constituency, district, county in _in_scope(scope, totals):
        unit = {"county": county, "district": district, "constituency": constituency}.get(
            kind or ""
        )
        for source, target in ((totals.eligible, eligible), (totals.voted, voted)):
            for key, n in source.get(constituency, {}).items():
                target[unit][key] += n
    return eligible, voted


def unit_figures(election: Election, scope: Scope, totals: Totals | None = None) -> list[Figures]:
    """One line per unit under ``scope``: counties of the province, districts of a county,
    constituencies of a district. Units without voters are listed too."""
    targets = county_targets(election)
    if scope.level == "province":
        units: list[Any] = list(election.province.counties.order_by("name_key"))
        kind = "county"
    elif scope.level == "county":
        units = list(scope.county.districts.order_by("name_key"))  # type: ignore[union-attr]
        kind = "district"
    else:
        units = list(
            election.constituencies.filter(district=scope.district)
            .select_related("district")
            .order_by("code")
        )
        kind = "constituency"
    eligible, voted = _summed(scope, kind, totals or running_totals(election))
    lines = []
    for unit in units:
        county_id = {
            "county": lambda u: u.pk,
            "district": lambda u: u.county_id,
            "constituency": lambda u: u.district.county_id,
        }[kind](unit)
        target = targets.get(county_id)
        lines.append(
            Figures(
                key=f"{kind}:{unit.pk}",
                code=unit.code,
                name=unit.name,
                eligible=eligible.get(unit.pk, {}).get("n", 0),
                voters=voted.get(unit.pk, {}).get("n", 0),
                women_eligible=eligible.get(unit.pk, {}).get("women", 0),
                women_voters=voted.get(unit.pk, {}).get("women", 0),
                target_tenths=target.target_tenths if target else None,
                last_tenths=target.last_turnout_tenths if target else None,
                link=(
                    f"?county={unit.pk}"
                    if kind == "county"
                    else f"?district={unit.pk}"
                    if kind == "district"
                    else ""
                ),
            )
        )
    return lines


def scope_figures(election: Election, scope: Scope, lines: list[Figures]) -> Figures:
    """The scope's own totals; its target is the counties' targets weighted by their
    eligible voters (the voters needed over the eligible), where every county has one."""
    eligible = sum(line.eligible for line in lines)
    voters = sum(line.voters for line in lines)
    targets = county_targets(election)
    target_tenths = last_tenths = None
    if scope.county is not None:
        own = targets.get(scope.county.pk)
        target_tenths = own.target_tenths if own else None
        last_tenths = own.last_turnout_tenths if own else None
    elif lines and all(line.target_tenths is not None for line in lines) and eligible:
        needed = sum(voters_needed(line.eligible, line.target_tenths or 0) for line in lines)
        target_tenths = percent_tenths(needed, eligible)
    known = lines and all(line.last_tenths is not None for line in lines)
    if scope.county is None and known and eligible:
        last_voters = sum(line.eligible * (line.last_tenths or 0) // 1000 for line in lines)
        last_tenths = percent_tenths(last_voters, eligible)
    return Figures(
        key=scope.level,
        code="",
        name="",
        eligible=eligible,
        voters=voters,
        women_eligible=sum(line.women_eligible for line in lines),
        women_voters=sum(line.women_voters for line in lines),
        target_tenths=target_tenths,
        last_tenths=last_tenths,
    )


@dataclass(frozen=True)
class StationRef:
    """What the dashboard shows of a station (plain values: a province's thousands of
    stations are not worth a model instance each)."""

    pk: int
    code: str
    name: str
    district_id: int
    county_id: int
    district_name: str


@dataclass(frozen=True)
class StationLine:
    """A station's voters so far and the voters expected in its busiest hour (None: no
    target or last turnout known for its county)."""

    station: StationRef
    voters: int
    eligible_share: int
    peak_load: int | None

    def overloaded(self, capacity: int) -> bool:
        return self.peak_load is not None and self.peak_load > capacity


def station_lines(
    election: Election, scope: Scope, *, province: bool = False, totals: Totals | None = None
) -> list[StationLine]:
    """Voters per station of a county or district (of the whole province with
    ``province``), and the expected queue at the peak hour.

    A constituency's voters may vote at any of its stations, so a station has no
    percentage; for planning, each constituency's eligible voters are spread evenly over
    the stations serving it, times the county's target (else the last election's turnout)
    and the peak hour's share (``turnout_rules.peak_hour_load``). A few queries whatever
    the number of stations, the counts from the running totals."""
    stations = election.stations.all()
    if scope.district is not None:
        stations = stations.filter(district=scope.district)
    elif scope.county is not None:
        stations = stations.filter(district__county=scope.county)
    elif not province:
        return []
    station_list = [
        StationRef(*row)
        for row in stations.order_by("code").values_list(
            "pk", "code", "name", "district_id", "district__county_id", "district__name"
        )
    ]
    through = PollingStation.constituencies.through
    links: dict[int, list[int]] = {}
    for station_id, constituency_id in through.objects.filter(
        pollingstation__in=stations
    ).values_list("pollingstation_id", "constituency_id"):
        links.setdefault(station_id, []).append(constituency_id)
    totals = totals or running_totals(election)
    in_scope = [row[0] for row in _in_scope(scope, totals)]
    counts = voted_by_station(election, in_scope, fold=False)
    eligible = {constituency: row.get("n", 0) for constituency, row in totals.eligible.items()}
    if scope.level == "province":  # every station is in the list: count from its links
        serving: dict[int, int] = defaultdict(int)
        for served in links.values():
            for constituency_id in served:
                serving[constituency_id] += 1
    else:  # a constituency may also be served by a station outside the scope
        serving = dict(
            through.objects.filter(pollingstation__election=election)
            .values_list("constituency_id")
            .annotate(n=Count("pk"))
            .values_list("constituency_id", "n")
        )
    targets = county_targets(election)
    lines = []
    for station in station_list:
        plan = targets.get(station.county_id)
        expected = None
        if plan is not None:
            expected = (
                plan.target_tenths if plan.target_tenths is not None else plan.last_turnout_tenths
            )
        share = load = 0
        for constituency_id in links.get(station.pk, []):
            voters_here = eligible.get(constituency_id, 0)
            stations_here = serving.get(constituency_id, 1)
            share += -(-voters_here // stations_here)
            if expected is not None:
                load += peak_hour_load(voters_here, stations_here, turnout_tenths=expected) or 0
        lines.append(
            StationLine(
                station, counts.get(station.pk, 0), share, load if expected is not None else None
            )
        )
    return lines


@dataclass(frozen=True)
class UnitPlan:
    """A county's or district's stations against its eligible voters, and how many of its
    stations are expected above the hourly capacity at the peak hour."""

    line: Figures
    stations: int
    overloaded: int
    busiest: int | None

    @property
    def eligible_per_station(self) -> int | None:
        return -(-self.line.eligible // self.stations) if self.stations else None

    @property
    def stations_per_10000(self) -> int | None:
        """Stations per 10,000 eligible voters, in tenths (a whole station is 10)."""
        if not self.line.eligible:
            return None
        return (self.stations * 100_000 * 2 + self.line.eligible) // (2 * self.line.eligible)


def unit_plans(
    scope: Scope, lines: list[Figures], stations: list[StationLine], capacity: int
) -> list[UnitPlan]:
    """One plan per county (of the province) or district (of a county); none for the
    constituencies of a district, which share their stations."""
    if scope.level == "district":
        return []

    def unit_of(line: StationLine) -> str:
        if scope.level == "province":
            return f"county:{line.station.county_id}"
        return f"district:{line.station.district_id}"

    grouped: dict[str, list[StationLine]] = {}
    for station in stations:
        grouped.setdefault(unit_of(station), []).append(station)
    plans = []
    for line in lines:
        own = grouped.get(line.key, [])
        loads = [s.peak_load for s in own if s.peak_load is not None]
        plans.append(
            UnitPlan(
                line,
                len(own),
                sum(1 for s in own if s.overloaded(capacity)),
                max(loads) if loads else None,
            )
        )
    return plans


@dataclass(frozen=True)
class HourPoint:
    hour: datetime.datetime
    voters: int
    so_far: int


def polling_hours(election: Election) -> list[datetime.datetime]:
    """The hours of the polling window, opening hour first (an hour begun counts)."""
    opens = timezone.make_aware(datetime.datetime.combine(election.polling_date, election.opens_at))
    closes = timezone.make_aware(
        datetime.datetime.combine(election.polling_date, election.closes_at)
    )
    hour = opens.replace(minute=0, second=0, microsecond=0)
    hours = []
    while hour < closes:
        hours.append(hour)
        hour += HOUR
    return hours


def hour_curve(
    election: Election,
    scope: Scope,
    until: datetime.datetime | None = None,
    totals: Totals | None = None,
) -> list[HourPoint]:
    """Voters per hour of the window and so far, hours with no one too; an hour outside
    the window with participations (an extension) is added in its place."""
    if until is None:
        totals = totals or running_totals(election)
        by_hour = voted_by_hour(election, [row[0] for row in _in_scope(scope, totals)], fold=False)
    else:  # an hour of the past: counted from the ledger itself (rarely asked)
        by_hour = dict(
            participations_in(election, scope, until)
            .values_list("hour")
            .annotate(n=Count("pk"))
            .values_list("hour", "n")
        )
    counted = {timezone.localtime(hour): n for hour, n in by_hour.items()}
    hours = sorted(set(polling_hours(election)) | set(counted))
    if until is not None:
        hours = [hour for hour in hours if hour < until]
    points, so_far = [], 0
    for hour in hours:
        so_far += counted.get(hour, 0)
        points.append(HourPoint(hour, counted.get(hour, 0), so_far))
    return points


@dataclass(frozen=True)
class GroupLine:
    label_fa: str
    label_en: str
    eligible: int
    voters: int
    first_time: bool = False

    @property
    def turnout_tenths(self) -> int | None:
        return percent_tenths(self.voters, self.eligible) if self.eligible else None


def _aggregate(
    election: Election, scope: Scope, totals: Totals | None
) -> tuple[dict[str, int], dict[str, int]]:
    eligible, voted = _summed(scope, None, totals or running_totals(election))
    return eligible[None], voted[None]


def gender_and_age_lines(
    election: Election, scope: Scope, totals: Totals | None = None
) -> tuple[list[GroupLine], list[GroupLine]]:
    """(women and men, the age bands youngest first), each eligible and voted."""
    eligible, voted = _aggregate(election, scope, totals)
    genders = [
        GroupLine("زنان", "women", eligible["women"], voted["women"]),
        GroupLine("مردان", "men", eligible["n"] - eligible["women"], voted["n"] - voted["women"]),
    ]
    ages = [
        GroupLine(
            band.label("fa"), band.label("en"), eligible[band.key], voted[band.key], band.first_time
        )
        for band in age_bands(election.polling_date, election.voter_minimum_age)
    ]
    return genders, ages
