"""Who may read the voter register, built on ``shora.accounts.access``.

The register holds personal data, so it is shown by unit and only to the units that run
the election: the provincial HQ and the supervisory board the province; a county
governorate its county; a district governorate its district. Trainers and polling
stations see none of it here (a station meets voters through its device). Outside one's
unit the answer is 403, never an empty page. One condition per line.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_see_county, can_see_district, can_see_election
from shora.accounts.models import Role, User
from shora.elections.models import County, District, Election
from shora.registers.models import Voter
from shora.registers.selectors import current_voters

REGISTER_ROLES = (Role.PROVINCE_HQ, Role.SUPERVISOR, Role.COUNTY, Role.DISTRICT)


def _refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def can_read_register(user: User, election: Election) -> bool:
    """Some part of the election's register: the roles that run the election, in its province."""
    if user.is_superuser:
        return True
    if user.role not in REGISTER_ROLES:
        return False
    return can_see_election(user, election)


def can_read_province_register(user: User, election: Election) -> bool:
    """The whole province's register and its import history: HQ and supervisors."""
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return election.province_id == user.province_id


def can_read_county_register(user: User, county: County) -> bool:
    if user.role not in REGISTER_ROLES and not user.is_superuser:
        return False
    return can_see_county(user, county)


def can_read_district_register(user: User, district: District) -> bool:
    if user.role not in REGISTER_ROLES and not user.is_superuser:
        return False
    return can_see_district(user, district)


def can_read_voter(user: User, voter: Voter) -> bool:
    """A voter's page: as their district's register."""
    return can_read_district_register(user, voter.constituency.district)


def voters_for_user(user: User, election: Election) -> QuerySet[Voter]:
    """The part of the election's register the user may read; 403 if none."""
    if not can_read_register(user, election):
        raise _refuse()
    voters = current_voters(election)
    if user.is_superuser or user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return voters
    if user.role == Role.DISTRICT:
        return voters.filter(constituency__district_id=user.district_id)
    return voters.filter(constituency__district__county_id=user.county_id)


def voter_get_for_user(user: User, voter_id: int) -> Voter:
    voter = get_object_or_404(
        Voter.objects.select_related(
            "election__province", "constituency__district__county", "imported_by", "removed_by"
        ),
        pk=voter_id,
    )
    if not can_read_voter(user, voter):
        raise _refuse()
    return voter


def register_election_get_for_user(user: User, election_id: int) -> Election:
    election = get_object_or_404(Election.objects.select_related("province"), pk=election_id)
    if not can_read_register(user, election):
        raise _refuse()
    return election


def province_register_get_for_user(user: User, election_id: int) -> Election:
    election = get_object_or_404(Election.objects.select_related("province"), pk=election_id)
    if not can_read_province_register(user, election):
        raise _refuse()
    return election


def county_register_get_for_user(user: User, county_id: int) -> County:
    county = get_object_or_404(County.objects.select_related("province"), pk=county_id)
    if not can_read_county_register(user, county):
        raise _refuse()
    return county


def district_register_get_for_user(user: User, district_id: int) -> District:
    district = get_object_or_404(
        District.objects.select_related("county__province"), pk=district_id
    )
    if not can_read_district_register(user, district):
        raise _refuse()
    return district
