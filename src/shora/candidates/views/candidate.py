"""A candidate's page: the person, the whole history, and the steps the reader may take."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.candidates.access import can_act_for, candidacy_get_for_user, is_board_member_for
from shora.candidates.errors import ConditionsNotMetError
from shora.candidates.forms import MoveForm, ReviewStepForm
from shora.candidates.models import Candidacy
from shora.candidates.selectors import (
    candidacy_history,
    move_destinations,
    register_entry,
    similar_candidacies,
    steps_offered,
)
from shora.candidates.services import (
    candidacy_appeal,
    candidacy_decide,
    candidacy_move,
    candidacy_withdraw,
)
from shora.elections.models import Constituency
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.candidate_review import STEPS, CandidacyStatus, ReviewAction
from shora_domain.errors import DomainError


def _may_move(request: HttpRequest, candidacy: Candidacy) -> bool:
    user = signed_in_user(request)
    return (
        candidacy.status == CandidacyStatus.APPROVED.value
        and candidacy.moved_from_id is None
        and candidacy.election.phase in ("registration", "review")
        and is_board_member_for(user, STEPS[ReviewAction.MOVE].board)
        and can_act_for(user, candidacy)
    )


@signed_in
def candidate_page(request: HttpRequest, candidacy_id: int) -> HttpResponse:
    user = signed_in_user(request)
    candidacy = candidacy_get_for_user(user, candidacy_id)
    constituency = candidacy.constituency
    move_form = None
    if _may_move(request, candidacy):
        move_form = MoveForm(destinations=[(c.pk, c.name) for c in move_destinations(candidacy)])
    return render_page(
        request,
        "candidates/candidate.html",
        candidacy.election,
        candidacy=candidacy,
        constituency=constituency,
        history=candidacy_history(candidacy).select_related("actor"),
        offers=steps_offered(user, candidacy),
        move_form=move_form,
        similar=similar_candidacies(
            election=candidacy.election,
            first_name=candidacy.first_name,
            last_name=candidacy.last_name,
            birth_date=candidacy.birth_date,
            national_code=candidacy.national_code,
        ),
        entry=getattr(candidacy, "ballot_entry", None),
        on_register=register_entry(candidacy),
        crumbs=unit_crumbs(user, constituency.district.county, constituency.district),
    )


@require_POST
@signed_in
def candidate_step(request: HttpRequest, candidacy_id: int) -> HttpResponse:
    user = signed_in_user(request)
    candidacy = candidacy_get_for_user(user, candidacy_id)
    form = ReviewStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The step could not be read."))
        return redirect("candidates:candidate", candidacy_id=candidacy.pk)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == ReviewAction.APPEAL.value:
            candidacy_appeal(actor=user, candidacy=candidacy, reason=reason)
        elif action == ReviewAction.WITHDRAW.value:
            candidacy_withdraw(actor=user, candidacy=candidacy, reason=reason)
        else:
            candidacy_decide(actor=user, candidacy=candidacy, action=action, reason=reason)
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        messages.success(request, _("The step was recorded."))
    return redirect("candidates:candidate", candidacy_id=candidacy.pk)


@require_POST
@signed_in
def candidate_move(request: HttpRequest, candidacy_id: int) -> HttpResponse:
    user = signed_in_user(request)
    candidacy = candidacy_get_for_user(user, candidacy_id)
    if not can_act_for(user, candidacy):
        raise PermissionDenied
    destinations = move_destinations(candidacy)
    form = MoveForm(request.POST, destinations=[(c.pk, c.name) for c in destinations])
    if not form.is_valid():
        messages.error(request, _("Choose the constituency to move to."))
        return redirect("candidates:candidate", candidacy_id=candidacy.pk)
    to = get_object_or_404(Constituency, pk=form.cleaned_data["to"])
    try:
        candidacy_move(
            actor=user,
            candidacy=candidacy,
            to=to,
            residence_confirmed=form.cleaned_data["residence_confirmed"],
        )
    except ConditionsNotMetError as refusal:
        for failure in refusal.failures:
            messages.error(request, failure.message(reader_language()))
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        messages.success(request, _("The candidate was moved."))
    return redirect("candidates:candidate", candidacy_id=candidacy.pk)
