"""Concurrent writes on PostgreSQL: the database, not luck, keeps one pending submission per
county, one unresolved deficiency per station and check, and one workflow step at a time."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.audit.selectors import audit_chain_problems
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import CountySubmission, Deficiency, DeficiencyEvent
from shora.readiness.services import county_checklist_submit, deficiency_mark_fixed
from shora_domain.deficiency_workflow import WorkflowRefusal
from tests.races import race, refusal_codes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_double_submission_of_a_county_checklist_makes_one(geo, inspect, make_user):
    assert connection.vendor == "postgresql"
    inspect(geo.station_a1, {"primary_link": True})
    inspect(geo.station_a2)
    county = make_user("county")
    results, errors = race(
        4,
        lambda i: county_checklist_submit(
            actor=county, election=geo.election, county=geo.county_a, note=f"click {i}"
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [ReadinessRefusal.ALREADY_SUBMITTED] * 3
    assert CountySubmission.objects.count() == 1
    assert audit_chain_problems()[1] == []


def test_concurrent_inspections_open_one_deficiency_per_check(geo, inspect):
    results, errors = race(
        3, lambda i: inspect(geo.station_a1, {"primary_link": True}, inspector_name=f"بازرس {i}")
    )
    assert errors == [] and len(results) == 3
    assert Deficiency.objects.filter(station=geo.station_a1, item_code="primary_link").count() == 1
    actions = sorted(DeficiencyEvent.objects.values_list("action", flat=True))
    assert actions == ["opened", "still_failing", "still_failing"]


def test_two_people_marking_the_same_deficiency_fixed_at_once(geo, inspect, make_user):
    deficiency = inspect(geo.station_a1, {"cooling": True}).opened[0]
    users = [make_user("county"), make_user("district")]
    results, errors = race(
        2,
        lambda i: deficiency_mark_fixed(
            actor=users[i], deficiency=Deficiency.objects.get(pk=deficiency.pk)
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [WorkflowRefusal.NOT_ALLOWED]
    assert DeficiencyEvent.objects.filter(action="fixed").count() == 1
