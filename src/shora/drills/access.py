"""Who may see and run drills, built on accounts/access.py.

* The provincial HQ sees and runs drills of its province; the supervisory board reads them.
* County staff and the county's trainers see and run their own county's drills; another
  county's are refused (403), not shown empty.
* District and station users have no drill pages (a station team drills on its console).

One condition per line, so that every branch has its test.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from shora.accounts.models import Role, User
from shora.elections.models import County, Election


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def can_see_drills(user: User, election: Election, county: County) -> bool:
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return user.province_id == election.province_id
    if user.role in (Role.COUNTY, Role.TRAINER):
        return user.county_id == county.pk
    return False


def can_run_drills(user: User, election: Election, county: County) -> bool:
    if user.is_superuser:
        return True
    if user.role == Role.PROVINCE_HQ:
        return user.province_id == election.province_id
    if user.role in (Role.COUNTY, Role.TRAINER):
        return user.county_id == county.pk
    return False


def drill_counties_for(user: User, election: Election) -> list[County]:
    """The counties whose drills ``user`` may see in ``election``: the ones with stations."""
    counties = County.objects.filter(districts__stations__election=election).distinct()
    if user.is_superuser or user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return (
            list(counties) if user.is_superuser or user.province_id == election.province_id else []
        )
    if user.role in (Role.COUNTY, Role.TRAINER):
        return list(counties.filter(pk=user.county_id))
    return []
