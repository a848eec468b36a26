"""Digits in three scripts: Latin (0-9), Persian (۰-۹) and Arabic-Indic (٠-٩).

Input may come in any of them; programs work with Latin digits and people read
Persian ones.
"""

from __future__ import annotations

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669

#: The Arabic thousands separator, used between groups of Persian digits.
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)


def to_latin_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits turned into 0-9; the rest kept."""
    return text.translate(_TO_LATIN)


def to_persian_digits(value: str | int) -> str:
    """``value`` with Latin and Arabic-Indic digits turned into Persian ones."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"expected str or int, got {type(value).__name__}")
    return str(value).translate(_TO_PERSIAN)


def format_number(value: int, language: str = "fa") -> str:
    """``value`` with thousands grouped: "۱٬۲۳۴٬۵۶۷" in Persian, "1,234,567" in English.

    A negative number gets a leading "-". Any language other than "en" gets Persian.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected int, got {type(value).__name__}")
    sign = "-" if value < 0 else ""
    grouped = f"{abs(value):,}"
    if language == "en":
        return sign + grouped
    return sign + to_persian_digits(grouped.replace(",", PERSIAN_THOUSANDS_SEPARATOR))
