"""Who may see and change training: built on accounts/access.py.

* The provincial HQ writes the programmes and their question banks, and sees the whole
  province's training and its reports; the supervisory board reads the same and changes
  nothing.
* County staff and the county's trainers schedule their county's sessions, take attendance
  and see their people's results (answers included); never another county's.
* A trainee reaches only their own tests, through their personal code; no account needed.
* District and station staff have no part in it.

Anything outside the user's unit is refused (403), never shown empty.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from shora.accounts.models import Role, User
from shora.elections.models import County, Election


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def require(allowed: bool) -> None:
    if not allowed:
        raise refuse()


def can_see_province_training(user: User, election: Election) -> bool:
    """The whole province's results and the HQ's reports: HQ and supervisors."""
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return user.province_id == election.province_id


def can_see_training(user: User, election: Election) -> bool:
    """The training pages at all: the province's HQ and supervisors, county staff, trainers."""
    if can_see_province_training(user, election):
        return True
    if user.role not in (Role.COUNTY, Role.TRAINER) or user.county is None:
        return False
    return user.county.province_id == election.province_id


def can_see_county_training(user: User, county: County) -> bool:
    """A county's sessions, attendance and people's results (answers included)."""
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return user.province_id == county.province_id
    if user.role in (Role.COUNTY, Role.TRAINER):
        return user.county_id == county.pk
    return False


def can_manage_county_training(user: User, county: County) -> bool:
    """Schedule a county's sessions and take their attendance: its own staff and trainers."""
    if user.is_superuser:
        return True
    if user.role not in (Role.COUNTY, Role.TRAINER):
        return False
    return user.county_id == county.pk


def can_manage_programmes(user: User, election: Election) -> bool:
    """Programmes, modules and question banks: the provincial HQ of the election's province."""
    if user.is_superuser:
        return True
    if user.role != Role.PROVINCE_HQ:
        return False
    return user.province_id == election.province_id


def visible_county_ids(user: User, election: Election) -> list[int] | None:
    """The counties whose training the user sees: None for all of the province."""
    if can_see_province_training(user, election):
        return None
    require(can_see_training(user, election))
    assert user.county_id is not None
    return [user.county_id]
