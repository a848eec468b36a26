"""Jalali (Solar Hijri) dates, through the jdatetime library, and ages in full years.

Formatting gives Persian (Persian digits and month names) unless the language is "en",
as ``DomainError.message`` does. Times are shown in Tehran time; a naive datetime is
refused with ValueError, not DomainError: a datetime without a zone is a bug in the
caller, not a person's input to refuse.

Leap-day rule for ages: a person born on 30 Esfand (which exists only in leap years)
completes each year on 30 Esfand in leap years and on 1 Farvardin, the day after
29 Esfand, in other years. Everybody else completes a year on the same Jalali month and
day. Both follow from one comparison: a year is complete once (month, day) of the date
is not before (month, day) of the birth.
"""

from __future__ import annotations

import datetime
import enum
import re
import zoneinfo

import jdatetime

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")

MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip

MIN_YEAR = 1
MAX_YEAR = 9377  # the range jdatetime supports

_DATE_PATTERN = re.compile(r"([0-9]{4})\s*([/\-.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_INVISIBLE = str.maketrans(
    dict.fromkeys(
        "\u061c\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    )
)


class JalaliRefusal(enum.Enum):
    """Why a date or an age was refused."""

    EMPTY = "jalali.empty"
    UNREADABLE = "jalali.unreadable"
    NO_SUCH_DATE = "jalali.no_such_date"
    OUT_OF_RANGE = "jalali.out_of_range"
    BORN_LATER = "jalali.born_later"
    NEGATIVE_YEARS = "jalali.negative_years"


def is_leap_year(year: int) -> bool:
    """Whether the Jalali ``year`` has 30 Esfand."""
    return bool(jdatetime.date(year, 1, 1).isleap())


def days_in_month(year: int, month: int) -> int:
    """How many days the Jalali ``month`` of ``year`` has."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            JalaliRefusal.OUT_OF_RANGE,
            fa=(
                f"سال {to_persian_digits(year)} پشتیبانی نمی‌شود؛ سال باید بین "
                f"{to_persian_digits(MIN_YEAR)} و {to_persian_digits(MAX_YEAR)} باشد."
            ),
            en=f"The year {year} is not supported; it must be {MIN_YEAR}–{MAX_YEAR}.",
        )


def _check_date(year: int, month: int, day: int) -> None:
    """Refuse a Jalali date that does not exist, saying why."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise DomainError(
            JalaliRefusal.NO_SUCH_DATE,
            fa=f"ماه {to_persian_digits(month)} وجود ندارد؛ ماه باید از ۱ تا ۱۲ باشد.",
            en=f"There is no month {month}; the month must be 1–12.",
        )
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        name_fa, name_en = MONTHS_FA[month - 1], MONTHS_EN[month - 1]
        note_fa, note_en = "", ""
        if month == 12 and day == 30:
            note_fa = f" (سال {to_persian_digits(year)} کبیسه نیست)"
            note_en = f" ({year} is not a leap year)"
        raise DomainError(
            JalaliRefusal.NO_SUCH_DATE,
            fa=(
                f"{name_fa} {to_persian_digits(year)} {to_persian_digits(length)} روز "
                f"دارد{note_fa}؛ روز {to_persian_digits(day)} وجود ندارد."
            ),
            en=f"{name_en} {year} has {length} days{note_en}; there is no day {day}.",
        )


def to_jalali(value: datetime.date) -> jdatetime.date:
    """The Jalali date of the Gregorian ``value`` (a datetime gives its own date)."""
    try:
        return jdatetime.date.fromgregorian(year=value.year, month=value.month, day=value.day)
    except ValueError:
        raise DomainError(
            JalaliRefusal.OUT_OF_RANGE,
            fa=f"تاریخ {value.isoformat()} بیرون از بازهٔ تقویم جلالی است.",
            en=f"The date {value.isoformat()} is outside the Jalali calendar's range.",
        ) from None


def from_jalali(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a Jalali date; DomainError if that date does not exist."""
    _check_date(year, month, day)
    gregorian = jdatetime.date(year, month, day).togregorian()
    return datetime.date(gregorian.year, gregorian.month, gregorian.day)


def parse_jalali_date(text: str) -> datetime.date:
    """Read "1387/02/11", "1387-2-11" or "۱۳۸۷/۰۲/۱۱" (year/month/day) as a date."""
    cleaned = to_latin_digits(text.translate(_INVISIBLE)).strip()
    if not cleaned:
        raise DomainError(
            JalaliRefusal.EMPTY,
            fa="تاریخ وارد نشده است.",
            en="The date is empty.",
        )
    match = _DATE_PATTERN.fullmatch(cleaned)
    if match is None:
        shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…"
        raise DomainError(
            JalaliRefusal.UNREADABLE,
            fa=(
                f"«{shown}» تاریخ خوانایی نیست؛ تاریخ را به شکل "
                "سال/ماه/روز بنویسید، مانند ۱۳۸۷/۰۲/۱۱."
            ),
            en=(f"“{shown}” is not a readable date; write it as year/month/day, e.g. 1387/02/11."),
        )
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    return from_jalali(year, month, day)


def format_jalali_date(value: datetime.date, language: str = "fa") -> str:
    """Persian "۱۱ اردیبهشت ۱۴۰۵", or English "11 Ordibehesht 1405" for "en"."""
    jalali = to_jalali(value)
    if language == "en":
        return f"{jalali.day} {MONTHS_EN[jalali.month - 1]} {jalali.year}"
    day, year = to_persian_digits(jalali.day), to_persian_digits(jalali.year)
    return f"{day} {MONTHS_FA[jalali.month - 1]} {year}"


def format_jalali_numeric(value: datetime.date, language: str = "fa") -> str:
    """Persian "۱۴۰۵/۰۲/۱۱", or English "1405/02/11" for "en"."""
    jalali = to_jalali(value)
    text = f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"
    return text if language == "en" else to_persian_digits(text)


def format_jalali_datetime(value: datetime.datetime, language: str = "fa") -> str:
    """Tehran time: "۱۱ اردیبهشت ۱۴۰۵، ساعت ۰۸:۰۰"; ValueError if ``value`` is naive."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("format_jalali_datetime needs an aware datetime, got a naive one")
    local = value.astimezone(TEHRAN)
    date_text = format_jalali_date(local.date(), language)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if language == "en":
        return f"{date_text}, {clock}"
    return f"{date_text}، ساعت {to_persian_digits(clock)}"


def full_years_of_age(birth: datetime.date, on: datetime.date) -> int:
    """Full Jalali years from ``birth`` to ``on`` (see the leap-day rule above)."""
    if birth > on:
        raise DomainError(
            JalaliRefusal.BORN_LATER,
            fa=(
                f"تاریخ تولد ({format_jalali_numeric(birth)}) پس از "
                f"{format_jalali_numeric(on)} است؛ سن پیش از تولد معنا ندارد."
            ),
            en=(
                f"The birth date ({format_jalali_numeric(birth, 'en')}) is after "
                f"{format_jalali_numeric(on, 'en')}; there is no age before birth."
            ),
        )
    born, today = to_jalali(birth), to_jalali(on)
    years: int = today.year - born.year
    if (today.month, today.day) < (born.month, born.day):
        years -= 1
    return years


def _check_years(years: int) -> None:
    if years < 0:
        raise DomainError(
            JalaliRefusal.NEGATIVE_YEARS,
            fa=f"شمار سال‌ها نمی‌تواند منفی باشد ({to_persian_digits(years)}).",
            en=f"A number of years cannot be negative ({years}).",
        )


def latest_birth_date_for_age(on: datetime.date, years: int) -> datetime.date:
    """The latest birth date that gives ``years`` full years on ``on``.

    It is the same Jalali month and day ``years`` earlier; when ``on`` is 30 Esfand and
    that earlier year has no 30 Esfand, it is 29 Esfand.
    """
    _check_years(years)
    today = to_jalali(on)
    year = int(today.year) - years
    _check_year(year)
    day = min(int(today.day), days_in_month(year, int(today.month)))
    return from_jalali(year, int(today.month), day)


def is_at_least_years_old(birth: datetime.date, on: datetime.date, years: int) -> bool:
    """Whether someone born on ``birth`` has at least ``years`` full years on ``on``."""
    _check_years(years)
    if birth > on:
        return False
    return full_years_of_age(birth, on) >= years
