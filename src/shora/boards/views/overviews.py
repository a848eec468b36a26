"""Overviews of boards and rosters: the province, a county, a district; the boards' settings."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from shora.accounts.access import (
    county_get_for_user,
    district_get_for_user,
    election_get_for_user,
)
from shora.boards.access import (
    can_change_board_settings,
    can_manage_field_posts,
    can_see_boards_of_province,
    refuse,
)
from shora.boards.forms import BoardSettingsForm, EndForm, FieldPostForm
from shora.boards.gates import READY_BOARD_KINDS
from shora.boards.models import BoardSettings, RelativePolicy
from shora.boards.places import BoardPlace
from shora.boards.selectors import (
    BoardSummary,
    board_summaries,
    composition_table_for,
    county_board_places,
    field_posts,
    province_board_places,
    relative_policy_for,
    station_roster_rows,
)
from shora.boards.services import board_settings_update, field_post_appoint
from shora.boards.services.board_settings import BOARD_SETTINGS_EDITABLE_IN
from shora.boards.views.common import (
    crumbs,
    page,
    person_from_form,
    report_appointment,
    signed_in,
    signed_in_user,
)
from shora.elections.models import County, District, Election
from shora.web.language import reader_language
from shora_domain.board_composition import table_to_dict
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind, BoardLevel


@signed_in
def overview_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """Every board of the province, county by county, and the stations' rosters in sum."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    if not can_see_boards_of_province(user, election):
        raise refuse()
    counties = list(election.province.counties.order_by("name_key"))
    places = province_board_places(election)
    for county in counties:
        places += county_board_places(election, county)
    summaries = board_summaries(places)
    by_county: dict[int, list[BoardSummary]] = defaultdict(list)
    for summary in summaries:
        if summary.place.county is not None:
            by_county[summary.place.county.pk].append(summary)
    rosters = station_roster_rows(election, election.stations.all())
    stations_by_county: dict[int, list[bool]] = defaultdict(list)
    district_county = {
        d.pk: d.county_id for d in District.objects.filter(county__province=election.province)
    }
    for row in rosters:
        stations_by_county[district_county[row.station.district_id]].append(not row.gaps)
    rows = []
    for county in counties:
        county_summaries = by_county[county.pk]
        own = {s.place.kind: s for s in county_summaries if s.place.district is None}
        district_boards = [s for s in county_summaries if s.place.district is not None]
        complete = stations_by_county[county.pk]
        rows.append(
            {
                "county": county,
                "boards": [own[kind] for kind in _county_kinds()],
                "districts_complete": sum(s.is_complete for s in district_boards),
                "districts": len(district_boards),
                "stations_complete": sum(complete),
                "stations": len(complete),
            }
        )
    return page(
        request,
        "boards/overview.html",
        election,
        province_boards=[s for s in summaries if s.place.county is None],
        county_kinds=[kind.label(reader_language()) for kind in _county_kinds()],
        rows=rows,
        incomplete_for_ready=sum(
            not s.is_complete
            for s in summaries
            if s.place.kind in READY_BOARD_KINDS and s.place.district is None
        ),
        crumbs=crumbs(user, election.province),
    )


def _county_kinds() -> list[BoardKind]:
    return [kind for kind in BoardKind if kind.level == BoardLevel.COUNTY]


def _unit_response(
    request: HttpRequest,
    election: Election,
    county: County,
    district: District | None,
    form: FieldPostForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    if district is None:
        places = county_board_places(election, county)
        stations = election.stations.filter(district__county=county)
    else:
        places = [
            BoardPlace(election, kind, county.province, county, district)
            for kind in BoardKind
            if kind.level == BoardLevel.DISTRICT
        ]
        stations = election.stations.filter(district=district)
    districts = [(d.pk, d.name) for d in county.districts.order_by("name_key")]
    if district is not None:
        districts = [(district.pk, district.name)]
    return page(
        request,
        "boards/unit.html",
        election,
        status=status,
        county=county,
        district=district,
        summaries=board_summaries(places),
        rosters=station_roster_rows(election, stations),
        field=field_posts(election, county, district.pk if district else None),
        manages_field=can_manage_field_posts(user, county, district),
        form=form or FieldPostForm(districts=districts),
        end_form=EndForm(),
        crumbs=crumbs(user, county.province, *([county] if district else [])),
    )


@signed_in
def county_page(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    county = county_get_for_user(user, county_id)
    if county.province_id != election.province_id:
        raise refuse()
    if request.method != "POST":
        return _unit_response(request, election, county, None)
    return _field_appoint(request, election, county, None)


@signed_in
def district_page(request: HttpRequest, election_id: int, district_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    district = district_get_for_user(user, district_id)
    if district.county.province_id != election.province_id:
        raise refuse()
    if request.method != "POST":
        return _unit_response(request, election, district.county, district)
    return _field_appoint(request, election, district.county, district)


def _field_appoint(
    request: HttpRequest, election: Election, county: County, district: District | None
) -> HttpResponse:
    """Appoint an inspector or a trainer from the county's (or district's) page."""
    user = signed_in_user(request)
    districts = [(d.pk, d.name) for d in county.districts.order_by("name_key")]
    form = FieldPostForm(request.POST, districts=districts)
    if form.is_valid() and (person := person_from_form(form, election)) is not None:
        chosen = form.cleaned_data["district"]
        where = district or (
            get_object_or_404(District, pk=chosen, county=county) if chosen else None
        )
        if not can_manage_field_posts(user, county, where):
            raise PermissionDenied
        try:
            appointment = field_post_appoint(
                actor=user,
                election=election,
                county=county,
                district=where,
                person=person,
                role=form.cleaned_data["role"],
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            report_appointment(request, appointment)
            return redirect(request.path)
    elif not can_manage_field_posts(user, county, district):
        raise PermissionDenied
    return _unit_response(request, election, county, district, form, status=400)


@signed_in
def settings_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """The composition table and the relatives' policy: everyone in the province reads them,
    the provincial HQ corrects them until the election is declared ready."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    may_change = can_change_board_settings(user, election)
    editable = election.phase in BOARD_SETTINGS_EDITABLE_IN
    table = composition_table_for(election)
    initial: dict[str, Any] = {
        "relative_policy": relative_policy_for(election).value,
        "composition_table": json.dumps(table_to_dict(table), ensure_ascii=False, indent=1),
    }
    form = BoardSettingsForm(initial=initial)
    status = 200
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = BoardSettingsForm(request.POST)
        if form.is_valid():
            try:
                board_settings_update(
                    actor=user,
                    election=election,
                    composition_table=form.cleaned_data["composition_table"],
                    relative_policy=form.cleaned_data["relative_policy"],
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("boards:settings", election_id=election.pk)
        status = 400
    return page(
        request,
        "boards/settings.html",
        election,
        status=status,
        form=form,
        table=table,
        policy=RelativePolicy(relative_policy_for(election)).label,
        is_default=not BoardSettings.objects.filter(election=election).exists(),
        may_change=may_change,
        editable=editable,
        crumbs=crumbs(user, election.province),
    )
