"""The review → ready gate, and freezing: unique codes assigned once, never changed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import Ballot, BallotEntry, Candidacy
from shora.candidates.selectors import frozen_ballot
from shora.candidates.services import (
    ballot_freeze,
    candidacy_decide,
    candidacy_register,
    candidacy_withdraw,
)
from shora.elections.errors import PhaseGateError
from shora.elections.models import Phase
from shora.elections.services import election_phase_advance
from shora_domain.ballot_codes import is_code_well_formed
from shora_domain.ballot_definition import ballot_from_dict, ballot_sha256
from shora_domain.errors import DomainError
from tests.candidates.conftest import approve, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_our_ready_gate")]

AHVAZ_SURNAMES = ["یزدانی", "احمدی", "پاکزاد", "آذری", "بهرامی", "چمران", "زارعی", "ژیان"]


@pytest.fixture
def abadan_user(make_user, registering):
    return make_user("county", username="abadan", county=registering.county_b)


@pytest.fixture
def decided(registering, register, county_user, supervisor, abadan_user, clock):
    """Eight qualified candidates in Ahvaz, one each in Abadan and the village; the
    election in review."""
    ahvaz = [
        approve(register(last_name=name, gender="female"), county_user, supervisor)
        for name in AHVAZ_SURNAMES
    ]
    abadan = candidacy_register(
        actor=abadan_user, constituency=registering.city_b, details=person(last_name="نوری")
    ).candidacy
    approve(abadan, abadan_user, supervisor)
    clock.jalali(1404, 11, 26)
    village = register(constituency=registering.village_a, degree="diploma")
    approve(village, county_user, supervisor)
    election_phase_advance(actor=None, election=registering.election, to_phase=Phase.REVIEW)
    registering.election.refresh_from_db()
    return ahvaz


def _advance_to_ready(registering, actor=None):
    return election_phase_advance(actor=actor, election=registering.election, to_phase=Phase.READY)


def test_the_gate_lists_undecided_candidacies_and_empty_constituencies(
    registering, register, county_user, clock
):
    register(last_name="منتظر")
    election_phase_advance(actor=None, election=registering.election, to_phase=Phase.REVIEW)
    with pytest.raises(PhaseGateError) as caught:
        _advance_to_ready(registering)
    codes = [problem.code for problem in caught.value.problems]
    assert codes.count("candidacy_pending") == 1
    assert codes.count("constituency_without_candidate") == 3
    pending = next(p for p in caught.value.problems if p.code == "candidacy_pending")
    assert "منتظر" in pending.fa and "awaiting the executive board" in pending.en
    assert not Ballot.objects.exists()


def test_entering_ready_freezes_every_list_with_unique_codes(decided, registering, make_user):
    hq = make_user("province_hq")
    _advance_to_ready(registering, actor=hq)
    ballot = Ballot.objects.get(constituency=registering.city_a)
    entries = list(BallotEntry.objects.filter(ballot=ballot).select_related("candidacy"))
    in_persian_order = ["آذری", "احمدی", "بهرامی", "پاکزاد", "چمران", "زارعی", "ژیان", "یزدانی"]
    assert [e.candidacy.last_name for e in entries] == in_persian_order
    assert [e.code for e in entries] == ["101", "117", "125", "130", "149", "158", "163", "174"]
    assert all(is_code_well_formed(e.code) for e in entries)
    definition = ballot_from_dict(ballot.content)
    assert ballot.sha256 == ballot_sha256(definition)
    assert [c.code for c in definition.candidates] == [e.code for e in entries]
    assert Ballot.objects.count() == 3
    assert ballot.frozen_by == hq
    event = AuditEvent.objects.filter(event_type=AuditEventType.BALLOT_FROZEN).first()
    assert event.new["sha256"] in {b.sha256 for b in Ballot.objects.all()}
    assert audit_chain_problems()[1] == []


def test_freezing_again_is_refused_and_codes_never_change(decided, registering):
    _advance_to_ready(registering)
    before = list(BallotEntry.objects.order_by("pk").values_list("code", flat=True))
    with pytest.raises(DomainError) as caught:
        ballot_freeze(actor=None, constituency=registering.city_a)
    assert caught.value.code == CandidacyRefusal.CODES_FROZEN
    entry = BallotEntry.objects.order_by("pk").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotEntry.objects.filter(pk=entry.pk).update(code="999")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(pk=entry.ballot_id).update(sha256="0" * 64)
    assert list(BallotEntry.objects.order_by("pk").values_list("code", flat=True)) == before


def test_after_freezing_no_candidacy_changes(decided, registering, county_user, supervisor):
    _advance_to_ready(registering)
    candidacy = decided[0]
    with pytest.raises(DomainError) as caught:
        candidacy_withdraw(actor=county_user, candidacy=candidacy)
    assert caught.value.code == CandidacyRefusal.CODES_FROZEN
    with pytest.raises(DomainError) as caught:
        candidacy_register(actor=county_user, constituency=registering.city_a, details=person())
    assert caught.value.code == CandidacyRefusal.NOT_THIS_PHASE


def test_withdrawn_and_rejected_candidates_get_no_code(
    decided, registering, register, county_user, supervisor, clock
):
    election = registering.election
    election.phase = Phase.REGISTRATION
    election.save(update_fields=["phase"])
    clock.jalali(1404, 10, 23)
    gone = register(last_name="رفته")
    candidacy_withdraw(actor=county_user, candidacy=gone)
    out = register(last_name="ردشده")
    candidacy_decide(actor=county_user, candidacy=out, action="executive_approve")
    clock.jalali(1404, 11, 20)
    candidacy_decide(actor=supervisor, candidacy=out, action="supervisory_reject", reason="سابقه")
    election.phase = Phase.REVIEW
    election.save(update_fields=["phase"])
    with pytest.raises(PhaseGateError):  # the appeal window is still open
        _advance_to_ready(registering)
    clock.jalali(1404, 11, 25)  # 4 days after the ruling have passed
    _advance_to_ready(registering)
    out.refresh_from_db()
    assert out.status == "rejected_final"
    coded = set(BallotEntry.objects.values_list("candidacy__last_name", flat=True))
    assert "رفته" not in coded and "ردشده" not in coded
    assert Candidacy.objects.filter(status="approved").count() == len(coded) == 10


def test_polling_reads_the_frozen_ballot_and_refuses_an_altered_one(decided, registering):
    assert frozen_ballot(registering.city_a) is None
    _advance_to_ready(registering)
    definition = frozen_ballot(registering.city_a)
    assert definition is not None and len(definition.candidates) == 8
    assert definition.members == 13 and definition.code_of("101").name.endswith("آذری")
    ballot = Ballot.objects.get(constituency=registering.city_a)
    content = {**ballot.content, "members": 15}  # rewritten behind the services' back
    BallotEntry.objects.filter(ballot=ballot).delete()
    Ballot.objects.filter(pk=ballot.pk).delete()
    Ballot.objects.create(
        election=ballot.election,
        constituency=ballot.constituency,
        frozen_at=ballot.frozen_at,
        content=content,
        sha256=ballot.sha256,
    )
    with pytest.raises(DomainError) as caught:
        frozen_ballot(registering.city_a)
    assert caught.value.code == CandidacyRefusal.BALLOT_ALTERED
