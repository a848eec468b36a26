"""Who may see and change the checklist: built on accounts/access.py.

* The provincial HQ edits the checklist templates, keeps the province's register of
  responsible organisations, reviews the counties' submissions and sees everything.
* The supervisory board reads everything of its province and changes nothing.
* County staff inspect their county's stations, manage its deficiencies and organisations
  and submit its checklist; district staff inspect and manage their district's.
* Station staff read their own station's readiness. Trainers have no part in it.

Anything outside the user's unit is refused (403), never shown empty. One condition per
line, so that every branch has its test.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_change_election, can_see_election
from shora.accounts.models import Role, User
from shora.elections.models import County, District, Election, PollingStation, Province
from shora.readiness.models import (
    CountySubmission,
    Deficiency,
    DeficiencyEvent,
    Inspection,
    InspectionResult,
    Organisation,
    Photo,
    TemplateVersion,
)


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def require(allowed: bool) -> None:
    if not allowed:
        raise refuse()


def can_see_province_readiness(user: User, election: Election) -> bool:
    """The province's dashboard, who owes what, the submissions: HQ and supervisors."""
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return user.province_id == election.province_id


def can_see_county_readiness(user: User, county: County) -> bool:
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return user.province_id == county.province_id
    if user.role == Role.COUNTY:
        return user.county_id == county.pk
    return False


def can_see_district_readiness(user: User, district: District) -> bool:
    if user.role == Role.DISTRICT:
        return user.district_id == district.pk
    return can_see_county_readiness(user, district.county)


def can_see_station_readiness(user: User, station: PollingStation) -> bool:
    if user.role == Role.STATION:
        return user.station_id == station.pk
    return can_see_district_readiness(user, station.district)


def can_inspect_station(user: User, station: PollingStation) -> bool:
    """Record inspections and manage the deficiencies of ``station``."""
    if user.is_superuser:
        return True
    if user.role == Role.COUNTY:
        return user.county_id == station.district.county_id
    if user.role == Role.DISTRICT:
        return user.district_id == station.district_id
    return False


def can_manage_deficiency(user: User, deficiency: Deficiency) -> bool:
    return can_inspect_station(user, deficiency.station)


def can_edit_templates(user: User, election: Election) -> bool:
    return can_change_election(user, election)


def can_manage_organisation(user: User, province: Province, county: County | None) -> bool:
    """The HQ keeps the whole register; a county keeps its own county's organisations."""
    if user.is_superuser:
        return True
    if user.role == Role.PROVINCE_HQ:
        return user.province_id == province.pk
    if user.role == Role.COUNTY:
        return county is not None and user.county_id == county.pk
    return False


def can_submit_county(user: User, county: County) -> bool:
    if user.is_superuser:
        return True
    if user.role != Role.COUNTY:
        return False
    return user.county_id == county.pk


def can_review_submissions(user: User, election: Election) -> bool:
    return can_change_election(user, election)


def county_in_election(county: County, election: Election) -> None:
    """A county of another province is outside this election: refused (403)."""
    if county.province_id != election.province_id:
        raise refuse()


def deficiency_get_for_user(user: User, deficiency_id: int) -> Deficiency:
    deficiency = get_object_or_404(
        Deficiency.objects.select_related(
            "station__district__county", "election", "item", "organisation", "found_by"
        ),
        pk=deficiency_id,
    )
    require(can_see_station_readiness(user, deficiency.station))
    return deficiency


def inspection_get_for_user(user: User, inspection_id: int) -> Inspection:
    inspection = get_object_or_404(
        Inspection.objects.select_related("station__district__county", "election", "version"),
        pk=inspection_id,
    )
    require(can_see_station_readiness(user, inspection.station))
    return inspection


def submission_get_for_user(user: User, submission_id: int) -> CountySubmission:
    submission = get_object_or_404(
        CountySubmission.objects.select_related("county", "election"), pk=submission_id
    )
    require(can_see_county_readiness(user, submission.county))
    return submission


def version_get_for_user(user: User, version_id: int) -> TemplateVersion:
    """Everyone working in the election's province may read its checklist."""
    version = get_object_or_404(
        TemplateVersion.objects.select_related("template__election"), pk=version_id
    )
    require(can_see_election(user, version.template.election))
    return version


def organisation_get_for_user(user: User, organisation_id: int) -> Organisation:
    organisation = get_object_or_404(
        Organisation.objects.select_related("province", "county"), pk=organisation_id
    )
    if organisation.county is not None:
        require(can_see_county_readiness(user, organisation.county))
    else:
        require(user.is_superuser or user.province_id == organisation.province_id)
    return organisation


def photo_get_for_user(user: User, photo_id: int) -> Photo:
    """A photo is seen by whoever may see a station it was taken for."""
    photo = get_object_or_404(Photo, pk=photo_id)
    stations = PollingStation.objects.filter(
        Q(pk__in=InspectionResult.objects.filter(photo=photo).values("inspection__station"))
        | Q(pk__in=DeficiencyEvent.objects.filter(photo=photo).values("deficiency__station"))
    ).select_related("district__county")
    require(any(can_see_station_readiness(user, station) for station in stations))
    return photo
