"""Closing: void what was not used, forward everything, sign the counts and the receipts'
Merkle root, send them; then the closing report."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shora.station import clock
from shora.station.forms import ClosingForm
from shora.station.printouts import closing_report_of
from shora.station.station_day import polls_close_at, station_close
from shora.station.views.console import (
    centre_client,
    console_required,
    render_console,
    said,
    station_journal,
)
from shora.station.views.pdf import pdf_response
from shora_domain.errors import DomainError


@console_required
@require_http_methods(["GET", "POST"])
def closing(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    form = ClosingForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            station_close(journal, centre_client(), early_confirmed=form.cleaned_data["early"])
        except DomainError as refused:
            error = said(refused)
        else:
            messages.success(request, _("The station is closed. Print the closing report."))
            return redirect("station:closing")
    closes = polls_close_at(journal)
    return render_console(
        request,
        "station/closing.html",
        {
            "form": form,
            "error": error,
            "counts": journal.counts(),
            "closing": journal.document("closing"),
            "closes": closes,
            "early": bool(closes and clock.now() < closes),
        },
        status=400 if error or form.errors else 200,
    )


@console_required
def closing_report(request: HttpRequest) -> HttpResponse:
    from shora.station.printing.documents import closing_report_pdf

    try:
        report = closing_report_of(station_journal())
    except LookupError:
        return redirect("station:closing")
    return pdf_response(closing_report_pdf(report), "closing-report.pdf")
