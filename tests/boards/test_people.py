"""Registering the people who serve: one person per national code, names as typed, relatives."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.boards.errors import BoardRefusal
from shora.boards.models import DeclaredRelative, Person
from shora.boards.selectors import people_search, person_by_national_code
from shora.boards.services import (
    person_register,
    person_update,
    relative_declare,
    relative_withdraw,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.national_code import NationalCodeRefusal
from shora_domain.person_details import PersonDetailRefusal
from tests.boards.conftest import national_code

ZWNJ = "\u200c"
CODE = national_code(123456)


def register(geo, code=CODE, **fields):
    return person_register(
        actor=None,
        election=geo.election,
        national_code=code,
        first_name=fields.pop("first_name", "علي"),
        last_name=fields.pop("last_name", "كاظمي"),
        gender=fields.pop("gender", "male"),
        **fields,
    )


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_a_person_is_stored_with_persian_letters_and_audited(geo):
    person = register(geo, code=to_persian_digits(CODE), phone="۰۹۱۲ ۳۴۵ ۶۷۸۹")
    assert person.national_code == CODE
    assert (person.first_name, person.last_name) == ("علی", "کاظمی")
    assert person.phone == "09123456789"
    event = AuditEvent.objects.get(event_type=AuditEventType.STAFF_PERSON_REGISTERED)
    assert event.new["national_code"] == CODE
    assert event.target_id == str(person.pk)


def test_zwnj_is_kept_for_showing_and_ignored_for_searching(geo):
    person = register(geo, first_name=f"محمد{ZWNJ}حسین")
    assert person.first_name == f"محمد{ZWNJ}حسین"
    people = Person.objects.filter(election=geo.election)
    assert list(people_search(people, "محمدحسين")) == [person]
    assert list(people_search(people, "محمد حسین کاظمی")) == [person]
    assert list(people_search(people, to_persian_digits(CODE[:6]))) == [person]
    assert list(people_search(people, "رضا")) == []


def test_the_same_person_under_another_spelling_is_refused(geo):
    register(geo, first_name="علی", last_name="کاظمی")
    error = refusal(
        lambda: register(
            geo, code=f"{CODE[:3]}-{CODE[3:9]}-{CODE[9]}", first_name="علي", last_name="قاسمی"
        )
    )
    assert error.code == BoardRefusal.PERSON_ALREADY_REGISTERED
    assert "«علی کاظمی»" in error.fa and to_persian_digits(CODE) in error.fa
    assert Person.objects.count() == 1


def test_the_same_code_in_another_election_is_another_record(geo):
    from shora.elections.services import election_create

    drill = election_create(
        actor=None,
        province=geo.province,
        name="مانور",
        polling_date=geo.election.polling_date,
        opens_at=geo.election.opens_at,
        closes_at=geo.election.closes_at,
        is_drill=True,
    )
    register(geo)
    person_register(
        actor=None,
        election=drill,
        national_code=CODE,
        first_name="علی",
        last_name="کاظمی",
        gender="male",
    )
    assert Person.objects.filter(national_code=CODE).count() == 2


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"code": "0012345678"}, NationalCodeRefusal.WRONG_CHECK_DIGIT),
        ({"code": "۱۲۳"}, NationalCodeRefusal.WRONG_LENGTH),
        ({"code": ""}, NationalCodeRefusal.EMPTY),
        ({"first_name": ""}, PersonDetailRefusal.NAME_EMPTY),
        ({"last_name": "کاظمی۳"}, PersonDetailRefusal.NAME_NOT_LETTERS),
        ({"first_name": "ع" * 5000}, PersonDetailRefusal.NAME_TOO_LONG),
        ({"gender": "other"}, BoardRefusal.BAD_GENDER),
        ({"phone": "12"}, PersonDetailRefusal.PHONE_WRONG_LENGTH),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(geo, fields, code):
    events = AuditEvent.objects.count()
    error = refusal(lambda: register(geo, **fields))
    assert error.code == code
    assert error.fa and error.en
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_registering_remembers_the_unit_of_the_registrar(geo, make_user):
    county_user = make_user("county")
    district_user = make_user("district")
    by_county = person_register(
        actor=county_user,
        election=geo.election,
        national_code=national_code(1),
        first_name="رضا",
        last_name="نوری",
        gender="male",
    )
    by_district = person_register(
        actor=district_user,
        election=geo.election,
        national_code=national_code(2),
        first_name="مریم",
        last_name="نوری",
        gender="female",
    )
    assert (by_county.county, by_county.district) == (geo.county_a, None)
    assert (by_district.county, by_district.district) == (geo.county_a, geo.district_a1)


@pytest.mark.parametrize("role", ["supervisor", "station", "trainer"])
def test_only_hq_county_and_district_register(geo, make_user, role):
    with pytest.raises(PermissionDenied):
        person_register(
            actor=make_user(role),
            election=geo.election,
            national_code=CODE,
            first_name="رضا",
            last_name="نوری",
            gender="male",
        )


def test_details_are_corrected_but_not_the_code(geo):
    person = register(geo)
    person_update(
        actor=None, person=person, first_name="علی‌اکبر", last_name="كاظمي", gender="male", phone=""
    )
    person.refresh_from_db()
    assert person.first_name == "علی‌اکبر" and person.last_name == "کاظمی"
    event = AuditEvent.objects.get(event_type=AuditEventType.STAFF_PERSON_CHANGED)
    assert event.old["first_name"] == "علی" and event.new["first_name"] == "علی‌اکبر"


def test_relatives_are_declared_once_and_never_oneself(geo):
    person = register(geo)
    relative = national_code(999)
    relative_declare(
        actor=None, person=person, national_code=to_persian_digits(relative), relation="sibling"
    )
    again = refusal(
        lambda: relative_declare(
            actor=None, person=person, national_code=relative, relation="spouse"
        )
    )
    assert again.code == BoardRefusal.RELATIVE_ALREADY_DECLARED
    self_ = refusal(
        lambda: relative_declare(actor=None, person=person, national_code=CODE, relation="child")
    )
    assert self_.code == BoardRefusal.RELATIVE_IS_SELF
    bad = refusal(
        lambda: relative_declare(
            actor=None, person=person, national_code=national_code(5), relation="cousin"
        )
    )
    assert bad.code == BoardRefusal.BAD_RELATION
    assert list(person.relatives.values_list("national_code", "relation")) == [
        (relative, "sibling")
    ]
    relative_withdraw(actor=None, declared=person.relatives.get())
    assert not DeclaredRelative.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.RELATIVE_WITHDRAWN).count() == 1


def test_another_countys_staff_may_not_declare_relatives(geo, make_user):
    from shora.accounts.services import user_create
    from tests.conftest import PASSWORD

    person = person_register(
        actor=make_user("county"),
        election=geo.election,
        national_code=CODE,
        first_name="رضا",
        last_name="نوری",
        gender="male",
    )
    other = user_create(
        actor=None, username="abadan", password=PASSWORD, role="county", county=geo.county_b
    )
    with pytest.raises(PermissionDenied):
        relative_declare(
            actor=other, person=person, national_code=national_code(3), relation="parent"
        )


def test_finding_a_person_by_code_in_any_digits(geo):
    person = register(geo)
    assert (
        person_by_national_code(election=geo.election, national_code=to_persian_digits(CODE))
        == person
    )
    assert person_by_national_code(election=geo.election, national_code=national_code(8)) is None
