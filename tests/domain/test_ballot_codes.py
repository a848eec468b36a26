"""Candidate codes: unique, one length per ballot, and no typing slip lands on another code."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shora_domain.ballot_codes import (
    PERSIAN_ALPHABET,
    ballot_codes,
    ballot_order_key,
    damm_check_digit,
    is_code_well_formed,
    persian_collation_key,
    sequence_width,
)

counts = st.integers(0, 12_000)
# Making 12,000 codes takes a while on a busy machine: no per-example deadline.
roomy = settings(deadline=None)


@roomy
@given(counts)
def test_codes_are_unique_of_one_length_and_rising(count):
    codes = ballot_codes(count)
    assert len(codes) == len(set(codes)) == count
    assert len({len(code) for code in codes}) <= 1
    assert [int(c) for c in codes] == sorted(int(c) for c in codes)
    assert all(is_code_well_formed(code) for code in codes)


@roomy
@given(st.integers(1, 12_000))
def test_codes_are_as_short_as_the_ballot_allows(count):
    width = sequence_width(count)
    assert len(ballot_codes(count)[0]) == width + 1
    assert width == 2 or count > 9 * 10 ** (width - 2)


@roomy
@given(st.integers(1, 900), st.data())
def test_one_wrong_digit_never_gives_a_code(count, data):
    code = data.draw(st.sampled_from(ballot_codes(count)))
    position = data.draw(st.integers(0, len(code) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[position]]))
    slipped = code[:position] + digit + code[position + 1 :]
    assert not is_code_well_formed(slipped)


@roomy
@given(st.integers(1, 900), st.data())
def test_two_swapped_neighbours_never_give_a_code(count, data):
    code = data.draw(st.sampled_from(ballot_codes(count)))
    position = data.draw(st.integers(0, len(code) - 2))
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        assert not is_code_well_formed(swapped)


def test_known_damm_values_and_persian_digits():
    assert damm_check_digit("572") == 4  # the algorithm's published example
    assert is_code_well_formed("5724") and is_code_well_formed("۵۷۲۴")
    assert not is_code_well_formed("5") and not is_code_well_formed("57a4")
    assert ballot_codes(3) == ["101", "117", "125"]
    assert ballot_codes(750)[0] == "1007" and ballot_codes(750)[-1] == "8492"


def test_the_persian_alphabet_orders_names():
    names = ["یزدانی", "ژیان", "آذری", "گودرزی", "احمدی", "چمران", "کاظمی", "پاکزاد"]
    ordered = sorted(names, key=persian_collation_key)
    assert ordered == ["آذری", "احمدی", "پاکزاد", "چمران", "ژیان", "کاظمی", "گودرزی", "یزدانی"]
    assert sorted(PERSIAN_ALPHABET, key=persian_collation_key) == list(PERSIAN_ALPHABET)


@given(st.text(alphabet=st.sampled_from(list("علیکمحسن پ")), max_size=12))
def test_spellings_of_one_name_sort_together(name):
    arabic = name.replace("ی", "ي").replace("ک", "ك")
    with_zwnj = name.replace(" ", "\u200c")
    assert persian_collation_key(arabic) == persian_collation_key(name)
    assert persian_collation_key(name.replace(" ", "")) == persian_collation_key(with_zwnj)


def test_the_order_falls_back_to_first_name_father_and_national_code():
    def key(last: str, first: str, father: str, code: str) -> object:
        return ballot_order_key(
            last_name=last, first_name=first, father_name=father, national_code=code
        )

    people = [
        ("رضایی", "علی", "حسن", "2"),
        ("رضایی", "علی", "حسن", "1"),
        ("رضایی", "علی", "احمد", "3"),
        ("رضایی", "احمد", "یوسف", "4"),
    ]
    ordered = sorted(people, key=lambda p: key(*p))
    assert [p[3] for p in ordered] == ["4", "3", "1", "2"]
