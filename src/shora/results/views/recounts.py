"""A constituency's recounts: the list with each one's outcome and differences, the form
to ask for one (the HQ, or the constituency's own county), and the supervisors' button
that confirms a county's request. Read by whoever reads the constituency's result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from shora.results.access import constituency_result_get_for_user
from shora.results.models import Recount
from shora.results.selectors import constituency_result_of
from shora.results.services.recounts import (
    RECOUNT_CONFLICTS,
    can_ask_recount,
    can_confirm_recount,
    recount_ask,
    recount_confirm,
)
from shora.results.views.common import message_of, page, signed_in, signed_in_user
from shora.results.views.tally import _election_for
from shora_domain.errors import DomainError


@signed_in
def recounts_page(request: HttpRequest, election_id: int, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    error, status = "", 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                recount = get_object_or_404(
                    Recount, pk=request.POST.get("recount") or 0, result__constituency=constituency
                )
                recount_confirm(actor=user, recount=recount)
            elif request.POST.get("action") == "ask":
                recount_ask(
                    actor=user, constituency=constituency, reason=request.POST.get("reason", "")
                )
            else:
                return HttpResponse(status=400)
        except PermissionDenied:
            raise
        except DomainError as refusal:
            error = message_of(refusal)
            status = 409 if refusal.code in RECOUNT_CONFLICTS else 400
        else:
            messages.success(request, _("The recount was recorded."))
            return redirect(
                "results:recounts", election_id=election.pk, constituency_id=constituency.pk
            )
    result = constituency_result_of(constituency)
    return page(
        request,
        "results/recounts.html",
        election,
        section="tally",
        status=status,
        error=error,
        constituency=constituency,
        result=result,
        recounts=(
            list(
                Recount.objects.filter(result=result).select_related("requested_by", "confirmed_by")
            )
            if result is not None
            else []
        ),
        may_ask=result is not None and can_ask_recount(user, constituency),
        may_confirm=can_confirm_recount(user, constituency),
        reason=request.POST.get("reason", "") if status != 200 else "",
    )
