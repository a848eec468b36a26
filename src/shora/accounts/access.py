"""Who may see and change what: every scope decision of the project is made here.

Each getter loads one object for one user, or raises ``PermissionDenied`` (HTTP 403) when
the object lies outside the user's unit: another county's data is refused, not shown as
empty. One condition per line, so every branch has its test.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from shora.accounts.models import Role, User
from shora.elections.models import (
    Constituency,
    County,
    District,
    Election,
    PollingStation,
    Province,
)


def _refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def user_province_id(user: User) -> int | None:
    """The province the user works in, whatever their role."""
    if user.is_superuser and user.province_id is None:
        return None
    if user.province_id is not None:
        return user.province_id
    if user.county is not None:
        return user.county.province_id
    if user.district is not None:
        return user.district.county.province_id
    if user.station is not None:
        return user.station.district.county.province_id
    return None


def can_see_county(user: User, county: County) -> bool:
    """The county's own page: the province's HQ and supervisors, the county's own staff."""
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return county.province_id == user.province_id
    if user.role in (Role.COUNTY, Role.TRAINER):
        return county.pk == user.county_id
    return False


def can_see_district(user: User, district: District) -> bool:
    if user.role == Role.DISTRICT:
        return district.pk == user.district_id
    return can_see_county(user, district.county)


def can_see_station(user: User, station: PollingStation) -> bool:
    """Station staff see only their own station."""
    if user.role == Role.STATION:
        return station.pk == user.station_id
    return can_see_district(user, station.district)


def can_see_constituency(user: User, constituency: Constituency) -> bool:
    """Station staff see the councils their station serves."""
    if user.role == Role.STATION:
        return constituency.stations.filter(pk=user.station_id).exists()
    return can_see_district(user, constituency.district)


def can_see_province(user: User, province: Province) -> bool:
    """The province overview: its HQ and its supervisory board only."""
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return user.province_id == province.pk


def can_see_election(user: User, election: Election) -> bool:
    """Everyone who works in the election's province may read the election and its settings."""
    if user.is_superuser:
        return True
    return user_province_id(user) == election.province_id


def can_change_election(user: User, election: Election) -> bool:
    """Only the provincial HQ of the election's province defines and advances it."""
    if user.is_superuser:
        return True
    if user.role != Role.PROVINCE_HQ:
        return False
    return election.province_id == user.province_id


def province_get_for_user(user: User, province_id: int) -> Province:
    province = get_object_or_404(Province, pk=province_id)
    if not can_see_province(user, province):
        raise _refuse()
    return province


def county_get_for_user(user: User, county_id: int) -> County:
    county = get_object_or_404(County.objects.select_related("province"), pk=county_id)
    if not can_see_county(user, county):
        raise _refuse()
    return county


def district_get_for_user(user: User, district_id: int) -> District:
    district = get_object_or_404(District.objects.select_related("county"), pk=district_id)
    if not can_see_district(user, district):
        raise _refuse()
    return district


def constituency_get_for_user(user: User, constituency_id: int) -> Constituency:
    constituency = get_object_or_404(
        Constituency.objects.select_related("district__county", "election"), pk=constituency_id
    )
    if not can_see_constituency(user, constituency):
        raise _refuse()
    return constituency


def station_get_for_user(user: User, station_id: int) -> PollingStation:
    station = get_object_or_404(
        PollingStation.objects.select_related("district__county", "election"), pk=station_id
    )
    if not can_see_station(user, station):
        raise _refuse()
    return station


def election_get_for_user(user: User, election_id: int) -> Election:
    election = get_object_or_404(Election.objects.select_related("province"), pk=election_id)
    if not can_see_election(user, election):
        raise _refuse()
    return election


def counties_for_user(user: User) -> QuerySet[County]:
    """The counties whose pages the user may open (the same rule as ``can_see_county``)."""
    counties = County.objects.all()
    if user.is_superuser:
        return counties
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return counties.filter(province_id=user.province_id)
    if user.role in (Role.COUNTY, Role.TRAINER):
        return counties.filter(pk=user.county_id)
    return counties.none()


def stations_for_user(user: User, election: Election) -> QuerySet[PollingStation]:
    stations = election.stations.all()
    if user.is_superuser or user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return stations
    if user.role == Role.STATION:
        return stations.filter(pk=user.station_id)
    if user.role == Role.DISTRICT:
        return stations.filter(district_id=user.district_id)
    return stations.filter(district__county_id=user.county_id)
