"""Reads of station rosters, inspectors and trainers: who serves, what each station lacks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from shora.boards.models import StaffPost
from shora.boards.selectors.settings import composition_table_for
from shora.elections.models import County, Election, PollingStation
from shora_domain.board_composition import CompositionTable, Gap, roster_gaps
from shora_domain.staff_roles import StaffRole
from shora_domain.womens_share import Share, share_of


@dataclass
class RosterSummary:
    station: PollingStation
    roster: CompositionTable
    posts: list[StaffPost]

    @property
    def filled(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for post in self.posts:
            counts[post.role] += 1
        return dict(counts)

    @property
    def gaps(self) -> list[Gap]:
        return roster_gaps(self.roster.station_roster, self.filled)

    @property
    def share(self) -> Share:
        return share_of(post.person.gender for post in self.posts)

    @property
    def seats(self) -> list[tuple[StaffRole, int, int | None, list[StaffPost]]]:
        return [
            (
                StaffRole(seat.role),
                seat.minimum,
                seat.maximum,
                [p for p in self.posts if p.role == seat.role],
            )
            for seat in self.roster.station_roster
        ]


def station_roster(station: PollingStation) -> RosterSummary:
    posts = list(
        StaffPost.objects.filter(station=station, ended_at__isnull=True)
        .select_related("person")
        .order_by("role", "person__name_key")
    )
    return RosterSummary(station, composition_table_for(station.election), posts)


def roster_counts(stations: QuerySet[PollingStation]) -> dict[int, dict[str, int]]:
    """Active posts per station and role, for many stations in one query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        StaffPost.objects.filter(station__in=stations, ended_at__isnull=True)
        .values("station_id", "role")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["station_id"]][row["role"]] = row["n"]
    return counts


def stations_with_roster_gaps(
    election: Election, stations: QuerySet[PollingStation]
) -> list[tuple[PollingStation, list[Gap]]]:
    """Stations whose roster lacks someone, with what it lacks, in code order."""
    roster = composition_table_for(election).station_roster
    counts = roster_counts(stations)
    found = []
    for station in stations.order_by("code"):
        gaps = roster_gaps(roster, counts.get(station.pk, {}))
        if gaps:
            found.append((station, gaps))
    return found


def field_posts(
    election: Election, county: County, district_id: int | None = None
) -> QuerySet[StaffPost]:
    """Inspectors and trainers of a county (and of its districts), or of one district."""
    posts = StaffPost.objects.filter(
        election=election, county=county, station__isnull=True, ended_at__isnull=True
    )
    if district_id is not None:
        posts = posts.filter(district_id=district_id)
    return posts.select_related("person", "district").order_by("role", "person__name_key")


@dataclass
class RosterRow:
    """A station's roster in one line of a table: counts by role, gaps, women's share."""

    station: PollingStation
    counts: dict[str, int]
    gaps: list[Gap]
    share: Share


def station_roster_rows(election: Election, stations: QuerySet[PollingStation]) -> list[RosterRow]:
    """Every station's roster line, in three queries whatever the number of stations."""
    roster = composition_table_for(election).station_roster
    counts = roster_counts(stations)
    genders: dict[int, Share] = {}
    rows = (
        StaffPost.objects.filter(station__in=stations, ended_at__isnull=True)
        .values("station_id")
        .annotate(n=Count("pk"), women=Count("pk", filter=Q(person__gender="female")))
    )
    for row in rows:
        genders[row["station_id"]] = Share(row["women"], row["n"])
    return [
        RosterRow(
            station=station,
            counts=counts.get(station.pk, {}),
            gaps=roster_gaps(roster, counts.get(station.pk, {})),
            share=genders.get(station.pk, Share(0, 0)),
        )
        for station in stations.order_by("code")
    ]
