"""Reading the civil registry's extract, cell by cell, and the national code's fast path."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shora_domain.civil_registry import (
    Calendar,
    RegisterRefusal,
    check_birth_date,
    check_residence_since,
    fast_national_code,
    register_date,
    register_flag,
    register_gender,
    register_national_code,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.jalali import JalaliRefusal, from_jalali, to_jalali
from shora_domain.national_code import national_code_check_digit, parse_national_code

TODAY = datetime.date(2026, 1, 1)
valid_codes = st.text(alphabet="0123456789", min_size=9, max_size=9).map(
    lambda nine: nine + str(national_code_check_digit(nine))
)
code_like = st.one_of(
    st.text(alphabet="0123456789", min_size=10, max_size=10),
    valid_codes,
    st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ -\u200c\u200f", max_size=14),
    st.text(max_size=12),
)
jalali_dates = st.dates(min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2042, 3, 20))


def outcome(call: object, text: str) -> tuple[str, object]:
    assert callable(call)
    try:
        return "value", call(text)
    except DomainError as refusal:
        return "refused", refusal.code


@given(code_like)
@example("0012345679")
@example("1111111111")
@example("۰۰۱۲۳۴۵۶۷۹")
@example("²³⁴⁵⁶⁷⁸⁹⁰¹")  # digits to str.isdigit, not to a national code
def test_the_fast_path_gives_the_same_answers(text: str) -> None:
    assert outcome(register_national_code, text) == outcome(parse_national_code, text)
    if fast_national_code(text):
        assert parse_national_code(text) == text


@given(valid_codes)
def test_the_fast_path_takes_every_canonical_valid_code(code: str) -> None:
    assert fast_national_code(code) == (len(set(code)) > 1)


@pytest.mark.parametrize(
    "text",
    ["1387/02/11", "1387-2-11", "1387.02.11", "13870211", "۱۳۸۷/۰۲/۱۱", "١٣٨٧/٠٢/١١",
     " 1387 / 02 / 11 ", "\u200f1387/02/11\u200e", "1387/02/11T00:00:00"],
)  # fmt: skip
def test_jalali_dates_in_the_forms_registries_write(text: str) -> None:
    assert register_date(text, Calendar.JALALI) == from_jalali(1387, 2, 11)


@pytest.mark.parametrize("text", ["2008-04-30", "2008/4/30", "20080430", "۲۰۰۸-۰۴-۳۰"])
def test_gregorian_dates(text: str) -> None:
    assert register_date(text, Calendar.GREGORIAN) == datetime.date(2008, 4, 30)


@given(jalali_dates)
def test_a_jalali_date_in_persian_digits_reads_back(day: datetime.date) -> None:
    jalali = to_jalali(day)
    text = to_persian_digits(f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}")
    assert register_date(text, Calendar.JALALI) == day


@pytest.mark.parametrize(
    ("text", "calendar", "code"),
    [
        ("2008-04-30", Calendar.JALALI, RegisterRefusal.DATE_OTHER_CALENDAR),
        ("1387/02/11", Calendar.GREGORIAN, RegisterRefusal.DATE_OTHER_CALENDAR),
        ("11/02/1387", Calendar.JALALI, RegisterRefusal.DATE_UNREADABLE),
        ("yesterday", Calendar.JALALI, RegisterRefusal.DATE_UNREADABLE),
        ("0987/02/11", Calendar.JALALI, RegisterRefusal.DATE_UNREADABLE),
        ("", Calendar.JALALI, RegisterRefusal.DATE_EMPTY),
        ("1387/13/01", Calendar.JALALI, JalaliRefusal.NO_SUCH_DATE),
        ("1403/12/30", Calendar.JALALI, None),  # 1403 is a leap year
        ("1404/12/30", Calendar.JALALI, JalaliRefusal.NO_SUCH_DATE),
        ("2023-02-29", Calendar.GREGORIAN, RegisterRefusal.NO_SUCH_DATE),
    ],
)
def test_wrong_dates_are_refused_with_a_reason(text: str, calendar: Calendar, code: object) -> None:
    if code is None:
        register_date(text, calendar)
        return
    with pytest.raises(DomainError) as caught:
        register_date(text, calendar)
    assert caught.value.code is code
    assert caught.value.fa and caught.value.en


def test_the_other_calendar_is_named_in_both_languages() -> None:
    with pytest.raises(DomainError) as caught:
        register_date("2008-04-30", Calendar.JALALI)
    assert "میلادی" in caught.value.fa
    assert "Gregorian" in caught.value.en


def test_birth_dates_in_the_future_or_too_long_ago_are_refused() -> None:
    check_birth_date(datetime.date(1950, 1, 1), today=TODAY)
    check_birth_date(TODAY, today=TODAY)
    with pytest.raises(DomainError) as future:
        check_birth_date(TODAY + datetime.timedelta(days=1), today=TODAY)
    assert future.value.code is RegisterRefusal.BORN_IN_FUTURE
    with pytest.raises(DomainError) as old:
        check_birth_date(datetime.date(1880, 1, 1), today=TODAY)
    assert old.value.code is RegisterRefusal.BORN_TOO_LONG_AGO


def test_a_residence_start_lies_between_birth_and_today() -> None:
    birth = datetime.date(1990, 1, 1)
    check_residence_since(datetime.date(2000, 1, 1), birth=birth, today=TODAY)
    with pytest.raises(DomainError) as before:
        check_residence_since(datetime.date(1980, 1, 1), birth=birth, today=TODAY)
    assert before.value.code is RegisterRefusal.RESIDENCE_BEFORE_BIRTH
    with pytest.raises(DomainError) as after:
        check_residence_since(datetime.date(2027, 1, 1), birth=birth, today=TODAY)
    assert after.value.code is RegisterRefusal.RESIDENCE_IN_FUTURE


@pytest.mark.parametrize(
    ("text", "gender"),
    [("زن", "female"), ("مرد", "male"), ("F", "female"), ("m", "male"), ("Female", "female"),
     ("مذكر", "male"), ("مؤنث", "female"), (" خانم ", "female"), ("M.", "male")],
)  # fmt: skip
def test_genders_in_the_registries_words(text: str, gender: str) -> None:
    assert register_gender(text) == gender


@pytest.mark.parametrize("text", ["", "x", "1", "unknown", "زنانه"])
def test_an_unknown_gender_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        register_gender(text)
    assert caught.value.code is RegisterRefusal.GENDER_UNKNOWN


@pytest.mark.parametrize(
    ("text", "flag"),
    [("", False), ("0", False), ("۰", False), ("no", False), ("خیر", False), ("ندارد", False),
     ("1", True), ("۱", True), ("١", True), ("yes", True), ("TRUE", True), ("بله", True),
     ("دارد", True)],
)  # fmt: skip
def test_flags(text: str, flag: bool) -> None:
    assert register_flag(text) is flag


@pytest.mark.parametrize("text", ["2", "maybe", "شاید"])
def test_an_unknown_flag_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        register_flag(text)
    assert caught.value.code is RegisterRefusal.FLAG_UNKNOWN
