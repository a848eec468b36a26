"""The register for officials: summaries by unit, search, a voter's page, import history.

Thin views: the scope getters of ``registers.access`` decide (403 outside the unit), the
selectors read, the templates show.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from shora.accounts.access import user_province_id
from shora.accounts.models import Role, User
from shora.elections.models import County, District, Election
from shora.elections.selectors import election_current
from shora.registers.access import (
    can_read_county_register,
    can_read_district_register,
    can_read_province_register,
    county_register_get_for_user,
    district_register_get_for_user,
    province_register_get_for_user,
    register_election_get_for_user,
    voter_get_for_user,
    voters_for_user,
)
from shora.registers.forms import VoterSearchForm
from shora.registers.selectors import (
    SEARCH_LIMIT,
    register_rows_by_constituency,
    register_rows_by_county,
    register_totals,
    voter_eligibility_of,
    voter_imports,
    voters_search,
)
from shora.web.views import signed_in, signed_in_user

Crumbs = list[tuple[str, str | None]]


def _election(request: HttpRequest) -> Election | None:
    """?election=ID if the user may read its register, else the province's newest election."""
    user = signed_in_user(request)
    chosen = request.GET.get("election", "")
    if chosen.isdigit():
        return register_election_get_for_user(user, int(chosen))
    election = election_current(user_province_id(user))
    if election is not None:
        register_election_get_for_user(user, election.pk)  # refuses roles without the register
    return election


def _with_election(url: str, election: Election | None) -> str:
    return f"{url}?election={election.pk}" if election is not None else url


def _crumbs(user: User, election: Election | None, *units: County | District) -> Crumbs:
    """The register's units above a page, each a link only where the user may go."""
    crumbs: Crumbs = []
    if election is not None:
        url = reverse("registers:province")
        allowed = can_read_province_register(user, election)
        crumbs.append((election.province.name, _with_election(url, election) if allowed else None))
    for unit in units:
        if isinstance(unit, County):
            allowed = can_read_county_register(user, unit)
            url = reverse("registers:county", args=[unit.pk])
        else:
            allowed = can_read_district_register(user, unit)
            url = reverse("registers:district", args=[unit.pk])
        crumbs.append((unit.name, _with_election(url, election) if allowed else None))
    return crumbs


def _page(
    request: HttpRequest, template: str, election: Election | None, **context: Any
) -> HttpResponse:
    user = signed_in_user(request)
    countdown = None if election is None else (election.polling_date - timezone.localdate()).days
    return render(
        request,
        template,
        {
            "election": election,
            "elections": Election.objects.filter(province_id=user_province_id(user)),
            "countdown_days": countdown,
            "search_form": VoterSearchForm(),
            **context,
        },
    )


@signed_in
def register_home(request: HttpRequest) -> HttpResponse:
    """Each role starts at the register of its own unit."""
    user = signed_in_user(request)
    election = _election(request)
    if user.role == Role.DISTRICT:
        url = reverse("registers:district", args=[user.district_id])
    elif user.role == Role.COUNTY:
        url = reverse("registers:county", args=[user.county_id])
    else:
        url = reverse("registers:province")
    return redirect(_with_election(url, election))


@signed_in
def province_register(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    election = _election(request)
    context: dict[str, Any] = {"unit_name": None}
    if election is not None:
        election = province_register_get_for_user(user, election.pk)
        context["totals"] = register_totals(election)
        counties = County.objects.filter(province_id=election.province_id)
        context["rows"] = register_rows_by_county(election, counties)
        context["row_url"] = "registers:county"
        context["unit_name"] = election.province.name
        context["latest_import"] = voter_imports(election).first()
    return _page(request, "registers/summary.html", election, level="province", **context)


@signed_in
def county_register(request: HttpRequest, county_id: int) -> HttpResponse:
    user = signed_in_user(request)
    county = county_register_get_for_user(user, county_id)
    election = _election(request)
    context: dict[str, Any] = {"unit_name": county.name, "crumbs": _crumbs(user, election)}
    if election is not None:
        context["totals"] = register_totals(election, county=county)
        context["rows"] = register_rows_by_constituency(election, county=county)
    return _page(request, "registers/summary.html", election, level="county", **context)


@signed_in
def district_register(request: HttpRequest, district_id: int) -> HttpResponse:
    user = signed_in_user(request)
    district = district_register_get_for_user(user, district_id)
    election = _election(request)
    context: dict[str, Any] = {
        "unit_name": district.name,
        "crumbs": _crumbs(user, election, district.county),
    }
    if election is not None:
        context["totals"] = register_totals(election, district=district)
        context["rows"] = register_rows_by_constituency(election, district=district)
    return _page(request, "registers/summary.html", election, level="district", **context)


@signed_in
def voter_search(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    election = _election(request)
    form = VoterSearchForm(request.GET or None)
    results: list[Any] = []
    searched = False
    if election is not None and form.is_valid() and form.cleaned_data["q"].strip():
        searched = True
        found = voters_search(voters_for_user(user, election), form.cleaned_data["q"])
        results = list(found.select_related("constituency__district__county")[: SEARCH_LIMIT + 1])
    return _page(
        request,
        "registers/search.html",
        election,
        form=form,
        results=results[:SEARCH_LIMIT],
        more=len(results) > SEARCH_LIMIT,
        searched=searched,
        limit=SEARCH_LIMIT,
        crumbs=_crumbs(user, election),
    )


@signed_in
def voter_page(request: HttpRequest, voter_id: int) -> HttpResponse:
    user = signed_in_user(request)
    voter = voter_get_for_user(user, voter_id)
    constituency = voter.constituency
    eligibility = voter_eligibility_of(voter) if voter.in_register else None
    return _page(
        request,
        "registers/voter.html",
        voter.election,
        voter=voter,
        eligibility=eligibility,
        stations=constituency.stations.order_by("code"),
        crumbs=_crumbs(user, voter.election, constituency.district.county, constituency.district),
    )


@signed_in
def import_history(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    election = _election(request)
    imports: list[Any] = []
    if election is not None:
        election = province_register_get_for_user(user, election.pk)
        imports = list(voter_imports(election)[:200])
    return _page(
        request,
        "registers/imports.html",
        election,
        imports=imports,
        may_import=user.role == Role.PROVINCE_HQ or user.is_superuser,
        crumbs=_crumbs(user, election),
    )
