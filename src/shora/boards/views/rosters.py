"""A station's roster (who serves there, what is missing, women's share) and its changes;
ending a station or field post."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.boards.access import (
    can_manage_field_posts,
    can_manage_roster,
    roster_station_get_for_user,
    staff_post_get_for_user,
)
from shora.boards.conflict_checks import election_conflicts
from shora.boards.forms import AppointForm, EndForm
from shora.boards.selectors import station_roster
from shora.boards.services import staff_post_appoint, staff_post_end
from shora.boards.views.common import (
    crumbs,
    page,
    person_from_form,
    report_appointment,
    signed_in,
    signed_in_user,
)
from shora.elections.models import PollingStation
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.womens_share import format_percent


def _roster_response(
    request: HttpRequest,
    station: PollingStation,
    form: AppointForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    roster = station_roster(station)
    roles = [seat.role for seat in roster.roster.station_roster]
    conflicts = election_conflicts(station.election, station=station)
    return page(
        request,
        "boards/roster.html",
        station.election,
        status=status,
        station=station,
        roster=roster,
        share_percent=format_percent(roster.share, reader_language()),
        manages=can_manage_roster(user, station),
        form=form or AppointForm(roles=roles),
        end_form=EndForm(),
        conflicts=conflicts,
        crumbs=crumbs(user, station.district.county, station.district),
    )


@signed_in
def roster_page(request: HttpRequest, station_id: int) -> HttpResponse:
    user = signed_in_user(request)
    station = roster_station_get_for_user(user, station_id)
    if request.method != "POST":
        return _roster_response(request, station)
    if not can_manage_roster(user, station):
        raise PermissionDenied
    roles = [seat.role for seat in station_roster(station).roster.station_roster]
    form = AppointForm(request.POST, roles=roles)
    if form.is_valid() and (person := person_from_form(form, station.election)) is not None:
        try:
            appointment = staff_post_appoint(
                actor=user, station=station, person=person, role=form.cleaned_data["role"]
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            report_appointment(request, appointment)
            return redirect("boards:roster", station_id=station.pk)
    return _roster_response(request, station, form, status=400)


@require_POST
@signed_in
def post_end(request: HttpRequest, post_id: int) -> HttpResponse:
    user = signed_in_user(request)
    post = staff_post_get_for_user(user, post_id)
    if post.station is not None:
        allowed = can_manage_roster(user, post.station)
        back = reverse("boards:roster", args=[post.station.pk])
    else:
        assert post.county is not None
        allowed = can_manage_field_posts(user, post.county, post.district)
        back = reverse("boards:county", args=[post.election_id, post.county.pk])
    if not allowed:
        raise PermissionDenied
    try:
        staff_post_end(actor=user, post=post, reason=request.POST.get("reason", ""))
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        messages.success(request, _("The post has ended."))
    return redirect(back)
