"""A serving person's name and phone, as typed in any script, made clean."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.persian_text import search_key
from shora_domain.person_details import (
    MAX_NAME_LENGTH,
    PersonDetailRefusal,
    clean_person_name,
    parse_phone_number,
)

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("علي", "علی"),
        ("كاظمي", "کاظمی"),
        ("  فاطمه   زهرا  ", "فاطمه زهرا"),
        (f"محمد{ZWNJ}حسین", f"محمد{ZWNJ}حسین"),  # ZWNJ kept as typed
        (f"{ZWNJ}مریم{ZWNJ}", "مریم"),  # but not at a word's edge
        ("\u200fرضا\u200e", "رضا"),  # direction marks removed
        ("مـــهدی", "مهدی"),  # tatweel removed
        ("ﻋﻠﻰ", "علی"),  # presentation forms folded
        ("Sara O'Neil", "Sara O'Neil"),
        ("سید-علی", "سید-علی"),
    ],
)
def test_names_are_stored_as_people_write_them(raw: str, stored: str):
    assert clean_person_name(raw) == stored


def test_two_spellings_share_a_search_key():
    assert search_key(clean_person_name("محمد حسين")) == search_key(
        clean_person_name(f"محمد{ZWNJ}حسین")
    )


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", PersonDetailRefusal.NAME_EMPTY),
        (f" {ZWNJ} \u200f ", PersonDetailRefusal.NAME_EMPTY),
        ("علی۲", PersonDetailRefusal.NAME_NOT_LETTERS),
        ("Ali3", PersonDetailRefusal.NAME_NOT_LETTERS),
        ("علی<script>", PersonDetailRefusal.NAME_NOT_LETTERS),
        ("ا" * (MAX_NAME_LENGTH + 1), PersonDetailRefusal.NAME_TOO_LONG),
    ],
)
def test_bad_names_are_refused_with_the_reason(raw: str, code: PersonDetailRefusal):
    with pytest.raises(DomainError) as caught:
        clean_person_name(raw, what_fa="نام خانوادگی", what_en="The last name")
    assert caught.value.code is code
    assert "نام خانوادگی" in caught.value.fa and "last name" in caught.value.en


def test_a_digit_in_a_name_is_shown_in_persian():
    with pytest.raises(DomainError) as caught:
        clean_person_name("علی2")
    assert "«۲»" in caught.value.fa


@given(st.text(alphabet="آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكئ \u200c", min_size=1, max_size=40))
def test_cleaning_is_idempotent_and_never_leaves_arabic_letters(raw: str):
    try:
        cleaned = clean_person_name(raw)
    except DomainError as refusal:
        assert refusal.code is PersonDetailRefusal.NAME_EMPTY
        return
    assert clean_person_name(cleaned) == cleaned
    assert "ي" not in cleaned and "ك" not in cleaned
    assert cleaned == cleaned.strip() and "  " not in cleaned


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("09123456789", "09123456789"),
        ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "09123456789"),
        ("٠٩١٢-٣٤٥-٦٧٨٩", "09123456789"),
        ("+98 912 345 6789", "09123456789"),
        ("00989123456789", "09123456789"),
        ("9123456789", "09123456789"),
        ("061-33334444", "06133334444"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_phone_numbers_in_any_digits(raw: str, number: str):
    assert parse_phone_number(raw) == number


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0912abc6789", PersonDetailRefusal.PHONE_NOT_DIGITS),
        ("0912345", PersonDetailRefusal.PHONE_WRONG_LENGTH),
        ("091234567890123", PersonDetailRefusal.PHONE_WRONG_LENGTH),
        ("19123456789", PersonDetailRefusal.PHONE_WRONG_LENGTH),
    ],
)
def test_bad_phone_numbers_are_refused(raw: str, code: PersonDetailRefusal):
    with pytest.raises(DomainError) as caught:
        parse_phone_number(raw)
    assert caught.value.code is code


names = st.text(
    alphabet=st.sampled_from(list("علیكيمحسنرضا \u200c\u200f\u202bABCxyz.")),
    min_size=1,
    max_size=40,
)


@given(names)
def test_a_cleaned_name_is_clean_and_stays_so(raw):
    try:
        name = clean_person_name(raw)
    except DomainError as refusal:
        assert refusal.code in (
            PersonDetailRefusal.NAME_EMPTY,
            PersonDetailRefusal.NAME_NOT_LETTERS,
        )
        return
    assert not set(name) & set("يكى\u200f\u202b")
    assert name == name.strip() and "  " not in name
    assert not name.startswith("\u200c") and not name.endswith("\u200c")
    assert "\u200c " not in name and " \u200c" not in name and "\u200c\u200c" not in name
    assert clean_person_name(name) == name


def test_a_name_keeps_one_zwnj_between_letters_and_needs_a_letter():
    assert clean_person_name("نیک\u200cپي") == "نیک\u200cپی"
    assert clean_person_name("نیک\u200c\u200c\u200cپی") == "نیک\u200cپی"
    for raw in ("علی \u200c \u200cرضا", "علی\u200c\u200c رضا\u200c", "\u200cعلی  \tرضا"):
        assert clean_person_name(raw) == "علی رضا"
    for raw in ("...", "- '", "’"):
        with pytest.raises(DomainError) as caught:
            clean_person_name(raw)
        assert caught.value.code is PersonDetailRefusal.NAME_NOT_LETTERS
