"""The public results: no sign-in, per constituency, per county and for the province, with
turnout (ballots counted over the register's eligible voters), and the same as open data
(``?format=csv`` or ``?format=json``).

Nothing is shown of a constituency before its tally: a county's or the province's page
lists only the tallied constituencies, and a constituency not tallied yet says so and no
more. A result the supervisory board has confirmed is marked certified. A drill's results
are never public (404).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from shora.elections.models import Constituency, County, Election
from shora.registers.selectors import eligible_voters
from shora.results.models import ConstituencyResult
from shora_domain.turnout_rules import percent_tenths

COUNT_FIELDS = ("ballots", "valid", "blank", "void", "rejected", "skipped_codes")


def _public_election(election_id: int) -> Election:
    return get_object_or_404(
        Election.objects.select_related("province"), pk=election_id, is_drill=False
    )


def _eligible_by_constituency(election: Election) -> dict[int, int]:
    rows = eligible_voters(election).values("constituency_id").annotate(n=Count("pk"))
    return {row["constituency_id"]: row["n"] for row in rows}


def _tallied(constituencies: QuerySet[Constituency]) -> list[ConstituencyResult]:
    return list(
        ConstituencyResult.objects.filter(constituency__in=constituencies)
        .select_related("constituency__district__county", "certification")
        .order_by("constituency__code")
    )


def _certified(result: ConstituencyResult) -> bool:
    certification = getattr(result, "certification", None)
    return certification is not None and certification.is_confirmed


def constituency_row(result: ConstituencyResult, eligible: int) -> dict[str, Any]:
    """One tallied constituency as open data: counts, turnout, who was elected."""
    constituency = result.constituency
    ballots = int(result.counts["ballots"])
    return {
        "id": constituency.pk,
        "code": constituency.code,
        "name": constituency.name,
        "county": constituency.district.county.name,
        "county_code": constituency.district.county.code,
        **{name: int(result.counts[name]) for name in COUNT_FIELDS},
        "eligible": eligible,
        "turnout_tenths": percent_tenths(ballots, eligible),
        "certified": _certified(result),
        "standings": [
            {k: s[k] for k in ("place", "code", "name", "votes", "outcome")}
            for s in result.standings
        ],
    }


def _rows(election: Election, constituencies: QuerySet[Constituency]) -> list[dict[str, Any]]:
    eligible = _eligible_by_constituency(election)
    return [
        constituency_row(result, eligible.get(result.constituency_id, 0))
        for result in _tallied(constituencies)
    ]


def _totals(rows: list[dict[str, Any]], constituencies: int) -> dict[str, Any]:
    totals: dict[str, Any] = {name: sum(r[name] for r in rows) for name in COUNT_FIELDS}
    totals["eligible"] = sum(r["eligible"] for r in rows)
    totals["turnout_tenths"] = percent_tenths(totals["ballots"], totals["eligible"])
    totals["tallied"] = len(rows)
    totals["constituencies"] = constituencies
    totals["certified"] = sum(1 for r in rows if r["certified"])
    return totals


def _csv(rows: list[dict[str, Any]], filename: str) -> HttpResponse:
    """One line per tallied constituency and candidate; UTF-8 with a byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    head = ["constituency_code", "constituency", "county", *COUNT_FIELDS, "eligible"]
    writer.writerow(
        [*head, "certified", "place", "candidate_code", "candidate", "votes", "outcome"]
    )
    for row in rows:
        common = [row["code"], row["name"], row["county"], *(row[f] for f in COUNT_FIELDS)]
        common += [row["eligible"], "yes" if row["certified"] else "no"]
        for s in row["standings"]:
            writer.writerow([*common, s["place"], s["code"], s["name"], s["votes"], s["outcome"]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _open_data(request: HttpRequest, data: dict[str, Any], filename: str) -> HttpResponse:
    """``?format=json``: the page's data as it is; ``?format=csv``: its constituencies."""
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return _csv(data["constituencies"], filename)


def _election_data(election: Election) -> dict[str, Any]:
    return {
        "election": {"id": election.pk, "name": election.name, "province": election.province.name}
    }


@never_cache
def public_province_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _public_election(election_id)
    constituencies = election.constituencies.all()
    rows = _rows(election, constituencies)
    counties = []
    for county in County.objects.filter(province=election.province).order_by("code"):
        mine = [r for r in rows if r["county_code"] == county.code]
        total = constituencies.filter(district__county=county).count()
        if total:
            counties.append(
                {"id": county.pk, "code": county.code, "name": county.name, **_totals(mine, total)}
            )
    data = {
        **_election_data(election),
        "totals": _totals(rows, constituencies.count()),
        "counties": counties,
        "constituencies": rows,
    }
    if request.GET.get("format") in ("json", "csv"):
        return _open_data(request, data, f"results-{election.pk}")
    return render(request, "results/public/province.html", {**data, "election": election})


@never_cache
def public_county_page(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    election = _public_election(election_id)
    county = get_object_or_404(County, pk=county_id, province=election.province)
    constituencies = election.constituencies.filter(district__county=county)
    rows = _rows(election, constituencies)
    data = {
        **_election_data(election),
        "county": {"id": county.pk, "code": county.code, "name": county.name},
        "totals": _totals(rows, constituencies.count()),
        "constituencies": rows,
    }
    if request.GET.get("format") in ("json", "csv"):
        return _open_data(request, data, f"results-{election.pk}-{county.code}")
    return render(request, "results/public/county.html", {**data, "election": election})


@never_cache
def public_constituency_page(
    request: HttpRequest, election_id: int, constituency_id: int
) -> HttpResponse:
    election = _public_election(election_id)
    constituency = get_object_or_404(
        Constituency.objects.select_related("district__county"),
        pk=constituency_id,
        election=election,
    )
    rows = _rows(election, election.constituencies.filter(pk=constituency.pk))
    data: dict[str, Any] = {
        **_election_data(election),
        "constituency": rows[0] if rows else None,
    }
    if request.GET.get("format") in ("json", "csv"):
        if not rows:
            raise Http404
        data["constituencies"] = rows
        return _open_data(request, data, f"results-{election.pk}-{constituency.code}")
    return render(
        request,
        "results/public/constituency.html",
        {**data, "election": election, "place": constituency},
    )
