"""A county's formal submission of its checklist to the provincial HQ, and the HQ's review.

A county submits once every one of its stations has been inspected; the submission keeps
the county's readiness as it stood (the snapshot). While a submission awaits the HQ no
other may be made: the database refuses a second pending one, so two clicks at once give
one submission and one clear refusal. The HQ acknowledges it, or returns it with comments,
after which the county submits again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import County, Election
from shora.readiness import clock
from shora.readiness.access import can_review_submissions, can_submit_county, require
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import CountySubmission, SubmissionState
from shora.readiness.selectors.deficiencies import deficiencies_of, deficiency_rows
from shora.readiness.selectors.readiness import station_scores
from shora.readiness.services.common import clean_text, moment, person_name, refuse_if_history
from shora_domain.digits import format_number
from shora_domain.readiness_deadlines import reference_day
from shora_domain.readiness_scoring import unit_score


def county_snapshot(
    election: Election, county: County, *, on: datetime.date, soon_days: int
) -> dict[str, Any]:
    """The county's readiness on the day ``on``, as a submission keeps it."""
    reference = reference_day(on, election.polling_date)
    scores = station_scores(
        election, election.stations.filter(district__county=county), on=reference.day
    )
    unit = unit_score(scores.values())
    rows = deficiency_rows(
        deficiencies_of(election, county=county), on=reference.day, soon_days=soon_days
    )
    return {
        "reference_day": reference.day.isoformat(),
        "state": unit.state.value if unit.state else None,
        "score": unit.score,
        "stations": unit.stations,
        "inspected": unit.inspected,
        "ready": unit.ready,
        "at_risk": unit.at_risk,
        "not_ready": unit.not_ready,
        "open_blocking": unit.open_blocking,
        "open_major": unit.open_major,
        "open_minor": unit.open_minor,
        "overdue": sum(row.is_overdue for row in rows),
        "unassigned": sum(row.deficiency.organisation_id is None for row in rows),
    }


def _already_submitted() -> Exception:
    return refuse(
        ReadinessRefusal.ALREADY_SUBMITTED,
        fa="چک‌لیست این شهرستان فرستاده شده و در انتظار بررسی ستاد استان است.",
        en="This county's checklist has been submitted and awaits the provincial HQ.",
    )


@transaction.atomic
def county_checklist_submit(
    *,
    actor: Any,
    election: Election,
    county: County,
    note: str = "",
    at: datetime.datetime | None = None,
) -> CountySubmission:
    at = moment(at)
    require(actor is None or can_submit_county(actor, county))
    require(county.province_id == election.province_id)
    refuse_if_history(election, at)
    if CountySubmission.objects.filter(
        election=election, county=county, state=SubmissionState.SUBMITTED
    ).exists():
        raise _already_submitted()
    snapshot = county_snapshot(
        election, county, on=clock.local_date(at), soon_days=clock.soon_days()
    )
    if snapshot["stations"] == 0:
        raise refuse(
            ReadinessRefusal.NOTHING_TO_SUBMIT,
            fa=f"شهرستان {county.name} در این انتخابات شعبه‌ای ندارد.",
            en=f"{county.name_en or county.name} has no polling station in this election.",
        )
    missing = snapshot["stations"] - snapshot["inspected"]
    if missing:
        raise refuse(
            ReadinessRefusal.STATIONS_NOT_INSPECTED,
            fa=(
                f"{format_number(missing)} شعبهٔ این شهرستان هنوز بازرسی نشده است؛ "
                "نخست همه را بازرسی کنید."
            ),
            en=(
                f"{missing} station(s) of this county have not been inspected; "
                "inspect them all first."
            ),
        )
    last = CountySubmission.objects.filter(election=election, county=county).aggregate(
        n=Max("number")
    )["n"]
    try:
        with transaction.atomic():
            submission = CountySubmission.objects.create(
                election=election,
                county=county,
                number=(last or 0) + 1,
                submitted_by=actor if getattr(actor, "pk", None) else None,
                submitted_by_name=person_name(actor),
                submitted_at=at,
                note=clean_text(note)[:2000],
                snapshot=snapshot,
            )
    except IntegrityError as error:
        raise _already_submitted() from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.COUNTY_CHECKLIST_SUBMITTED,
        target=submission,
        unit=f"county:{county.code}",
        new={"number": submission.number, **snapshot},
    )
    return submission


def _pending(submission: CountySubmission, actor: Any) -> CountySubmission:
    submission = (
        CountySubmission.objects.select_for_update(of=("self",))
        .select_related("county", "election")
        .get(pk=submission.pk)
    )
    require(actor is None or can_review_submissions(actor, submission.election))
    if submission.state != SubmissionState.SUBMITTED:
        raise refuse(
            ReadinessRefusal.SUBMISSION_ALREADY_REVIEWED,
            fa="این چک‌لیست پیش‌تر بررسی شده است.",
            en="This submission has already been reviewed.",
        )
    return submission


def _review(
    submission: CountySubmission,
    *,
    actor: Any,
    state: str,
    comment: str,
    event_type: AuditEventType,
    at: datetime.datetime,
) -> CountySubmission:
    submission.state = state
    submission.reviewed_by = actor if getattr(actor, "pk", None) else None
    submission.reviewed_by_name = person_name(actor)
    submission.reviewed_at = at
    submission.review_comment = comment
    submission.save()
    audit_record(
        actor=actor,
        event_type=event_type,
        target=submission,
        unit=f"county:{submission.county.code}",
        old={"state": SubmissionState.SUBMITTED},
        new={"state": state, "comment": comment},
    )
    return submission


@transaction.atomic
def county_checklist_acknowledge(
    *,
    actor: Any,
    submission: CountySubmission,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> CountySubmission:
    at = moment(at)
    submission = _pending(submission, actor)
    return _review(
        submission,
        actor=actor,
        state=SubmissionState.ACKNOWLEDGED,
        comment=clean_text(comment)[:2000],
        event_type=AuditEventType.COUNTY_CHECKLIST_ACKNOWLEDGED,
        at=at,
    )


@transaction.atomic
def county_checklist_return(
    *,
    actor: Any,
    submission: CountySubmission,
    comment: str,
    at: datetime.datetime | None = None,
) -> CountySubmission:
    """Send the checklist back to the county; the comments say what to correct."""
    at = moment(at)
    submission = _pending(submission, actor)
    comment = clean_text(comment)[:2000]
    if not comment:
        raise refuse(
            ReadinessRefusal.COMMENT_REQUIRED,
            fa="برای بازگرداندن چک‌لیست، توضیح بنویسید که چه باید اصلاح شود.",
            en="Say what must be corrected when returning a checklist.",
        )
    return _review(
        submission,
        actor=actor,
        state=SubmissionState.RETURNED,
        comment=comment,
        event_type=AuditEventType.COUNTY_CHECKLIST_RETURNED,
        at=at,
    )
