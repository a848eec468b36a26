"""The participation dashboard's rules: age bands, targets, small groups, queue load."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.jalali import from_jalali, full_years_of_age
from shora_domain.turnout_rules import (
    TurnoutRefusal,
    age_bands,
    format_tenths,
    parse_target_percent,
    peak_hour_load,
    percent_tenths,
    shown_count,
    voters_needed,
)

POLLING_DAY = from_jalali(1405, 2, 11)  # 1 May 2026


def test_the_first_band_is_the_first_time_voters_18_to_21():
    bands = age_bands(POLLING_DAY)
    first = bands[0]
    assert (first.lowest, first.highest, first.first_time) == (18, 21, True)
    assert first.born_on_or_before == from_jalali(1387, 2, 11)
    assert first.born_after == from_jalali(1383, 2, 11)
    assert bands[-1].highest is None
    assert [band.first_time for band in bands].count(True) == 1
    assert first.label("en") == "18–21 (first-time voters)"
    assert first.label() == "۱۸–۲۱ (رأی‌اولی‌ها)"
    assert bands[-1].label("en") == "60 and over"


def test_the_18th_birthday_on_polling_day_is_in_and_the_day_after_is_not():
    first = age_bands(POLLING_DAY)[0]
    assert first.holds(from_jalali(1387, 2, 11))
    assert not first.holds(from_jalali(1387, 2, 12))
    assert not first.holds(from_jalali(1383, 2, 11))  # 22 on the day
    assert first.holds(from_jalali(1383, 2, 12))


def test_born_on_30_esfand_of_a_leap_year():
    # 30 Esfand 1403 exists (a leap year); 1421 has no 30 Esfand, so the 18th birthday
    # falls on 1 Farvardin 1422 at the latest: the person is 18 on that day.
    day = from_jalali(1422, 1, 1)
    first = age_bands(day)[0]
    assert first.holds(from_jalali(1403, 12, 30))


@given(
    birth=st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 1, 1)),
    day=st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 1, 1)),
    minimum=st.integers(15, 30),
)
def test_a_person_of_voting_age_is_in_exactly_the_band_of_their_full_years(birth, day, minimum):
    bands = age_bands(day, minimum)
    holding = [band for band in bands if band.holds(birth)]
    if birth > day:
        assert holding == []
        return
    years = full_years_of_age(birth, day)
    if years < minimum:
        assert holding == []
        return
    assert len(holding) == 1
    band = holding[0]
    assert band.lowest <= years
    assert band.highest is None or years <= band.highest


@pytest.mark.parametrize(
    ("typed", "tenths"),
    [
        ("65", 650),
        ("۶۵", 650),
        ("٦٥", 650),
        ("65.5", 655),
        ("۶۵٫۵", 655),
        ("۷۰٪", 700),
        ("0", 0),
        ("100", 1000),
        (" 100% ", 1000),
        ("۱۰۰٫۰", 1000),
    ],
)
def test_targets_are_read_in_any_digits(typed, tenths):
    assert parse_target_percent(typed) == tenths


@pytest.mark.parametrize("typed", ["101", "100.1", "-1", "-0.5", "۱۰۱", "9999"])
def test_a_target_outside_0_to_100_is_refused(typed):
    with pytest.raises(DomainError) as refused:
        parse_target_percent(typed)
    assert refused.value.code is TurnoutRefusal.TARGET_OUT_OF_RANGE
    assert "۱۰۰" in refused.value.fa


@pytest.mark.parametrize(
    "typed", ["", "   ", "abc", "65.55", "6 5", "65,5", "1e2", "۶۵ درصد", "x" * 10_000, "--5"]
)
def test_a_target_that_is_no_number_is_refused(typed):
    with pytest.raises(DomainError) as refused:
        parse_target_percent(typed)
    assert refused.value.code is TurnoutRefusal.TARGET_MALFORMED
    assert len(refused.value.en) < 200


@given(st.integers(0, 1000))
def test_every_tenth_written_back_reads_the_same(tenths):
    assert parse_target_percent(format_tenths(tenths, "en")) == tenths
    assert parse_target_percent(format_tenths(tenths)) == tenths


def test_percentages_round_half_up_and_nobody_is_none():
    assert percent_tenths(1, 3) == 333
    assert percent_tenths(2, 3) == 667
    assert percent_tenths(1, 8) == 125  # 12.5 exactly
    assert percent_tenths(1, 16) == 63  # 6.25 → 6.3
    assert percent_tenths(0, 0) is None
    assert format_tenths(None) == "—"
    assert format_tenths(655, "en") == "65.5%"
    assert format_tenths(-25, "en") == "-2.5%"
    with pytest.raises(ValueError):
        percent_tenths(-1, 3)


@given(st.integers(0, 10**7), st.integers(1, 10**7))
def test_a_percentage_is_within_a_twentieth_of_a_percent(part, whole):
    tenths = percent_tenths(part, whole)
    assert abs(tenths / 10 - 100 * part / whole) <= 0.05 + 1e-9


@pytest.mark.parametrize(
    ("count", "minimum", "shown"),
    [(0, 10, 0), (1, 10, None), (9, 10, None), (10, 10, 10), (5000, 10, 5000), (1, 1, 1)],
)
def test_small_groups_are_not_shown(count, minimum, shown):
    assert shown_count(count, minimum) == shown


def test_the_minimum_is_at_least_one():
    with pytest.raises(ValueError):
        shown_count(3, 0)


def test_voters_needed_and_peak_load():
    assert voters_needed(1000, 655) == 655
    assert voters_needed(3, 500) == 2  # 1.5 rounded up
    assert voters_needed(0, 700) == 0
    # 10,000 eligible, 60 % expected, 15 % in the peak hour, 4 stations: 225 each
    assert peak_hour_load(10_000, 4, turnout_tenths=600) == 225
    assert peak_hour_load(10_000, 0, turnout_tenths=600) is None
    with pytest.raises(DomainError):
        peak_hour_load(10_000, 4, turnout_tenths=1001)
    with pytest.raises(DomainError):
        voters_needed(10, -1)
