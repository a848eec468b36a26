"""The checklist's calendar: the reference day, due dates, overdue items, the trend."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.readiness_deadlines import (
    DeadlineRefusal,
    DueStanding,
    countdown_text,
    days_overdue,
    due_standing,
    last_due_date,
    open_counts_by_day,
    proposed_due_date,
    reference_day,
    refuse_after_polling_day,
    refuse_bad_due_date,
)
from shora_domain.readiness_scoring import Severity

POLLING = datetime.date(2026, 5, 1)  # 11 Ordibehesht 1405
ONE = datetime.timedelta(days=1)
dates = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 12, 31))


def test_the_reference_day_is_today_until_polling_day_then_polling_day():
    before = reference_day(datetime.date(2026, 4, 19), POLLING)
    assert (before.day, before.is_history, before.days_to_polling) == (
        datetime.date(2026, 4, 19),
        False,
        12,
    )
    on = reference_day(POLLING, POLLING)
    assert (on.day, on.is_history, on.days_to_polling) == (POLLING, False, 0)
    after = reference_day(datetime.date(2026, 11, 27), POLLING)
    assert (after.day, after.is_history, after.days_to_polling) == (POLLING, True, 0)


@given(dates, dates)
def test_the_reference_day_is_never_after_polling_day(today, polling):
    reference = reference_day(today, polling)
    assert reference.day <= polling and reference.day <= today
    assert reference.is_history == (today > polling)
    assert reference.days_to_polling >= 0


def test_countdown_texts():
    assert countdown_text(reference_day(POLLING - 12 * ONE, POLLING)) == "۱۲ روز تا روز اخذ رأی"
    assert countdown_text(reference_day(POLLING - ONE, POLLING), "en") == "1 day to polling day"
    assert countdown_text(reference_day(POLLING, POLLING), "en") == "Polling day is today"
    history = countdown_text(reference_day(POLLING + ONE, POLLING))
    assert "۱۱ اردیبهشت ۱۴۰۵" in history and "گذشته" in history
    assert "as it stood" in countdown_text(reference_day(POLLING + ONE, POLLING), "en")


def test_due_standing():
    day = datetime.date(2026, 4, 10)
    assert due_standing(None, on=day, soon_days=7) is DueStanding.NO_DUE_DATE
    assert due_standing(day - ONE, on=day, soon_days=7) is DueStanding.OVERDUE
    assert due_standing(day, on=day, soon_days=7) is DueStanding.DUE_SOON
    assert due_standing(day + 7 * ONE, on=day, soon_days=7) is DueStanding.DUE_SOON
    assert due_standing(day + 8 * ONE, on=day, soon_days=7) is DueStanding.LATER
    assert due_standing(day + ONE, on=day, soon_days=0) is DueStanding.LATER
    assert days_overdue(day - 3 * ONE, on=day) == 3
    assert days_overdue(day, on=day) == 0 and days_overdue(None, on=day) == 0


@given(st.none() | dates, dates, st.integers(min_value=0, max_value=60))
def test_overdue_exactly_when_days_overdue_is_positive(due, on, soon):
    standing = due_standing(due, on=on, soon_days=soon)
    assert (standing is DueStanding.OVERDUE) == (days_overdue(due, on=on) > 0)


def refused(code, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code is code
    return caught.value


def test_a_due_date_on_or_after_polling_day_is_refused_in_both_languages():
    error = refused(
        DeadlineRefusal.DUE_NOT_BEFORE_POLLING,
        refuse_bad_due_date,
        POLLING,
        polling_date=POLLING,
        set_on=POLLING - 20 * ONE,
    )
    assert "۱۰ اردیبهشت ۱۴۰۵" in error.fa  # the latest allowed, the day before
    assert "10 Ordibehesht 1405" in error.en
    refused(
        DeadlineRefusal.DUE_NOT_BEFORE_POLLING,
        refuse_bad_due_date,
        POLLING + 9 * ONE,
        polling_date=POLLING,
        set_on=POLLING - 20 * ONE,
    )
    refuse_bad_due_date(last_due_date(POLLING), polling_date=POLLING, set_on=POLLING - 20 * ONE)


def test_a_due_date_already_passed_is_refused():
    refused(
        DeadlineRefusal.DUE_ALREADY_PASSED,
        refuse_bad_due_date,
        POLLING - 10 * ONE,
        polling_date=POLLING,
        set_on=POLLING - 9 * ONE,
    )
    refuse_bad_due_date(POLLING - 9 * ONE, polling_date=POLLING, set_on=POLLING - 9 * ONE)


def test_nothing_changes_after_polling_day():
    refuse_after_polling_day(POLLING, POLLING)
    refused(DeadlineRefusal.AFTER_POLLING_DAY, refuse_after_polling_day, POLLING + ONE, POLLING)


@given(st.sampled_from(Severity), dates, dates)
def test_a_proposed_due_date_is_always_allowed(severity, found_on, polling):
    proposed = proposed_due_date(severity, found_on=found_on, polling_date=polling)
    if proposed is None:
        assert found_on >= polling
    else:
        refuse_bad_due_date(proposed, polling_date=polling, set_on=found_on)


def test_proposed_due_dates_by_severity():
    found = POLLING - 30 * ONE
    assert (
        proposed_due_date(Severity.BLOCKING, found_on=found, polling_date=POLLING)
        == found + 7 * ONE
    )
    assert (
        proposed_due_date(Severity.MINOR, found_on=found, polling_date=POLLING) == found + 21 * ONE
    )
    late = POLLING - 3 * ONE
    assert proposed_due_date(Severity.MINOR, found_on=late, polling_date=POLLING) == POLLING - ONE
    assert proposed_due_date(Severity.MINOR, found_on=POLLING, polling_date=POLLING) is None


intervals = st.lists(
    st.tuples(dates, st.none() | st.integers(min_value=0, max_value=60)).map(
        lambda pair: (pair[0], None if pair[1] is None else pair[0] + pair[1] * ONE)
    ),
    max_size=20,
)


@given(intervals, st.lists(dates, max_size=10), st.randoms(use_true_random=False))
def test_open_counts_match_a_plain_count_and_ignore_order(spans, days, rng):
    counts = open_counts_by_day(spans, days)
    for day, count in zip(days, counts, strict=True):
        assert count == len(
            [1 for opened, closed in spans if opened <= day and (closed is None or day < closed)]
        )
    shuffled = list(spans)
    rng.shuffle(shuffled)
    assert open_counts_by_day(shuffled, days) == counts


def test_open_counts_on_the_opening_and_closing_days():
    opened, closed = datetime.date(2026, 4, 1), datetime.date(2026, 4, 5)
    days = [opened - ONE, opened, closed - ONE, closed]
    assert open_counts_by_day([(opened, closed)], days) == [0, 1, 1, 0]
    assert open_counts_by_day([(opened, None)], days) == [0, 1, 1, 1]
