"""The dashboards: the province, a county, a district and a station, as of the reference day."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from shora.accounts.access import station_get_for_user
from shora.elections.models import County, District, Election
from shora.readiness import clock
from shora.readiness.access import (
    can_inspect_station,
    can_see_county_readiness,
    can_see_district_readiness,
    can_see_province_readiness,
    can_see_station_readiness,
    can_submit_county,
    county_in_election,
    require,
)
from shora.readiness.charts import Series, line_chart
from shora.readiness.forms import SubmitForm
from shora.readiness.models import Inspection
from shora.readiness.selectors import readiness_reference, station_readiness, station_scores
from shora.readiness.selectors.deficiencies import deficiencies_of, deficiency_rows
from shora.readiness.selectors.digest import digest_latest
from shora.readiness.selectors.readiness import (
    county_readiness_rows,
    district_readiness_rows,
    station_tiles,
)
from shora.readiness.selectors.submissions import (
    county_submissions,
    latest_submissions,
    pending_submissions,
)
from shora.readiness.selectors.trend import Trend, blocking_trend
from shora.readiness.views.common import crumbs, election_for, page, signed_in, signed_in_user
from shora.web.language import reader_language
from shora_domain.digits import to_persian_digits
from shora_domain.jalali import MONTHS_EN, MONTHS_FA, to_jalali
from shora_domain.readiness_scoring import unit_score

#: Lines drawn in the trend chart; the other counties are summed into one.
CHART_LINES = 6


def _day_label(day: Any, language: str) -> str:
    jalali = to_jalali(day)
    if language == "en":
        return f"{jalali.day} {MONTHS_EN[jalali.month - 1]}"
    return f"{to_persian_digits(jalali.day)} {MONTHS_FA[jalali.month - 1]}"


def _trend_context(trend: Trend) -> dict[str, Any]:
    language = reader_language()
    labels = [_day_label(day, language) for day in trend.days]
    lines = [
        Series(
            county.county.name if language == "fa" else county.county.name_en or county.county.name,
            county.counts,
        )
        for county in trend.counties[:CHART_LINES]
    ]
    rest = trend.counties[CHART_LINES:]
    if rest:
        summed = [sum(values) for values in zip(*(c.counts for c in rest), strict=True)]
        lines.append(Series(_("other counties"), summed))
    weekly = trend.weekly()
    return {
        "trend_chart": line_chart(
            lines, labels, title=_("Open blocking deficiencies per county"), language=language
        )
        if trend.counties
        else None,
        "trend_days": [labels[i] for i in weekly],
        "trend_rows": [(c.county, [c.counts[i] for i in weekly]) for c in trend.counties],
    }


def _latest_digest(election: Election) -> Any:
    run = digest_latest(election)
    return run.content if run is not None else None


@signed_in
def province_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    require(can_see_province_readiness(user, election))
    reference = readiness_reference(election)
    scores = station_scores(election)
    counties = County.objects.filter(province=election.province).order_by("name_key")
    rows = [
        row for row in county_readiness_rows(election, counties, scores) if row.readiness.stations
    ]
    latest = latest_submissions(election)
    tiles: dict[int, list[Any]] = defaultdict(list)
    for tile in station_tiles(election.stations.all(), scores):
        tiles[tile.station.district.county_id].append(tile)
    return page(
        request,
        "readiness/province.html",
        election,
        section="province",
        overall=unit_score(scores.values()),
        county_rows=[(row, latest.get(row.unit.pk)) for row in rows],
        counties_without_stations=counties.count() - len(rows),
        tile_groups=[(row.unit, tiles[row.unit.pk]) for row in rows],
        pending=pending_submissions(election).count(),
        digest=_latest_digest(election),
        crumbs=crumbs(user, election.province),
        **_trend_context(blocking_trend(election, reference.day)),
    )


def _county_of(request: HttpRequest, election: Election, county_id: int) -> County:
    county = get_object_or_404(County.objects.select_related("province"), pk=county_id)
    county_in_election(county, election)
    require(can_see_county_readiness(signed_in_user(request), county))
    return county


@signed_in
def county_page(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    county = _county_of(request, election, county_id)
    reference = readiness_reference(election)
    stations = election.stations.filter(district__county=county)
    scores = station_scores(election, stations)
    show_all = request.GET.get("show") == "all"
    rows = deficiency_rows(
        deficiencies_of(election, county=county, unresolved_only=not show_all),
        on=reference.day,
        soon_days=clock.soon_days(),
    )
    trend = blocking_trend(election, reference.day)
    trend = Trend(trend.days, tuple(c for c in trend.counties if c.county.pk == county.pk))
    digest = _latest_digest(election)
    digest_line = next(
        (c for c in (digest or {}).get("counties", []) if c["county"] == county.pk), None
    )
    return page(
        request,
        "readiness/county.html",
        election,
        section="county",
        county=county,
        readiness=unit_score(scores.values()),
        district_rows=district_readiness_rows(election, county, scores),
        tiles=station_tiles(stations, scores),
        deficiency_rows=rows,
        show_all=show_all,
        submissions=county_submissions(election, county),
        may_submit=can_submit_county(user, county) and not reference.is_history,
        submit_form=SubmitForm(),
        digest=digest,
        digest_line=digest_line,
        crumbs=crumbs(user, county.province),
        **_trend_context(trend),
    )


@signed_in
def district_page(request: HttpRequest, election_id: int, district_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    district = get_object_or_404(
        District.objects.select_related("county__province"), pk=district_id
    )
    county_in_election(district.county, election)
    require(can_see_district_readiness(user, district))
    reference = readiness_reference(election)
    stations = election.stations.filter(district=district)
    scores = station_scores(election, stations)
    rows = deficiency_rows(
        deficiencies_of(election, district=district), on=reference.day, soon_days=clock.soon_days()
    )
    return page(
        request,
        "readiness/district.html",
        election,
        section="district",
        district=district,
        readiness=unit_score(scores.values()),
        tiles=station_tiles(stations, scores),
        deficiency_rows=rows,
        crumbs=crumbs(user, district.county.province, district.county),
    )


@signed_in
def station_page(request: HttpRequest, station_id: int) -> HttpResponse:
    user = signed_in_user(request)
    station = station_get_for_user(user, station_id)
    require(can_see_station_readiness(user, station))
    election = station.election
    reference = readiness_reference(election)
    rows = deficiency_rows(
        deficiencies_of(election, station=station, unresolved_only=False),
        on=reference.day,
        soon_days=clock.soon_days(),
    )
    return page(
        request,
        "readiness/station.html",
        election,
        station=station,
        readiness=station_readiness(station),
        deficiency_rows=rows,
        inspections=Inspection.objects.filter(station=station).order_by("-inspected_on", "-pk"),
        may_inspect=can_inspect_station(user, station) and not reference.is_history,
        crumbs=crumbs(user, station.district.county, station.district),
    )
