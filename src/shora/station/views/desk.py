"""The identity desk: national code, document, fingerprint → a ticket, or the centre's
exact reason. The national code is sent to the centre and kept nowhere: not journalled,
not logged, not in the session or a URL, hidden from error reports, and not put back in
the form that is shown after the answer.

With the centre unreachable and the election's offline policy "provisional", the desk
offers a second step: the operator tells the voter they vote provisionally and picks the
constituency the voter says (the station's own only); confirming journals the claim and
issues a provisional ticket. Between the two steps the typed details wait in this
process's memory, under a random key held in the session, for a few minutes at most: never
in the cookie itself, never in the page, never on disk.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from shora.station.centre_client import CentreRefused, CentreUnreachable
from shora.station.forms import DeskForm, ProvisionalForm
from shora.station.identity_desk import (
    PROVISIONAL,
    offline_policy,
    provisional_claim,
    refuse_provisional_input,
    served_constituencies,
    voter_claim,
)
from shora.station.journal import Journal
from shora.station.views.console import (
    centre_client,
    console_required,
    render_console,
    said,
    station_journal,
)
from shora.web.language import reader_language
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError

SESSION_PROVISIONAL = "station_provisional"
HOLD_SECONDS = 5 * 60


@dataclass
class _HeldClaim:
    """What the operator typed, waiting for the provisional step's confirmation."""

    national_code: str = field(repr=False)
    document: str
    fingerprint: str
    held_at: float = field(default_factory=time.monotonic)


_held: dict[str, _HeldClaim] = {}
_held_lock = threading.Lock()


def _hold(request: HttpRequest, claim: _HeldClaim) -> None:
    _drop(request)
    key = secrets.token_urlsafe(18)
    with _held_lock:
        _held[key] = claim
    request.session[SESSION_PROVISIONAL] = key


def _held_claim(request: HttpRequest) -> _HeldClaim | None:
    key = request.session.get(SESSION_PROVISIONAL)
    with _held_lock:
        now = time.monotonic()
        for stale in [k for k, held in _held.items() if now - held.held_at > HOLD_SECONDS]:
            del _held[stale]
        return _held.get(key) if isinstance(key, str) else None


def _drop(request: HttpRequest) -> None:
    key = request.session.pop(SESSION_PROVISIONAL, None)
    with _held_lock:
        _held.pop(key, None)


def _constituency_choices(journal: Journal) -> list[tuple[str, str]]:
    fa = reader_language() == "fa"
    return [
        (c.code, f"{c.name} ({to_persian_digits(c.code) if fa else c.code})")
        for c in served_constituencies(journal)
    ]


def _provisional_form(journal: Journal, data: object = None) -> ProvisionalForm:
    return ProvisionalForm(data, constituencies=_constituency_choices(journal))


@sensitive_post_parameters("national_code")
@console_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    context: dict[str, object] = {"offline_policy": offline_policy(journal)}
    status = 200
    if request.method == "POST":
        _drop(request)  # a new voter: whatever waited for the provisional step is gone
        form = DeskForm(request.POST)
        if form.is_valid():
            try:
                context["issued"] = voter_claim(
                    journal,
                    centre_client(),
                    national_code=form.cleaned_data["national_code"],
                    document=form.cleaned_data["document"],
                    fingerprint=form.cleaned_data["fingerprint"],
                )
            except CentreRefused as refused:
                context["refused"] = said(refused)
                context["facts"] = refused.body
                status = 409
            except CentreUnreachable as down:
                context["unreachable"] = said(down)
                status = 503
                if context["offline_policy"] == PROVISIONAL:
                    status = _offer_provisional(request, journal, form.cleaned_data, context)
            except DomainError as refused:
                context["refused"] = said(refused)
                status = 400
        else:
            status = 400
            context["form_errors"] = form.errors
    context["form"] = DeskForm(initial={"document": "national_card"})  # never the code again
    context["title"] = _("Identity desk")
    return render_console(request, "station/desk.html", context, status=status)


def _offer_provisional(
    request: HttpRequest, journal: Journal, typed: dict[str, str], context: dict[str, object]
) -> int:
    """The centre is unreachable and the policy is "provisional": hold what was typed and
    offer the provisional step, unless the station itself must refuse (no fingerprint
    match); the page's status."""
    try:
        refuse_provisional_input(
            journal, document=typed["document"], fingerprint=typed["fingerprint"]
        )
    except DomainError as refused:
        context["provisional_refused"] = said(refused)
        return 409
    _hold(request, _HeldClaim(typed["national_code"], typed["document"], typed["fingerprint"]))
    context["provisional_form"] = _provisional_form(journal)
    return 200


@console_required
@require_http_methods(["POST"])
def desk_provisional(request: HttpRequest) -> HttpResponse:
    """Confirm (or cancel) the provisional step: journal the claim, issue the ticket."""
    journal = station_journal()
    if request.POST.get("action") == "cancel":
        _drop(request)
        messages.info(request, _("No provisional ticket was issued."))
        return redirect("station:desk")
    context: dict[str, object] = {
        "form": DeskForm(initial={"document": "national_card"}),
        "title": _("Identity desk"),
        "offline_policy": offline_policy(journal),
    }
    held = _held_claim(request)
    if held is None:
        context["refused"] = _(
            "What was typed for this voter is no longer held (it waits five minutes at "
            "most). Enter the voter again."
        )
        return render_console(request, "station/desk.html", context, status=400)
    form = _provisional_form(journal, request.POST)
    if not form.is_valid():
        context["provisional_form"] = form
        return render_console(request, "station/desk.html", context, status=400)
    _drop(request)
    try:
        context["issued"] = provisional_claim(
            journal,
            national_code=held.national_code,
            document=held.document,
            fingerprint=held.fingerprint,
            constituency_code=form.cleaned_data["constituency"],
        )
    except DomainError as refused:
        context["refused"] = said(refused)
        return render_console(request, "station/desk.html", context, status=409)
    return render_console(request, "station/desk.html", context)
