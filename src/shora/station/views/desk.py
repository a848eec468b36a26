"""The identity desk: national code, document, fingerprint → a ticket, or the centre's
exact reason. The national code is sent to the centre and kept nowhere: not journalled,
not logged, not in the session or a URL, hidden from error reports, and not put back in
the form that is shown after the answer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from shora.station.centre_client import CentreRefused, CentreUnreachable
from shora.station.forms import DeskForm
from shora.station.identity_desk import voter_claim
from shora.station.journal import Setting
from shora.station.views.console import (
    centre_client,
    console_required,
    render_console,
    said,
    station_journal,
)
from shora_domain.errors import DomainError


@sensitive_post_parameters("national_code")
@console_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    journal = station_journal()
    context: dict[str, object] = {}
    status = 200
    if request.method == "POST":
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
                election = journal.setting_json(Setting.ELECTION) or {}
                context["unreachable"] = said(down)
                context["offline_policy"] = election.get("offline_policy", "refuse")
                status = 503
            except DomainError as refused:
                context["refused"] = said(refused)
                status = 400
        else:
            status = 400
            context["form_errors"] = form.errors
    context["form"] = DeskForm(initial={"document": "national_card"})  # never the code again
    context["title"] = _("Identity desk")
    return render_console(request, "station/desk.html", context, status=status)
