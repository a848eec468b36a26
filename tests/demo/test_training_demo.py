"""The demo's training story: weekly sessions in three counties, attempts failing then
passing, one sent late, and readiness that climbs faster in Ahvaz than in Hoveyzeh."""

from __future__ import annotations

import pytest

from shora.audit.selectors import audit_chain_problems
from shora.demo.build import DemoSummary
from shora.elections.models import County, Election
from shora.training.models import Attendance, Programme, Session, TestAttempt, Trainee
from shora.training.selectors.evaluation import readiness_weeks, standings_of

pytestmark = pytest.mark.django_db


def _real() -> Election:
    return Election.objects.get(is_drill=False)


def test_programmes_sessions_attendance_and_attempts(small_demo: DemoSummary) -> None:
    real = _real()
    assert Programme.objects.filter(election=real).count() == 4
    assert Session.objects.filter(series__election=real).count() == 3 * 7
    assert Attendance.objects.count() > 50
    attempts = TestAttempt.objects.all()
    assert attempts.filter(passed=True).exists() and attempts.filter(passed=False).exists()
    assert attempts.filter(late=True).count() == 1
    assert attempts.filter(number__gt=1).exists()  # retakes
    assert not attempts.filter(submitted_at__isnull=True).exists()
    people = {s.person_id for s in standings_of(real)}
    assert set(Trainee.objects.values_list("person_id", flat=True)) == people
    assert audit_chain_problems()[1] == []


def test_readiness_climbs_and_hoveyzeh_lags(small_demo: DemoSummary) -> None:
    real = _real()
    names = ["Ahvaz", "Karun", "Hoveyzeh"]
    counties = {c.name_en: c.pk for c in County.objects.filter(name_en__in=names)}
    weeks = readiness_weeks(real)
    ahvaz = [w.percent for w in weeks if w.county_id == counties["Ahvaz"]]
    hoveyzeh = [w.percent for w in weeks if w.county_id == counties["Hoveyzeh"]]
    assert len(ahvaz) >= 6 and ahvaz == sorted(ahvaz)
    assert ahvaz[0] == 0 and ahvaz[-1] >= 50
    karun = [w.percent for w in weeks if w.county_id == counties["Karun"]]
    assert hoveyzeh[-1] < karun[-1] < ahvaz[-1]
    assert not all(s.certified for s in standings_of(real) if s.has_programme)
