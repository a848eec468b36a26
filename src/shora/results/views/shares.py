"""A key holder's own screen: signed in with two factors, they type their passphrase; the
share opens in the server's memory and waits for the others. The k-th share runs the
tally in the same request, unless the HQ chose to run it on the command line."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.access import election_get_for_user
from shora.elections.models import Election
from shora.polling.access import require
from shora.results.access import can_enter_share, holding_of
from shora.results.forms import ShareForm
from shora.results.selectors import open_session_of, session_entries
from shora.results.services.sessions import share_enter
from shora.results.views.common import (
    message_of,
    page,
    refusal_status,
    signed_in,
    signed_in_user,
)
from shora.web.language import reader_language
from shora_domain.digits import format_number
from shora_domain.errors import DomainError


def _election_for(request: HttpRequest, election_id: int) -> Election:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_enter_share(user, election))
    # A holder's flag may have been cleared since the ceremony: the share still needs two
    # factors, whatever the role.
    require(bool(user.is_verified()))  # type: ignore[attr-defined]
    return election


def _render(
    request: HttpRequest, election: Election, *, error: str = "", status: int = 200
) -> HttpResponse:
    user = signed_in_user(request)
    session = open_session_of(election)
    holding = holding_of(user, election)
    entries = session_entries(session) if session else []
    mine = holding is not None and any(entry.holding_id == holding.pk for entry in entries)
    return page(
        request,
        "results/share.html",
        election,
        section="share",
        status=status,
        session=session,
        holding=holding,
        entries=entries,
        entered_mine=mine,
        form=ShareForm() if session and not mine else None,
        error=error,
    )


@signed_in
def share_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    if request.method != "POST":
        return _render(request, election)
    session = open_session_of(election)
    form = ShareForm(request.POST)
    if session is None or not form.is_valid():
        error = "" if session else _("No tally session is open.")
        return _render(request, election, error=error, status=400 if session else 409)
    try:
        outcome = share_enter(
            actor=user, session=session, passphrase=form.cleaned_data["passphrase"]
        )
    except DomainError as refusal:
        return _render(request, election, error=message_of(refusal), status=refusal_status(refusal))
    language = reader_language()
    if outcome.tally is not None:
        messages.success(
            request,
            _("Your share completed the key: %(n)s constituencies were tallied.")
            % {"n": format_number(len(outcome.tally.tallied), language)},
        )
        return redirect("results:tally", election_id=election.pk)
    messages.success(
        request,
        _("Your share was entered: %(entered)s of %(needed)s.")
        % {
            "entered": format_number(outcome.entered, language),
            "needed": format_number(outcome.threshold, language),
        },
    )
    return redirect("results:share", election_id=election.pk)
