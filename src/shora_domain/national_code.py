"""The Iranian national code (کد ملی): ten digits, the last a check digit.

``parse_national_code`` accepts what people type (Persian, Arabic-Indic or Latin digits,
dashes, spaces, invisible direction marks pasted from Persian text) and returns the
canonical ten Latin digits. Codes of 8 or 9 digits get leading zeros, as the civil
registry writes them. A wrong check digit is refused without revealing the right one.
"""

from __future__ import annotations

import enum

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError

CODE_LENGTH = 10

# Characters dropped before reading the digits: whitespace is handled separately.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_INVISIBLE = frozenset(
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_DIGITS = frozenset("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")


class NationalCodeRefusal(enum.Enum):
    """Why a national code was refused."""

    EMPTY = "national_code.empty"
    NOT_DIGITS = "national_code.not_digits"
    WRONG_LENGTH = "national_code.wrong_length"
    REPEATED_DIGITS = "national_code.repeated_digits"
    WRONG_CHECK_DIGIT = "national_code.wrong_check_digit"


def _shown(char: str) -> str:
    """A character as a person can see it in a message."""
    if char.isprintable() and not char.isspace():
        return char
    return f"U+{ord(char):04X}"


def _digits_of(raw: str) -> str:
    """The Latin digits of ``raw`` without separators, or a NOT_DIGITS/EMPTY refusal."""
    kept: list[str] = []
    for index, char in enumerate(raw):
        if char.isspace() or char in _DASHES or char in _INVISIBLE:
            continue
        if char not in _DIGITS:
            shown = _shown(char)
            position = index + 1
            raise DomainError(
                NationalCodeRefusal.NOT_DIGITS,
                fa=(
                    f"کد ملی فقط از رقم تشکیل می‌شود؛ نویسهٔ «{shown}» "
                    f"در جایگاه {to_persian_digits(position)} رقم نیست."
                ),
                en=(
                    f"A national code has only digits; “{shown}” at position "
                    f"{position} is not a digit."
                ),
            )
        kept.append(char)
    if not kept:
        raise DomainError(
            NationalCodeRefusal.EMPTY,
            fa="کد ملی وارد نشده است.",
            en="The national code is empty.",
        )
    return to_latin_digits("".join(kept))


def national_code_check_digit(first_nine: str) -> int:
    """The check digit for the first nine digits (Persian or Arabic digits allowed)."""
    digits = to_latin_digits(first_nine)
    if not all(c in "0123456789" for c in digits):
        raise DomainError(
            NationalCodeRefusal.NOT_DIGITS,
            fa="برای محاسبهٔ رقم کنترل، فقط رقم پذیرفته است.",
            en=f"The check digit is computed from digits only; got {first_nine!r}.",
        )
    if len(digits) != CODE_LENGTH - 1:
        raise DomainError(
            NationalCodeRefusal.WRONG_LENGTH,
            fa=(
                "برای محاسبهٔ رقم کنترل ۹ رقم لازم است؛ "
                f"{to_persian_digits(len(digits))} رقم داده شده است."
            ),
            en=f"The check digit needs exactly 9 digits; {len(digits)} were given.",
        )
    total = sum(int(digit) * (CODE_LENGTH - i) for i, digit in enumerate(digits))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def parse_national_code(raw: str) -> str:
    """The canonical ten Latin digits of ``raw``, or a DomainError saying what is wrong."""
    digits = _digits_of(raw)
    if len(digits) in (CODE_LENGTH - 2, CODE_LENGTH - 1):
        digits = digits.zfill(CODE_LENGTH)
    if len(digits) != CODE_LENGTH:
        count = len(digits)
        raise DomainError(
            NationalCodeRefusal.WRONG_LENGTH,
            fa=(f"کد ملی ۱۰ رقم دارد؛ {to_persian_digits(count)} رقم وارد شده است."),
            en=f"A national code has 10 digits; {count} were given.",
        )
    if len(set(digits)) == 1:
        raise DomainError(
            NationalCodeRefusal.REPEATED_DIGITS,
            fa=(
                f"کد ملی {to_persian_digits(digits)} پذیرفته نیست: "
                "کدی که ده رقمش یکسان باشد، کد ملی نیست."
            ),
            en=(
                f"The national code {digits} is refused: a code of one digit "
                "repeated ten times is not a national code."
            ),
        )
    if national_code_check_digit(digits[:-1]) != int(digits[-1]):
        raise DomainError(
            NationalCodeRefusal.WRONG_CHECK_DIGIT,
            fa="رقم کنترل کد ملی (رقم آخر) درست نیست؛ کد را دوباره بررسی کنید.",
            en=(
                "The national code's check digit (its last digit) is wrong; "
                "please check the code again."
            ),
        )
    return digits


def is_national_code_valid(raw: str) -> bool:
    """Whether ``parse_national_code(raw)`` would accept ``raw``."""
    try:
        parse_national_code(raw)
    except DomainError:
        return False
    return True
