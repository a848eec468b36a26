"""Jalali dates through jdatetime, formatting, and ages in full Jalali years."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.jalali import (
    TEHRAN,
    JalaliRefusal,
    days_in_month,
    format_jalali_date,
    format_jalali_datetime,
    format_jalali_numeric,
    from_jalali,
    full_years_of_age,
    is_at_least_years_old,
    is_leap_year,
    latest_birth_date_for_age,
    parse_jalali_date,
    to_jalali,
)

POLLING_DAY = datetime.date(2026, 5, 1)  # 11 Ordibehesht 1405
ONE_DAY = datetime.timedelta(days=1)
# Jalali 1300/01/01 to 1420/12/29, in Gregorian.
dates = st.dates(min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2042, 3, 20))
LEAP_YEARS = [y for y in range(1300, 1421) if jdatetime.date(y, 1, 1).isleap()]


def refused(code: JalaliRefusal, call: object, *args: object) -> DomainError:
    assert callable(call)
    with pytest.raises(DomainError) as caught:
        call(*args)
    assert caught.value.code is code
    return caught.value


def birthday(birth: datetime.date, years: int) -> datetime.date:
    """The day ``birth`` completes ``years`` years, by the module's leap-day rule."""
    born = to_jalali(birth)
    year = born.year + years
    if born.month == 12 and born.day == 30 and not is_leap_year(year):
        return from_jalali(year + 1, 1, 1)
    return from_jalali(year, born.month, born.day)


def test_tehran() -> None:
    assert str(TEHRAN) == "Asia/Tehran"


def test_known_days() -> None:
    jalali = to_jalali(POLLING_DAY)
    assert (jalali.year, jalali.month, jalali.day) == (1405, 2, 11)
    assert from_jalali(1405, 2, 11) == POLLING_DAY
    assert from_jalali(1404, 8, 15) == datetime.date(2025, 11, 6)
    assert to_jalali(datetime.datetime(2026, 5, 1, 23, 0)).day == 11


def test_leap_years_are_jdatetime_s() -> None:
    assert {1399, 1403, 1408} <= set(LEAP_YEARS)
    assert not {1400, 1401, 1402, 1404, 1405} & set(LEAP_YEARS)
    assert days_in_month(1403, 12) == 30
    assert days_in_month(1404, 12) == 29
    assert [days_in_month(1404, m) for m in (1, 6, 7, 11)] == [31, 31, 30, 30]


@pytest.mark.parametrize(
    ("year", "month", "day", "words"),
    [
        (1404, 12, 30, "1404 is not a leap year"),
        (1405, 13, 1, "no month 13"),
        (1405, 0, 1, "no month 0"),
        (1405, 1, 32, "no day 32"),
        (1405, 7, 31, "Mehr 1405 has 30 days"),
        (1405, 1, 0, "no day 0"),
    ],
)
def test_dates_that_do_not_exist(year: int, month: int, day: int, words: str) -> None:
    error = refused(JalaliRefusal.NO_SUCH_DATE, from_jalali, year, month, day)
    assert words in error.en


@pytest.mark.parametrize("year", [0, -5, 9378, 10**6])
def test_years_out_of_range(year: int) -> None:
    refused(JalaliRefusal.OUT_OF_RANGE, from_jalali, year, 1, 1)


def test_gregorian_dates_before_the_calendar() -> None:
    refused(JalaliRefusal.OUT_OF_RANGE, to_jalali, datetime.date(500, 1, 1))


def test_leap_day_exists_in_leap_years() -> None:
    assert to_jalali(from_jalali(1403, 12, 30)).day == 30
    assert from_jalali(1403, 12, 30) + ONE_DAY == from_jalali(1404, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "1387/02/11",
        "1387-2-11",
        "1387.2.11",
        "۱۳۸۷/۰۲/۱۱",
        "١٣٨٧/٠٢/١١",
        " 1387 / 2 / 11 ",
        "\u200f۱۳۸۷/۲/۱۱",
    ],
)
def test_parse_accepts(text: str) -> None:
    assert parse_jalali_date(text) == from_jalali(1387, 2, 11)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", JalaliRefusal.EMPTY),
        ("   ", JalaliRefusal.EMPTY),
        ("garbage", JalaliRefusal.UNREADABLE),
        ("87/2/11", JalaliRefusal.UNREADABLE),
        ("1387/02", JalaliRefusal.UNREADABLE),
        ("1387/02/11/5", JalaliRefusal.UNREADABLE),
        ("1387/02-11", JalaliRefusal.UNREADABLE),
        ("1387/002/11", JalaliRefusal.UNREADABLE),
        ("۱۳۸۷/۰۲/۱۱ ساعت ۸", JalaliRefusal.UNREADABLE),
        ("१३८७/०२/११", JalaliRefusal.UNREADABLE),
        ("1387/13/01", JalaliRefusal.NO_SUCH_DATE),
        ("۱۴۰۴/۱۲/۳۰", JalaliRefusal.NO_SUCH_DATE),
    ],
)
def test_parse_refuses(text: str, code: JalaliRefusal) -> None:
    error = refused(code, parse_jalali_date, text)
    assert error.fa and error.en


def test_formats() -> None:
    assert format_jalali_date(POLLING_DAY) == "۱۱ اردیبهشت ۱۴۰۵"
    assert format_jalali_date(POLLING_DAY, "en") == "11 Ordibehesht 1405"
    assert format_jalali_numeric(POLLING_DAY) == "۱۴۰۵/۰۲/۱۱"
    assert format_jalali_numeric(POLLING_DAY, "en") == "1405/02/11"
    assert format_jalali_date(from_jalali(1404, 12, 1)) == "۱ اسفند ۱۴۰۴"


def test_format_datetime_uses_tehran_time() -> None:
    utc = datetime.UTC
    opening = datetime.datetime(2026, 5, 1, 4, 30, tzinfo=utc)  # Tehran is UTC+03:30
    assert format_jalali_datetime(opening) == "۱۱ اردیبهشت ۱۴۰۵، ساعت ۰۸:۰۰"
    assert format_jalali_datetime(opening, "en") == "11 Ordibehesht 1405, 08:00"
    after_midnight = datetime.datetime(2026, 4, 30, 21, 0, tzinfo=utc)
    assert format_jalali_datetime(after_midnight, "en") == "11 Ordibehesht 1405, 00:30"
    local = datetime.datetime(2026, 5, 1, 8, 0, tzinfo=TEHRAN)
    assert format_jalali_datetime(local) == format_jalali_datetime(opening)


def test_format_datetime_refuses_naive() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_jalali_datetime(datetime.datetime(2026, 5, 1, 8, 0))


@given(dates)
def test_conversion_and_formats_round_trip(day: datetime.date) -> None:
    jalali = to_jalali(day)
    assert from_jalali(jalali.year, jalali.month, jalali.day) == day
    assert parse_jalali_date(format_jalali_numeric(day)) == day
    assert parse_jalali_date(format_jalali_numeric(day, "en")) == day


def test_the_voting_age_example_of_domain_md() -> None:
    latest = latest_birth_date_for_age(POLLING_DAY, 18)
    assert latest == from_jalali(1387, 2, 11)
    assert is_at_least_years_old(latest, POLLING_DAY, 18)
    assert not is_at_least_years_old(latest + ONE_DAY, POLLING_DAY, 18)
    assert full_years_of_age(latest, POLLING_DAY) == 18
    assert full_years_of_age(latest + ONE_DAY, POLLING_DAY) == 17


def test_leap_day_births() -> None:
    assert is_leap_year(1399) and not is_leap_year(1400) and is_leap_year(1403)
    born = from_jalali(1399, 12, 30)
    assert full_years_of_age(born, from_jalali(1400, 12, 29)) == 0
    assert full_years_of_age(born, from_jalali(1401, 1, 1)) == 1
    assert full_years_of_age(born, from_jalali(1403, 12, 29)) == 3
    assert full_years_of_age(born, from_jalali(1403, 12, 30)) == 4
    assert full_years_of_age(born, from_jalali(1404, 12, 29)) == 4
    assert full_years_of_age(born, from_jalali(1405, 1, 1)) == 5


def test_latest_birth_date_on_a_leap_day() -> None:
    leap_day = from_jalali(1403, 12, 30)
    latest = latest_birth_date_for_age(leap_day, 1)
    assert latest == from_jalali(1402, 12, 29)  # 1402 has no 30 Esfand
    assert full_years_of_age(latest, leap_day) == 1
    assert full_years_of_age(latest + ONE_DAY, leap_day) == 0
    assert latest_birth_date_for_age(leap_day, 4) == from_jalali(1399, 12, 30)


def test_latest_birth_date_on_the_day_after_a_non_leap_esfand() -> None:
    new_year = from_jalali(1405, 1, 1)
    latest = latest_birth_date_for_age(new_year, 1)
    assert latest == from_jalali(1404, 1, 1)
    # Born on the leap day 30 Esfand 1403, one full year on 1 Farvardin 1405.
    assert is_at_least_years_old(from_jalali(1403, 12, 30), new_year, 2) is False
    assert full_years_of_age(from_jalali(1403, 12, 30), new_year) == 1


def test_age_refusals() -> None:
    error = refused(JalaliRefusal.BORN_LATER, full_years_of_age, POLLING_DAY + ONE_DAY, POLLING_DAY)
    assert "1405/02/12" in error.en
    refused(JalaliRefusal.NEGATIVE_YEARS, latest_birth_date_for_age, POLLING_DAY, -1)
    refused(JalaliRefusal.NEGATIVE_YEARS, is_at_least_years_old, POLLING_DAY, POLLING_DAY, -1)
    refused(JalaliRefusal.OUT_OF_RANGE, latest_birth_date_for_age, POLLING_DAY, 1405)
    assert not is_at_least_years_old(POLLING_DAY + ONE_DAY, POLLING_DAY, 0)


@given(dates, dates, dates)
def test_age_never_decreases(
    birth: datetime.date, first: datetime.date, second: datetime.date
) -> None:
    birth, first, second = sorted([birth, first, second])
    assert full_years_of_age(birth, first) <= full_years_of_age(birth, second)
    assert full_years_of_age(birth, birth) == 0


@given(dates, st.integers(min_value=1, max_value=100))
def test_age_grows_by_one_on_each_birthday(birth: datetime.date, years: int) -> None:
    day = birthday(birth, years)
    assert full_years_of_age(birth, day) == years
    assert full_years_of_age(birth, day - ONE_DAY) == years - 1


@given(st.sampled_from(LEAP_YEARS), st.integers(min_value=1, max_value=40))
def test_leap_day_birthdays(leap_year: int, years: int) -> None:
    born = from_jalali(leap_year, 12, 30)
    year = leap_year + years
    if is_leap_year(year):
        assert full_years_of_age(born, from_jalali(year, 12, 29)) == years - 1
        assert full_years_of_age(born, from_jalali(year, 12, 30)) == years
    else:
        assert full_years_of_age(born, from_jalali(year, 12, 29)) == years - 1
        assert full_years_of_age(born, from_jalali(year + 1, 1, 1)) == years


@given(dates, dates, st.integers(min_value=0, max_value=120))
def test_latest_birth_date_agrees_with_age(
    birth: datetime.date, on: datetime.date, years: int
) -> None:
    latest = latest_birth_date_for_age(on, years)
    old_enough = birth <= on and full_years_of_age(birth, on) >= years
    assert (birth <= latest) == old_enough == is_at_least_years_old(birth, on, years)
    assert full_years_of_age(latest, on) == years
    assert latest + ONE_DAY > on or full_years_of_age(latest + ONE_DAY, on) < years
