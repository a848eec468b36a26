"""Women's share of the people serving: per board, per level, per station roster.

The seed asks for women's presence in the executive HQs, the supervisory boards and the
planning; shora shows it everywhere people serve, with the counts beside the percentage
so that a small board's 50 % is read as the one woman of two it is.

Percentages are exact fractions underneath; for showing they are rounded to tenths of a
percent, half up, with integers only (no floating point): the same counts always give
the same figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from .digits import to_persian_digits

FEMALE = "female"
MALE = "male"


@dataclass(frozen=True)
class Share:
    """``women`` of ``total`` people."""

    women: int
    total: int

    def __post_init__(self) -> None:
        for value in (self.women, self.total):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"counts are whole numbers, not {value!r}")
        if not 0 <= self.women <= self.total:
            raise ValueError(f"{self.women} women of {self.total} people is impossible")

    @property
    def men(self) -> int:
        return self.total - self.women

    @property
    def fraction(self) -> Fraction | None:
        """Women's share as an exact fraction of one; None for nobody."""
        return Fraction(self.women, self.total) if self.total else None

    @property
    def percent_tenths(self) -> int | None:
        """The percentage in tenths (0 to 1000), rounded half up; None for nobody."""
        if not self.total:
            return None
        return (self.women * 2000 + self.total) // (2 * self.total)

    def __add__(self, other: Share) -> Share:
        return Share(self.women + other.women, self.total + other.total)


NOBODY = Share(0, 0)


def share_of(genders: Iterable[str]) -> Share:
    """The share of women among people given by their gender codes."""
    women = total = 0
    for gender in genders:
        if gender not in (FEMALE, MALE):
            raise ValueError(f"unknown gender code {gender!r}")
        total += 1
        women += gender == FEMALE
    return Share(women, total)


def combined(shares: Iterable[Share]) -> Share:
    """Several groups taken together (a level from its boards, say)."""
    total = NOBODY
    for share in shares:
        total = total + share
    return total


def format_percent(share: Share, language: str = "fa") -> str:
    """ "۳۳٫۳٪" in Persian, "33.3%" in English, "—" for nobody."""
    tenths = share.percent_tenths
    if tenths is None:
        return "—"
    whole, tenth = divmod(tenths, 10)
    if language == "en":
        return f"{whole}.{tenth}%"
    return f"{to_persian_digits(whole)}\u066b{to_persian_digits(tenth)}\u066a"
