"""Extensions of the polling hours: a county (or the HQ) asks for a later closing time with
a reason; the province's supervisory board confirms; only then do the county's polls close
later."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.accounts.models import Role
from shora.elections.models import Election
from shora.polling.access import (
    can_confirm_extension,
    can_request_extension,
    can_see_extensions,
    extension_get_for_user,
    extensions_for_user,
    may_request_extensions,
    require,
)
from shora.polling.forms import ExtensionRequestForm
from shora.polling.services.extensions import extension_confirm, extension_request
from shora.polling.views.common import (
    crumbs,
    message_of,
    page,
    refusal_status,
    signed_in,
    signed_in_user,
)
from shora_domain.errors import DomainError


def _render(
    request: HttpRequest,
    election: Election,
    form: ExtensionRequestForm | None,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    return page(
        request,
        "polling/extensions.html",
        election,
        section="extensions",
        status=status,
        extensions=extensions_for_user(user, election),
        form=form,
        own_county=user.county if user.role == Role.COUNTY else None,
        may_confirm=can_confirm_extension(user, election),
        error=error,
        crumbs=crumbs(user, election.province),
    )


def _election_for(request: HttpRequest, election_id: int) -> Election:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_extensions(user, election))
    return election


def _request_form(request: HttpRequest, election: Election) -> ExtensionRequestForm | None:
    user = signed_in_user(request)
    if not may_request_extensions(user, election):
        return None
    initial = {"county": user.county_id} if user.role == Role.COUNTY else {}
    return ExtensionRequestForm(election=election, initial=initial)


@signed_in
def extensions_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    if request.method != "POST":
        return _render(request, election, _request_form(request, election))
    require(may_request_extensions(user, election))
    form = ExtensionRequestForm(request.POST, election=election)
    if not form.is_valid():
        return _render(request, election, form, status=400)
    county = form.cleaned_data["county"]
    require(can_request_extension(user, election, county))
    try:
        extension_request(
            actor=user,
            election=election,
            county=county,
            closes_at=form.cleaned_data["closes_at"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as refusal:
        return _render(
            request, election, form, error=message_of(refusal), status=refusal_status(refusal)
        )
    messages.success(
        request, _("The extension was requested; it applies once the supervisory board confirms.")
    )
    return redirect("polling:extensions", election_id=election.pk)


@require_POST
@signed_in
def extension_confirm_page(
    request: HttpRequest, election_id: int, extension_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    extension = extension_get_for_user(user, election, extension_id)
    require(can_confirm_extension(user, election))
    try:
        extension_confirm(actor=user, extension=extension)
    except DomainError as refusal:
        return _render(
            request,
            election,
            _request_form(request, election),
            error=message_of(refusal),
            status=refusal_status(refusal),
        )
    messages.success(request, _("The extension was confirmed: the county's polls close later."))
    return redirect("polling:extensions", election_id=election.pk)
