"""The participation pages: the officials' live dashboard (its live part fetched again
every minute without reloading), the HQ's targets and goals, the public page and the
open data, and every table as xlsx."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from shora.accounts.access import election_get_for_user
from shora.elections.models import Election
from shora.elections.selectors import election_current
from shora.participation.access import Scope, can_set_targets, require, scope_for
from shora.participation.briefing import briefing_pdf
from shora.participation.models import WomensGoal, WomensGroup
from shora.participation.presence import womens_view
from shora.participation.rollup import running_totals
from shora.participation.selectors import (
    county_targets,
    gender_and_age_lines,
    hour_curve,
    polling_hours,
    scope_figures,
    station_lines,
    unit_figures,
    unit_plans,
)
from shora.participation.services import county_target_set, womens_goal_set
from shora.participation.snapshots import over_time_chart, womens_over_time, womens_snapshot_take
from shora.readiness.charts import Series, line_chart
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.turnout_rules import (
    DEFAULT_MINIMUM_COUNT,
    format_tenths,
    percent_tenths,
    shown_count,
)

#: The stations expected above capacity listed on the province's page, busiest first (a
#: county's page lists all of its stations).
OVERLOADED_SHOWN = 50


def minimum_public_count() -> int:
    """The smallest count a public page shows (``SHORA_PUBLIC_MINIMUM_COUNT``, default 10)."""
    return max(1, int(getattr(settings, "SHORA_PUBLIC_MINIMUM_COUNT", DEFAULT_MINIMUM_COUNT)))


def station_hourly_capacity() -> int:
    """Voters one station's identity desk takes in an hour (``SHORA_STATION_HOURLY_CAPACITY``,
    default 60: about one a minute); a station expected above it is flagged."""
    return max(1, int(getattr(settings, "SHORA_STATION_HOURLY_CAPACITY", 60)))


def _until(request: HttpRequest, election: Election) -> datetime.datetime | None:
    """``?until=HH``: the figures as they stood at that hour of polling day (any digits);
    an hour outside the polling window is refused with a ValueError saying so."""
    typed = to_latin_digits(request.GET.get("until", "")).strip()
    if not typed:
        return None
    hours = polling_hours(election)
    if not typed.isdigit() or not hours:
        raise ValueError(typed)
    wanted = int(typed)
    first, last = hours[0].hour + 1, hours[-1].hour + 1
    if not first <= wanted <= last:
        raise ValueError(typed)
    return hours[0] + datetime.timedelta(hours=wanted - hours[0].hour)
    wanted = int(typed)
    last = hours[-1] + datetime.timedelta(hours=1)
    for hour in [*hours, last]:
        if hour.hour == wanted and hour != hours[0]:
            return hour
    raise ValueError(typed)


def _hour_refusal(election: Election) -> HttpResponse:
    hours = polling_hours(election)
    first = hours[0].hour + 1 if hours else 0
    last = hours[-1].hour + 1 if hours else 0
    return HttpResponseBadRequest(
        _("The hour must lie within the polling window: from %(first)s to %(last)s.")
        % {"first": first, "last": last},
        content_type="text/plain; charset=utf-8",
    )


def _hour_label(hour: datetime.datetime, language: str) -> str:
    label = hour.strftime("%H:00")
    return label if language == "en" else to_persian_digits(label)


def _dashboard_context(election: Election, scope: Scope, until: Any) -> dict[str, Any]:
    totals = running_totals(election)  # folded once for the whole page
    lines = unit_figures(election, scope, totals)
    figures = scope_figures(election, scope, lines)
    curve = hour_curve(election, scope, until, totals)
    genders, ages = gender_and_age_lines(election, scope, totals)
    language = reader_language()
    chart = None
    if figures.voters:
        series = [Series(_("voters so far"), [point.so_far for point in curve])]
        if figures.target_tenths is not None:
            aim = figures.eligible * figures.target_tenths // 1000
            series.append(Series(_("target"), [aim] * len(curve)))
        if figures.last_tenths is not None:
            last = figures.eligible * figures.last_tenths // 1000
            series.append(Series(_("last election"), [last] * len(curve)))
        chart = line_chart(
            series,
            [_hour_label(point.hour, language) for point in curve],
            title=_("Voters so far, hour by hour"),
            language=language,
            tick_every=max(1, -(-len(curve) // 12)),
        )
    below = sorted(
        (line for line in lines if line.gap_tenths is not None and line.gap_tenths < 0),
        key=lambda line: (line.gap_tenths, line.name),
    )
    womens = womens_view(election, scope, figures, lines)
    capacity = station_hourly_capacity()
    stations = station_lines(election, scope, province=True, totals=totals)
    overloaded = sorted(
        (line for line in stations if line.overloaded(capacity)),
        key=lambda line: (-(line.peak_load or 0), line.station.code),
    )
    over_time = womens_over_time(election, scope)
    return {
        "scope": scope,
        "lines": lines,
        "figures": figures,
        "curve": curve,
        "chart": chart,
        "genders": genders,
        "ages": ages,
        "where_to_act": below[:10],
        # the province's own page lists only the stations expected above capacity
        "stations": stations if scope.level != "province" else [],
        "overloaded": overloaded[:OVERLOADED_SHOWN],
        "overloaded_count": len(overloaded),
        "plans": unit_plans(scope, lines, stations, capacity),
        "station_capacity": capacity,
        "womens": womens.lines,
        "womens_units": womens.units,
        "elected": womens.elected,
        "over_time": over_time,
        "over_time_chart": over_time_chart(over_time or [], language),
        "refreshed": timezone.localtime(),
    }


@signed_in
@never_cache
def dashboard_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    scope = scope_for(request, user, election)
    try:
        until = _until(request, election)
    except ValueError:
        return _hour_refusal(election)
    if request.GET.get("format") == "pdf":
        pdf = briefing_pdf(election, scope, lambda: _dashboard_context(election, scope, until))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="participation-{election.pk}.pdf"'
        return response
    context = _dashboard_context(election, scope, until)
    if request.GET.get("format") == "xlsx":
        return _xlsx(election, context)
    template = (
        "participation/_live.html" if request.GET.get("live") else "participation/dashboard.html"
    )
    if request.GET.get("live"):
        return render(request, template, {"election": election, **context})
    return render_page(
        request,
        template,
        election,
        may_set_targets=can_set_targets(user, election),
        crumbs=unit_crumbs(user, election.province),
        **context,
    )


def _xlsx(election: Election, context: dict[str, Any]) -> HttpResponse:
    """Every table of the dashboard, one sheet each, right to left."""
    language = reader_language()
    book = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            _("units"),
            [_("code"), _("name"), _("eligible"), _("voters"), _("turnout"), _("target")],
            [
                [
                    line.code,
                    line.name,
                    line.eligible,
                    line.voters,
                    format_tenths(line.turnout_tenths, language),
                    format_tenths(line.target_tenths, language),
                ]
                for line in context["lines"]
            ],
        ),
        (
            _("hours"),
            [_("hour"), _("voters"), _("voters so far")],
            [[p.hour.strftime("%H:00"), p.voters, p.so_far] for p in context["curve"]],
        ),
        (
            _("gender and age"),
            [_("group"), _("eligible"), _("voters"), _("turnout")],
            [
                [
                    g.label_en if language == "en" else g.label_fa,
                    g.eligible,
                    g.voters,
                    format_tenths(g.turnout_tenths, language),
                ]
                for g in [*context["genders"], *context["ages"]]
            ],
        ),
        (
            _("women"),
            [_("group"), _("women"), _("people"), _("share"), _("goal")],
            [
                [
                    str(w.group.label),
                    w.share.women,
                    w.share.total,
                    format_tenths(w.percent_tenths, language),
                    format_tenths(w.goal_tenths, language),
                ]
                for w in context["womens"]
            ],
        ),
    ]
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.sheet_view.rightToLeft = language != "en"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    body = io.BytesIO()
    book.save(body)
    response = HttpResponse(
        body.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="participation-{election.pk}.xlsx"'
    return response


@signed_in
@require_POST
def snapshot_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """The provincial HQ takes a snapshot of women's presence now (besides the phases')."""
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_set_targets(user, election))
    womens_snapshot_take(election, actor=user, on_demand=True)
    messages.success(request, _("Women's presence as it stands now has been recorded."))
    return redirect(reverse("participation:dashboard", args=[election.pk]) + "#over-time")


@signed_in
def targets_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_set_targets(user, election))
    counties = list(election.province.counties.order_by("name_key"))
    status = 200
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            if request.POST.get("what") == "goal":
                womens_goal_set(
                    actor=user,
                    election=election,
                    group=WomensGroup(request.POST.get("group", "")).value,
                    goal=request.POST.get("goal", ""),
                )
            else:
                county = get_object_or_404(
                    election.province.counties, pk=int(request.POST.get("county", "0") or 0)
                )
                county_target_set(
                    actor=user,
                    election=election,
                    county=county,
                    target=request.POST.get("target", ""),
                    last_turnout=request.POST.get("last_turnout", ""),
                )
            messages.success(request, _("Saved."))
            return redirect("participation:targets", election_id=election.pk)
        except DomainError as refusal:
            errors["form"] = refusal.message(reader_language())
            status = 400
        except ValueError:
            errors["form"] = _("Choose a county or a group from the list.")
            status = 400
    targets = county_targets(election)
    goals = dict(WomensGoal.objects.filter(election=election).values_list("group", "goal_tenths"))
    return render_page(
        request,
        "participation/targets.html",
        election,
        status=status,
        rows=[(county, targets.get(county.pk)) for county in counties],
        goal_rows=[(group, goals.get(group.value)) for group in WomensGroup],
        errors=errors,
        crumbs=unit_crumbs(user, election.province),
    )


def _public_election(request: HttpRequest) -> Election | None:
    chosen = request.GET.get("election", "")
    if chosen.isdigit():
        found = Election.objects.filter(pk=int(chosen), is_drill=False).first()
        if found is not None:
            return found
    return election_current(None)


def public_figures(election: Election) -> dict[str, Any]:
    """The province's turnout by hour and by county, counts below the minimum hidden."""
    minimum = minimum_public_count()
    scope = Scope()
    totals = running_totals(election)
    lines = unit_figures(election, scope, totals)
    figures = scope_figures(election, scope, lines)

    def shown(count: int, eligible: int) -> dict[str, Any]:
        visible = shown_count(count, minimum)
        tenths = percent_tenths(visible, eligible) if visible is not None else None
        return {"voters": visible, "turnout_tenths": tenths}

    return {
        "minimum": minimum,
        "province": {"eligible": figures.eligible, **shown(figures.voters, figures.eligible)},
        "hours": [
            {"hour": point.hour.strftime("%H:00"), **shown(point.so_far, figures.eligible)}
            for point in hour_curve(election, scope, totals=totals)
        ],
        "counties": [
            {
                "code": line.code,
                "name": line.name,
                "eligible": line.eligible,
                **shown(line.voters, line.eligible),
            }
            for line in lines
        ],
    }


@never_cache
def public_page(request: HttpRequest) -> HttpResponse:
    election = _public_election(request)
    data = public_figures(election) if election is not None else None
    wanted = request.GET.get("format", "")
    if election is not None and data is not None and wanted == "json":
        return JsonResponse(
            {"election": election.name, **data}, json_dumps_params={"ensure_ascii": False}
        )
    if data is not None and wanted == "csv":
        return _public_csv(data)
    return render(
        request,
        "participation/public.html",
        {"election": election, "data": data, "any_vote": bool(data and data["province"]["voters"])},
    )


def _public_csv(data: dict[str, Any]) -> HttpResponse:
    """UTF-8 with a byte-order mark (Excel reads the Persian right); a hidden count is empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["kind", "key", "name", "eligible", "voters", "turnout_percent"])

    def percent(tenths: int | None) -> str:
        return "" if tenths is None else f"{tenths // 10}.{tenths % 10}"

    for hour in data["hours"]:
        writer.writerow(
            [
                "hour",
                hour["hour"],
                "",
                "",
                hour["voters"] if hour["voters"] is not None else "",
                percent(hour["turnout_tenths"]),
            ]
        )
    for county in data["counties"]:
        writer.writerow(
            [
                "county",
                county["code"],
                county["name"],
                county["eligible"],
                county["voters"] if county["voters"] is not None else "",
                percent(county["turnout_tenths"]),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="turnout.csv"'
    return response
