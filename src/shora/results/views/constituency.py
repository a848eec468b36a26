"""A constituency's result: the counts, the members and alternates, the ties and how the
law broke them, each station's count, the lottery's seed and what it was made of; and its
opened ballots, shuffled, as JSON lines. Before the tally: what holds it back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from shora.results.access import constituency_result_get_for_user
from shora.results.models import ConstituencyBallots
from shora.results.selectors import (
    constituency_result_of,
    results_settings_of,
    shuffled_ballots_text,
    tally_gates,
)
from shora.results.views.common import page, signed_in, signed_in_user
from shora.results.views.tally import _election_for

OUTCOME_ORDER = ("member", "alternate", "not_elected")


@signed_in
def constituency_result_page(
    request: HttpRequest, election_id: int, constituency_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    result = constituency_result_of(constituency)
    stored = ConstituencyBallots.objects.filter(result=result).defer("jsonl_gzip").first()
    return page(
        request,
        "results/constituency.html",
        election,
        section="tally",
        constituency=constituency,
        result=result,
        stored=stored,
        gate=None if result else tally_gates(election, [constituency])[0],
        settings=results_settings_of(election),
        station_rows=sorted(result.station_counts.items()) if result else [],
    )


@signed_in
def constituency_ballots_download(
    request: HttpRequest, election_id: int, constituency_id: int
) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    result = constituency_result_of(constituency)
    if result is None:
        return HttpResponse(status=404)
    response = HttpResponse(shuffled_ballots_text(result), content_type="application/x-ndjson")
    response["Content-Disposition"] = (
        f'attachment; filename="ballots-{election.pk}-{constituency.code}.jsonl"'
    )
    return response
