"""Who may see and do what on the tally's pages: built on accounts/access.py.

* The tally page: the province's HQ and supervisory board see every constituency's gate
  and result; a county's users see their county's constituencies only, read-only. The HQ
  opens and cancels tally sessions and announces the lottery's value.
* The share-entry page: only the holders of a share of the election's key, each for their
  own share (two-factor sign-in, as for every key holder).
* Exclusions of stations: a county's executive side decides for a station of its county,
  the province's supervisory board confirms; the HQ reads them all, a county its own.

Anything outside the user's unit is refused (403), never shown empty. One condition per
line, so that every branch has its test.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_change_election
from shora.accounts.models import Role, User
from shora.elections.models import Constituency, Election, PollingStation
from shora.polling.access import of_the_province, require
from shora.polling.models import KeyShareHolding
from shora.results.models import StationExclusion


def _county_of_the_province(user: User, election: Election) -> bool:
    if user.role != Role.COUNTY or user.county is None:
        return False
    return user.county.province_id == election.province_id


def can_see_results(user: User, election: Election) -> bool:
    """The tally page: the province, and each county for its own constituencies."""
    if user.is_superuser:
        return True
    if _county_of_the_province(user, election):
        return True
    return of_the_province(user, election)


def can_see_constituency_result(user: User, constituency: Constituency) -> bool:
    if not can_see_results(user, constituency.election):
        return False
    if user.role == Role.COUNTY:
        return constituency.district.county_id == user.county_id
    return True


def constituencies_for_user(user: User, election: Election) -> QuerySet[Constituency]:
    """The constituencies whose gate and result the user sees: a county only its own."""
    constituencies = election.constituencies.select_related("district__county").order_by("code")
    if user.role == Role.COUNTY:
        return constituencies.filter(district__county_id=user.county_id)
    return constituencies


def constituency_result_get_for_user(
    user: User, election: Election, constituency_id: int
) -> Constituency:
    constituency = get_object_or_404(
        Constituency.objects.select_related("district__county", "election"),
        pk=constituency_id,
        election=election,
    )
    require(can_see_constituency_result(user, constituency))
    return constituency


def can_run_tally(user: User, election: Election) -> bool:
    """The provincial HQ opens and cancels sessions and announces the lottery's value."""
    return can_change_election(user, election)


def holding_of(user: User, election: Election) -> KeyShareHolding | None:
    """The user's share of the election's key, if they hold one."""
    return (
        KeyShareHolding.objects.filter(election_key__election=election, holder_id=user.pk)
        .select_related("election_key")
        .first()
    )


def can_enter_share(user: User, election: Election) -> bool:
    """Only a holder of a share of this election's key, of this province."""
    if user.province_id != election.province_id:
        return False
    return holding_of(user, election) is not None


def can_see_exclusions(user: User, election: Election) -> bool:
    return can_see_results(user, election)


def can_request_exclusion(user: User, station: PollingStation) -> bool:
    """The executive side of the station's own county decides an exclusion."""
    if user.role != Role.COUNTY:
        return False
    return user.county_id == station.district.county_id


def may_request_exclusions(user: User, election: Election) -> bool:
    """Whether the page offers the request form at all."""
    return _county_of_the_province(user, election)


def can_confirm_exclusion(user: User, election: Election) -> bool:
    """The supervisory board of the election's province confirms."""
    if user.role != Role.SUPERVISOR:
        return False
    return user.province_id == election.province_id


def exclusions_for_user(user: User, election: Election) -> QuerySet[StationExclusion]:
    exclusions = StationExclusion.objects.filter(election=election).select_related(
        "station__district__county", "decided_by", "confirmed_by"
    )
    if user.role == Role.COUNTY:
        return exclusions.filter(station__district__county_id=user.county_id)
    return exclusions


def exclusion_get_for_user(user: User, election: Election, exclusion_id: int) -> StationExclusion:
    exclusion = get_object_or_404(
        StationExclusion.objects.select_related("station__district__county", "election"),
        pk=exclusion_id,
        election=election,
    )
    require(can_see_exclusions(user, election))
    require(user.role != Role.COUNTY or user.county_id == exclusion.station.district.county_id)
    return exclusion


def stations_for_exclusion(user: User, election: Election) -> QuerySet[PollingStation]:
    """The stations a county may propose to leave out: its own."""
    stations = election.stations.select_related("district__county").order_by("code")
    if user.role == Role.COUNTY:
        return stations.filter(district__county_id=user.county_id)
    return stations.none()
