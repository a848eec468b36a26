"""Registering one candidate through the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.candidates.access import can_register_in, candidacies_constituency_get_for_user
from shora.candidates.errors import ConditionsNotMetError
from shora.candidates.forms import RegistrationForm
from shora.candidates.services import candidacy_register
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.errors import DomainError


@signed_in
def register_candidate(request: HttpRequest, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    constituency = candidacies_constituency_get_for_user(user, constituency_id)
    if not can_register_in(user, constituency):
        raise PermissionDenied
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    failures = []
    if request.method == "POST" and form.is_valid():
        try:
            registration = candidacy_register(
                actor=user, constituency=constituency, details=form.details()
            )
        except ConditionsNotMetError as refusal:
            failures = [failure.message(reader_language()) for failure in refusal.failures]
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            candidacy = registration.candidacy
            messages.success(request, _("The candidate was registered."))
            return redirect("candidates:candidate", candidacy_id=candidacy.pk)
    return render_page(
        request,
        "candidates/register.html",
        constituency.election,
        status=400 if request.method == "POST" else 200,
        form=form,
        failures=failures,
        constituency=constituency,
        crumbs=unit_crumbs(user, constituency.district.county, constituency.district),
    )
