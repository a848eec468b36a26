"""Series expanded into weekly sessions; attendance by list and by code, and its refusals."""

from __future__ import annotations

import datetime
import itertools

import pytest

from shora.training.errors import TrainingRefusal
from shora.training.models import Attendance, Session
from shora.training.services.programmes import trainee_of
from shora.training.services.sessions import (
    attendance_by_code,
    attendance_record,
    series_create,
    series_expand,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def refused(expected, call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert error.value.code is expected
    assert error.value.fa and error.value.en
    return error.value


def test_a_series_repeats_weekly_until_polling_day(world):
    dates = list(world.series.sessions.order_by("date").values_list("date", flat=True))
    # Saturdays from 1 March 2026 (a Sunday) to polling day, 1 May 2026 (a Friday).
    assert dates[0] == datetime.date(2026, 3, 7)
    assert dates[-1] == datetime.date(2026, 4, 25)
    assert all(day.weekday() == 5 for day in dates)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(dates))
    assert series_expand(world.series) == 0
    assert Session.objects.filter(series=world.series).count() == len(dates) == 8


def test_expanding_again_fills_only_what_is_missing(world):
    world.series.sessions.order_by("date").last().delete()
    assert series_expand(world.series) == 1
    assert world.series.sessions.count() == 8


@pytest.mark.parametrize(
    "change",
    [
        {"roles": []},
        {"roles": ["president"]},
        {"capacity": 0},
        {"weekday": 7},
        {"first_date": datetime.date(2026, 6, 1)},
        {"title": "   "},
    ],
)
def test_a_bad_series_is_refused(world, change):
    fields = {
        "actor": None,
        "election": world.geo.election,
        "county": world.geo.county_a,
        "title": "x",
        "place": "y",
        "capacity": 5,
        "roles": ["secretary"],
        "weekday": 1,
        "starts_at": datetime.time(9),
        "first_date": datetime.date(2026, 3, 1),
    } | change
    refused(TrainingRefusal.BAD_SERIES, series_create, **fields)


def test_a_district_of_another_county_is_refused(world):
    refused(
        TrainingRefusal.BAD_SERIES,
        series_create,
        actor=None,
        election=world.geo.election,
        county=world.geo.county_a,
        district=world.geo.district_b1,
        title="x",
        place="y",
        capacity=5,
        roles=["secretary"],
        weekday=1,
        starts_at=datetime.time(9),
        first_date=datetime.date(2026, 3, 1),
    )


def test_attendance_from_the_list(world):
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    assert Attendance.objects.filter(session=world.session, person=world.chair_a).exists()


def test_attendance_twice_is_refused(world):
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    refused(
        TrainingRefusal.ALREADY_PRESENT,
        attendance_record,
        actor=None,
        session=world.session,
        person=world.chair_a,
    )
    assert Attendance.objects.filter(session=world.session).count() == 1


@pytest.mark.parametrize("who", ["chair_b", "inspector_a"])
def test_attendance_of_someone_not_invited_is_refused(world, who):
    refused(
        TrainingRefusal.NOT_INVITED,
        attendance_record,
        actor=None,
        session=world.session,
        person=getattr(world, who),
    )
    assert not Attendance.objects.filter(session=world.session).exists()


def test_a_full_session_refuses_more(world):
    world.series.capacity = 1
    world.series.save()
    attendance_record(actor=None, session=world.session, person=world.chair_a)
    refused(
        TrainingRefusal.SESSION_FULL,
        attendance_record,
        actor=None,
        session=world.session,
        person=world.secretary_a,
    )


@pytest.mark.parametrize(
    "spell",
    [
        lambda code: code,
        to_persian_digits,
        lambda code: code.translate(ARABIC_INDIC),
        lambda code: f" {code[:3]}-{code[3:]} ",
    ],
)
def test_attendance_by_national_code_in_any_digits(world, spell):
    attendance_by_code(actor=None, session=world.session, code=spell(world.chair_a.national_code))
    assert Attendance.objects.get(session=world.session).method == "code"


def test_attendance_by_personal_training_code_in_persian_digits(world):
    code = trainee_of(world.secretary_a).code
    assert len(code) == 12 and code.isdigit()
    attendance_by_code(actor=None, session=world.session, code=to_persian_digits(code))
    assert Attendance.objects.get(session=world.session).person == world.secretary_a


@pytest.mark.parametrize("code", ["", "abc", "12345", "0000000000", "۱۲۳۴۵۶۷۸۹۰۱۲", "9" * 40])
def test_an_unknown_code_is_refused(world, code):
    refused(
        TrainingRefusal.UNKNOWN_CODE,
        attendance_by_code,
        actor=None,
        session=world.session,
        code=code,
    )
    assert not Attendance.objects.exists()


def test_a_code_of_someone_not_invited_is_refused(world):
    refused(
        TrainingRefusal.NOT_INVITED,
        attendance_by_code,
        actor=None,
        session=world.session,
        code=world.chair_b.national_code,
    )


def test_the_trainee_code_is_stable_and_personal(world):
    first = trainee_of(world.chair_a)
    assert trainee_of(world.chair_a).code == first.code
    assert trainee_of(world.secretary_a).code != first.code


def test_a_person_typed_with_arabic_letters_is_found_in_the_invited_list(world):
    from shora.training.selectors.people import invited_people

    names = [person.full_name for person in invited_people(world.series)]
    assert len(names) == 2 and world.chair_a.full_name in names
