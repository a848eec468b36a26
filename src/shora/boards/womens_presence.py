"""Women's presence, side by side: per board, per level (province, county, district), per
station roster, from two grouped queries however large the province.

Each unit's row counts the people serving there: on its own boards, at its stations
(station rosters), in the field (inspectors and trainers). A county's row covers its own
boards only; its districts have their own rows (shown under it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from shora.boards.models import BoardMembership, StaffPost
from shora.boards.places import BoardPlace
from shora.elections.models import County, District, Election, PollingStation, Province
from shora_domain.staff_roles import BoardKind
from shora_domain.womens_share import NOBODY, Share

UnitKey = tuple[str, int]  # ("province", 0), ("county", id), ("district", id)


@dataclass
class UnitPresence:
    """One unit's row: its boards, its stations' rosters, its field staff."""

    label: str
    level: str
    boards: Share = NOBODY
    stations: Share = NOBODY
    field: Share = NOBODY
    unit_id: int = 0

    @property
    def all(self) -> Share:
        return self.boards + self.stations + self.field


@dataclass
class Presence:
    units: list[UnitPresence] = field(default_factory=list)
    boards: list[tuple[BoardPlace, Share]] = field(default_factory=list)
    stations: list[tuple[PollingStation, Share]] = field(default_factory=list)

    @property
    def total(self) -> Share:
        """Everyone counted once per seat or post (unit rows do not overlap)."""
        total = NOBODY
        for unit in self.units:
            total = total + unit.all
        return total


def _share(rows: list[dict[str, Any]]) -> Share:
    return Share(sum(r["women"] for r in rows), sum(r["n"] for r in rows))


def womens_presence(
    election: Election, *, county: County | None = None, district: District | None = None
) -> Presence:
    """Women's share in ``election``: the whole province, one county, or one district."""
    counts = {"n": Count("pk"), "women": Count("pk", filter=Q(person__gender="female"))}
    seats = BoardMembership.objects.filter(board__election=election, ended_at__isnull=True)
    posts = StaffPost.objects.filter(election=election, ended_at__isnull=True)
    if district is not None:
        seats = seats.filter(board__district=district)
        posts = posts.filter(Q(district=district) | Q(station__district=district))
    elif county is not None:
        seats = seats.filter(board__county=county)
        posts = posts.filter(Q(county=county) | Q(station__district__county=county))
    board_rows: list[dict[str, Any]] = [
        dict(row)
        for row in seats.values("board__kind", "board__county_id", "board__district_id").annotate(
            **counts
        )
    ]
    station_rows: list[dict[str, Any]] = [
        dict(row)
        for row in posts.filter(station__isnull=False)
        .values("station_id", "station__district_id", "station__district__county_id")
        .annotate(**counts)
    ]
    field_rows: list[dict[str, Any]] = [
        dict(row)
        for row in posts.filter(station__isnull=True)
        .values("county_id", "district_id")
        .annotate(**counts)
    ]

    by_unit: dict[UnitKey, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"boards": [], "stations": [], "field": []}
    )
    for row in board_rows:
        by_unit[_unit_key(row["board__county_id"], row["board__district_id"])]["boards"].append(row)
    for row in station_rows:
        by_unit[("district", row["station__district_id"])]["stations"].append(row)
    for row in field_rows:
        by_unit[_unit_key(row["county_id"], row["district_id"])]["field"].append(row)

    presence = Presence()
    for level, unit in _units(election, county, district):
        groups = by_unit.get(
            (level, unit.pk if level != "province" else 0),
            {"boards": [], "stations": [], "field": []},
        )
        presence.units.append(
            UnitPresence(
                label=unit.name,
                level=level,
                unit_id=unit.pk,
                boards=_share(groups["boards"]),
                stations=_share(groups["stations"]),
                field=_share(groups["field"]),
            )
        )
    presence.boards = _board_shares(election, board_rows)
    if county is not None or district is not None:
        presence.stations = _station_shares(election, county, district, station_rows)
    return presence


def _unit_key(county_id: int | None, district_id: int | None) -> UnitKey:
    if district_id is not None:
        return ("district", district_id)
    if county_id is not None:
        return ("county", county_id)
    return ("province", 0)


def _units(
    election: Election, county: County | None, district: District | None
) -> list[tuple[str, Province | County | District]]:
    """(level, unit) of the rows, province first, each county followed by its districts."""
    if district is not None:
        return [("district", district)]
    counties = (
        [county] if county is not None else list(election.province.counties.order_by("name_key"))
    )
    units: list[tuple[str, Province | County | District]] = (
        [] if county is not None else [("province", election.province)]
    )
    districts = District.objects.filter(county__in=counties).order_by("name_key")
    by_county: dict[int, list[District]] = defaultdict(list)
    for each in districts:
        by_county[each.county_id].append(each)
    for each_county in counties:
        units.append(("county", each_county))
        units += [("district", d) for d in by_county[each_county.pk]]
    return units


def _board_shares(election: Election, rows: list[dict[str, Any]]) -> list[tuple[BoardPlace, Share]]:
    counties = {c.pk: c for c in County.objects.filter(province=election.province)}
    districts = {d.pk: d for d in District.objects.filter(county__province=election.province)}
    shares = []
    for row in rows:
        county = counties.get(row["board__county_id"]) if row["board__county_id"] else None
        district = districts.get(row["board__district_id"]) if row["board__district_id"] else None
        place = BoardPlace(
            election, BoardKind(row["board__kind"]), election.province, county, district
        )
        shares.append((place, Share(row["women"], row["n"])))
    order = list(BoardKind)
    return sorted(
        shares,
        key=lambda item: (
            item[0].county.name_key if item[0].county else "",
            item[0].district.name_key if item[0].district else "",
            order.index(item[0].kind),
        ),
    )


def _station_shares(
    election: Election,
    county: County | None,
    district: District | None,
    rows: list[dict[str, Any]],
) -> list[tuple[PollingStation, Share]]:
    stations = election.stations.all()
    if district is not None:
        stations = stations.filter(district=district)
    elif county is not None:
        stations = stations.filter(district__county=county)
    by_station = {row["station_id"]: Share(row["women"], row["n"]) for row in rows}
    return [(station, by_station.get(station.pk, NOBODY)) for station in stations.order_by("code")]
