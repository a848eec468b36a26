"""The schedule pages: programmes and the week's sessions, a new series, a session's attendance."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.boards.models import Person
from shora.elections.models import County
from shora.training.access import (
    can_manage_county_training,
    can_manage_programmes,
    can_see_county_training,
    can_see_province_training,
    require,
    visible_county_ids,
)
from shora.training.documents import invitations_pdf
from shora.training.forms import CodeForm, ProgrammeForm, SeriesForm
from shora.training.models import Programme, Session, SessionSeries
from shora.training.selectors.evaluation import week_start
from shora.training.selectors.schedule import attendance_list, sessions_of_week
from shora.training.services.sessions import (
    attendance_by_code,
    attendance_record,
    series_create,
)
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError
from shora_domain.jalali import parse_jalali_date


def _week_of(request: HttpRequest) -> datetime.date:
    raw = request.GET.get("week", "")
    try:
        return week_start(parse_jalali_date(raw)) if raw else week_start(timezone.localdate())
    except DomainError:
        return week_start(timezone.localdate())


@signed_in
def overview(request: HttpRequest, election_id: int) -> HttpResponse:
    """Programmes and the schedule of one week for the counties the user sees."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    county_ids = visible_county_ids(user, election)
    week = _week_of(request)
    manage_county = None
    if user.county is not None and can_manage_county_training(user, user.county):
        manage_county = user.county
    form = SeriesForm(language=reader_language()) if manage_county else None
    if request.method == "POST":
        require(manage_county is not None)
        assert manage_county is not None
        form = SeriesForm(request.POST, language=reader_language())
        if form.is_valid():
            try:
                series_create(
                    actor=user,
                    election=election,
                    county=manage_county,
                    trainer=user,
                    **form.cleaned_data,
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(request, form.cleaned_data["title"])
                return redirect(request.path)
    programmes = Programme.objects.filter(election=election).prefetch_related("modules__questions")
    return render_page(
        request,
        "training/overview.html",
        election,
        programmes=programmes,
        week=week,
        previous_week=week - datetime.timedelta(days=7),
        next_week=week + datetime.timedelta(days=7),
        sessions=sessions_of_week(election, week, county_ids),
        form=form,
        is_province=can_see_province_training(user, election),
        programme_form=ProgrammeForm(language=reader_language())
        if can_manage_programmes(user, election)
        else None,
    )


def _session_for(request: HttpRequest, session_id: int) -> tuple[Session, County]:
    session = get_object_or_404(
        Session.objects.select_related("series__county", "series__election"), pk=session_id
    )
    require(can_see_county_training(signed_in_user(request), session.series.county))
    return session, session.series.county


@signed_in
def session_page(request: HttpRequest, session_id: int) -> HttpResponse:
    session, county = _session_for(request, session_id)
    user = signed_in_user(request)
    may_take = can_manage_county_training(user, county)
    return render_page(
        request,
        "training/session.html",
        session.series.election,
        session=session,
        rows=attendance_list(session),
        may_take=may_take,
        code_form=CodeForm() if may_take else None,
    )


@require_POST
@signed_in
def session_attend(request: HttpRequest, session_id: int) -> HttpResponse:
    """Mark one person present: ticked on the list (``person``) or by a typed ``code``."""
    session, county = _session_for(request, session_id)
    user = signed_in_user(request)
    require(can_manage_county_training(user, county))
    try:
        if "code" in request.POST:
            attendance = attendance_by_code(actor=user, session=session, code=request.POST["code"])
        else:
            raw = to_latin_digits(request.POST.get("person", ""))
            person = get_object_or_404(
                Person, pk=int(raw) if raw.isdigit() else 0, election=session.series.election
            )
            attendance = attendance_record(actor=user, session=session, person=person)
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        messages.success(request, attendance.person.full_name)
    return redirect("training:session", session.pk)


@signed_in
def series_invitations(request: HttpRequest, series_id: int) -> HttpResponse:
    """The invitations with personal codes: for the county and its trainers only, since a
    code opens its holder's tests."""
    series = get_object_or_404(
        SessionSeries.objects.select_related("county", "election"), pk=series_id
    )
    require(can_manage_county_training(signed_in_user(request), series.county))
    response = HttpResponse(invitations_pdf(series), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invitations-{series.pk}.pdf"'
    return response
