"""A constituency's candidates, its frozen ballot, and the documents made from them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.candidates.access import (
    ballot_constituency_get_for_user,
    can_record_households,
    can_register_in,
    can_see_candidacies,
    candidacies_constituency_get_for_user,
)
from shora.candidates.documents import ballot_pdf, candidates_xlsx
from shora.candidates.forms import HouseholdsForm
from shora.candidates.schedule import registration_window, tehran_time
from shora.candidates.selectors import (
    ballot_of,
    ballot_rows,
    candidacies_of_constituency,
    candidacies_search,
    candidacy_schedule_for,
    constituency_required_degree,
    status_counts,
    village_households,
)
from shora.candidates.services import village_households_record
from shora.candidates.services.calendar import CALENDAR_EDITABLE_IN
from shora.elections.models import Constituency, Phase
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.candidate_profile import degree_label
from shora_domain.errors import DomainError


def _crumbs_of(request: HttpRequest, constituency: Constituency) -> list[tuple[str, str | None]]:
    return unit_crumbs(signed_in_user(request), constituency.district.county, constituency.district)


@signed_in
def constituency_candidates(request: HttpRequest, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    constituency = candidacies_constituency_get_for_user(user, constituency_id)
    election = constituency.election
    schedule = candidacy_schedule_for(election)
    candidacies = candidacies_of_constituency(constituency)
    query = request.GET.get("q", "").strip()[:100]
    context: dict[str, Any] = {
        "constituency": constituency,
        "counts": status_counts(candidacies),
        "rows": candidacies_search(candidacies, query).order_by("last_name", "first_name", "pk"),
        "query": query,
        "required_degree": degree_label(
            constituency_required_degree(constituency), reader_language()
        ),
        "window": registration_window(schedule, constituency.kind),
        "may_register": can_register_in(user, constituency)
        and election.phase == Phase.REGISTRATION,
        "ballot": ballot_of(constituency),
        "crumbs": _crumbs_of(request, constituency),
    }
    if constituency.kind == "village":
        context["households"], context["households_recorded"] = village_households(
            constituency, schedule
        )
        if can_record_households(user, constituency) and election.phase in CALENDAR_EDITABLE_IN:
            context["households_form"] = HouseholdsForm(
                initial={"households": context["households"]}
            )
    return render_page(request, "candidates/constituency.html", election, **context)


@require_POST
@signed_in
def households_record(request: HttpRequest, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    constituency = candidacies_constituency_get_for_user(user, constituency_id)
    if not can_record_households(user, constituency):
        raise PermissionDenied
    form = HouseholdsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            village_households_record(
                actor=user, constituency=constituency, households=form.cleaned_data["households"]
            )
        except DomainError as refusal:
            messages.error(request, refusal.message(reader_language()))
        else:
            messages.success(request, _("The households were recorded."))
    return redirect("candidates:constituency", constituency_id=constituency.pk)


@signed_in
def ballot_page(request: HttpRequest, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    constituency = ballot_constituency_get_for_user(user, constituency_id)
    ballot = ballot_of(constituency)
    query = request.GET.get("q", "").strip()[:100]
    rows = ballot_rows(ballot, query) if ballot is not None else None
    return render_page(
        request,
        "candidates/ballot.html",
        constituency.election,
        constituency=constituency,
        ballot=ballot,
        rows=rows,
        total=ballot.entries.count() if ballot is not None else 0,
        frozen_on=tehran_time(ballot.frozen_at).date() if ballot is not None else None,
        query=query,
        may_see_candidacies=can_see_candidacies(user, constituency),
        crumbs=_crumbs_of(request, constituency),
    )


@signed_in
def ballot_document(request: HttpRequest, constituency_id: int) -> HttpResponse:
    constituency = ballot_constituency_get_for_user(signed_in_user(request), constituency_id)
    ballot = ballot_of(constituency)
    if ballot is None:
        raise Http404("The list is not frozen yet.")
    response = HttpResponse(ballot_pdf(ballot), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="candidates-{constituency.code}.pdf"'
    return response


@signed_in
def candidates_spreadsheet(request: HttpRequest, constituency_id: int) -> HttpResponse:
    constituency = candidacies_constituency_get_for_user(signed_in_user(request), constituency_id)
    content = candidates_xlsx(constituency, candidacies_of_constituency(constituency))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="candidates-{constituency.code}.xlsx"'
    return response
