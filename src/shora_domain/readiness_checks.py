"""How a checklist item is checked, and whether an inspector's answer passes it.

An item is checked in one of three ways:

* **yes/no** — the inspector answers whether it holds (the fibre link is up);
* **measured** — the inspector types a measured value, which passes when it is at least
  (or at most) the item's threshold (the link's bandwidth ≥ 10 Mbit/s, the UPS's minutes
  ≥ 60); the inspector's own yes/no is not asked for;
* **photo** — the inspector takes a photo as evidence and answers yes/no (a ramp).

Values are typed in Persian, Arabic-Indic or Latin digits, with "." or the Persian decimal
separator "٫"; the Persian thousands separator "٬" is ignored. A Latin comma is refused
rather than guessed at (is "1,5" one and a half or fifteen?).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError

#: The largest measured value accepted (a sanity bound, not a rule of the election).
MAX_VALUE = Decimal("1000000")
_DECIMAL_SEPARATORS = str.maketrans({"٫": "."})
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,6})?")
_INVISIBLE = str.maketrans(dict.fromkeys("\u200c\u200d\u200e\u200f\u061c\u066c\ufeff "))


class CheckKind(enum.Enum):
    YES_NO = "yes_no"
    MEASURED = "measured"
    PHOTO = "photo"


class Comparison(enum.Enum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class CheckRefusal(enum.Enum):
    ANSWER_MISSING = "readiness.answer_missing"
    VALUE_MISSING = "readiness.value_missing"
    VALUE_UNREADABLE = "readiness.value_unreadable"
    VALUE_OUT_OF_RANGE = "readiness.value_out_of_range"
    PHOTO_MISSING = "readiness.photo_missing"
    THRESHOLD_MISSING = "readiness.threshold_missing"


@dataclass(frozen=True)
class MeasuredCheck:
    threshold: Decimal
    comparison: Comparison

    def passes(self, value: Decimal) -> bool:
        if self.comparison is Comparison.AT_LEAST:
            return value >= self.threshold
        return value <= self.threshold


def parse_measured_value(text: str, *, item: str = "") -> Decimal:
    """A measured value as typed: any digits, "." or "٫" as the decimal separator."""
    cleaned = to_latin_digits(text).translate(_INVISIBLE).translate(_DECIMAL_SEPARATORS).strip()
    where_fa = f"«{item}»: " if item else ""
    where_en = f"{item}: " if item else ""
    if not cleaned:
        raise DomainError(
            CheckRefusal.VALUE_MISSING,
            fa=f"{where_fa}مقدار اندازه‌گیری‌شده وارد نشده است.",
            en=f"{where_en}the measured value is missing.",
        )
    value = None
    if _PLAIN_NUMBER.fullmatch(cleaned):
        try:
            value = Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
            value = None
    if value is None:
        shown = text.strip()[:20]
        raise DomainError(
            CheckRefusal.VALUE_UNREADABLE,
            fa=f"{where_fa}«{shown}» عدد خوانایی نیست.",
            en=f"{where_en}“{shown}” is not a readable number.",
        )
    if value < 0 or value > MAX_VALUE:
        raise DomainError(
            CheckRefusal.VALUE_OUT_OF_RANGE,
            fa=(
                f"{where_fa}مقدار باید بین ۰ و {to_persian_digits(str(MAX_VALUE))} باشد، "
                f"نه {to_persian_digits(str(value))}."
            ),
            en=f"{where_en}the value must be between 0 and {MAX_VALUE}, not {value}.",
        )
    return value


def result_passes(
    kind: CheckKind,
    *,
    answer: bool | None,
    value: Decimal | None,
    has_photo: bool,
    measured: MeasuredCheck | None,
    item: str = "",
) -> bool:
    """Whether an inspector's result passes an item; refused when it is incomplete."""
    where_fa = f"«{item}»: " if item else ""
    where_en = f"{item}: " if item else ""
    if kind is CheckKind.MEASURED:
        if measured is None:
            raise DomainError(
                CheckRefusal.THRESHOLD_MISSING,
                fa=f"{where_fa}برای این بند آستانه‌ای تعریف نشده است.",
                en=f"{where_en}this item has no threshold.",
            )
        if value is None:
            raise DomainError(
                CheckRefusal.VALUE_MISSING,
                fa=f"{where_fa}مقدار اندازه‌گیری‌شده وارد نشده است.",
                en=f"{where_en}the measured value is missing.",
            )
        return measured.passes(value)
    if kind is CheckKind.PHOTO and not has_photo:
        raise DomainError(
            CheckRefusal.PHOTO_MISSING,
            fa=f"{where_fa}عکس این بند بارگذاری نشده است.",
            en=f"{where_en}this item needs a photo.",
        )
    if answer is None:
        raise DomainError(
            CheckRefusal.ANSWER_MISSING,
            fa=f"{where_fa}پاسخ «بله» یا «خیر» داده نشده است.",
            en=f"{where_en}answer yes or no.",
        )
    return answer
