"""Digits in Latin, Persian and Arabic-Indic scripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.digits import (
    ARABIC_INDIC_DIGITS,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    PERSIAN_THOUSANDS_SEPARATOR,
    format_number,
    to_latin_digits,
    to_persian_digits,
)

ALL_DIGITS = LATIN_DIGITS + PERSIAN_DIGITS + ARABIC_INDIC_DIGITS


def test_digit_tables_are_the_unicode_ranges() -> None:
    assert "".join(chr(0x06F0 + i) for i in range(10)) == PERSIAN_DIGITS
    assert "".join(chr(0x0660 + i) for i in range(10)) == ARABIC_INDIC_DIGITS


def test_examples() -> None:
    assert to_latin_digits("کد ۱۲۳ و ٤٥٦") == "کد 123 و 456"
    assert to_persian_digits("1405/02/11") == "۱۴۰۵/۰۲/۱۱"
    assert to_persian_digits("٤٥٦") == "۴۵۶"
    assert to_persian_digits(-42) == "-۴۲"


@given(st.text())
def test_to_latin_leaves_no_other_digits_and_only_touches_digits(text: str) -> None:
    result = to_latin_digits(text)
    assert len(result) == len(text)
    assert not set(result) & set(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)
    for before, after in zip(text, result, strict=True):
        if before in ALL_DIGITS:
            assert after == LATIN_DIGITS[ALL_DIGITS.index(before) % 10]
        else:
            assert after == before


@given(st.text())
def test_persian_and_latin_conversions_agree(text: str) -> None:
    persian = to_persian_digits(text)
    assert not set(persian) & set(LATIN_DIGITS + ARABIC_INDIC_DIGITS)
    assert to_latin_digits(persian) == to_latin_digits(text)


@given(st.integers())
def test_integers_round_trip(value: int) -> None:
    assert int(to_latin_digits(to_persian_digits(value))) == value


@pytest.mark.parametrize(
    ("value", "fa", "en"),
    [
        (0, "۰", "0"),
        (999, "۹۹۹", "999"),
        (1000, "۱٬۰۰۰", "1,000"),
        (1_234_567, "۱٬۲۳۴٬۵۶۷", "1,234,567"),
        (-1234, "-۱٬۲۳۴", "-1,234"),
        (-5, "-۵", "-5"),
    ],
)
def test_format_number_examples(value: int, fa: str, en: str) -> None:
    assert format_number(value) == fa
    assert format_number(value, "fa") == fa
    assert format_number(value, "en") == en


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_format_number_groups_by_three_and_round_trips(value: int) -> None:
    fa = format_number(value)
    en = format_number(value, "en")
    assert int(to_latin_digits(fa).replace(PERSIAN_THOUSANDS_SEPARATOR, "")) == value
    assert int(en.replace(",", "")) == value
    assert to_latin_digits(fa).replace(PERSIAN_THOUSANDS_SEPARATOR, ",") == en
    groups = en.lstrip("-").split(",")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
    assert en.startswith("-") == (value < 0)


@pytest.mark.parametrize("bad", [True, 1.5, "12", None])
def test_format_number_needs_an_int(bad: object) -> None:
    with pytest.raises(TypeError):
        format_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [True, 1.5, None])
def test_to_persian_digits_needs_text_or_int(bad: object) -> None:
    with pytest.raises(TypeError):
        to_persian_digits(bad)  # type: ignore[arg-type]
