"""Incidents: written in the journal, forwarded in the next batch."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shora.station import clock
from shora.station.forms import INCIDENT_LABELS, IncidentForm
from shora.station.forwarding import forwarder_wake
from shora.station.views.console import console_required, render_console, said, station_journal
from shora_domain.errors import DomainError


@console_required
@require_http_methods(["GET", "POST"])
def incidents(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    form = IncidentForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            journal.incident_record(
                category=form.cleaned_data["category"],
                text=form.cleaned_data["text"],
                recorded_by=form.cleaned_data["recorded_by"],
                minute=clock.this_minute_iso(),
            )
        except DomainError as refused:
            error = said(refused)
        else:
            forwarder_wake()
            messages.success(request, _("The incident is recorded."))
            return redirect("station:incidents")
    import datetime

    recorded = [
        {
            "incident": incident,
            "label": INCIDENT_LABELS.get(incident.category, incident.category),
            "at": datetime.datetime.fromisoformat(incident.minute),
        }
        for incident in reversed(journal.incidents())
    ]
    return render_console(
        request,
        "station/incidents.html",
        {"form": form, "error": error, "recorded": recorded},
        status=400 if error or form.errors else 200,
    )
