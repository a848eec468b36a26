"""What every console page shares: the journal, the centre's client, the sign-in with the
console password, and the page frame (station, state, link)."""

from __future__ import annotations

import functools
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shora.station import forwarding
from shora.station.centre_client import CentreClient, centre_client_of, link_status
from shora.station.console_password import console_password_matches
from shora.station.journal import Journal, Setting
from shora.web.language import reader_language
from shora_domain.digits import format_number
from shora_domain.errors import DomainError

View = Callable[..., HttpResponse]
SESSION_KEY = "station_console"

_journals: dict[Path, Journal] = {}
_journals_lock = threading.Lock()


def station_journal() -> Journal:
    """The journal this console serves (one object per process; a connection per thread)."""
    path = Path(settings.SHORA_STATION_JOURNAL)
    with _journals_lock:
        journal = _journals.get(path)
        if journal is None:
            journal = _journals[path] = Journal.open(path)
        return journal


def centre_client() -> CentreClient:
    return centre_client_of(station_journal())


def said(error: DomainError) -> str:
    """A refusal in the reader's language."""
    return error.message(reader_language())


#: What a signed-in screen may do: the staff's screens everything; a voting booth's screen
#: only the voting pages, so a voter alone with it cannot reach the tickets not used, the
#: desk or the closing (leaving the booth mode takes the password again).
STAFF, BOOTH = "staff", "booth"


def redirect_to_sign_in(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('station:sign_in')}?next={request.path}")


def console_required(view: View) -> View:
    """A staff page: the console password given in this session, as staff."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.session.get(SESSION_KEY) != STAFF:
            return redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return wrapper


def booth_allowed(view: View) -> View:
    """A voting page: open to the staff and to a screen signed in as a voting booth."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.session.get(SESSION_KEY) not in (STAFF, BOOTH):
            return redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return wrapper


def render_console(
    request: HttpRequest, template: str, context: Mapping[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """A console page with the frame's facts: the station, its election, state and link."""
    journal = station_journal()
    frame = {
        "station": journal.setting_json(Setting.STATION) or {},
        "election": journal.setting_json(Setting.ELECTION) or {},
        "state": journal.state(),
        "link": link_status,
    }
    return render(request, template, {**frame, **(context or {})}, status=status)


# -- signing in ----------------------------------------------------------------------------

_FAILURES_ALLOWED = 5
_LOCKED_SECONDS = 60
_failures: list[float] = []
_failures_lock = threading.Lock()


def _locked_out() -> bool:
    with _failures_lock:
        recent = [at for at in _failures if time.monotonic() - at < _LOCKED_SECONDS]
        _failures[:] = recent
        return len(recent) >= _FAILURES_ALLOWED


def _failed() -> None:
    with _failures_lock:
        _failures.append(time.monotonic())


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if _locked_out():
            error = _("Too many wrong passwords; wait a minute and try again.")
        elif console_password_matches(
            request.POST.get("password", ""),
            station_journal().setting(Setting.CONSOLE_PASSWORD),
        ):
            request.session.cycle_key()
            booth = request.POST.get("mode") == BOOTH
            request.session[SESSION_KEY] = BOOTH if booth else STAFF
            target = request.POST.get("next", "")
            if booth or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = reverse("station:vote" if booth else "station:status")
            return redirect(target or reverse("station:status"))
        else:
            _failed()
            error = _("The console password is not right.")
    return render_console(
        request,
        "station/sign_in.html",
        {"error": error, "next": request.GET.get("next", request.POST.get("next", ""))},
        status=400 if error else 200,
    )


@require_http_methods(["POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return redirect("station:sign_in")


# -- the status page -----------------------------------------------------------------------


@console_required
def status(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    running = forwarding.running
    outcomes = journal.provisional_outcomes()
    return render_console(
        request,
        "station/status.html",
        {
            "counts": journal.counts(),
            "refused_entries": journal.entries_refused(),
            # the reasons only: a receipt code beside its outcome is the voter's business
            "provisional_refusals": [o.refusal for o in outcomes if not o.outcome and o.refusal],
            "provisional_rejections": sorted(
                Counter(o.reason for o in outcomes if o.outcome == "rejected").items()
            ),
            "forwarder_refusal": running.last_refusal if running else None,
            "forwarder_running": running is not None,
            "closes": _moment(journal, "closes"),
            "opens": _moment(journal, "opens"),
        },
    )


def _moment(journal: Journal, name: str) -> Any:
    import datetime

    value = (journal.setting_json(Setting.ELECTION) or {}).get(name)
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@console_required
@require_http_methods(["POST"])
def forward_now(request: HttpRequest) -> HttpResponse:
    """Forward what waits, now (the chair's button on the status page)."""
    from shora.station.centre_client import CentreRefused, CentreUnreachable
    from shora.station.journal import StationState

    journal = station_journal()
    mix = settings.SHORA_STATION_MIX if journal.state() == StationState.OPEN else 1
    try:
        report = forwarding.forward_pending(journal, centre_client(), mix_at_least=mix)
    except (CentreUnreachable, CentreRefused) as failed:
        messages.error(request, said(failed))
    else:
        messages.success(
            request,
            _("Sent to the centre: %(batches)s batches.")
            % {"batches": format_number(report.batches_sent, reader_language())},
        )
        if report.provisional_accepted or report.provisional_rejected:
            messages.info(
                request,
                _(
                    "Provisional ballots answered by the centre: %(accepted)s accepted, "
                    "%(rejected)s rejected."
                )
                % {
                    "accepted": format_number(report.provisional_accepted, reader_language()),
                    "rejected": format_number(report.provisional_rejected, reader_language()),
                },
            )
    return redirect("station:status")
