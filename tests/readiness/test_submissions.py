"""Counties submit their checklists to the HQ; the HQ acknowledges or returns them; the gate
to "ready" lists the counties that still owe one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.elections.gates import PHASE_CHECKS
from shora.elections.models import Phase
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.gates import LISTED, check_counties_submitted
from shora.readiness.services import (
    county_checklist_acknowledge,
    county_checklist_return,
    county_checklist_submit,
)
from shora_domain.errors import DomainError

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.en
    return caught.value


@pytest.fixture
def inspected(geo, inspect):
    inspect(geo.station_a1, {"primary_link": True, "cooling": True})
    inspect(geo.station_a2)
    return geo


def test_a_county_submits_once_every_station_is_inspected(geo, inspect, make_user):
    county = make_user("county")
    inspect(geo.station_a1)
    error = refused(
        ReadinessRefusal.STATIONS_NOT_INSPECTED,
        county_checklist_submit,
        actor=county,
        election=geo.election,
        county=geo.county_a,
    )
    assert "۱ شعبهٔ" in error.fa
    inspect(geo.station_a2)
    submission = county_checklist_submit(
        actor=county, election=geo.election, county=geo.county_a, note="با دو کمبود"
    )
    assert (submission.number, submission.state, submission.submitted_by) == (
        1,
        "submitted",
        county,
    )
    assert submission.snapshot["stations"] == 2 and submission.snapshot["inspected"] == 2
    assert AuditEvent.objects.filter(event_type=740).count() == 1


def test_the_snapshot_keeps_the_county_as_it_stood(inspected, make_user):
    submission = county_checklist_submit(
        actor=make_user("county"), election=inspected.election, county=inspected.county_a
    )
    snapshot = submission.snapshot
    assert (snapshot["state"], snapshot["ready"], snapshot["not_ready"]) == ("not_ready", 1, 1)
    assert (snapshot["open_blocking"], snapshot["open_major"]) == (1, 1)
    assert snapshot["reference_day"] == "2026-04-01"


def test_no_second_submission_while_one_awaits_the_hq(inspected, make_user):
    county = make_user("county")
    county_checklist_submit(actor=county, election=inspected.election, county=inspected.county_a)
    refused(
        ReadinessRefusal.ALREADY_SUBMITTED,
        county_checklist_submit,
        actor=county,
        election=inspected.election,
        county=inspected.county_a,
    )


def test_the_hq_returns_with_comments_and_the_county_submits_again(inspected, make_user):
    county, hq = make_user("county"), make_user("province_hq")
    first = county_checklist_submit(
        actor=county, election=inspected.election, county=inspected.county_a
    )
    refused(
        ReadinessRefusal.COMMENT_REQUIRED,
        county_checklist_return,
        actor=hq,
        submission=first,
        comment="  ",
    )
    county_checklist_return(actor=hq, submission=first, comment="مهلت رفع فیبر را کوتاه کنید")
    first.refresh_from_db()
    assert (first.state, first.reviewed_by, first.review_comment) == (
        "returned",
        hq,
        "مهلت رفع فیبر را کوتاه کنید",
    )
    refused(
        ReadinessRefusal.SUBMISSION_ALREADY_REVIEWED,
        county_checklist_acknowledge,
        actor=hq,
        submission=first,
    )
    second = county_checklist_submit(
        actor=county, election=inspected.election, county=inspected.county_a
    )
    assert second.number == 2
    county_checklist_acknowledge(actor=hq, submission=second, comment="دریافت شد")
    second.refresh_from_db()
    assert second.state == "acknowledged"
    assert list(
        AuditEvent.objects.filter(event_type__in=(740, 741, 742)).values_list(
            "event_type", flat=True
        )
    ) == [740, 742, 740, 741]


@pytest.mark.parametrize("role", ["district", "province_hq", "supervisor", "station", "trainer"])
def test_only_the_county_submits_its_own(inspected, make_user, role):
    with pytest.raises(PermissionDenied):
        county_checklist_submit(
            actor=make_user(role), election=inspected.election, county=inspected.county_a
        )


def test_another_county_cannot_submit_or_review(inspected, make_user):
    abadan = make_user("county", username="abadan", county=inspected.county_b)
    with pytest.raises(PermissionDenied):
        county_checklist_submit(
            actor=abadan, election=inspected.election, county=inspected.county_a
        )
    submission = county_checklist_submit(
        actor=make_user("county"), election=inspected.election, county=inspected.county_a
    )
    for user in (abadan, make_user("supervisor")):
        with pytest.raises(PermissionDenied):
            county_checklist_acknowledge(actor=user, submission=submission)
        with pytest.raises(PermissionDenied):
            county_checklist_return(actor=user, submission=submission, comment="نه")


def test_a_county_without_stations_has_nothing_to_submit(geo, clock, make_user):
    from shora.elections.services import county_create

    empty = county_create(actor=None, province=geo.province, code="0603", name="کارون")
    user = make_user("county", username="karun", county=empty)
    refused(
        ReadinessRefusal.NOTHING_TO_SUBMIT,
        county_checklist_submit,
        actor=user,
        election=geo.election,
        county=empty,
    )


def test_the_gate_to_ready_lists_counties_that_owe_a_checklist(inspected, inspect, make_user):
    assert check_counties_submitted in PHASE_CHECKS[Phase.READY]
    problems = check_counties_submitted(inspected.election)
    assert [p.code for p in problems] == ["readiness_not_submitted"] * 2
    assert "آبادان" in problems[1].fa or "آبادان" in problems[0].fa
    hq = make_user("province_hq")
    submission = county_checklist_submit(
        actor=make_user("county"), election=inspected.election, county=inspected.county_a
    )
    assert len(check_counties_submitted(inspected.election)) == 1  # pending counts as sent
    county_checklist_return(actor=hq, submission=submission, comment="ناقص است")
    problems = check_counties_submitted(inspected.election)
    assert {p.code for p in problems} == {"readiness_returned", "readiness_not_submitted"}
    assert any("Ahvaz" in p.en and "returned" in p.en for p in problems)
    inspect(inspected.station_b1)
    county_checklist_submit(
        actor=make_user("county", username="abadan", county=inspected.county_b),
        election=inspected.election,
        county=inspected.county_b,
    )
    county_checklist_submit(actor=None, election=inspected.election, county=inspected.county_a)
    assert check_counties_submitted(inspected.election) == []


def test_the_gate_caps_its_list(geo, clock, monkeypatch):
    from shora.readiness import gates

    monkeypatch.setattr(
        gates, "counties_owing_submission", lambda election: [(geo.county_a, None)] * (LISTED + 7)
    )
    problems = check_counties_submitted(geo.election)
    assert len(problems) == LISTED + 1
    assert problems[-1].en == "and 7 more counties." and "۷" in problems[-1].fa
