"""Results and evaluation: people, station teams, counties and weeks, with charts beside
their tables; a person's attempts and answers; the HQ's report as PDF and spreadsheet."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from shora.accounts.access import election_get_for_user
from shora.boards.models import Person
from shora.drills.selectors import drill_weeks
from shora.elections.models import County, Election
from shora.readiness.charts import Series, line_chart
from shora.training.access import (
    can_manage_county_training,
    can_see_county_training,
    can_see_province_training,
    require,
    visible_county_ids,
)
from shora.training.documents import report_pdf, report_xlsx
from shora.training.models import TestAttempt
from shora.training.selectors.evaluation import readiness_weeks, standings_of, summarise
from shora.training.selectors.people import posts_of
from shora.training.services.programmes import trainee_of
from shora.training.views.trainee import _questions
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user
from shora_domain.jalali import format_jalali_numeric


def _chosen_county(request: HttpRequest, election: Election) -> County | None:
    """The county asked for with ?county=, checked; a county user always gets their own."""
    user = signed_in_user(request)
    county_ids = visible_county_ids(user, election)
    raw = request.GET.get("county", "")
    if raw.isdigit():
        county = get_object_or_404(County, pk=int(raw), province_id=election.province_id)
        require(can_see_county_training(user, county))
        return county
    if county_ids is not None:
        return County.objects.get(pk=county_ids[0])
    return None


def _readiness_chart(
    election: Election, county: County | None, names: dict[int, str]
) -> dict[str, Any]:
    language = reader_language()
    weeks = readiness_weeks(election, county.pk if county else None)
    starts = sorted({w.week_start for w in weeks})
    by_county: dict[int, dict[object, int]] = defaultdict(dict)
    for week in weeks:
        by_county[week.county_id][week.week_start] = week.percent
    labels = [format_jalali_numeric(day, language) for day in starts]
    rows = [
        (names.get(pk, ""), [values.get(day, 0) for day in starts])
        for pk, values in by_county.items()
    ]
    chart = (
        line_chart(
            [Series(name, values) for name, values in rows],
            labels,
            title=_("Certified staff per week, per cent"),
            language=language,
            tick_every=1,
        )
        if starts
        else None
    )
    return {"readiness_chart": chart, "readiness_labels": labels, "readiness_rows": rows}


def _drill_chart(
    election: Election, county: County | None, names: dict[int, str]
) -> dict[str, Any]:
    language = reader_language()
    drills = Election.objects.filter(province_id=election.province_id, is_drill=True)
    weeks = drill_weeks([e.pk for e in drills], county.pk if county else None)
    starts = sorted({w.week_start for w in weeks})
    by_county: dict[int, dict[object, int]] = defaultdict(dict)
    for week in weeks:
        if week.median_seconds_per_voter is not None:
            by_county[week.county_id][week.week_start] = round(week.median_seconds_per_voter)
    labels = [format_jalali_numeric(day, language) for day in starts]
    rows = [
        (names.get(pk, ""), [values.get(day, 0) for day in starts])
        for pk, values in by_county.items()
    ]
    chart = (
        line_chart(
            [Series(name, values) for name, values in rows],
            labels,
            title=_("Drills: median seconds per voter at the identity desk"),
            language=language,
            tick_every=1,
        )
        if rows
        else None
    )
    return {"drill_chart": chart, "drill_labels": labels, "drill_rows": rows, "drill_weeks": weeks}


@signed_in
def evaluation(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    county = _chosen_county(request, election)
    counties = County.objects.filter(province_id=election.province_id).order_by("name")
    names = {c.pk: c.name for c in counties}
    standings = standings_of(election, county.pk if county else None)
    return render_page(
        request,
        "training/evaluation.html",
        election,
        county=county,
        counties=counties if can_see_province_training(user, election) else [],
        names=names,
        standings=standings,
        county_rows=[(names.get(s.key, ""), s) for s in summarise(standings, "county_id")],  # type: ignore[call-overload]
        station_rows=summarise([s for s in standings if s.station_code], "station_code"),
        is_province=can_see_province_training(user, election),
        **_readiness_chart(election, county, names),
        **_drill_chart(election, county, names),
    )


@signed_in
def person_page(request: HttpRequest, election_id: int, person_id: int) -> HttpResponse:
    """One person's results and answers: for the trainers, county, HQ and supervisors of a
    county where the person serves."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    person = get_object_or_404(Person, pk=person_id, election=election)
    county_ids = {post.county_id for post in posts_of(election, [person.pk]).get(person.pk, [])}
    counties = list(County.objects.filter(pk__in=county_ids))
    require(any(can_see_county_training(user, c) for c in counties))
    # A code opens its holder's tests: shown to those who hand it over, not to every reader.
    may_hand_over = any(can_manage_county_training(user, c) for c in counties)
    attempts = (
        TestAttempt.objects.filter(person=person)
        .select_related("module")
        .order_by("module", "number")
    )
    return render_page(
        request,
        "training/person.html",
        election,
        person=person,
        # The trainer hands the code to the trainee (or it is printed on the invitation).
        training_code=trainee_of(person).code if may_hand_over else None,
        standings=[s for s in standings_of(election) if s.person_id == person.pk],
        attempts=[(a, _questions(a)) for a in attempts],
    )


def _province_report(request: HttpRequest, election_id: int) -> Election:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_province_training(user, election))
    return election


@signed_in
def report_pdf_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _province_report(request, election_id)
    response = HttpResponse(report_pdf(election), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="training-{election.pk}.pdf"'
    return response


@signed_in
def report_xlsx_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _province_report(request, election_id)
    response = HttpResponse(
        report_xlsx(election),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="training-{election.pk}.xlsx"'
    return response
