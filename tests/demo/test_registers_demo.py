"""The demo's registers: voters imported, candidates registered and reviewed in Ahvaz,
Ahvaz county's boards and rosters part composed, all audited."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from shora.audit.selectors import audit_chain_problems
from shora.boards.models import BoardMembership, NominationStatus, StaffPost, TrusteeNomination
from shora.boards.womens_presence import womens_presence
from shora.candidates import schedule
from shora.candidates.models import Candidacy
from shora.demo.build import DemoSummary, demo_build
from shora.demo.registers import demo_voter_counts
from shora.elections.gates import phase_gate_problems
from shora.elections.models import Election, Phase
from shora.registers.models import ImportStatus, Voter, VoterImport

pytestmark = pytest.mark.django_db


def _real() -> Election:
    return Election.objects.get(is_drill=False)


def test_the_voter_register_is_imported_with_its_odd_people(small_demo: DemoSummary) -> None:
    real = _real()
    record = VoterImport.objects.get(election=real)
    assert record.status == ImportStatus.APPLIED and record.rows_bad == 0
    expected = sum(demo_voter_counts(real).values())
    assert Voter.objects.filter(election=real).count() == record.added == expected
    assert 1_000 < expected < 10_000
    assert Voter.objects.filter(election=real, deceased=True).exists()
    under_18 = Voter.objects.filter(election=real, birth_date__gt=datetime.date(2008, 5, 1))
    assert under_18.exists()
    assert not Voter.objects.filter(election=_drill()).exists()


def _drill() -> Election:
    return Election.objects.get(is_drill=True)


def test_candidates_registered_in_the_windows_and_reviewed_in_ahvaz(
    small_demo: DemoSummary,
) -> None:
    real = _real()
    assert real.phase == Phase.REGISTRATION
    ahvaz = Candidacy.objects.filter(constituency__name_en="Ahvaz", election=real)
    assert ahvaz.count() == 40
    assert ahvaz.filter(registered_by__username="ahvaz").count() == 40
    everyone = Candidacy.objects.filter(election=real)
    assert everyone.values("constituency").distinct().count() >= 5
    assert everyone.filter(gender="female").exists()
    assert everyone.exclude(veteran_status="none").exists()
    assert len(set(everyone.values_list("degree", flat=True))) >= 3
    for candidacy in everyone:
        registered = schedule.tehran_time(candidacy.registered_at)
        assert registered.year == 2026 and 8 <= registered.hour < 16
    statuses = Counter(everyone.values_list("status", flat=True))
    assert statuses["registered"] and statuses["executive_approved"] and statuses["approved"]
    assert statuses["rejected"] + statuses["executive_rejected"] >= 1
    decided = everyone.exclude(status="registered")
    assert set(decided.values_list("constituency__district__county__name_en", flat=True)) == {
        "Ahvaz"
    }
    rejected = everyone.filter(status__in=("rejected", "executive_rejected"))
    for candidacy in rejected:
        assert candidacy.steps.exclude(reason="").exists()


def test_the_boards_and_rosters_of_ahvaz_with_gaps_and_women(small_demo: DemoSummary) -> None:
    real = _real()
    seats = Counter(
        BoardMembership.objects.filter(board__election=real).values_list("board__kind", "role")
    )
    assert seats[("county_executive", "governor")] == 1
    assert seats[("county_executive", "judiciary_representative")] == 1
    assert seats[("county_executive", "trustee")] == 6
    assert seats[("county_executive", "civil_registry_head")] == 0
    assert seats[("county_supervisory", "chair")] == 1
    nominations = Counter(TrusteeNomination.objects.values_list("status", flat=True))
    assert nominations[NominationStatus.NOMINATED] == 2
    assert nominations[NominationStatus.REJECTED] == 1
    # Ahvaz's rosters are the registers demo's; training's adds Karun's and Hoveyzeh's
    ahvaz_chairs = StaffPost.objects.filter(
        election=real, role="station_chair", station__district__county__name_en="Ahvaz"
    )
    assert ahvaz_chairs.count() == 6
    presence = womens_presence(real)
    assert 0 < presence.total.women < presence.total.total
    ahvaz = womens_presence(real, county=real.stations.first().district.county)
    assert ahvaz.stations
    problems = " ".join(problem.en for problem in phase_gate_problems(real, Phase.READY))
    assert "not decided yet" in problems


def test_building_again_changes_nothing_and_the_chain_is_intact(small_demo: DemoSummary) -> None:
    from shora.audit.models import AuditEvent

    events = AuditEvent.objects.count()
    voters = Voter.objects.count()
    again = demo_build(small=True)
    assert again == small_demo
    assert AuditEvent.objects.count() == events and Voter.objects.count() == voters
    assert AuditEvent.objects.filter(event_type__in=_types("VOTERS_IMPORTED")).count() == 1
    assert audit_chain_problems()[1] == []


def _types(*names: str) -> list[int]:
    from shora.audit.events import AuditEventType

    return [AuditEventType[name].value for name in names]
