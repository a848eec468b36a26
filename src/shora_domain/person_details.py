"""A serving person's name and phone as typed, made clean for storing and showing.

``clean_person_name`` keeps the name as the person writes it (ZWNJ included, so
«محمدحسین» and «محمد‌حسین» stay as typed) but with Arabic ي/ى/ك made Persian,
presentation forms folded, direction marks and tatweel removed and spaces collapsed. It
refuses an empty name, digits and symbols. Comparing and searching use
``persian_text.search_key``, which also drops ZWNJ and spaces.

``parse_phone_number`` takes Persian, Arabic-Indic or Latin digits, spaces, dashes and a
+98 / 0098 prefix, and returns the number as dialled inside Iran (0 and ten digits).
"""

from __future__ import annotations

import enum
import re
import unicodedata

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError

MAX_NAME_LENGTH = 100

_ZWNJ = "\u200c"
_DROPPED = str.maketrans(
    dict.fromkeys(
        "\u00ad\u061c\u0640\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2060\u2066\u2067\u2068\u2069\ufeff"
    )
)
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_ZWNJ_RUN = re.compile(_ZWNJ + "+")
_ALLOWED_PUNCTUATION = frozenset(" -.'’" + _ZWNJ)


class PersonDetailRefusal(enum.Enum):
    NAME_EMPTY = "person.name_empty"
    NAME_TOO_LONG = "person.name_too_long"
    NAME_NOT_LETTERS = "person.name_not_letters"
    PHONE_NOT_DIGITS = "person.phone_not_digits"
    PHONE_WRONG_LENGTH = "person.phone_wrong_length"


def _fold_presentation_forms(text: str) -> str:
    return "".join(
        unicodedata.normalize("NFKC", char)
        if 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF
        else char
        for char in text
    )


def clean_person_name(raw: str, *, what_fa: str = "نام", what_en: str = "The name") -> str:
    """``raw`` as stored and shown: Persian letters, ZWNJ kept, no stray marks or spaces."""
    text = unicodedata.normalize("NFC", _fold_presentation_forms(raw).translate(_DROPPED))
    text = text.translate(_PERSIAN_LETTERS)
    # one ZWNJ between two letters at most; none at a word's edge
    words = [_ZWNJ_RUN.sub(_ZWNJ, word).strip(_ZWNJ) for word in text.split()]
    text = " ".join(word for word in words if word)
    if not text:
        raise DomainError(
            PersonDetailRefusal.NAME_EMPTY,
            fa=f"{what_fa} وارد نشده است.",
            en=f"{what_en} is empty.",
        )
    if len(text) > MAX_NAME_LENGTH:
        raise DomainError(
            PersonDetailRefusal.NAME_TOO_LONG,
            fa=f"{what_fa} بیش از {to_persian_digits(MAX_NAME_LENGTH)} نویسه است.",
            en=f"{what_en} is longer than {MAX_NAME_LENGTH} characters.",
        )
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LM" or char in _ALLOWED_PUNCTUATION:
            continue
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        raise DomainError(
            PersonDetailRefusal.NAME_NOT_LETTERS,
            fa=f"{what_fa} فقط از حرف تشکیل می‌شود؛ «{to_persian_digits(shown)}» حرف نیست.",
            en=f"{what_en} has letters only; “{shown}” is not a letter.",
        )
    if not any(unicodedata.category(char)[0] == "L" for char in text):
        raise DomainError(
            PersonDetailRefusal.NAME_NOT_LETTERS,
            fa=f"{what_fa} هیچ حرفی ندارد.",
            en=f"{what_en} has no letters.",
        )
    return text


def parse_phone_number(raw: str) -> str:
    """An Iranian phone number as 0 and ten Latin digits; "" for an empty field."""
    kept = "".join(char for char in to_latin_digits(raw) if char not in " -()\u200c\u200e\u200f")
    if not kept:
        return ""
    if kept.startswith("+98"):
        kept = "0" + kept[3:]
    elif kept.startswith("0098"):
        kept = "0" + kept[4:]
    elif kept.startswith("98") and len(kept) == 12:
        kept = "0" + kept[2:]
    if not kept.isascii() or not kept.isdigit():
        raise DomainError(
            PersonDetailRefusal.PHONE_NOT_DIGITS,
            fa="شمارهٔ تلفن فقط از رقم تشکیل می‌شود.",
            en="A phone number has digits only.",
        )
    if len(kept) == 10 and not kept.startswith("0"):
        kept = "0" + kept
    if len(kept) != 11 or not kept.startswith("0"):
        raise DomainError(
            PersonDetailRefusal.PHONE_WRONG_LENGTH,
            fa="شمارهٔ تلفن باید ۱۱ رقم باشد و با ۰ آغاز شود (مانند ۰۹۱۲۳۴۵۶۷۸۹).",
            en="A phone number has 11 digits starting with 0 (such as 09123456789).",
        )
    return kept
