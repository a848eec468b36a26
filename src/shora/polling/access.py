"""Who may see and do what on the election-day pages of the centre: built on accounts/access.py.

* The election's key: the provincial HQ makes it at the key ceremony; the supervisory board
  reads its page. Nobody else sees it.
* A station's election-day page: whoever may see the station (its county, its district, the
  province, its own staff) reads it, except trainers; the HQ, the station's county and its
  district issue enrolment codes for its process. Supervisors read only.
* Extensions of the polling hours: a county asks for its own county, the HQ for any county;
  the province's supervisory board confirms. A county sees only its own county's requests.
* Turnout: the HQ and the supervisory board see the province, a county its county, a district
  its district.

Anything outside the user's unit is refused (403), never shown empty. One condition per
line, so that every branch has its test.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_change_election, can_see_station, stations_for_user
from shora.accounts.models import Role, User
from shora.elections.models import County, Election, PollingStation
from shora.polling.models import PollingExtension


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def require(allowed: bool) -> None:
    if not allowed:
        raise refuse()


def of_the_province(user: User, election: Election) -> bool:
    """The province's HQ or supervisory board for ``election``."""
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return user.province_id == election.province_id


def can_see_election_key(user: User, election: Election) -> bool:
    if user.is_superuser:
        return True
    return of_the_province(user, election)


def can_make_election_key(user: User, election: Election) -> bool:
    """Only the provincial HQ runs the key ceremony."""
    return can_change_election(user, election)


def can_see_station_day(user: User, station: PollingStation) -> bool:
    if user.role == Role.TRAINER:
        return False
    return can_see_station(user, station)


def can_issue_enrolment_code(user: User, station: PollingStation) -> bool:
    if user.is_superuser:
        return True
    if user.role == Role.PROVINCE_HQ:
        return user.province_id == station.election.province_id
    if user.role == Role.COUNTY:
        return user.county_id == station.district.county_id
    if user.role == Role.DISTRICT:
        return user.district_id == station.district_id
    return False


def can_see_extensions(user: User, election: Election) -> bool:
    if user.is_superuser:
        return True
    if user.role == Role.COUNTY:
        return user.county is not None and user.county.province_id == election.province_id
    return of_the_province(user, election)


def can_request_extension(user: User, election: Election, county: County) -> bool:
    """A county for itself, the HQ for any county of the election's province."""
    if county.province_id != election.province_id:
        return False
    if user.role == Role.PROVINCE_HQ:
        return user.province_id == election.province_id
    if user.role == Role.COUNTY:
        return user.county_id == county.pk
    return False


def may_request_extensions(user: User, election: Election) -> bool:
    """Whether the page offers the request form at all."""
    if user.role == Role.PROVINCE_HQ:
        return user.province_id == election.province_id
    if user.role == Role.COUNTY:
        return user.county is not None and user.county.province_id == election.province_id
    return False


def can_confirm_extension(user: User, election: Election) -> bool:
    """The supervisory board of the election's province confirms extensions."""
    if user.role != Role.SUPERVISOR:
        return False
    return user.province_id == election.province_id


def extensions_for_user(user: User, election: Election) -> QuerySet[PollingExtension]:
    """The extensions of ``election`` the user may see: a county only its own."""
    extensions = PollingExtension.objects.filter(election=election).select_related(
        "county", "requested_by", "confirmed_by"
    )
    if user.role == Role.COUNTY:
        return extensions.filter(county_id=user.county_id)
    return extensions


def extension_get_for_user(user: User, election: Election, extension_id: int) -> PollingExtension:
    extension = get_object_or_404(
        PollingExtension.objects.select_related("county", "election"),
        pk=extension_id,
        election=election,
    )
    require(can_see_extensions(user, election))
    require(user.role != Role.COUNTY or user.county_id == extension.county_id)
    return extension


def can_see_turnout(user: User, election: Election) -> bool:
    if user.is_superuser:
        return True
    if user.role == Role.COUNTY:
        return user.county is not None and user.county.province_id == election.province_id
    if user.role == Role.DISTRICT:
        return (
            user.district is not None and user.district.county.province_id == election.province_id
        )
    return of_the_province(user, election)


def turnout_stations_for_user(user: User, election: Election) -> QuerySet[PollingStation]:
    """The stations whose turnout the user sees: a county its county's, a district its own."""
    return stations_for_user(user, election).select_related("district__county")
