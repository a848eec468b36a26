"""Opening: the chair and staff present → the signed zero report, sent, then printed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from shora.station.forms import OpeningForm
from shora.station.printouts import zero_report_of
from shora.station.station_day import station_open
from shora.station.views.console import (
    centre_client,
    console_required,
    render_console,
    said,
    station_journal,
)
from shora.station.views.pdf import pdf_response
from shora_domain.errors import DomainError


@sensitive_post_parameters("chair", "staff_present")
@console_required
@require_http_methods(["GET", "POST"])
def opening(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    form = OpeningForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            opened = station_open(
                journal,
                centre_client(),
                chair=form.cleaned_data["chair"],
                staff_present=form.staff_lines(),
            )
        except DomainError as refused:
            error = said(refused)
        else:
            messages.success(request, _("The station is open. Print the zero report."))
            for missing in opened.ballots_missing:
                messages.warning(request, _("A ballot could not be fetched: ") + missing)
            return redirect("station:opening")
    return render_console(
        request,
        "station/opening.html",
        {"form": form, "error": error, "opening": journal.document("opening")},
        status=400 if error or form.errors else 200,
    )


@console_required
def zero_report(request: HttpRequest) -> HttpResponse:
    from shora.station.printing.documents import zero_report_pdf

    try:
        report = zero_report_of(station_journal())
    except LookupError:
        return redirect("station:opening")
    return pdf_response(zero_report_pdf(report), "zero-report.pdf")
