"""Reading the cells of the civil registry's extract of voters, one rule per function.

Each function takes a cell's text as the file gives it and returns the value, or raises a
DomainError saying what is wrong in Persian and English:

* ``register_national_code``: ``parse_national_code``, with a fast path for the common
  case (ten Latin digits, valid) that gives the same answers; millions of rows pass here.
* ``register_date``: a Jalali or Gregorian date, year first ("1387/02/11", "1387-2-11",
  "13870211", in any digits). A year that belongs to the other calendar (a Jalali 2008,
  a Gregorian 1387) is refused with a word on the calendar, rather than read as a date
  six centuries away.
* ``check_birth_date``: born neither after the day of the import nor more than
  ``OLDEST_AGE`` years before it.
* ``register_gender`` and ``register_flag``: the words registries and people use.
"""

from __future__ import annotations

import datetime
import enum
import re

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError
from .jalali import format_jalali_numeric, from_jalali
from .national_code import parse_national_code
from .persian_text import normalize_persian

OLDEST_AGE = 130

_ZERO = ord("0")
# sum(digit * weight) for the weights 10..2, less the ASCII offset of the nine digits.
_OFFSET = _ZERO * sum(range(2, 11))


class Calendar(enum.Enum):
    JALALI = "jalali"
    GREGORIAN = "gregorian"


class RegisterRefusal(enum.Enum):
    DATE_EMPTY = "register.date_empty"
    DATE_UNREADABLE = "register.date_unreadable"
    DATE_OTHER_CALENDAR = "register.date_other_calendar"
    NO_SUCH_DATE = "register.no_such_date"
    BORN_IN_FUTURE = "register.born_in_future"
    BORN_TOO_LONG_AGO = "register.born_too_long_ago"
    RESIDENCE_BEFORE_BIRTH = "register.residence_before_birth"
    RESIDENCE_IN_FUTURE = "register.residence_in_future"
    GENDER_UNKNOWN = "register.gender_unknown"
    FLAG_UNKNOWN = "register.flag_unknown"


def fast_national_code(text: str) -> bool:
    """Whether ``text`` is ten Latin digits that ``parse_national_code`` returns unchanged.

    False says nothing: the caller asks ``parse_national_code`` for the answer and reason.
    """
    if len(text) != 10 or not text.isascii() or not text.isdigit():
        return False
    b = text.encode("ascii")
    total = (
        b[0] * 10 + b[1] * 9 + b[2] * 8 + b[3] * 7 + b[4] * 6
        + b[5] * 5 + b[6] * 4 + b[7] * 3 + b[8] * 2 - _OFFSET
    )  # fmt: skip
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    return b[9] - _ZERO == check and text.count(text[0]) != 10


def register_national_code(text: str) -> str:
    """The canonical ten digits of the cell, as ``parse_national_code`` gives them."""
    if fast_national_code(text):
        return text
    return parse_national_code(text)


_INVISIBLE = str.maketrans(
    dict.fromkeys(
        "\u061c\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    )
)
_SEPARATED = re.compile(r"([0-9]{4})\s*([/\-.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
# The years each calendar's birth dates fall in; a year outside both is simply unreadable.
_YEARS = {Calendar.JALALI: range(1200, 1500), Calendar.GREGORIAN: range(1820, 2120)}
_CALENDAR_FA = {Calendar.JALALI: "خورشیدی (جلالی)", Calendar.GREGORIAN: "میلادی"}
_CALENDAR_EN = {Calendar.JALALI: "Jalali", Calendar.GREGORIAN: "Gregorian"}


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


def register_date(text: str, calendar: Calendar) -> datetime.date:
    """A date cell on ``calendar``, year first; an ISO timestamp at midnight counts too."""
    cleaned = to_latin_digits(text.translate(_INVISIBLE)).strip()
    if cleaned.endswith("T00:00:00"):
        cleaned = cleaned[: -len("T00:00:00")]
    if not cleaned:
        raise DomainError(
            RegisterRefusal.DATE_EMPTY, fa="تاریخ وارد نشده است.", en="The date is empty."
        )
    match = _SEPARATED.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match is None:
        raise DomainError(
            RegisterRefusal.DATE_UNREADABLE,
            fa=(
                f"«{_shown(text)}» تاریخ خوانایی نیست؛ تاریخ را به شکل سال/ماه/روز "
                "بنویسید، مانند ۱۳۸۷/۰۲/۱۱."
            ),
            en=(
                f"“{_shown(text)}” is not a readable date; write it as year/month/day, "
                "e.g. 1387/02/11."
            ),
        )
    groups = match.groups()
    year, month, day = int(groups[0]), int(groups[-2]), int(groups[-1])
    other = Calendar.GREGORIAN if calendar is Calendar.JALALI else Calendar.JALALI
    if year not in _YEARS[calendar]:
        if year in _YEARS[other]:
            raise DomainError(
                RegisterRefusal.DATE_OTHER_CALENDAR,
                fa=(
                    f"سال {to_persian_digits(year)} در «{_shown(text)}» سال "
                    f"{_CALENDAR_FA[other]} است، ولی این ستون {_CALENDAR_FA[calendar]} "
                    "خوانده می‌شود؛ تقویم ستون را درست اعلام کنید."
                ),
                en=(
                    f"The year {year} in “{_shown(text)}” is a {_CALENDAR_EN[other]} year, but "
                    f"this column is read as {_CALENDAR_EN[calendar]}; name the column's "
                    "calendar correctly."
                ),
            )
        raise DomainError(
            RegisterRefusal.DATE_UNREADABLE,
            fa=f"سال {to_persian_digits(year)} در «{_shown(text)}» پذیرفتنی نیست.",
            en=f"The year {year} in “{_shown(text)}” is not a plausible year.",
        )
    if calendar is Calendar.JALALI:
        return from_jalali(year, month, day)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DomainError(
            RegisterRefusal.NO_SUCH_DATE,
            fa=f"تاریخ میلادی «{_shown(text)}» وجود ندارد.",
            en=f"There is no Gregorian date “{_shown(text)}”.",
        ) from None


def check_birth_date(birth: datetime.date, *, today: datetime.date) -> None:
    """Refuse a birth date after ``today`` or more than ``OLDEST_AGE`` years before it."""
    if birth > today:
        raise DomainError(
            RegisterRefusal.BORN_IN_FUTURE,
            fa=(
                f"تاریخ تولد {format_jalali_numeric(birth)} پس از امروز "
                f"({format_jalali_numeric(today)}) است."
            ),
            en=(
                f"The birth date {format_jalali_numeric(birth, 'en')} is after today "
                f"({format_jalali_numeric(today, 'en')})."
            ),
        )
    if (today - birth).days > OLDEST_AGE * 366:
        raise DomainError(
            RegisterRefusal.BORN_TOO_LONG_AGO,
            fa=(
                f"تاریخ تولد {format_jalali_numeric(birth)} بیش از "
                f"{to_persian_digits(OLDEST_AGE)} سال پیش است؛ احتمالاً نادرست وارد شده است."
            ),
            en=(
                f"The birth date {format_jalali_numeric(birth, 'en')} is more than "
                f"{OLDEST_AGE} years ago; probably a mistake."
            ),
        )


def check_residence_since(
    since: datetime.date, *, birth: datetime.date, today: datetime.date
) -> None:
    """Refuse a residence start before the birth or after ``today``."""
    if since > today:
        raise DomainError(
            RegisterRefusal.RESIDENCE_IN_FUTURE,
            fa=f"تاریخ آغاز اقامت {format_jalali_numeric(since)} پس از امروز است.",
            en=f"The residence start {format_jalali_numeric(since, 'en')} is after today.",
        )
    if since < birth:
        raise DomainError(
            RegisterRefusal.RESIDENCE_BEFORE_BIRTH,
            fa=(
                f"تاریخ آغاز اقامت {format_jalali_numeric(since)} پیش از تاریخ تولد "
                f"{format_jalali_numeric(birth)} است."
            ),
            en=(
                f"The residence start {format_jalali_numeric(since, 'en')} is before the "
                f"birth date {format_jalali_numeric(birth, 'en')}."
            ),
        )


def _word_key(text: str) -> str:
    return normalize_persian(text).lower().replace(" ", "").replace(".", "")


_GENDERS = {
    _word_key(word): value
    for value, words in {
        "female": ("female", "f", "woman", "زن", "مونث", "مؤنث", "خانم", "دختر"),
        "male": ("male", "m", "man", "مرد", "مذکر", "آقا", "پسر"),
    }.items()
    for word in words
}
_FLAGS = {
    _word_key(word): value
    for value, words in {
        True: ("1", "yes", "y", "true", "x", "✓", "بله", "آری", "بلی", "دارد", "هست", "*"),
        False: ("", "0", "no", "n", "false", "-", "خیر", "نه", "ندارد", "نیست"),
    }.items()
    for word in words
}


def register_gender(text: str) -> str:
    """ "female" or "male" from the registry's words (زن/مرد, F/M, …)."""
    key = _word_key(text)
    if not key:
        raise DomainError(
            RegisterRefusal.GENDER_UNKNOWN,
            fa="جنسیت وارد نشده است؛ «زن» یا «مرد» بنویسید.",
            en="The gender is empty; write female or male (زن/مرد).",
        )
    value = _GENDERS.get(key)
    if value is None:
        raise DomainError(
            RegisterRefusal.GENDER_UNKNOWN,
            fa=f"جنسیت «{_shown(text)}» شناخته نیست؛ «زن» یا «مرد» بنویسید.",
            en=f"The gender “{_shown(text)}” is not known; write female or male (زن/مرد).",
        )
    return value


def register_flag(text: str) -> bool:
    """A yes/no status cell: an empty cell is no."""
    value = _FLAGS.get(_word_key(text))
    if value is None:
        raise DomainError(
            RegisterRefusal.FLAG_UNKNOWN,
            fa=f"«{_shown(text)}» بله یا خیر نیست؛ ۱ یا بله، ۰ یا خیر، یا خانهٔ خالی بنویسید.",
            en=f"“{_shown(text)}” is not yes or no; write 1 or yes, 0 or no, or leave it empty.",
        )
    return value
