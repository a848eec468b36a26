"""The pages: thin views over the access getters, selectors and services."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import (
    can_change_election,
    can_see_county,
    can_see_district,
    can_see_province,
    constituency_get_for_user,
    counties_for_user,
    county_get_for_user,
    district_get_for_user,
    election_get_for_user,
    province_get_for_user,
    station_get_for_user,
    stations_for_user,
    user_province_id,
)
from shora.accounts.models import Role, User
from shora.elections.models import County, District, Election, Phase, Province
from shora.elections.selectors import (
    connectivity_counts,
    constituency_rows,
    county_rows,
    district_rows,
    election_current,
    election_next_gate,
    station_rows,
    unit_totals,
)
from shora.elections.services import (
    SETTINGS_EDITABLE_IN,
    election_phase_advance,
    election_settings_update,
)
from shora.web.forms import ElectionSettingsForm
from shora.web.language import reader_language
from shora_domain.errors import DomainError

View = Callable[..., HttpResponse]


def signed_in_user(request: HttpRequest) -> User:
    """The person behind a request that ``signed_in`` let through."""
    return cast(User, request.user)


def signed_in(view: View) -> View:
    """Signed in, with the second factor done where the role needs it."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/accounts/sign-in/?next={request.path}")
        if user.needs_two_factor and not user.is_verified():  # type: ignore[attr-defined]
            logout(request)
            return redirect("accounts:sign_in")
        return view(request, *args, **kwargs)

    return wrapper


def _election_for(request: HttpRequest, province_id: int | None) -> Election | None:
    """The election the page is about: ?election=ID if the user may see it, else the newest."""
    chosen = request.GET.get("election", "")
    if chosen.isdigit():
        return election_get_for_user(signed_in_user(request), int(chosen))
    return election_current(province_id)


def unit_crumbs(user: User, *units: Province | County | District) -> list[tuple[str, str | None]]:
    """The units above a page, each a link only when the user may open it."""
    crumbs: list[tuple[str, str | None]] = []
    for unit in units:
        if isinstance(unit, Province):
            url = reverse("web:province", args=[unit.pk]) if can_see_province(user, unit) else None
        elif isinstance(unit, County):
            url = reverse("web:county", args=[unit.pk]) if can_see_county(user, unit) else None
        else:
            url = reverse("web:district", args=[unit.pk]) if can_see_district(user, unit) else None
        crumbs.append((unit.name, url))
    return crumbs


def _countdown_days(election: Election | None) -> int | None:
    if election is None:
        return None
    return (election.polling_date - timezone.localdate()).days


def render_page(
    request: HttpRequest,
    template: str,
    election: Election | None,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    user = signed_in_user(request)
    elections = Election.objects.filter(province_id=user_province_id(user)) if election else []
    return render(
        request,
        template,
        {
            "election": election,
            "elections": elections,
            "countdown_days": _countdown_days(election),
            **context,
        },
        status=status,
    )


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """Each role starts at its own unit."""
    user = signed_in_user(request)
    if user.role == Role.STATION:
        return redirect("web:station", station_id=user.station_id)
    if user.role == Role.DISTRICT:
        return redirect("web:district", district_id=user.district_id)
    if user.role in (Role.COUNTY, Role.TRAINER):
        return redirect("web:county", county_id=user.county_id)
    province_id = user_province_id(user)
    if province_id is None:
        return render(request, "web/no_province.html")
    return redirect("web:province", province_id=province_id)


@signed_in
def province_page(request: HttpRequest, province_id: int) -> HttpResponse:
    province = province_get_for_user(signed_in_user(request), province_id)
    election = _election_for(request, province.pk)
    counties = counties_for_user(signed_in_user(request)).filter(province=province)
    context: dict[str, Any] = {"province": province}
    if election is not None:
        context["totals"] = unit_totals(election)
        context["county_rows"] = county_rows(election, counties)
        context["connectivity"] = connectivity_counts(election.stations.all())
        context["next_phase"], context["missing"] = election_next_gate(election)
    return render_page(request, "web/province.html", election, **context)


@signed_in
def county_page(request: HttpRequest, county_id: int) -> HttpResponse:
    county = county_get_for_user(signed_in_user(request), county_id)
    election = _election_for(request, county.province_id)
    context: dict[str, Any] = {
        "county": county,
        "crumbs": unit_crumbs(signed_in_user(request), county.province),
    }
    if election is not None:
        context["totals"] = unit_totals(election, county=county)
        context["district_rows"] = district_rows(election, county)
        stations = stations_for_user(signed_in_user(request), election).filter(
            district__county=county
        )
        context["connectivity"] = connectivity_counts(stations)
    return render_page(request, "web/county.html", election, **context)


@signed_in
def district_page(request: HttpRequest, district_id: int) -> HttpResponse:
    district = district_get_for_user(signed_in_user(request), district_id)
    election = _election_for(request, district.county.province_id)
    context: dict[str, Any] = {
        "district": district,
        "crumbs": unit_crumbs(signed_in_user(request), district.county.province, district.county),
    }
    if election is not None:
        context["totals"] = unit_totals(election, district=district)
        context["constituency_rows"] = constituency_rows(election, district)
        context["stations"] = stations_for_user(signed_in_user(request), election).filter(
            district=district
        )
    return render_page(request, "web/district.html", election, **context)


@signed_in
def constituency_page(request: HttpRequest, constituency_id: int) -> HttpResponse:
    constituency = constituency_get_for_user(signed_in_user(request), constituency_id)
    return render_page(
        request,
        "web/constituency.html",
        constituency.election,
        constituency=constituency,
        stations=station_rows(constituency),
        crumbs=unit_crumbs(
            signed_in_user(request), constituency.district.county, constituency.district
        ),
    )


@signed_in
def station_page(request: HttpRequest, station_id: int) -> HttpResponse:
    station = station_get_for_user(signed_in_user(request), station_id)
    return render_page(
        request,
        "web/station.html",
        station.election,
        station=station,
        constituencies=station.constituencies.order_by("name_key"),
        crumbs=unit_crumbs(signed_in_user(request), station.district.county, station.district),
    )


@signed_in
def election_settings(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    may_change = can_change_election(user, election)
    form = ElectionSettingsForm(instance=election)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = ElectionSettingsForm(request.POST, instance=Election.objects.get(pk=election.pk))
        if form.is_valid():
            try:
                election_settings_update(
                    actor=user, election=election, changes=form.changes(election)
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("web:election_settings", election_id=election.pk)
    target, missing = election_next_gate(election)
    phases = list(Phase.choices)
    return render_page(
        request,
        "web/election_settings.html",
        election,
        form=form,
        may_change=may_change,
        settings_editable=election.phase in SETTINGS_EDITABLE_IN,
        next_phase=target,
        next_phase_label=Phase(target).label if target else "",
        missing=missing,
        phase_choices=phases,
        phase_index=Phase.values.index(election.phase),
        crumbs=unit_crumbs(user, election.province),
        status=400 if form.errors else 200,
    )


@require_POST
@signed_in
def election_phase(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    if not can_change_election(user, election):
        raise PermissionDenied
    try:
        election_phase_advance(
            actor=user, election=election, to_phase=request.POST.get("to_phase", "")
        )
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    return redirect("web:election_settings", election_id=election.pk)
