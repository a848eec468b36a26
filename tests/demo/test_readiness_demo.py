"""The demo's readiness story: inspections weeks before polling day, fibre trouble in
Hoveyzeh, fixes verified by a second inspector, submissions acknowledged and returned."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from shora.audit.selectors import audit_chain_problems
from shora.demo.build import DemoSummary
from shora.elections.models import Election
from shora.readiness.models import (
    ChecklistTemplate,
    CountySubmission,
    Deficiency,
    DeficiencyEvent,
    DigestRun,
    Inspection,
    Organisation,
)
from shora.readiness.selectors.trend import blocking_trend
from shora_domain.readiness_scoring import DeficiencyStatus

pytestmark = pytest.mark.django_db
POLLING_DAY = datetime.date(2026, 5, 1)


def _real() -> Election:
    return Election.objects.get(is_drill=False)


def test_every_station_of_the_seed_counties_is_inspected_before_polling_day(
    small_demo: DemoSummary,
) -> None:
    real = _real()
    assert ChecklistTemplate.objects.get(election=real).versions.get().is_published
    inspected = set(Inspection.objects.values_list("station_id", flat=True))
    assert inspected == set(real.stations.values_list("pk", flat=True))
    days = Inspection.objects.values_list("inspected_on", flat=True)
    assert min(days) >= datetime.date(2026, 3, 15) and max(days) < POLLING_DAY
    assert Organisation.objects.filter(county__isnull=True).count() == 6
    assert Organisation.objects.filter(county__name_en="Hoveyzeh", kind="telecom").exists()


def test_hoveyzeh_has_fibre_trouble_and_not_all_of_it_is_fixed(small_demo: DemoSummary) -> None:
    hoveyzeh = Deficiency.objects.filter(station__district__county__name_en="Hoveyzeh")
    codes = Counter(hoveyzeh.values_list("item_code", flat=True))
    assert codes["primary_link"] + codes["link_bandwidth"] >= 3
    statuses = Counter(hoveyzeh.values_list("status", flat=True))
    assert statuses[DeficiencyStatus.VERIFIED.value] >= 1
    assert sum(n for s, n in statuses.items() if s != "verified") >= 1
    telecom = hoveyzeh.filter(item_code="primary_link").exclude(organisation=None).first()
    assert telecom is not None and telecom.organisation.name == "مخابرات شهرستان هویزه"


def test_fixes_are_verified_by_someone_else_and_everything_happened_before_polling_day(
    small_demo: DemoSummary,
) -> None:
    verified = Deficiency.objects.filter(status="verified")
    assert verified.exists()
    for deficiency in verified:
        fixed = deficiency.events.get(action="fixed")
        check = deficiency.events.get(action="verified")
        assert fixed.actor_name != check.actor_name
        assert fixed.at < check.at
    assert DeficiencyEvent.objects.filter(at__date__gte=POLLING_DAY).count() == 0
    assert (
        Deficiency.objects.exclude(due_on__lt=POLLING_DAY).filter(due_on__isnull=False).count() == 0
    )


def test_submissions_one_acknowledged_one_returned(small_demo: DemoSummary) -> None:
    states = dict(CountySubmission.objects.values_list("county__name_en", "state"))
    assert states == {"Ahvaz": "acknowledged", "Hoveyzeh": "returned"}
    returned = CountySubmission.objects.get(county__name_en="Hoveyzeh")
    assert "فیبر" in returned.review_comment and returned.reviewed_by is not None
    assert DigestRun.objects.get().reference_day == datetime.date(2026, 4, 24)


def test_the_trend_tells_a_story(small_demo: DemoSummary) -> None:
    trend = blocking_trend(_real(), POLLING_DAY)
    assert trend.counties
    rises_and_falls = [c for c in trend.counties if c.peak > c.counts[-1] and c.peak > c.counts[0]]
    assert rises_and_falls, [c.counts for c in trend.counties]


def test_the_demo_s_readiness_is_audited_and_the_chain_intact(small_demo: DemoSummary) -> None:
    from shora.audit.models import AuditEvent

    assert AuditEvent.objects.filter(event_type=720).count() == Inspection.objects.count()
    assert AuditEvent.objects.filter(event_type__in=(733, 734)).exists()
    assert audit_chain_problems()[1] == []
