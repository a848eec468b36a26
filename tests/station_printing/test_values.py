"""What the documents accept: a value that cannot be on an official paper is refused before
anything is printed; and the small rules the documents print by."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora.station.printing.documents import grouped, hour_label, shortened
from shora_domain.digits import to_latin_digits
from shora_domain.jalali import TEHRAN


@pytest.mark.parametrize(
    "code",
    ["", "41820395736", "4182039573641", "41820395736a", "4182 0395 7364", "۴۱۸۲۰۳۹۵۷۳۶", "١٢٣"],
)
def test_a_receipt_code_that_is_not_twelve_digits_is_refused(receipt, code):
    with pytest.raises(ValueError, match="12 digits"):
        dataclasses.replace(receipt, receipt_code=code)


@pytest.mark.parametrize("code", ["418203957364", "۴۱۸۲۰۳۹۵۷۳۶۴", "٤١٨٢٠٣٩٥٧٣٦٤"])
def test_a_receipt_code_in_any_digits_is_accepted(receipt, code):
    assert dataclasses.replace(receipt, receipt_code=code).receipt_code == code


def test_naive_times_are_refused(receipt, zero_report, closing_report):
    naive = datetime.datetime(2026, 5, 1, 10, 0)
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(receipt, hour=naive)
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(zero_report, opened_at=naive)
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(closing_report, closed_at=naive)


def test_a_closing_before_the_opening_is_refused(closing_report):
    with pytest.raises(ValueError, match="before"):
        dataclasses.replace(closing_report, closed_at=closing_report.opened_at.replace(hour=7))


@pytest.mark.parametrize(
    "change",
    [
        {"participations": -1},
        {"ballots": -1},
        {"voided": -2},
        {"per_constituency": [("اهواز", -1)]},
    ],
)
def test_negative_counts_are_refused(closing_report, change):
    with pytest.raises(ValueError, match="negative"):
        dataclasses.replace(closing_report, **change)


def test_a_negative_store_is_refused(zero_report):
    with pytest.raises(ValueError, match="negative"):
        dataclasses.replace(zero_report, ballots_in_store=-1)


def test_a_paper_record_is_blank_exactly_when_it_has_no_choice(paper_record):
    with pytest.raises(ValueError, match="blank ballot has no choices"):
        dataclasses.replace(paper_record, blank=True)
    with pytest.raises(ValueError, match="without choices is blank"):
        dataclasses.replace(paper_record, choices=[])
    with pytest.raises(ValueError, match="negative"):
        dataclasses.replace(paper_record, skipped=-1)


def test_the_documents_are_frozen(receipt):
    with pytest.raises(dataclasses.FrozenInstanceError):
        receipt.receipt_code = "000000000000"  # type: ignore[misc]


@given(st.text(alphabet="0123456789abcdefABCDEF", min_size=0, max_size=80), st.integers(1, 9))
def test_grouping_keeps_every_character_in_order_in_blocks(text, size):
    blocks = grouped(text, size).split(" ") if text else []
    assert "".join(blocks) == text
    assert all(1 <= len(block) <= size for block in blocks)
    assert all(len(block) == size for block in blocks[:-1])


@given(st.text(min_size=1, max_size=40).filter(lambda t: not (t.isascii() and t.isalnum())))
def test_a_value_with_its_own_separators_is_not_regrouped(text):
    assert grouped(text) == text


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=", min_size=0, max_size=120))
def test_a_shortened_signature_keeps_its_ends(signature):
    short = shortened(signature)
    assert short.startswith(signature[:8]) and short.endswith(signature[-8:] if signature else "")
    assert len(short) <= 17


@given(
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2100, 1, 1),
        timezones=st.sampled_from([TEHRAN, datetime.UTC]),
    )
)
def test_the_hour_label_shows_the_tehran_hour_and_never_the_minute(moment):
    label = hour_label(moment)
    hour = moment.astimezone(TEHRAN).hour
    assert to_latin_digits(label).endswith(f"ساعت {hour} تا {hour + 1}")
    assert ":" not in label
