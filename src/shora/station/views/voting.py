"""The voting screen: ticket → the constituency's ballot (search by code or name, choose up
to N) → review → cast → the paper record and the receipt.

A ballot being filled in is kept in this process's memory under a random key held in the
session, never in the cookie itself (signed cookies are readable) and never on disk; if
the process restarts meanwhile, the voter starts the ballot again with the same ticket.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shora.station.forms import TicketForm
from shora.station.printouts import (
    ballot_printout,
    printout_forget,
    printout_keep,
    printout_take,
)
from shora.station.views.console import (
    booth_allowed,
    centre_client,
    render_console,
    said,
    station_journal,
)
from shora.station.views.pdf import pdf_response
from shora.station.voting import ballot_cast, ballot_of, candidates_matching, ticket_check
from shora.web.language import reader_language
from shora_domain.ballot_choices import keyed_code_normalise
from shora_domain.ballot_definition import BallotCandidate, BallotDefinition
from shora_domain.digits import format_number
from shora_domain.errors import DomainError
from shora_domain.receipt_codes import receipt_code_display

SESSION_BALLOT = "station_ballot"
SESSION_PRINTOUT = "station_printout"
_FORGET_AFTER = 30 * 60
MAX_KEYED = 200


@dataclass
class BallotInProgress:
    ticket: str
    constituency_id: int
    provisional: bool = False
    keyed: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)


_in_progress: dict[str, BallotInProgress] = {}
_in_progress_lock = threading.Lock()


def _current(request: HttpRequest) -> BallotInProgress | None:
    key = request.session.get(SESSION_BALLOT)
    with _in_progress_lock:
        for stale in [
            k for k, b in _in_progress.items() if time.monotonic() - b.started > _FORGET_AFTER
        ]:
            del _in_progress[stale]
        return _in_progress.get(key) if isinstance(key, str) else None


def _forget(request: HttpRequest) -> None:
    key = request.session.pop(SESSION_BALLOT, None)
    with _in_progress_lock:
        _in_progress.pop(key, None)


@booth_allowed
@require_http_methods(["GET", "POST"])
def ticket(request: HttpRequest) -> HttpResponse:
    """Start a ballot with the ticket number the identity desk gave the voter."""
    if _current(request) is not None:
        return redirect("station:ballot")
    form = TicketForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        journal = station_journal()
        try:
            token = ticket_check(journal, form.cleaned_data["ticket"])
            ballot_of(journal, token.constituency_id, centre_client())
        except DomainError as refused:
            error = said(refused)
        else:
            key = secrets.token_urlsafe(18)
            with _in_progress_lock:
                _in_progress[key] = BallotInProgress(
                    token.ticket, token.constituency_id, token.provisional
                )
            request.session[SESSION_BALLOT] = key
            _drop_printout(request)
            return redirect("station:ballot")
    return render_console(
        request,
        "station/vote_ticket.html",
        {"form": form, "error": error},
        400 if error or form.errors else 200,
    )


def _chosen(
    progress: BallotInProgress, definition: BallotDefinition
) -> tuple[list[BallotCandidate], list[str]]:
    """The distinct candidates keyed, in keying order, and the codes that are no candidate."""
    chosen: list[BallotCandidate] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for code in progress.keyed:
        candidate = definition.code_of(code)
        if candidate is None:
            unknown.append(code)
        elif code not in seen:
            seen.add(code)
            chosen.append(candidate)
    return chosen, unknown


def _too_many(members: int) -> str:
    return _(
        "At most %(members)s candidates may be chosen on this ballot. "
        "Remove one before adding another."
    ) % {"members": format_number(members, reader_language())}


@booth_allowed
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest) -> HttpResponse:
    """Choose: search by code or name, add, remove; at most N."""
    progress = _current(request)
    if progress is None:
        return redirect("station:vote")
    journal = station_journal()
    definition = ballot_of(journal, progress.constituency_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        code = keyed_code_normalise(request.POST.get("code", "")[:64])
        if action == "cancel":
            _forget(request)
            messages.info(request, _("The ballot was abandoned; the ticket can still vote."))
            return redirect("station:vote")
        if action == "remove":
            progress.keyed = [keyed for keyed in progress.keyed if keyed != code]
        elif action == "add" and code:
            chosen, _unknown = _chosen(progress, definition)
            is_new = definition.code_of(code) is not None and code not in progress.keyed
            if is_new and len(chosen) >= definition.members:
                messages.error(request, _too_many(definition.members))
            elif len(progress.keyed) < MAX_KEYED and code not in progress.keyed:
                progress.keyed.append(code)
        query = request.POST.get("q", "")
        return redirect(f"{request.path}?{urlencode({'q': query})}" if query else request.path)
    query = request.GET.get("q", "")[:200]
    chosen, unknown = _chosen(progress, definition)
    chosen_codes = {candidate.code for candidate in chosen}
    return render_console(
        request,
        "station/vote_ballot.html",
        {
            "definition": definition,
            "chosen": chosen,
            "unknown": unknown,
            "query": query,
            "results": candidates_matching(journal, progress.constituency_id, query),
            "chosen_codes": chosen_codes,
            "room": definition.members - len(chosen),
            "provisional": progress.provisional,
        },
    )


@booth_allowed
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """Review and confirm; a blank ballot needs its own confirmation."""
    progress = _current(request)
    if progress is None:
        return redirect("station:vote")
    journal = station_journal()
    definition = ballot_of(journal, progress.constituency_id)
    chosen, unknown = _chosen(progress, definition)
    error = ""
    if request.method == "POST":
        if not chosen and request.POST.get("blank") != "yes":
            error = _("No candidate is chosen. Tick the box to cast a blank ballot, or go back.")
        else:
            try:
                result = ballot_cast(journal, ticket=progress.ticket, keyed=progress.keyed)
            except DomainError as refused:
                error = said(refused)
            else:
                _forget(request)  # the choices leave memory with the ballot in progress
                key = printout_keep(ballot_printout(journal, result))
                request.session[SESSION_PRINTOUT] = key
                return redirect("station:voted", key=key)
    return render_console(
        request,
        "station/vote_review.html",
        {"definition": definition, "chosen": chosen, "unknown": unknown, "error": error},
        status=400 if error else 200,
    )


def _drop_printout(request: HttpRequest) -> None:
    key = request.session.pop(SESSION_PRINTOUT, None)
    if isinstance(key, str):
        printout_forget(key)


@booth_allowed
@require_http_methods(["GET", "POST"])
def voted(request: HttpRequest, key: str) -> HttpResponse:
    """The ballot is in the journal: print the paper record and the receipt."""
    printout = printout_take(key)
    if request.method == "POST":  # the next voter
        _drop_printout(request)
        printout_forget(key)
        return redirect("station:vote")
    if printout is None or request.session.get(SESSION_PRINTOUT) != key:
        return redirect("station:vote")
    return render_console(
        request,
        "station/vote_done.html",
        {
            "key": key,
            "receipt_code": receipt_code_display(printout.receipt_code),
            "provisional": printout.provisional,
        },
    )


@booth_allowed
def printout_pdf(request: HttpRequest, key: str, kind: str) -> HttpResponse:
    printout = printout_take(key)
    if printout is None or request.session.get(SESSION_PRINTOUT) != key:
        raise Http404("This printout is gone.")
    if kind == "paper-record":
        return pdf_response(printout.paper_record, "paper-record.pdf")
    if kind == "receipt":
        return pdf_response(printout.receipt, "receipt.pdf")
    raise Http404("No such printout.")
