"""A county submits its checklist; the provincial HQ acknowledges or returns it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.elections.models import County
from shora.readiness.access import (
    can_review_submissions,
    can_see_province_readiness,
    can_submit_county,
    county_in_election,
    require,
    submission_get_for_user,
)
from shora.readiness.forms import ReviewForm, SubmitForm
from shora.readiness.selectors.submissions import counties_with_stations, latest_submissions
from shora.readiness.services import (
    county_checklist_acknowledge,
    county_checklist_return,
    county_checklist_submit,
)
from shora.readiness.views.common import (
    crumbs,
    election_for,
    message_of,
    page,
    signed_in,
    signed_in_user,
)
from shora_domain.errors import DomainError


@require_POST
@signed_in
def county_submit(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    county = get_object_or_404(County, pk=county_id)
    county_in_election(county, election)
    require(can_submit_county(user, county))
    form = SubmitForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        county_checklist_submit(actor=user, election=election, county=county, note=note)
    except DomainError as refusal:
        messages.error(request, message_of(refusal))
    else:
        messages.success(request, _("The checklist was submitted to the provincial HQ."))
    return redirect("readiness:county", election_id=election.pk, county_id=county.pk)


@signed_in
def submissions_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    require(can_see_province_readiness(user, election))
    latest = latest_submissions(election)
    return page(
        request,
        "readiness/submissions.html",
        election,
        section="submissions",
        rows=[(county, latest.get(county.pk)) for county in counties_with_stations(election)],
        may_review=can_review_submissions(user, election),
        form=ReviewForm(),
        crumbs=crumbs(user, election.province),
    )


@require_POST
@signed_in
def submission_review(request: HttpRequest, submission_id: int) -> HttpResponse:
    user = signed_in_user(request)
    submission = submission_get_for_user(user, submission_id)
    require(can_review_submissions(user, submission.election))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to acknowledge or to return the checklist."))
        return redirect("readiness:submissions", election_id=submission.election_id)
    comment = form.cleaned_data["comment"]
    try:
        if form.cleaned_data["decision"] == "acknowledge":
            county_checklist_acknowledge(actor=user, submission=submission, comment=comment)
        else:
            county_checklist_return(actor=user, submission=submission, comment=comment)
    except DomainError as refusal:
        messages.error(request, message_of(refusal))
    else:
        messages.success(request, _("The review was recorded."))
    return redirect("readiness:submissions", election_id=submission.election_id)
