"""A constituency's certification page and its official result form (PDF).

The page shows where the certification stands and offers the step the reader's board may
take: the county's executive side approves, the province's supervisors confirm. Who may
read it is who may read the constituency's result (the province, a county its own)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.results.access import constituency_result_get_for_user
from shora.results.documents import result_form_pdf
from shora.results.selectors import constituency_result_of
from shora.results.services.certification import (
    CertificationRefusal,
    can_approve,
    can_confirm,
    certification_approve,
    certification_confirm,
    certification_of,
)
from shora.results.views.common import message_of, page, signed_in, signed_in_user
from shora.results.views.tally import _election_for
from shora_domain.errors import DomainError


def _status_of(refusal: DomainError) -> int:
    return 409 if isinstance(refusal.code, CertificationRefusal) else 400


@signed_in
def certification_page(
    request: HttpRequest, election_id: int, constituency_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        steps = {"approve": certification_approve, "confirm": certification_confirm}
        if action not in steps:
            return HttpResponse(status=400)
        try:
            steps[action](actor=user, constituency=constituency)
        except PermissionDenied:
            raise
        except DomainError as refusal:
            error, status = message_of(refusal), _status_of(refusal)
        else:
            messages.success(
                request,
                _("The approval was recorded.")
                if action == "approve"
                else _("The confirmation was recorded."),
            )
            return redirect(
                "results:certification", election_id=election.pk, constituency_id=constituency.pk
            )
    certification = certification_of(constituency)
    return page(
        request,
        "results/certification.html",
        election,
        section="tally",
        status=status,
        error=error,
        constituency=constituency,
        result=constituency_result_of(constituency),
        certification=certification,
        may_approve=can_approve(user, constituency) and certification is None,
        may_confirm=can_confirm(user, constituency)
        and certification is not None
        and not certification.is_confirmed,
    )


@signed_in
def result_form_download(
    request: HttpRequest, election_id: int, constituency_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    result = constituency_result_of(constituency)
    if result is None:
        return HttpResponse(status=404)
    response = HttpResponse(
        result_form_pdf(result, certification_of(constituency)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="result-form-{election.pk}-{constituency.code}.pdf"'
    )
    return response
