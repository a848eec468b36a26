"""Who sees the participation dashboard, and which part of the province.

The same rule as the turnout page (``shora.polling.access``): the provincial HQ and the
supervisory board see the province and any county or district of it, a county user its
county only, a district user its district only. Asking for another unit is refused (403),
never shown empty. Only the provincial HQ sets targets and goals. The public page needs
no sign-in and shows no unit smaller than a county.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_change_election, can_see_county
from shora.accounts.models import Role, User
from shora.elections.models import County, District, Election
from shora.polling.access import can_see_turnout


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def require(allowed: bool) -> None:
    if not allowed:
        raise refuse()


def can_see_dashboard(user: User, election: Election) -> bool:
    return can_see_turnout(user, election)


def can_set_targets(user: User, election: Election) -> bool:
    return can_change_election(user, election)


@dataclass(frozen=True)
class Scope:
    """The part of the province a dashboard shows: all of it, a county, or a district."""

    county: County | None = None
    district: District | None = None

    @property
    def level(self) -> str:
        if self.district is not None:
            return "district"
        return "county" if self.county is not None else "province"

    def query(self) -> str:
        if self.district is not None:
            return f"?district={self.district.pk}"
        return f"?county={self.county.pk}" if self.county is not None else ""


def _number(request: HttpRequest, name: str) -> int | None:
    chosen = request.GET.get(name, "").strip()
    if not chosen:
        return None
    require(chosen.isdigit())
    return int(chosen)


def scope_for(request: HttpRequest, user: User, election: Election) -> Scope:
    """The unit asked for (``?county=``, ``?district=``), checked against the user's own."""
    require(can_see_dashboard(user, election))
    county_id = _number(request, "county")
    district_id = _number(request, "district")
    if user.role == Role.DISTRICT:
        require(district_id in (None, user.district_id))
        require(county_id is None)
        return Scope(user.district.county if user.district else None, user.district)
    if district_id is not None:
        district = get_object_or_404(District.objects.select_related("county"), pk=district_id)
        require(district.county.province_id == election.province_id)
        require(can_see_county(user, district.county))
        require(county_id in (None, district.county_id))
        return Scope(district.county, district)
    if user.role == Role.COUNTY:
        require(county_id in (None, user.county_id))
        return Scope(user.county)
    if county_id is None:
        return Scope()
    county = get_object_or_404(County, pk=county_id)
    require(county.province_id == election.province_id)
    require(can_see_county(user, county))
    return Scope(county)
