"""Concurrent writes on PostgreSQL: the database, not luck, keeps one pending submission per
county, one unresolved deficiency per station and check, and one workflow step at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from shora.audit.selectors import audit_chain_problems
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import CountySubmission, Deficiency, DeficiencyEvent
from shora.readiness.services import county_checklist_submit, deficiency_mark_fixed
from shora_domain.deficiency_workflow import WorkflowRefusal

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(workers: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run ``work(i)`` in ``workers`` threads released at the same instant."""
    barrier = threading.Barrier(workers)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except BaseException as error:  # collected for the test to inspect
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _codes(errors: list[BaseException]) -> list[object]:
    return [getattr(error, "code", repr(error)) for error in errors]


def test_a_double_submission_of_a_county_checklist_makes_one(geo, inspect, make_user):
    assert connection.vendor == "postgresql"
    inspect(geo.station_a1, {"primary_link": True})
    inspect(geo.station_a2)
    county = make_user("county")
    results, errors = _race(
        4,
        lambda i: county_checklist_submit(
            actor=county, election=geo.election, county=geo.county_a, note=f"click {i}"
        ),
    )
    assert len(results) == 1
    assert _codes(errors) == [ReadinessRefusal.ALREADY_SUBMITTED] * 3
    assert CountySubmission.objects.count() == 1
    assert audit_chain_problems()[1] == []


def test_concurrent_inspections_open_one_deficiency_per_check(geo, inspect):
    results, errors = _race(
        3, lambda i: inspect(geo.station_a1, {"primary_link": True}, inspector_name=f"بازرس {i}")
    )
    assert errors == [] and len(results) == 3
    assert Deficiency.objects.filter(station=geo.station_a1, item_code="primary_link").count() == 1
    actions = sorted(DeficiencyEvent.objects.values_list("action", flat=True))
    assert actions == ["opened", "still_failing", "still_failing"]


def test_two_people_marking_the_same_deficiency_fixed_at_once(geo, inspect, make_user):
    deficiency = inspect(geo.station_a1, {"cooling": True}).opened[0]
    users = [make_user("county"), make_user("district")]
    results, errors = _race(
        2,
        lambda i: deficiency_mark_fixed(
            actor=users[i], deficiency=Deficiency.objects.get(pk=deficiency.pk)
        ),
    )
    assert len(results) == 1
    assert _codes(errors) == [WorkflowRefusal.NOT_ALLOWED]
    assert DeficiencyEvent.objects.filter(action="fixed").count() == 1
