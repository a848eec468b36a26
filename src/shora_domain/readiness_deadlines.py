"""The checklist's calendar: the day readiness is judged on, due dates and what is overdue.

**The reference day.** Overdue and soon-due items and the countdown are judged against
today, but never a day later than polling day: once polling day has passed the checklist
is history, shown as it stood on polling day (and nothing in it may change any more).

**Due dates.** A deficiency must be fixed before polling day: its due date is at the latest
the day before, and not a day already passed when it is set. When an inspection opens a
deficiency its due date is proposed from its severity (a week for a blocking one, two for
a major one, three for a minor one), brought forward to the day before polling day; when
even that day has passed, no date can be proposed.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .digits import to_persian_digits
from .errors import DomainError
from .jalali import format_jalali_date
from .readiness_scoring import Severity

ONE_DAY = datetime.timedelta(days=1)
#: Days from an inspection to the proposed due date of what it found, by severity.
DEFAULT_DUE_DAYS = {Severity.BLOCKING: 7, Severity.MAJOR: 14, Severity.MINOR: 21}


class DeadlineRefusal(enum.Enum):
    DUE_NOT_BEFORE_POLLING = "readiness.due_not_before_polling"
    DUE_ALREADY_PASSED = "readiness.due_already_passed"
    AFTER_POLLING_DAY = "readiness.after_polling_day"


@dataclass(frozen=True)
class ReferenceDay:
    """The day readiness is judged on, and whether the checklist is already history."""

    day: datetime.date
    polling_date: datetime.date
    is_history: bool

    @property
    def days_to_polling(self) -> int:
        """0 on polling day (and for history); never negative."""
        return (self.polling_date - self.day).days


def reference_day(today: datetime.date, polling_date: datetime.date) -> ReferenceDay:
    """Today, but never later than polling day (see the module notes)."""
    return ReferenceDay(
        day=min(today, polling_date), polling_date=polling_date, is_history=today > polling_date
    )


class DueStanding(enum.Enum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    NO_DUE_DATE = "no_due_date"


def due_standing(due_on: datetime.date | None, *, on: datetime.date, soon_days: int) -> DueStanding:
    """Overdue once the due date has passed; due soon from ``soon_days`` before it up to the
    due date itself."""
    if due_on is None:
        return DueStanding.NO_DUE_DATE
    if due_on < on:
        return DueStanding.OVERDUE
    if due_on <= on + datetime.timedelta(days=soon_days):
        return DueStanding.DUE_SOON
    return DueStanding.LATER


def days_overdue(due_on: datetime.date | None, *, on: datetime.date) -> int:
    """Whole days since the due date (0 when not overdue or without a date)."""
    if due_on is None or due_on >= on:
        return 0
    return (on - due_on).days


def last_due_date(polling_date: datetime.date) -> datetime.date:
    """The latest allowed due date: the day before polling day."""
    return polling_date - ONE_DAY


def refuse_bad_due_date(
    due_on: datetime.date, *, polling_date: datetime.date, set_on: datetime.date
) -> None:
    """Refuse a due date on or after polling day, or one already passed on ``set_on``."""
    if due_on >= polling_date:
        raise DomainError(
            DeadlineRefusal.DUE_NOT_BEFORE_POLLING,
            fa=(
                f"مهلت رفع ({format_jalali_date(due_on)}) باید پیش از روز اخذ رأی "
                f"({format_jalali_date(polling_date)}) باشد؛ دیرترین مهلت "
                f"{format_jalali_date(last_due_date(polling_date))} است."
            ),
            en=(
                f"The due date ({format_jalali_date(due_on, 'en')}) must be before polling "
                f"day ({format_jalali_date(polling_date, 'en')}); the latest is "
                f"{format_jalali_date(last_due_date(polling_date), 'en')}."
            ),
        )
    if due_on < set_on:
        raise DomainError(
            DeadlineRefusal.DUE_ALREADY_PASSED,
            fa=f"مهلت رفع ({format_jalali_date(due_on)}) گذشته است.",
            en=f"The due date ({format_jalali_date(due_on, 'en')}) has already passed.",
        )


def refuse_after_polling_day(on: datetime.date, polling_date: datetime.date) -> None:
    """The checklist is history after polling day: nothing in it changes any more."""
    if on > polling_date:
        raise DomainError(
            DeadlineRefusal.AFTER_POLLING_DAY,
            fa=(
                f"روز اخذ رأی ({format_jalali_date(polling_date)}) گذشته است؛ چک‌لیست "
                "آمادگی دیگر تغییر نمی‌کند."
            ),
            en=(
                f"Polling day ({format_jalali_date(polling_date, 'en')}) has passed; the "
                "readiness checklist no longer changes."
            ),
        )


def proposed_due_date(
    severity: Severity, *, found_on: datetime.date, polling_date: datetime.date
) -> datetime.date | None:
    """The due date proposed for a deficiency found on ``found_on`` (see the module notes)."""
    latest = last_due_date(polling_date)
    if latest < found_on:
        return None
    return min(found_on + datetime.timedelta(days=DEFAULT_DUE_DAYS[severity]), latest)


def open_counts_by_day(
    intervals: Iterable[tuple[datetime.date, datetime.date | None]],
    days: Sequence[datetime.date],
) -> list[int]:
    """How many of the (opened on, closed on) intervals were open at the end of each day.

    A deficiency opened on day D counts on D; one closed (verified) on day C no longer
    counts on C; one never closed counts on every day from its opening.
    """
    counts = [0] * len(days)
    for opened_on, closed_on in intervals:
        for index, day in enumerate(days):
            if opened_on <= day and (closed_on is None or closed_on > day):
                counts[index] += 1
    return counts


def countdown_text(reference: ReferenceDay, language: str = "fa") -> str:
    """ "۱۲ روز تا روز اخذ رأی", "Polling day is today", or, once it has passed, that the
    checklist is shown as it stood on polling day."""
    english = language == "en"
    if reference.is_history:
        if english:
            return (
                f"Polling day ({format_jalali_date(reference.polling_date, 'en')}) has passed: "
                "the checklist as it stood on polling day"
            )
        return (
            f"روز اخذ رأی ({format_jalali_date(reference.polling_date)}) گذشته است: "
            "چک‌لیست چنان که در روز اخذ رأی بود"
        )
    days = reference.days_to_polling
    if days == 0:
        return "Polling day is today" if english else "امروز روز اخذ رأی است"
    if english:
        return f"{days} day{'s' if days != 1 else ''} to polling day"
    return f"{to_persian_digits(days)} روز تا روز اخذ رأی"
