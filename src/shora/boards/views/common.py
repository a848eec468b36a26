"""What the boards' views share: the page frame of the site, and finding a person by code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from shora.boards.models import Person
from shora.boards.selectors import person_by_national_code
from shora.boards.services import Appointment
from shora.elections.models import Election
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs

__all__ = [
    "crumbs",
    "page",
    "person_from_form",
    "report_appointment",
    "signed_in",
    "signed_in_user",
]

crumbs = unit_crumbs


def page(
    request: HttpRequest,
    template: str,
    election: Election | None,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """A page in the site's frame (header with the election, language switch, messages)."""
    return render_page(request, template, election, status=status, **context)


def person_from_form(form: forms.Form, election: Election) -> Person | None:
    """The registered person whose code the form holds, or None with the form's error set."""
    person = person_by_national_code(
        election=election, national_code=form.cleaned_data["national_code"]
    )
    if person is None:
        form.add_error(
            "national_code",
            _("Nobody is registered with this national code: register the person first."),
        )
    return person


def report_appointment(request: HttpRequest, appointment: Appointment) -> None:
    messages.success(request, _("Appointed."))
    for warning in appointment.warnings:
        messages.warning(
            request, _("Warning: %(text)s") % {"text": warning.message(reader_language())}
        )
