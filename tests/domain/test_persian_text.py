"""Normalising Persian text for storing, searching and comparing; and for display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS
from shora_domain.persian_text import display_persian, normalize_persian, search_key

PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
ZWNJ = "\u200c"
# Marks that never form a letter with the one before (unlike madda and hamza above/below).
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)

names = st.text(alphabet=PERSIAN_LETTERS + " 0123456789", min_size=1, max_size=20)
words = st.lists(st.text(alphabet=PERSIAN_LETTERS, min_size=1, max_size=6), min_size=1, max_size=4)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("علي", "علی"),
        ("موسى", "موسی"),
        ("كريم", "کریم"),
        ("فاطمة", "فاطمه"),
        ("خانۀ", "خانه"),
        ("خانه\u0654", "خانه"),
        ("خانة\u0654", "خانه"),
        ("رئیسی", "رئیسی"),  # ئ is a spelling, kept
        ("ری\u0654یسی", "رئیسی"),  # yeh + hamza above composes to ئ
        ("ري\u064e\u0654یسی", "رئیسی"),  # also with a mark between
        ("ری\u064e\u0654یسی", "رئیسی"),
        ("آرش", "آرش"),
        ("\u0627\u0653رش", "آرش"),  # alef + madda composes to آ
        ("مُحَمَّد", "محمد"),
        ("مـــحمد", "محمد"),
        ("می\u200cروم", "میروم"),
        ("  می   روم \n", "می روم"),
        ("\u200fعلی\u200e", "علی"),
        ("ﻋﻠﻰ", "علی"),  # presentation forms
        ("ﮐﺮﯾﻢ", "کریم"),
        ("پلاک ۱۲ و ٣٤", "پلاک 12 و 34"),
        ("Ali Karimi", "Ali Karimi"),  # Latin case is kept
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize_persian(raw) == expected


def test_zwnj_and_space_spellings() -> None:
    joined, zwnj, spaced = "میروم", "می\u200cروم", "می روم"
    assert normalize_persian(zwnj) == normalize_persian(joined)
    assert normalize_persian(spaced) != normalize_persian(joined)
    assert search_key(joined) == search_key(zwnj) == search_key(spaced) == "میروم"


def test_search_key_casefolds_latin() -> None:
    assert search_key("Ali KARIMI") == search_key("ali karimi") == "alikarimi"
    assert normalize_persian("Ali KARIMI") != normalize_persian("ali karimi")


def test_display_examples() -> None:
    assert display_persian("علي كريمي 12") == "علی کریمی ۱۲"
    assert display_persian("موسى ٤") == "موسی ۴"
    assert display_persian("می\u200cروم") == "می\u200cروم"  # ZWNJ is kept for display


@pytest.mark.parametrize("text", ["e\u0654\u0301", "e\u0640\u0301", "ي\u064e\u0654", "ە\u0654"])
def test_normalize_is_idempotent_where_removals_unblock_composition(text: str) -> None:
    once = normalize_persian(text)
    assert normalize_persian(once) == once
    assert normalize_persian("e\u0654\u0301") == "\u00e9"


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@given(st.text())
def test_search_key_is_idempotent(text: str) -> None:
    once = search_key(text)
    assert search_key(once) == once


@given(st.text())
def test_normalized_text_has_one_form_only(text: str) -> None:
    result = normalize_persian(text)
    assert not set(result) & set(
        "يىكةۀ" + DIACRITICS + INVISIBLE + PERSIAN_DIGITS + ARABIC_INDIC_DIGITS
    )
    assert "  " not in result
    assert result == result.strip()
    assert all(c == " " or not c.isspace() for c in result)


@given(st.text())
def test_search_key_has_no_spaces_and_equals_for_normalized_equals(text: str) -> None:
    key = search_key(text)
    assert not any(c.isspace() for c in key)
    assert search_key(normalize_persian(text)) == key


@given(st.text())
def test_display_keeps_identity(text: str) -> None:
    shown = display_persian(text)
    assert normalize_persian(shown) == normalize_persian(text)
    assert not set(shown) & set("يىك0123456789" + ARABIC_INDIC_DIGITS)


def vary(
    text: str, data: st.DataObject, *, yeh_kaf: bool, zwnj: bool, marks: bool, digits: bool
) -> str:
    """``text`` spelt differently in the ways normalisation must ignore."""
    out: list[str] = []
    for char in text:
        if yeh_kaf and char == "ی":
            char = data.draw(st.sampled_from("یيى"))
        elif yeh_kaf and char == "ک":
            char = data.draw(st.sampled_from("کك"))
        elif digits and char.isdigit():
            char = data.draw(
                st.sampled_from([char, PERSIAN_DIGITS[int(char)], ARABIC_INDIC_DIGITS[int(char)]])
            )
        out.append(char)
        if marks and data.draw(st.booleans()):
            out.append(data.draw(st.text(alphabet=DIACRITICS, min_size=1, max_size=2)))
        if zwnj and data.draw(st.booleans()):
            out.append(data.draw(st.sampled_from([ZWNJ, "\u200d", "\u200f"])))
    return "".join(out)


@given(names, st.data())
def test_invariant_under_arabic_yeh_and_kaf(name: str, data: st.DataObject) -> None:
    varied = vary(name, data, yeh_kaf=True, zwnj=False, marks=False, digits=False)
    assert normalize_persian(varied) == normalize_persian(name)


@given(names, st.data())
def test_invariant_under_inserted_zwnj(name: str, data: st.DataObject) -> None:
    varied = vary(name, data, yeh_kaf=False, zwnj=True, marks=False, digits=False)
    assert normalize_persian(varied) == normalize_persian(name)


@given(names, st.data())
def test_invariant_under_added_diacritics(name: str, data: st.DataObject) -> None:
    varied = vary(name, data, yeh_kaf=False, zwnj=False, marks=True, digits=False)
    assert normalize_persian(varied) == normalize_persian(name)


@given(names, st.data())
def test_invariant_under_digit_scripts(name: str, data: st.DataObject) -> None:
    varied = vary(name, data, yeh_kaf=False, zwnj=False, marks=False, digits=True)
    assert normalize_persian(varied) == normalize_persian(name)


@given(names, st.data())
def test_invariant_under_all_variations_at_once(name: str, data: st.DataObject) -> None:
    varied = vary(name, data, yeh_kaf=True, zwnj=True, marks=True, digits=True)
    assert normalize_persian(varied) == normalize_persian(name)
    assert search_key(varied) == search_key(name)


@given(words, st.data())
def test_search_key_ignores_spaces_and_zwnj_between_parts(
    parts: list[str], data: st.DataObject
) -> None:
    joined = "".join(parts)
    separators = st.sampled_from(["", " ", "  ", ZWNJ, " " + ZWNJ, "\t"])
    varied = parts[0] + "".join(data.draw(separators) + part for part in parts[1:])
    assert search_key(varied) == search_key(joined)
