"""candidacy_register: every condition explained at once, one active candidacy per person."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.candidates.errors import CandidacyRefusal, ConditionsNotMetError
from shora.candidates.models import Candidacy, ReviewStep
from shora.candidates.selectors import active_candidacies
from shora.candidates.services import (
    candidacy_register,
    candidacy_withdraw,
    village_households_record,
)
from shora.elections.services import election_create
from shora_domain.candidacy import CandidacyCondition
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.national_code import NationalCodeRefusal
from shora_domain.persian_text import search_key
from tests.candidates.conftest import national_code, person

pytestmark = pytest.mark.django_db


def refused(call, *args, **kwargs) -> DomainError:
    before = (Candidacy.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (Candidacy.objects.count(), AuditEvent.objects.count()) == before
    return caught.value


def test_a_registration_is_stored_with_its_history_and_audit(registering, county_user):
    code = national_code(987_654_321)
    result = candidacy_register(
        actor=county_user,
        constituency=registering.city_a,
        details=person(national_code=code, first_name="مهدي", last_name="كاظمي"),
    )
    candidacy = result.candidacy
    assert (candidacy.first_name, candidacy.last_name) == ("مهدی", "کاظمی")
    assert candidacy.status == "registered"
    assert candidacy.registered_by == county_user
    assert result.similar == []
    step = ReviewStep.objects.get(candidacy=candidacy)
    assert (step.action, step.to_status, step.actor_name) == ("register", "registered", "county")
    event = AuditEvent.objects.order_by("-number").first()
    assert event.event_type == AuditEventType.CANDIDACY_REGISTERED
    assert event.unit == "county:0601"
    assert event.new["national_code"] == code
    refs = active_candidacies(election=registering.election, national_codes=[code, "0000000000"])
    assert list(refs) == [code]
    (ref,) = refs[code]
    assert (ref.candidate_id, ref.constituency_id, ref.name, ref.status) == (
        candidacy.pk,
        registering.city_a.pk,
        "مهدی کاظمی",
        "registered",
    )


def test_persian_digits_and_arabic_letters_are_read_in_every_field(registering, county_user):
    code = national_code(123_456_789)
    result = candidacy_register(
        actor=county_user,
        constituency=registering.city_a,
        details=person(
            national_code=to_persian_digits(code[:3]) + "-" + code[3:],
            first_name=" فاطمه\u200f ",
            last_name="نیک\u200cپي",
            father_name="يوسف",
            gender="female",
            military_service="none",
        ),
    )
    candidacy = result.candidacy
    assert candidacy.national_code == code
    assert candidacy.last_name == "نیک\u200cپی"  # the ZWNJ kept for display
    assert candidacy.first_name == "فاطمه"
    assert candidacy.father_name == "یوسف"
    assert candidacy.military_service == "not_applicable"  # no service rule for women
    assert candidacy.name_key == search_key("فاطمه نیکپی")


def test_the_same_person_under_another_spelling_is_refused(registering, county_user, register):
    code = national_code(222_333_444)
    register(national_code=code, first_name="علی", last_name="کریمی")
    error = refused(
        candidacy_register,
        actor=county_user,
        constituency=registering.city_a,
        details=person(national_code=to_persian_digits(code), first_name="علي", last_name="كريمي"),
    )
    assert error.code == CandidacyRefusal.ALREADY_REGISTERED
    assert "اهواز" in error.fa and "علی کریمی" in error.fa
    assert Candidacy.objects.filter(national_code=code).count() == 1


def test_a_withdrawn_person_may_register_again(registering, county_user, register):
    first = register(national_code=national_code(555_000_111))
    candidacy_withdraw(actor=county_user, candidacy=first, reason="نامهٔ شمارهٔ ۱۲")
    again = register(national_code=national_code(555_000_111))
    assert again.pk != first.pk
    assert set(Candidacy.objects.values_list("status", flat=True)) == {"withdrawn", "registered"}


def test_every_failed_condition_is_explained_at_once(registering, county_user, clock):
    error = refused(
        candidacy_register,
        actor=county_user,
        constituency=registering.city_a,
        details=person(
            birth_date=datetime.date(2005, 1, 1),
            degree="diploma",
            military_service="temporary_exemption",
            clean_record_issued_on=datetime.date(2025, 9, 1),
            residence_confirmed=False,
        ),
    )
    assert isinstance(error, ConditionsNotMetError)
    assert [failure.code for failure in error.failures] == [
        CandidacyCondition.UNDER_AGE,
        CandidacyCondition.EDUCATION_BELOW_REQUIRED,
        CandidacyCondition.NO_RESIDENCE,
        CandidacyCondition.MILITARY_SERVICE_MISSING,
        CandidacyCondition.CLEAN_RECORD_TOO_OLD,
    ]
    assert "۲۵ سال تمام" in error.failures[0].fa
    assert "کاردانی" in error.failures[1].fa  # Ahvaz (1,184,788) needs the higher degree


@pytest.mark.parametrize(
    ("birth", "accepted"),
    [
        (datetime.date(2001, 5, 1), True),  # 11 Ordibehesht 1380: 25 on polling day
        (datetime.date(2001, 5, 2), False),  # a day too young
    ],
)
def test_the_age_is_counted_in_full_jalali_years_on_polling_day(register, birth, accepted):
    if accepted:
        assert register(birth_date=birth).status == "registered"
        return
    with pytest.raises(ConditionsNotMetError) as caught:
        register(birth_date=birth)
    assert [f.code for f in caught.value.failures] == [CandidacyCondition.UNDER_AGE]


@pytest.mark.parametrize(
    ("issued", "code"),
    [
        (datetime.date(2025, 10, 14), None),  # 90 days before 12 January 2026
        (datetime.date(2025, 10, 13), CandidacyCondition.CLEAN_RECORD_TOO_OLD),
        (datetime.date(2026, 1, 13), CandidacyCondition.CLEAN_RECORD_AFTER_REGISTRATION),
        (None, CandidacyCondition.CLEAN_RECORD_MISSING),
    ],
)
def test_the_clean_record_certificate_must_be_under_three_months(register, issued, code):
    if code is None:
        assert register(clean_record_issued_on=issued).status == "registered"
        return
    with pytest.raises(ConditionsNotMetError) as caught:
        register(clean_record_issued_on=issued)
    assert [f.code for f in caught.value.failures] == [code]


def test_a_village_needs_literacy_or_a_diploma_by_its_households(registering, county_user, clock):
    clock.jalali(1404, 11, 25)  # the villages' window
    village = registering.village_a  # 900 people: about 273 households at 3.3 a household
    with pytest.raises(ConditionsNotMetError) as caught:
        candidacy_register(
            actor=county_user, constituency=village, details=person(degree="literacy")
        )
    assert "۲۷۳ خانوار" in caught.value.failures[0].fa
    assert "دیپلم" in caught.value.failures[0].fa
    village_households_record(actor=county_user, constituency=village, households=180)
    result = candidacy_register(
        actor=county_user, constituency=village, details=person(degree="literacy")
    )
    assert result.candidacy.status == "registered"


@pytest.mark.parametrize(
    ("moment", "fragment"),
    [
        ((1404, 10, 20, 12), "آغاز می‌شود"),  # the day before the cities' window
        ((1404, 10, 28, 9), "به پایان رسیده"),  # the day after
        ((1404, 10, 23, 7, 59), "ساعات"),  # before 08:00
        ((1404, 10, 23, 16, 0), "ساعات"),  # at 16:00: closed
    ],
)
def test_registration_outside_the_window_is_refused(
    registering, county_user, clock, moment, fragment
):
    clock.jalali(*moment)
    error = refused(
        candidacy_register, actor=county_user, constituency=registering.city_a, details=person()
    )
    assert error.code == CandidacyRefusal.REGISTRATION_CLOSED
    assert fragment in error.fa


def test_villages_register_in_their_own_window(registering, county_user, clock):
    error = refused(
        candidacy_register,
        actor=county_user,
        constituency=registering.village_a,
        details=person(),
    )
    assert error.code == CandidacyRefusal.REGISTRATION_CLOSED  # 22 Dey: cities only
    clock.jalali(1404, 11, 30, 15, 59)
    candidacy_register(actor=county_user, constituency=registering.village_a, details=person())


def test_no_registration_outside_the_registration_phase(geo, make_user, clock):
    county = make_user("county")
    error = refused(candidacy_register, actor=county, constituency=geo.city_a, details=person())
    assert error.code == CandidacyRefusal.NOT_THIS_PHASE


@pytest.mark.parametrize("role", ["supervisor", "province_hq", "district", "station", "trainer"])
def test_only_county_staff_register(registering, make_user, role):
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        candidacy_register(actor=user, constituency=registering.city_a, details=person())
    assert not Candidacy.objects.exists()


def test_another_county_is_refused(registering, county_user):
    with pytest.raises(PermissionDenied):
        candidacy_register(actor=county_user, constituency=registering.city_b, details=person())


def test_the_same_name_and_birth_date_under_another_code_is_a_warning(
    register, registering, county_user
):
    first = register(first_name="زهرا", last_name="موسوی", gender="female")
    result = candidacy_register(
        actor=county_user,
        constituency=registering.city_a,
        details=person(first_name="زهرا", last_name="موسوي", gender="female"),
    )
    assert [other.pk for other in result.similar] == [first.pk]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"national_code": "1234567890"}, NationalCodeRefusal.WRONG_CHECK_DIGIT),
        ({"national_code": ""}, NationalCodeRefusal.EMPTY),
        ({"first_name": "  \u200c "}, "person.name_empty"),
        ({"last_name": "رضایی۲"}, "person.name_not_letters"),
        ({"father_name": "ح" * 101}, "person.name_too_long"),
        ({"degree": "phd"}, CandidacyRefusal.BAD_VALUE),
        ({"gender": "x"}, CandidacyRefusal.BAD_VALUE),
    ],
)
def test_bad_values_are_refused_by_field(registering, county_user, changes, code):
    error = refused(
        candidacy_register,
        actor=county_user,
        constituency=registering.city_a,
        details=person(**changes),
    )
    assert error.code == code or error.code.value == code


def test_a_drill_election_of_the_same_province_is_kept_apart(registering, register, county_user):
    code = national_code(777_888_999)
    register(national_code=code)
    drill = election_create(
        actor=None,
        province=registering.province,
        name="مانور",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
        is_drill=True,
    )
    assert active_candidacies(election=drill, national_codes=[code]) == {}
