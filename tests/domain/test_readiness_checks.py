"""Checklist items checked by yes/no, by a measured value against a threshold, by a photo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.readiness_checks import (
    CheckKind,
    CheckRefusal,
    Comparison,
    MeasuredCheck,
    parse_measured_value,
    result_passes,
)

BANDWIDTH = MeasuredCheck(Decimal(10), Comparison.AT_LEAST)


def refused(code, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code is code
    return caught.value


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", "12"),
        ("۱۲", "12"),
        ("١٢", "12"),
        ("۷٫۵", "7.5"),
        ("7.5", "7.5"),
        (" ۶۰ ", "60"),
        ("۱٬۲۰۰", "1200"),
        ("0", "0"),
        ("۰٫۲۵", "0.25"),
        ("\u200c۴۵", "45"),
    ],
)
def test_values_typed_in_any_digits(typed, value):
    assert parse_measured_value(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["ده", "1,5", "12abc", "--3", "nan", "inf", "1e999999"])
def test_unreadable_values_are_refused(typed):
    error = refused(CheckRefusal.VALUE_UNREADABLE, parse_measured_value, typed, item="پهنای باند")
    assert "پهنای باند" in error.fa


def test_empty_negative_and_huge_values_are_refused():
    refused(CheckRefusal.VALUE_MISSING, parse_measured_value, "  ")
    refused(CheckRefusal.VALUE_OUT_OF_RANGE, parse_measured_value, "-1")
    refused(CheckRefusal.VALUE_OUT_OF_RANGE, parse_measured_value, "9" * 40)


def test_measured_checks():
    assert BANDWIDTH.passes(Decimal(10)) and not BANDWIDTH.passes(Decimal("9.99"))
    at_most = MeasuredCheck(Decimal(30), Comparison.AT_MOST)
    assert at_most.passes(Decimal(30)) and not at_most.passes(Decimal(31))


@given(
    st.decimals(min_value=0, max_value=1000, places=2),
    st.decimals(min_value=0, max_value=1000, places=2),
)
def test_at_least_and_at_most_agree_at_the_threshold(value, threshold):
    at_least = MeasuredCheck(threshold, Comparison.AT_LEAST).passes(value)
    at_most = MeasuredCheck(threshold, Comparison.AT_MOST).passes(value)
    assert at_least or at_most
    assert (at_least and at_most) == (value == threshold)


def test_results():
    measured = {"measured": BANDWIDTH, "has_photo": False, "answer": None}
    assert result_passes(CheckKind.MEASURED, value=Decimal(12), **measured)
    assert not result_passes(CheckKind.MEASURED, value=Decimal(4), **measured)
    refused(CheckRefusal.VALUE_MISSING, result_passes, CheckKind.MEASURED, value=None, **measured)
    refused(
        CheckRefusal.THRESHOLD_MISSING,
        result_passes,
        CheckKind.MEASURED,
        answer=None,
        value=Decimal(1),
        has_photo=False,
        measured=None,
    )
    plain = {"value": None, "has_photo": False, "measured": None}
    assert result_passes(CheckKind.YES_NO, answer=True, **plain)
    assert not result_passes(CheckKind.YES_NO, answer=False, **plain)
    refused(CheckRefusal.ANSWER_MISSING, result_passes, CheckKind.YES_NO, answer=None, **plain)
    error = refused(
        CheckRefusal.PHOTO_MISSING,
        result_passes,
        CheckKind.PHOTO,
        answer=True,
        item="سطح شیب‌دار",
        **plain,
    )
    assert "سطح شیب‌دار" in error.fa and "photo" in error.en
    assert not result_passes(
        CheckKind.PHOTO, answer=False, value=None, has_photo=True, measured=None
    )
