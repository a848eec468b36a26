"""Reports across the election: conflicts with candidacies; women's presence."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_see_county, can_see_district, election_get_for_user
from shora.accounts.models import Role
from shora.boards.access import can_see_boards_of_province, refuse
from shora.boards.conflict_checks import election_conflicts
from shora.boards.selectors import relative_policy_for
from shora.boards.views.common import crumbs, page, signed_in, signed_in_user
from shora.boards.womens_presence import womens_presence
from shora.elections.models import County, District
from shora.web.language import reader_language
from shora_domain.womens_share import Share, format_percent


@signed_in
def conflicts_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """Every conflict of a post with a candidacy, blocks first: for the supervisory board and
    the provincial HQ."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    if not can_see_boards_of_province(user, election):
        raise refuse()
    rows = election_conflicts(election)
    return page(
        request,
        "boards/conflicts.html",
        election,
        rows=rows,
        blocking=sum(row.conflict.blocks for row in rows),
        policy=relative_policy_for(election),
        crumbs=crumbs(user, election.province),
    )


def _percent(share: Share) -> str:
    return format_percent(share, reader_language())


@signed_in
def womens_presence_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """Women's share, side by side. HQ and supervisors: the province, or ?county= one county;
    county staff: their county; district staff: their district."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    county: County | None = None
    district: District | None = None
    chosen = request.GET.get("county", "")
    if user.role == Role.DISTRICT:
        district = user.district
    elif user.role in (Role.COUNTY, Role.TRAINER):
        county = user.county
    elif not can_see_boards_of_province(user, election):
        raise refuse()
    elif chosen.isdigit():
        county = get_object_or_404(County, pk=int(chosen), province=election.province)
    if county is not None and not can_see_county(user, county):
        raise refuse()
    if district is not None and not can_see_district(user, district):
        raise refuse()
    presence = womens_presence(election, county=county, district=district)
    return page(
        request,
        "boards/womens_presence.html",
        election,
        presence=presence,
        county=county,
        district=district,
        units=[
            (unit, [(s, _percent(s)) for s in (unit.boards, unit.stations, unit.field, unit.all)])
            for unit in presence.units
        ],
        boards=[(place, share, _percent(share)) for place, share in presence.boards],
        stations=[(station, share, _percent(share)) for station, share in presence.stations],
        total=presence.total,
        total_percent=_percent(presence.total),
        crumbs=crumbs(user, election.province, *[unit for unit in (county, district) if unit]),
    )
