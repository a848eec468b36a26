"""The counties' submissions to the provincial HQ."""

from __future__ import annotations

from django.db.models import QuerySet

from shora.elections.models import County, Election
from shora.readiness.models import CountySubmission, SubmissionState


def counties_with_stations(election: Election) -> QuerySet[County]:
    """The counties that have polling stations in ``election``: they owe a checklist."""
    return (
        County.objects.filter(districts__stations__election=election)
        .distinct()
        .order_by("name_key")
    )


def latest_submissions(election: Election) -> dict[int, CountySubmission]:
    """Each county's latest submission."""
    latest: dict[int, CountySubmission] = {}
    for submission in (
        CountySubmission.objects.filter(election=election)
        .order_by("county_id", "-number")
        .select_related("county")
    ):
        latest.setdefault(submission.county_id, submission)
    return latest


def county_submissions(election: Election, county: County) -> QuerySet[CountySubmission]:
    return CountySubmission.objects.filter(election=election, county=county).order_by("-number")


def counties_owing_submission(election: Election) -> list[tuple[County, CountySubmission | None]]:
    """Counties with stations that have not submitted, or whose latest was returned."""
    latest = latest_submissions(election)
    owing = []
    for county in counties_with_stations(election):
        submission = latest.get(county.pk)
        if submission is None or submission.state == SubmissionState.RETURNED:
            owing.append((county, submission))
    return owing


def pending_submissions(election: Election) -> QuerySet[CountySubmission]:
    return (
        CountySubmission.objects.filter(election=election, state=SubmissionState.SUBMITTED)
        .select_related("county")
        .order_by("submitted_at")
    )
