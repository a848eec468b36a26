"""Receipt codes: random, self-checking, forgiving of how they are typed, silent about others."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_codes import damm_check_digit
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.receipt_codes import (
    PAPER_SERIAL_ALPHABET,
    ReceiptRefusal,
    paper_serial_new,
    receipt_code_display,
    receipt_code_new,
    receipt_code_parse,
)

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
GOOD = "12345678901" + str(damm_check_digit("12345678901"))
receipt_bodies = st.text(alphabet="0123456789", min_size=11, max_size=11)
receipts = receipt_bodies.map(lambda body: body + str(damm_check_digit(body)))


def refusal(text: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        receipt_code_parse(text)  # type: ignore[arg-type]
    assert caught.value.fa and caught.value.en
    return caught.value


def test_a_new_code_is_12_digits_that_parse():
    code = receipt_code_new()
    assert re.fullmatch(r"[0-9]{12}", code)
    assert receipt_code_parse(code) == code


def test_new_codes_are_not_repeated():
    assert len({receipt_code_new() for _ in range(1000)}) == 1000


def test_new_codes_use_every_digit_in_every_random_place():
    codes = [receipt_code_new() for _ in range(2000)]
    for place in range(11):
        assert {code[place] for code in codes} == set("0123456789")


@given(receipts)
def test_the_display_groups_four_digits_and_parses_back(code):
    shown = receipt_code_display(code)
    assert re.fullmatch(r"[0-9]{4}-[0-9]{4}-[0-9]{4}", shown)
    assert shown.replace("-", "") == code
    assert receipt_code_parse(shown) == code


def test_the_display_of_a_known_code():
    assert receipt_code_display(GOOD) == f"1234-5678-901{GOOD[-1]}"


@given(receipts)
def test_persian_and_arabic_digits_spaces_dashes_and_zwnj_are_accepted(code):
    persian = to_persian_digits(code)
    typed = [
        persian,
        code.translate(ARABIC_DIGITS),
        f"{persian[:4]} {persian[4:8]} {persian[8:]}",
        f"{code[:4]}\u200c{code[4:8]}–{code[8:]}",
        f"  {code[:6]}-{code[6:]}\n",
    ]
    assert {receipt_code_parse(text) for text in typed} == {code}


@given(receipts, st.data())
def test_one_wrong_digit_is_refused(code, data):
    place = data.draw(st.integers(0, 11))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[place]]))
    assert refusal(code[:place] + digit + code[place + 1 :]).code is (
        ReceiptRefusal.BAD_CHECK_DIGIT
    )


@given(receipts, st.integers(0, 10))
def test_two_swapped_neighbours_are_refused(code, place):
    swapped = code[:place] + code[place + 1] + code[place] + code[place + 2 :]
    if swapped != code:
        assert refusal(swapped).code is ReceiptRefusal.BAD_CHECK_DIGIT


@given(receipt_bodies)
def test_a_bad_check_digit_gives_one_message_whatever_the_code(body):
    right = damm_check_digit(body)
    error = refusal(body + str((right + 1) % 10))
    assert error.en == "The receipt code was mistyped; compare it again with the printed receipt."
    assert error.fa == "کد رسید درست وارد نشده است؛ آن را دوباره با رسید چاپی مقایسه کنید."


@pytest.mark.parametrize("text", ["", "   ", "-", "\u200c\u200c", "\n\t"])
def test_nothing_typed_is_empty(text):
    assert refusal(text).code is ReceiptRefusal.EMPTY


@pytest.mark.parametrize(
    "text", ["1234-5678-901x", "ABCDEFGHIJKL", "12345678901²", "١٢٣٤٥٦٧٨٩٠١٢a", "🗳", None, 123]
)
def test_anything_but_digits_is_refused(text):
    assert refusal(text).code is ReceiptRefusal.NOT_DIGITS


@pytest.mark.parametrize("text", ["1", "12345678901", GOOD + "0", "1" * 100_000])
def test_the_wrong_number_of_digits_is_refused(text):
    error = refusal(text)
    assert error.code is ReceiptRefusal.WRONG_LENGTH
    assert "12" in error.en and "۱۲" in error.fa


@given(st.text(max_size=30))
def test_any_text_is_a_code_or_a_clear_refusal(text):
    try:
        code = receipt_code_parse(text)
    except DomainError as error:
        assert isinstance(error.code, ReceiptRefusal)
    else:
        assert re.fullmatch(r"[0-9]{12}", code) and damm_check_digit(code) == 0


def test_the_paper_serial_is_8_unambiguous_characters():
    assert set(PAPER_SERIAL_ALPHABET).isdisjoint("01OI")
    assert len(set(PAPER_SERIAL_ALPHABET)) == len(PAPER_SERIAL_ALPHABET) == 32
    serials = [paper_serial_new() for _ in range(2000)]
    assert all(re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", serial) for serial in serials)
    assert len(set(serials)) == len(serials)
    assert set("".join(serials)) == set(PAPER_SERIAL_ALPHABET)
