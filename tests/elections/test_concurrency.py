"""Concurrent writes on PostgreSQL: the database, not luck, keeps the rules."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.accounts.models import User
from shora.audit.selectors import audit_chain_problems
from shora.elections.errors import ElectionRefusal
from shora.elections.models import Election, PollingStation
from shora.elections.services import election_phase_advance, station_create
from shora_domain.errors import DomainError
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_advances_at_once_move_the_phase_once(geo):
    assert connection.vendor == "postgresql"
    results, errors = race(
        6,
        lambda _: election_phase_advance(
            actor=None, election=geo.election, to_phase="registration"
        ),
    )
    assert len(results) == 1
    assert len(errors) == 5
    assert all(
        isinstance(e, DomainError) and e.code == ElectionRefusal.PHASE_BACKWARDS for e in errors
    )
    assert Election.objects.get(pk=geo.election.pk).phase == "registration"
    assert audit_chain_problems()[1] == []


def test_the_same_station_code_twice_at_once_is_stored_once(geo):
    results, errors = race(
        4,
        lambda i: station_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="55555",
            name=f"شعبه {i}",
            connectivity="fibre",
            constituencies=[geo.city_a],
        ),
    )
    assert len(results) == 1
    assert [e.code for e in errors] == [ElectionRefusal.DUPLICATE_CODE] * 3  # type: ignore[attr-defined]
    assert PollingStation.objects.filter(election=geo.election, code="55555").count() == 1
    assert audit_chain_problems()[1] == []


def test_concurrent_failed_sign_ins_all_count_towards_the_lockout(geo, make_user, settings):
    from django.test import RequestFactory

    from shora.accounts.services import sign_in_check

    make_user("county")
    failures = settings.SHORA_LOCKOUT_FAILURES

    def attempt(_: int) -> None:
        sign_in_check(request=RequestFactory().post("/"), username="county", password="wrong")

    _, errors = race(failures, attempt)
    assert len(errors) == failures
    user = User.objects.get(username="county")
    assert user.locked_until is not None  # no failure was lost to a race
