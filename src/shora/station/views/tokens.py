"""Tickets issued and not used: the chair voids one, with a reason, confirming with the
console password; the centre is told at once, or by the forwarder when the link is back. A
provisional ticket is voided at the station only (the centre never issued it), and the
voter's national code kept for it is forgotten."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from shora.station.centre_client import CentreRefused, CentreUnreachable
from shora.station.console_password import console_password_matches
from shora.station.forms import VoidForm
from shora.station.forwarding import forwarder_wake
from shora.station.journal import Setting
from shora.station.views.console import (
    centre_client,
    console_required,
    render_console,
    said,
    station_journal,
)
from shora_domain.errors import DomainError


@sensitive_post_parameters("password")
@console_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    form = VoidForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if not console_password_matches(
            form.cleaned_data["password"], journal.setting(Setting.CONSOLE_PASSWORD)
        ):
            error = _("The console password is not right.")
        else:
            try:
                voided = journal.token_void(
                    form.cleaned_data["ticket"], form.cleaned_data["reason"]
                )
            except DomainError as refused:
                error = said(refused)
            else:
                if voided.provisional:  # the centre never heard of it: nothing to tell
                    messages.success(
                        request, _("The provisional ticket is void; nothing goes to the centre.")
                    )
                    return redirect("station:tokens")
                try:
                    centre_client().post(
                        "/api/polling/tokens/void",
                        {"token": voided.token, "reason": voided.void_reason},
                    )
                    journal.void_mark_sent(voided.ticket)
                    messages.success(request, _("The ticket is void, and the centre knows."))
                except CentreUnreachable:
                    forwarder_wake()
                    messages.warning(
                        request,
                        _("The ticket is void here; the centre is told when the link is back."),
                    )
                except CentreRefused as refused:
                    journal.void_mark_sent(voided.ticket, refused.en)
                    messages.error(request, said(refused))
                return redirect("station:tokens")
    return render_console(
        request,
        "station/tokens.html",
        {"outstanding": journal.tokens_outstanding(), "form": form, "error": error},
        status=400 if error or form.errors else 200,
    )
