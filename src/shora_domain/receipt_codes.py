"""The voter's receipt code and the paper record's serial.

A receipt code is 12 digits: 11 drawn with ``secrets`` and a Damm check digit, so a code
read off the bulletin board or typed with one wrong digit or two neighbouring digits
swapped is refused as mistyped instead of matching nothing (or, worse, another receipt).
It is random, so it says nothing about the voter, the station's order of voting or the
time; 10^11 codes make guessing someone else's hopeless. It is shown as 1234-5678-9012.

The paper serial printed on the paper record is 8 characters from an alphabet without
the look-alikes 0/O and 1/I, also from ``secrets`` and unrelated to the receipt code.

Refusals never hint at another code: a wrong check digit is reported as such, never with
the digit that would have been right.
"""

from __future__ import annotations

import enum
import secrets

from .ballot_choices import keyed_code_normalise
from .ballot_codes import damm_check_digit
from .digits import to_persian_digits
from .errors import DomainError

RECEIPT_DIGITS = 12
PAPER_SERIAL_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PAPER_SERIAL_LENGTH = 8


class ReceiptRefusal(enum.Enum):
    """Why a receipt code typed in was refused."""

    EMPTY = "receipt.empty"
    NOT_DIGITS = "receipt.not_digits"
    WRONG_LENGTH = "receipt.wrong_length"
    BAD_CHECK_DIGIT = "receipt.bad_check_digit"


def receipt_code_new() -> str:
    """A new receipt code: 11 random digits and their Damm check digit."""
    body = "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS - 1))
    return body + str(damm_check_digit(body))


def receipt_code_parse(text: str) -> str:
    """The 12 Latin digits of the receipt code in ``text`` (Persian or Arabic digits,
    spaces, dashes and ZWNJ allowed), or a DomainError saying what is wrong."""
    if not isinstance(text, str):
        raise _not_digits()
    digits = keyed_code_normalise(text)
    if not digits:
        raise DomainError(
            ReceiptRefusal.EMPTY,
            fa="کد رسید وارد نشده است.",
            en="The receipt code is empty.",
        )
    if not (digits.isascii() and digits.isdigit()):
        raise _not_digits()
    if len(digits) != RECEIPT_DIGITS:
        raise DomainError(
            ReceiptRefusal.WRONG_LENGTH,
            fa=(
                f"کد رسید {to_persian_digits(RECEIPT_DIGITS)} رقم دارد؛ "
                f"{to_persian_digits(len(digits))} رقم وارد شده است."
            ),
            en=f"A receipt code has {RECEIPT_DIGITS} digits; {len(digits)} were given.",
        )
    if damm_check_digit(digits) != 0:
        raise DomainError(
            ReceiptRefusal.BAD_CHECK_DIGIT,
            fa="کد رسید درست وارد نشده است؛ آن را دوباره با رسید چاپی مقایسه کنید.",
            en="The receipt code was mistyped; compare it again with the printed receipt.",
        )
    return digits


def _not_digits() -> DomainError:
    return DomainError(
        ReceiptRefusal.NOT_DIGITS,
        fa="کد رسید فقط از رقم تشکیل می‌شود.",
        en="A receipt code has only digits.",
    )


def receipt_code_display(code: str) -> str:
    """The receipt code in groups of four: "1234-5678-9012"."""
    digits = receipt_code_parse(code)
    return "-".join(digits[start : start + 4] for start in range(0, RECEIPT_DIGITS, 4))


def paper_serial_new() -> str:
    """A new serial for the paper record: 8 characters without 0/O or 1/I."""
    return "".join(secrets.choice(PAPER_SERIAL_ALPHABET) for _ in range(PAPER_SERIAL_LENGTH))
