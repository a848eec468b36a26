"""Concurrent attempts on PostgreSQL: two devices starting the same test get one attempt."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.boards.models import Person
from shora.training.errors import TrainingRefusal
from shora.training.models import Attendance, Module, Session, TestAttempt
from shora.training.services.attempts import attempt_start
from shora.training.services.sessions import attendance_record
from tests.races import race, refusal_codes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_starts_make_one_open_attempt(world):
    assert connection.vendor == "postgresql"
    results, errors = race(
        2,
        lambda i: attempt_start(
            person=Person.objects.get(pk=world.chair_a.pk),
            module=Module.objects.get(pk=world.chair_module.pk),
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [TrainingRefusal.ATTEMPT_OPEN]
    assert TestAttempt.objects.filter(person=world.chair_a, submitted_at__isnull=True).count() == 1


def test_two_desks_cannot_both_take_the_last_seat(world):
    world.series.capacity = 1
    world.series.save()
    people = [world.chair_a, world.secretary_a]
    results, errors = race(
        2,
        lambda i: attendance_record(
            actor=None, session=Session.objects.get(pk=world.session.pk), person=people[i]
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [TrainingRefusal.SESSION_FULL]
    assert Attendance.objects.filter(session=world.session).count() == 1
