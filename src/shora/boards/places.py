"""Where a board or a post sits, what it is called, and which constituencies it covers.

A board is addressed by its election, kind and unit (``BoardPlace``) whether or not its
row exists yet. A post's authority is the set of the election's constituencies it
covers: a provincial board every one, a county board those of the county, a district
board those of the district, a station post those the station serves, an inspector or a
trainer those of their county or district.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from shora.boards.models import Board, BoardMembership, StaffPost
from shora.elections.models import County, District, Election, PollingStation, Province
from shora_domain.conflicts import PostFacts
from shora_domain.digits import to_persian_digits
from shora_domain.post_clashes import PostPlace, PostSide
from shora_domain.staff_roles import BoardKind, BoardLevel, StaffRole


@dataclass(frozen=True)
class BoardPlace:
    """A board by election, kind and unit; ``board`` is its row once it has one."""

    election: Election
    kind: BoardKind
    province: Province
    county: County | None = None
    district: District | None = None

    @property
    def unit(self) -> Province | County | District:
        return self.district or self.county or self.province

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    def label(self, language: str = "fa") -> str:
        return board_label(self.kind, self.unit, language)

    @property
    def board(self) -> Board | None:
        return (
            Board.objects.filter(
                election=self.election,
                kind=self.kind,
                county=self.county,
                district=self.district,
            )
            .select_related("province", "county", "district")
            .first()
        )

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.unit_id}"


def board_place(election: Election, kind: BoardKind, unit_id: int) -> BoardPlace:
    """The board of ``kind`` at the unit ``unit_id`` (a province, county or district id by
    the kind's level); 404 when the unit is not of the election's province."""
    province_id = election.province_id
    if kind.level == BoardLevel.PROVINCE:
        province = get_object_or_404(Province, pk=unit_id, pk__in=[province_id])
        return BoardPlace(election, kind, province)
    if kind.level == BoardLevel.COUNTY:
        county = get_object_or_404(
            County.objects.select_related("province"), pk=unit_id, province_id=province_id
        )
        return BoardPlace(election, kind, county.province, county)
    district = get_object_or_404(
        District.objects.select_related("county__province"),
        pk=unit_id,
        county__province_id=province_id,
    )
    return BoardPlace(election, kind, district.county.province, district.county, district)


def place_of_board(board: Board) -> BoardPlace:
    return BoardPlace(
        board.election, board.board_kind, board.province, board.county, board.district
    )


def board_label(kind: BoardKind, unit: Province | County | District, language: str = "fa") -> str:
    """ "هیئت اجرایی شهرستان اهواز" / "county executive board of Ahvaz"."""
    if language == "en":
        return f"{kind.label('en')} of {unit.name_en or unit.name}"
    return f"{kind.label('fa')} {unit.name}"


def station_label(station: PollingStation, language: str = "fa") -> str:
    if language == "en":
        return f"station {station.code} ({station.name})"
    return f"شعبهٔ {to_persian_digits(station.code)} ({station.name})"


def unit_label(unit: County | District, language: str = "fa") -> str:
    if isinstance(unit, County):
        return (
            f"county of {unit.name_en or unit.name}" if language == "en" else f"شهرستان {unit.name}"
        )
    return f"district of {unit.name_en or unit.name}" if language == "en" else f"بخش {unit.name}"


class Authority:
    """The constituencies each unit and station of one election covers, one query a time:
    for a few posts (one person's)."""

    def __init__(self, election: Election) -> None:
        self.election = election

    def of_unit(self, county_id: int | None, district_id: int | None) -> frozenset[int]:
        """A board's or field post's: the province (neither given), a county, a district."""
        constituencies = self.election.constituencies.all()
        if district_id is not None:
            constituencies = constituencies.filter(district_id=district_id)
        elif county_id is not None:
            constituencies = constituencies.filter(district__county_id=county_id)
        return frozenset(constituencies.values_list("pk", flat=True))

    def of_station(self, station_id: int) -> frozenset[int]:
        return frozenset(
            PollingStation.constituencies.through.objects.filter(
                pollingstation_id=station_id
            ).values_list("constituency_id", flat=True)
        )


class ElectionAuthority(Authority):
    """The same answers loaded for the whole election at once (two queries in all): for
    pages and checks that go through thousands of posts."""

    def __init__(self, election: Election) -> None:
        super().__init__(election)
        self._by_unit: dict[tuple[str, int], set[int]] | None = None
        self._by_station: dict[int, frozenset[int]] | None = None

    def _units(self) -> dict[tuple[str, int], set[int]]:
        if self._by_unit is None:
            by_unit: dict[tuple[str, int], set[int]] = {("province", 0): set()}
            rows = self.election.constituencies.values_list(
                "pk", "district_id", "district__county_id"
            )
            for pk, district_id, county_id in rows:
                by_unit[("province", 0)].add(pk)
                by_unit.setdefault(("county", county_id), set()).add(pk)
                by_unit.setdefault(("district", district_id), set()).add(pk)
            self._by_unit = by_unit
        return self._by_unit

    def of_unit(self, county_id: int | None, district_id: int | None) -> frozenset[int]:
        if district_id is not None:
            key = ("district", district_id)
        elif county_id is not None:
            key = ("county", county_id)
        else:
            key = ("province", 0)
        return frozenset(self._units().get(key, ()))

    def of_station(self, station_id: int) -> frozenset[int]:
        if self._by_station is None:
            links: dict[int, set[int]] = {}
            rows = PollingStation.constituencies.through.objects.filter(
                pollingstation__election=self.election
            ).values_list("pollingstation_id", "constituency_id")
            for station, constituency in rows:
                links.setdefault(station, set()).add(constituency)
            self._by_station = {station: frozenset(ids) for station, ids in links.items()}
        return self._by_station.get(station_id, frozenset())


def board_side(kind: BoardKind) -> PostSide:
    return PostSide.SUPERVISORY if kind.is_supervisory else PostSide.EXECUTIVE


# -- a place for each kind of post -------------------------------------------------------


def board_post_place(place: BoardPlace, authority: Authority | None = None) -> PostPlace:
    authority = authority or Authority(place.election)
    return PostPlace(
        key=f"board:{place.key}",
        side=board_side(place.kind),
        label_fa=place.label("fa"),
        label_en=place.label("en"),
        constituency_ids=authority.of_unit(
            place.county.pk if place.county else None,
            place.district.pk if place.district else None,
        ),
    )


def staff_post_place(
    role: StaffRole,
    *,
    election: Election,
    station: PollingStation | None = None,
    county: County | None = None,
    district: District | None = None,
    authority: Authority | None = None,
) -> PostPlace:
    """The place of a station post (``station``) or a field post (``county``/``district``)."""
    authority = authority or Authority(election)
    if station is not None:
        where_fa, where_en = station_label(station, "fa"), station_label(station, "en")
        covered = authority.of_station(station.pk)
        key = f"station:{station.pk}"
    else:
        unit = district or county
        assert unit is not None
        where_fa, where_en = unit_label(unit, "fa"), unit_label(unit, "en")
        covered = authority.of_unit(
            county.pk if county else None, district.pk if district else None
        )
        key = f"{'district' if district else 'county'}:{unit.pk}"
    return PostPlace(
        key=f"staff:{role.value}:{key}",
        side=PostSide.FIELD,
        label_fa=f"{role.label('fa')}، {where_fa}",
        label_en=f"{role.label('en')}, {where_en}",
        constituency_ids=covered,
    )


def membership_place(membership: BoardMembership, authority: Authority | None = None) -> PostPlace:
    return board_post_place(place_of_board(membership.board), authority)


def staff_place(post: StaffPost, authority: Authority | None = None) -> PostPlace:
    return staff_post_place(
        StaffRole(post.role),
        election=post.election,
        station=post.station,
        county=post.county,
        district=post.district,
        authority=authority,
    )


def post_facts(place: PostPlace, national_code: str) -> PostFacts:
    return PostFacts(
        key=place.key,
        national_code=national_code,
        label_fa=place.label_fa,
        label_en=place.label_en,
        constituency_ids=place.constituency_ids,
    )
