"""Concurrent appointments on PostgreSQL: the database and the locks, not luck, keep the rules."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.audit.selectors import audit_chain_problems
from shora.boards.errors import BoardRefusal
from shora.boards.models import Board, BoardMembership, Person, StaffPost
from shora.boards.services import (
    board_member_appoint,
    person_register,
    staff_post_appoint,
)
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, national_code
from tests.races import race, refusal_codes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_person_sent_to_several_stations_at_once_gets_one_post(geo, person):
    assert connection.vendor == "postgresql"
    someone = person(1)
    stations = [geo.station_a1, geo.station_a2, geo.station_b1] * 2
    results, errors = race(
        6,
        lambda i: staff_post_appoint(
            actor=None, station=stations[i], person=someone, role="secretary"
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [BoardRefusal.POST_CLASH] * 5
    assert StaffPost.objects.filter(person=someone).count() == 1
    assert audit_chain_problems()[1] == []


def test_two_chairs_for_one_station_at_once(geo, person):
    people = [person(10 + i) for i in range(5)]
    results, errors = race(
        5,
        lambda i: staff_post_appoint(
            actor=None, station=geo.station_a1, person=people[i], role="station_chair"
        ),
    )
    assert len(results) == 1
    assert all(isinstance(e, DomainError) for e in errors)
    assert StaffPost.objects.filter(station=geo.station_a1, role="station_chair").count() == 1


def test_a_new_board_raced_for_is_established_once(geo, person):
    people = [person(20 + i) for i in range(5)]
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    results, errors = race(
        5,
        lambda i: board_member_appoint(actor=None, place=place, person=people[i], role="governor"),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [BoardRefusal.SEAT_FULL] * 4
    assert Board.objects.count() == 1
    assert BoardMembership.objects.filter(role="governor").count() == 1
    assert audit_chain_problems()[1] == []


def test_the_last_trustee_seat_of_an_established_board_filled_twice_at_once(geo, person):
    place = county_place(geo, BoardKind.COUNTY_SUPERVISORY)
    board_member_appoint(actor=None, place=place, person=person(30), role="chair")
    for number in range(31, 34):
        board_member_appoint(actor=None, place=place, person=person(number), role="member")
    people = [person(40 + i) for i in range(5)]
    results, errors = race(
        5,
        lambda i: board_member_appoint(actor=None, place=place, person=people[i], role="member"),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [BoardRefusal.SEAT_FULL] * 4
    assert BoardMembership.objects.filter(role="member").count() == 4


def test_the_same_person_registered_twice_at_once(geo):
    spellings = ["علی", "علي", "عَلی", "علی\u200c"]
    results, errors = race(
        4,
        lambda i: person_register(
            actor=None,
            election=geo.election,
            national_code=national_code(5),
            first_name=spellings[i],
            last_name="کاظمی",
            gender="male",
        ),
    )
    assert len(results) == 1
    assert refusal_codes(errors) == [BoardRefusal.PERSON_ALREADY_REGISTERED] * 3
    assert Person.objects.filter(national_code=national_code(5)).count() == 1
