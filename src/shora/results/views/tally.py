"""The election's tally page: every constituency's gate (what keeps it from being counted,
station by station) and its result once tallied; for the provincial HQ, the lottery value
to announce before the polls close and the key holders' session to open or cancel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.accounts.models import Role
from shora.elections.models import Election, Phase
from shora.polling.access import require
from shora.results.access import (
    can_run_tally,
    can_see_results,
    constituencies_for_user,
)
from shora.results.forms import AnnounceForm, SessionOpenForm
from shora.results.models import TallySession
from shora.results.selectors import (
    ballots_untallied,
    lottery_value_may_be_announced,
    open_session_of,
    results_settings_of,
    session_entries,
    sessions_of,
    tally_gates,
)
from shora.results.services.announcement import lottery_value_announce
from shora.results.services.session_expiry import sessions_expire
from shora.results.services.sessions import tally_session_cancel, tally_session_open
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
    require(can_see_results(user, election))
    return election


def _render(
    request: HttpRequest,
    election: Election,
    *,
    announce_form: AnnounceForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    gates = tally_gates(election, constituencies_for_user(user, election))
    settings = results_settings_of(election)
    session = open_session_of(election)
    may_run = can_run_tally(user, election)
    of_the_province = user.is_superuser or user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR)
    context: dict[str, Any] = {
        "gates": gates,
        "tallied": sum(1 for gate in gates if gate.result is not None),
        "ready": sum(1 for gate in gates if gate.ready),
        "blocked": sum(1 for gate in gates if gate.result is None and not gate.ready),
        "settings": settings,
        "session": session,
        "entries": session_entries(session) if session and of_the_province else [],
        "sessions": list(sessions_of(election)[:10]) if of_the_province else [],
        "may_run": may_run,
        "announce_form": (
            (announce_form or AnnounceForm())
            if may_run and not settings and lottery_value_may_be_announced(election)
            else None
        ),
        "open_form": (
            SessionOpenForm()
            if may_run and session is None and election.phase == Phase.CLOSED
            else None
        ),
        "ballots_waiting": ballots_untallied(election) if may_run else None,
        "error": error,
    }
    return page(request, "results/tally.html", election, section="tally", status=status, **context)


@signed_in
def tally_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_for(request, election_id)
    sessions_expire(election=election)  # shares left unused too long are deleted first
    return _render(request, election)


@require_POST
@signed_in
def announce_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    require(can_run_tally(user, election))
    form = AnnounceForm(request.POST)
    if not form.is_valid():
        return _render(request, election, announce_form=form, status=400)
    try:
        lottery_value_announce(actor=user, election=election, value=form.cleaned_data["value"])
    except DomainError as refusal:
        return _render(
            request,
            election,
            announce_form=form,
            error=message_of(refusal),
            status=refusal_status(refusal),
        )
    messages.success(request, _("The lottery value was recorded; it can no longer change."))
    return redirect("results:tally", election_id=election.pk)


@require_POST
@signed_in
def session_open_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    require(can_run_tally(user, election))
    form = SessionOpenForm(request.POST)
    on_command_line = form.is_valid() and form.cleaned_data["run_on_command_line"]
    try:
        tally_session_open(actor=user, election=election, run_on_command_line=on_command_line)
    except DomainError as refusal:
        return _render(request, election, error=message_of(refusal), status=refusal_status(refusal))
    messages.success(
        request, _("The tally session is open: each key holder now enters their share.")
    )
    return redirect("results:tally", election_id=election.pk)


@require_POST
@signed_in
def session_cancel_page(request: HttpRequest, election_id: int, session_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    require(can_run_tally(user, election))
    session = get_object_or_404(TallySession, pk=session_id, election=election)
    try:
        tally_session_cancel(actor=user, session=session)
    except DomainError as refusal:
        return _render(request, election, error=message_of(refusal), status=refusal_status(refusal))
    messages.success(
        request, _("The tally session was cancelled; the shares entered were deleted.")
    )
    return redirect("results:tally", election_id=election.pk)
