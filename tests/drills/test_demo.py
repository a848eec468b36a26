"""The demo's drills: seven weeks in Ahvaz, Karun and Hoveyzeh, Ahvaz's times improving
and Hoveyzeh's not, the real staff finding their drills by national code."""

from __future__ import annotations

import statistics

import pytest

from shora.boards.models import Person
from shora.demo.build import demo_build
from shora.drills.models import DrillRun
from shora.drills.selectors import drill_results_of, drill_weeks
from shora.elections.models import County, Election

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_seven_weeks_of_drills_tell_a_story() -> None:
    demo_build(small=True)
    drill = Election.objects.get(is_drill=True)
    weeks = drill_weeks([drill.pk])
    counties = {c.name_en: c.pk for c in County.objects.filter(name_en__in=["Ahvaz", "Hoveyzeh"])}
    ahvaz = [w for w in weeks if w.county_id == counties["Ahvaz"]]
    hoveyzeh = [w for w in weeks if w.county_id == counties["Hoveyzeh"]]
    assert len(ahvaz) == len(hoveyzeh) == 7
    assert ahvaz[-1].median_seconds_per_voter < 0.6 * ahvaz[0].median_seconds_per_voter
    assert ahvaz[-1].errors < ahvaz[0].errors
    spread = [w.median_seconds_per_voter for w in hoveyzeh]
    assert max(spread) < 1.3 * min(spread)  # flat
    assert not DrillRun.objects.exclude(election=drill).exists()
    assert DrillRun.objects.filter(passed=True).exists()
    assert DrillRun.objects.filter(passed=False).exists()
    real_staff = Person.objects.filter(election__is_drill=False, staff_posts__station__isnull=False)
    found = drill_results_of(real_staff.values_list("pk", flat=True))
    assert any(found.values())
    scores = [r.score for results in found.values() for r in results]
    assert 0 <= statistics.mean(scores) <= 100
