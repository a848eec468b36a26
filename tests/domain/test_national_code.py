"""The Iranian national code: parsing, its refusals and its check digit."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shora_domain.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS
from shora_domain.errors import DomainError
from shora_domain.national_code import (
    NationalCodeRefusal,
    is_national_code_valid,
    national_code_check_digit,
    parse_national_code,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def with_check_digit(first_nine: str) -> str:
    return first_nine + str(national_code_check_digit(first_nine))


def refusal(raw: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        parse_national_code(raw)
    return caught.value


# Check digits worked out by hand: s = sum(d[i] * (10 - i)); r = s % 11.
@pytest.mark.parametrize(
    ("first_nine", "check"),
    [
        ("123456789", 1),  # s = 210, r = 1 -> 1
        ("000000031", 0),  # s = 11, r = 0 -> 0
        ("000000001", 9),  # s = 2, r = 2 -> 9
        ("001234567", 9),  # s = 112, r = 2 -> 9
        ("200000000", 2),  # s = 20, r = 9 -> 2
    ],
)
def test_check_digit_examples(first_nine: str, check: int) -> None:
    assert national_code_check_digit(first_nine) == check
    assert parse_national_code(first_nine + str(check)) == first_nine + str(check)


def test_examples_of_accepted_forms() -> None:
    assert parse_national_code("  123-456789-1 ") == "1234567891"
    assert parse_national_code("۱۲۳۴۵۶۷۸۹۱") == "1234567891"
    assert parse_national_code("١٢٣٤٥٦٧٨٩١") == "1234567891"
    assert parse_national_code("۱۲۳٤٥6789 1") == "1234567891"
    assert parse_national_code("\u200f۱۲۳۴۵۶۷۸۹۱\u200e") == "1234567891"
    assert parse_national_code("12345679") == "0012345679"  # 8 digits
    assert parse_national_code("012345679") == "0012345679"  # 9 digits
    assert parse_national_code("00000310") == "0000000310"  # 8 digits


@pytest.mark.parametrize("raw", ["", "   ", " - ", "\u200c", "--"])
def test_empty_is_refused(raw: str) -> None:
    error = refusal(raw)
    assert error.code is NationalCodeRefusal.EMPTY


@pytest.mark.parametrize(
    ("raw", "shown", "position"),
    [
        ("12345678a1", "a", 9),
        ("۱۲۳۴۵۶۷۸۹x", "x", 10),
        ("1234.567891", ".", 5),
        ("A234567891", "A", 1),
        ("123456789१", "१", 10),  # a Devanagari digit is not an Iranian digit
        ("12345\t6789\x001", "U+0000", 11),
    ],
)
def test_non_digits_are_refused_by_name_and_position(raw: str, shown: str, position: int) -> None:
    error = refusal(raw)
    assert error.code is NationalCodeRefusal.NOT_DIGITS
    assert f"“{shown}” at position {position} " in error.en
    assert shown in error.fa


@pytest.mark.parametrize(("raw", "count"), [("1", 1), ("1234567", 7), ("12345678901", 11)])
def test_wrong_lengths_are_refused_with_the_count(raw: str, count: int) -> None:
    error = refusal(raw)
    assert error.code is NationalCodeRefusal.WRONG_LENGTH
    assert f"{count} were given" in error.en


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_codes_are_refused(digit: str) -> None:
    error = refusal(digit * 10)
    assert error.code is NationalCodeRefusal.REPEATED_DIGITS


def test_some_repeated_codes_would_pass_the_check_digit() -> None:
    # Which is why they need their own rule: 1111111111 has a correct check digit.
    assert national_code_check_digit("111111111") == 1


def test_eight_zeros_pad_to_a_repeated_code() -> None:
    assert refusal("00000000").code is NationalCodeRefusal.REPEATED_DIGITS


def test_wrong_check_digit_does_not_reveal_the_right_one() -> None:
    error = refusal("1234567890")
    assert error.code is NationalCodeRefusal.WRONG_CHECK_DIGIT
    assert not any(c.isdigit() for c in error.en + error.fa)


@pytest.mark.parametrize(
    ("first_nine", "code"),
    [
        ("12345678", NationalCodeRefusal.WRONG_LENGTH),
        ("1234567890", NationalCodeRefusal.WRONG_LENGTH),
        ("12345678a", NationalCodeRefusal.NOT_DIGITS),
    ],
)
def test_check_digit_needs_nine_digits(first_nine: str, code: NationalCodeRefusal) -> None:
    with pytest.raises(DomainError) as caught:
        national_code_check_digit(first_nine)
    assert caught.value.code is code


def test_is_valid() -> None:
    assert is_national_code_valid("1234567891")
    assert not is_national_code_valid("1234567890")
    assert not is_national_code_valid("hello")


@given(nine_digits)
def test_nine_digits_and_their_check_digit_parse(first_nine: str) -> None:
    code = with_check_digit(first_nine)
    if len(set(code)) == 1:
        assert refusal(code).code is NationalCodeRefusal.REPEATED_DIGITS
    else:
        assert parse_national_code(code) == code
        assert is_national_code_valid(code)


@given(nine_digits, st.integers(min_value=0, max_value=9))
def test_any_other_check_digit_is_refused(first_nine: str, last: int) -> None:
    right = national_code_check_digit(first_nine)
    assume(last != right)
    code = first_nine + str(last)
    assume(len(set(code)) > 1)
    assert refusal(code).code is NationalCodeRefusal.WRONG_CHECK_DIGIT


@given(nine_digits, st.data())
def test_digit_scripts_dashes_and_spaces_do_not_matter(
    first_nine: str, data: st.DataObject
) -> None:
    code = with_check_digit(first_nine)
    assume(len(set(code)) > 1)
    parts = []
    for char in code:
        script = data.draw(st.sampled_from(["0123456789", PERSIAN_DIGITS, ARABIC_INDIC_DIGITS]))
        separator = data.draw(st.sampled_from(["", "", "-", " ", "\u200c", "\u2013", "\u200f"]))
        parts.append(script[int(char)] + separator)
    padding = data.draw(st.sampled_from(["", " ", "\t", "\n "]))
    raw = padding + "".join(parts) + padding
    assert parse_national_code(raw) == code


@given(st.integers(min_value=1, max_value=3), st.data())
def test_leading_zeros_may_be_left_out_down_to_eight_digits(
    zeros: int, data: st.DataObject
) -> None:
    rest = data.draw(st.text(alphabet="0123456789", min_size=9 - zeros, max_size=9 - zeros))
    code = with_check_digit("0" * zeros + rest)
    assume(len(set(code)) > 1)
    for dropped in range(1, zeros + 1):
        shortened = code[dropped:]
        if len(shortened) >= 8:
            assert parse_national_code(shortened) == code
        else:
            assert refusal(shortened).code is NationalCodeRefusal.WRONG_LENGTH
