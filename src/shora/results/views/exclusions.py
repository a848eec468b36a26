"""Stations left out of the tally: the county's executive board decides with a reason,
the province's supervisory board confirms; the HQ and the supervisors read them all, a
county its own."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.elections.models import Election
from shora.polling.access import require
from shora.results.access import (
    can_confirm_exclusion,
    can_request_exclusion,
    can_see_exclusions,
    exclusion_get_for_user,
    exclusions_for_user,
    may_request_exclusions,
    stations_for_exclusion,
)
from shora.results.forms import ExclusionForm
from shora.results.services.exclusions import exclusion_confirm, exclusion_decide
from shora.results.views.common import (
    message_of,
    page,
    refusal_status,
    signed_in,
    signed_in_user,
)
from shora_domain.errors import DomainError


def _election_for(request: HttpRequest, election_id: int) -> Election:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_exclusions(user, election))
    return election


def _form(request: HttpRequest, election: Election) -> ExclusionForm | None:
    user = signed_in_user(request)
    if not may_request_exclusions(user, election):
        return None
    return ExclusionForm(stations=stations_for_exclusion(user, election))


def _render(
    request: HttpRequest,
    election: Election,
    form: ExclusionForm | None,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    return page(
        request,
        "results/exclusions.html",
        election,
        section="exclusions",
        status=status,
        exclusions=exclusions_for_user(user, election),
        form=form,
        may_confirm=can_confirm_exclusion(user, election),
        error=error,
    )


@signed_in
def exclusions_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    if request.method != "POST":
        return _render(request, election, _form(request, election))
    require(may_request_exclusions(user, election))
    form = ExclusionForm(request.POST, stations=stations_for_exclusion(user, election))
    if not form.is_valid():
        return _render(request, election, form, status=400)
    station = form.cleaned_data["station"]
    require(can_request_exclusion(user, station))
    try:
        exclusion_decide(
            actor=user, election=election, station=station, reason=form.cleaned_data["reason"]
        )
    except DomainError as refusal:
        return _render(
            request, election, form, error=message_of(refusal), status=refusal_status(refusal)
        )
    messages.success(
        request,
        _("The station's exclusion was recorded; it applies once the supervisory board confirms."),
    )
    return redirect("results:exclusions", election_id=election.pk)


@require_POST
@signed_in
def exclusion_confirm_page(
    request: HttpRequest, election_id: int, exclusion_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    exclusion = exclusion_get_for_user(user, election, exclusion_id)
    require(can_confirm_exclusion(user, election))
    try:
        exclusion_confirm(actor=user, exclusion=exclusion)
    except DomainError as refusal:
        return _render(
            request,
            election,
            _form(request, election),
            error=message_of(refusal),
            status=refusal_status(refusal),
        )
    messages.success(
        request, _("The exclusion was confirmed: the station's ballots are not counted.")
    )
    return redirect("results:exclusions", election_id=election.pk)
