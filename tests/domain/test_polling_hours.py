"""Election-day times cut to the hour, and hour labels read strictly."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.polling_hours import (
    PollingHourRefusal,
    hour_label,
    parse_hour_label,
    to_hour,
)

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))


def test_to_hour_drops_minutes_seconds_and_microseconds():
    moment = datetime.datetime(2026, 5, 1, 8, 59, 59, 999_999, tzinfo=TEHRAN)
    assert to_hour(moment) == datetime.datetime(2026, 5, 1, 8, tzinfo=TEHRAN)
    assert to_hour(moment).tzinfo is TEHRAN


def test_to_hour_keeps_a_naive_moment_naive():
    assert to_hour(datetime.datetime(2026, 5, 1, 23, 1)).tzinfo is None


def test_the_label_of_a_moment():
    assert hour_label(datetime.datetime(2026, 5, 1, 8, 42, 7, tzinfo=TEHRAN)) == "2026-05-01T08:00"
    assert hour_label(datetime.datetime(2026, 5, 1, 23, 59)) == "2026-05-01T23:00"
    assert hour_label(datetime.datetime(2, 1, 1)) == "0002-01-01T00:00"


@given(st.datetimes())
def test_labels_round_trip_to_the_hour(moment):
    label = hour_label(moment)
    assert parse_hour_label(label) == to_hour(moment)
    assert hour_label(to_hour(moment)) == label


@given(st.datetimes(timezones=st.timezones()))
def test_a_label_never_holds_anything_finer_than_the_hour(moment):
    label = hour_label(moment)
    assert len(label) == 16 and label.endswith(":00")
    assert hour_label(moment.replace(minute=0, second=0, microsecond=0)) == label


def test_parsing_gives_a_naive_datetime():
    parsed = parse_hour_label("2026-05-01T08:00")
    assert parsed == datetime.datetime(2026, 5, 1, 8)
    assert parsed.tzinfo is None


@pytest.mark.parametrize("text", ["2026-05-01T08:30", "2026-05-01T08:01", "2026-05-01T08:59"])
def test_minutes_other_than_00_are_refused(text):
    with pytest.raises(DomainError) as caught:
        parse_hour_label(text)
    assert caught.value.code is PollingHourRefusal.NOT_ON_THE_HOUR
    assert caught.value.fa and caught.value.en


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-05-01",
        "2026-05-01T08",
        "2026-05-01T08:00:00",
        "2026-05-01T08:00Z",
        "2026-05-01T08:00+03:30",
        "2026-05-01 08:00",
        "2026-5-1T8:00",
        " 2026-05-01T08:00",
        "2026-05-01T08:00\n",
        "۲۰۲۶-۰۵-۰۱T۰۸:۰۰",
        "2026-05-01t08:00",
        "2026-13-01T08:00",
        "2026-02-30T08:00",
        "2026-05-01T24:00",
        "0000-05-01T08:00",
        "2026-05-01T08:60",
        None,
        20260501,
        "2026-05-01T08:00" * 1000,
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(DomainError) as caught:
        parse_hour_label(text)
    assert caught.value.code in (PollingHourRefusal.BAD_LABEL, PollingHourRefusal.NOT_ON_THE_HOUR)
    assert caught.value.fa and caught.value.en


@pytest.mark.parametrize("text", ["2026-13-01T08:00", "2026-05-01T24:00", "1404-08-15T08:00x"])
def test_an_impossible_date_or_hour_is_a_bad_label(text):
    with pytest.raises(DomainError) as caught:
        parse_hour_label(text)
    assert caught.value.code is PollingHourRefusal.BAD_LABEL
