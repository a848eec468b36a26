"""Concurrent registrations and decisions on PostgreSQL: the database lets one through."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.audit.selectors import audit_chain_problems
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import Candidacy, ReviewStep
from shora.candidates.services import candidacy_decide, candidacy_register
from shora_domain.candidate_review import ReviewRefusal
from shora_domain.digits import to_persian_digits
from tests.candidates.conftest import national_code, person
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_person_registered_four_times_at_once_is_stored_once(registering, county_user):
    assert connection.vendor == "postgresql"
    code = national_code(456_456_456)
    spellings = [("علی", "کریمی", code), ("علي", "كريمي", to_persian_digits(code))] * 2

    def register(index: int) -> Candidacy:
        first, last, typed = spellings[index]
        return candidacy_register(
            actor=county_user,
            constituency=registering.city_a,
            details=person(national_code=typed, first_name=first, last_name=last),
        ).candidacy

    results, errors = race(4, register)
    assert len(results) == 1
    assert [getattr(e, "code", e) for e in errors] == [CandidacyRefusal.ALREADY_REGISTERED] * 3
    assert Candidacy.objects.filter(national_code=code).count() == 1
    assert ReviewStep.objects.filter(candidacy__national_code=code).count() == 1
    assert audit_chain_problems()[1] == []


def test_two_boards_deciding_at_once_take_one_step(registering, register, county_user):
    candidacy = register()

    def decide(index: int) -> Candidacy:
        action = "executive_approve" if index % 2 else "executive_reject"
        return candidacy_decide(
            actor=county_user, candidacy=candidacy, action=action, reason="گزارش"
        )

    results, errors = race(4, decide)
    assert len(results) == 1
    assert [getattr(e, "code", e) for e in errors] == [ReviewRefusal.NOT_IN_THIS_STATE] * 3
    assert candidacy.steps.count() == 2  # registration and one decision
    assert audit_chain_problems()[1] == []
