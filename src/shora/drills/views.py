"""The drill pages: runs per county with their measures and scores, a run's detail, and a
trainer's start of a drill for one station (the enrolment code shown once)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.drills.access import can_run_drills, can_see_drills, drill_counties_for, refuse
from shora.drills.models import DrillRun
from shora.drills.selectors import drill_weeks, script_voters
from shora.drills.services import drill_start
from shora.drills.trainer_runs import drill_close_call, drill_run_stop, drill_runs_settle
from shora.elections.models import County, Election, PollingStation
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError

#: What a run's kinds of error and handled situations mean, for the run's page; a kind not
#: listed (a refusal's code) is shown as its code.
KIND_LABELS = {
    "already_voted_refused": gettext_lazy("a voter who had already voted, refused"),
    "link_lost": gettext_lazy("the link to the centre lost"),
    "link_down_ms": gettext_lazy("milliseconds without the link"),
    "spoiled_ballot_refused_on_screen": gettext_lazy("a ballot with too many choices, refused"),
    "ticket_voided": gettext_lazy("tickets voided by the chair"),
    "provisional_ballot": gettext_lazy("provisional ballots"),
    "ticket_unused_at_close": gettext_lazy("tickets left unused at the close"),
    "ticket_not_delivered": gettext_lazy("tickets issued that never reached the station"),
    "provisional_rejected": gettext_lazy("provisional ballots the centre rejected"),
    "ended_before_the_close": gettext_lazy("the drill ended before the station closed"),
    "no_chair_on_roster": gettext_lazy("no chair on the station's roster"),
}


def _labelled(kinds: dict[str, int]) -> list[tuple[str, str, int]]:
    return [
        (str(KIND_LABELS.get(kind, kind)), kind, count) for kind, count in sorted(kinds.items())
    ]


def _drill_election(request: HttpRequest, election_id: int) -> Election:
    election = election_get_for_user(signed_in_user(request), election_id)
    if not election.is_drill:
        raise Http404("Drills run on a drill election only.")
    return election


def _county(request: HttpRequest, election: Election, counties: list[County]) -> County | None:
    typed = to_latin_digits(request.GET.get("county", "")).strip()
    if not typed:
        return counties[0] if len(counties) == 1 else None
    if not typed.isdigit():
        raise Http404("county")
    county = get_object_or_404(County, pk=int(typed), province=election.province)
    if not can_see_drills(signed_in_user(request), election, county):
        raise refuse()
    return county


@never_cache
@signed_in
def drills_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _drill_election(request, election_id)
    counties = drill_counties_for(user, election)
    if not counties:
        raise refuse()
    county = _county(request, election, counties)
    runs: list[DrillRun] = []
    stations: list[PollingStation] = []
    weeks = []
    if county is not None:
        query = DrillRun.objects.filter(election=election, county=county).select_related(
            "station", "started_by"
        )
        drill_runs_settle(query.filter(finished_at__isnull=True))
        runs = list(query[:200])
        stations = list(
            PollingStation.objects.filter(election=election, district__county=county).order_by(
                "code"
            )
        )
        weeks = drill_weeks([election.pk], county.pk)
    return render_page(
        request,
        "drills/drills.html",
        election,
        counties=counties,
        county=county,
        runs=runs,
        stations=stations,
        weeks=weeks,
        may_run=county is not None and can_run_drills(user, election, county),
    )


def _run_of(request: HttpRequest, election: Election, run_id: int) -> DrillRun:
    run = get_object_or_404(
        DrillRun.objects.select_related("station", "county", "started_by", "election"),
        pk=run_id,
        election=election,
    )
    if not can_see_drills(signed_in_user(request), election, run.county):
        raise refuse()
    return run


def _run_page(request: HttpRequest, run: DrillRun, code: str = "") -> HttpResponse:
    user = signed_in_user(request)
    kinds = _labelled(run.error_kinds)
    handled = _labelled(run.measures.get("handled") or {})
    return render_page(
        request,
        "drills/run.html",
        run.election,
        run=run,
        code=code,
        error_kinds=kinds,
        handled=handled,
        points=run.measures.get("points") or {},
        participants=list(run.participants.order_by("name_key")),
        may_run=can_run_drills(user, run.election, run.county),
        close_called=bool(run.measures.get("close_called_at")),
        script=script_voters(run) if run.finished_at is None else [],
    )


@never_cache
@signed_in
def run_page(request: HttpRequest, election_id: int, run_id: int) -> HttpResponse:
    election = _drill_election(request, election_id)
    run = _run_of(request, election, run_id)
    if drill_runs_settle([run]):
        run.refresh_from_db()
    return _run_page(request, run)


@never_cache
@require_POST
@signed_in
def start_drill(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _drill_election(request, election_id)
    typed = to_latin_digits(request.POST.get("station", "")).strip()
    station = get_object_or_404(
        PollingStation.objects.select_related("district__county", "election"),
        pk=int(typed) if typed.isdigit() else 0,
        election=election,
    )
    if not can_run_drills(user, election, station.district.county):
        raise refuse()
    back = reverse("drills:list", args=[election.pk]) + f"?county={station.district.county_id}"
    try:
        started = drill_start(actor=user, station=station)
    except DomainError as refused:
        messages.error(request, refused.message(reader_language()))
        return redirect(back)
    # The code is shown on this answer only: it is not stored, and a reload does not show it.
    return _run_page(request, started.run, code=started.enrolment_code)


@require_POST
@signed_in
def run_action(request: HttpRequest, election_id: int, run_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    election = _drill_election(request, election_id)
    run = _run_of(request, election, run_id)
    try:
        if action == "close-call":
            drill_close_call(actor=user, run=run)
            messages.success(request, _("The close is timed from now."))
        else:
            drill_run_stop(actor=user, run=run)
            messages.success(request, _("The drill has ended."))
    except DomainError as refused:
        messages.error(request, refused.message(reader_language()))
    return redirect("drills:run", election.pk, run.pk)
