"""Rules of the participation dashboard: age bands, targets, small groups, queue load.

* **Age bands** are full Jalali years on polling day, the same reckoning as the voters' own
  rule (``jalali.latest_birth_date_for_age``, which minds 30 Esfand): the first band is the
  first-time voters, 18 to 21 (at most four years past the minimum age, so they could not
  have voted in the last council election four years before). Each band becomes a range of
  birth dates, so the register's millions are grouped in SQL, never person by person.
* **Targets** are percentages of the eligible register, typed by an official in Persian,
  Arabic-Indic or Latin digits with at most one decimal; kept as tenths of a percent.
* **Small groups** are hidden on public pages: a count below the minimum is shown as
  "fewer than N", so that nobody's vote can be inferred in a small village.
* **Queue load** is the expected voters per station in the busiest hour.

Percentages are whole tenths, rounded half up, from integers only: the same counts always
show the same figure (as ``womens_share`` does).
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError
from .jalali import latest_birth_date_for_age

FIRST_TIME_LAST_AGE = 21
BAND_STARTS = (18, 22, 30, 40, 50, 60)  # the last band is open-ended
DEFAULT_MINIMUM_COUNT = 10


class TurnoutRefusal(enum.Enum):
    TARGET_MALFORMED = "participation.target_malformed"
    TARGET_OUT_OF_RANGE = "participation.target_out_of_range"


@dataclass(frozen=True)
class AgeBand:
    """Voters aged ``lowest`` to ``highest`` full years on polling day (no top: None), i.e.
    born after ``born_after`` (None: no limit) and on or before ``born_on_or_before``."""

    key: str
    lowest: int
    highest: int | None
    born_on_or_before: datetime.date
    born_after: datetime.date | None

    @property
    def first_time(self) -> bool:
        return self.highest == FIRST_TIME_LAST_AGE

    def label(self, language: str = "fa") -> str:
        if self.highest is None:
            if language == "en":
                return f"{self.lowest} and over"
            return f"{to_persian_digits(self.lowest)} سال و بیشتر"
        if language == "en":
            first = " (first-time voters)" if self.first_time else ""
            return f"{self.lowest}–{self.highest}{first}"
        first = " (رأی‌اولی‌ها)" if self.first_time else ""
        return f"{to_persian_digits(self.lowest)}–{to_persian_digits(self.highest)}{first}"

    def holds(self, birth_date: datetime.date) -> bool:
        if birth_date > self.born_on_or_before:
            return False
        return self.born_after is None or birth_date > self.born_after


def age_bands(polling_date: datetime.date, minimum_age: int = 18) -> list[AgeBand]:
    """The bands for an election, youngest first; the first starts at ``minimum_age``.

    A person is in a band when their full years on ``polling_date`` lie within it; the bands
    neither overlap nor leave a gap, and nobody younger than ``minimum_age`` is in any."""
    starts = [minimum_age] + [start for start in BAND_STARTS[1:] if start > minimum_age]
    bands = []
    for index, lowest in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        bands.append(
            AgeBand(
                key=f"age_{lowest}",
                lowest=lowest,
                highest=following - 1 if following is not None else None,
                born_on_or_before=latest_birth_date_for_age(polling_date, lowest),
                born_after=(
                    latest_birth_date_for_age(polling_date, following)
                    if following is not None
                    else None
                ),
            )
        )
    return bands


_TARGET = re.compile(r"^\s*(-?)(\d{1,4})(?:[.\u066b/](\d))?\s*[%\u066a]?\s*$")


def parse_target_percent(text: str) -> int:
    """A target typed by an official ("۶۵", "65.5", "٪۷۰") → tenths of a percent (0–1000).

    Refuses anything but a number with at most one decimal, and anything below 0 or above
    100 percent, saying which."""
    match = _TARGET.match(to_latin_digits(text or ""))
    if match is None:
        typed = (text or "").strip()[:20]
        raise DomainError(
            TurnoutRefusal.TARGET_MALFORMED,
            fa=f"«{typed}» درصد نیست؛ عددی از ۰ تا ۱۰۰ بنویسید (مثلاً ۶۵ یا ۶۵٫۵).",
            en=f"“{typed}” is not a percentage; write 0 to 100 (e.g. 65 or 65.5).",
        )
    sign, whole, tenth = match.groups()
    tenths = int(whole) * 10 + int(tenth or 0)
    if sign:
        tenths = -tenths
    return target_tenths_check(tenths)


def target_tenths_check(tenths: int) -> int:
    """``tenths`` itself when it lies in 0–1000 (0 % to 100 %); refused otherwise."""
    if not 0 <= tenths <= 1000:
        raise DomainError(
            TurnoutRefusal.TARGET_OUT_OF_RANGE,
            fa="هدف مشارکت باید از ۰ تا ۱۰۰ درصد باشد.",
            en="A participation target lies between 0 and 100 percent.",
        )
    return tenths


def percent_tenths(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in tenths of a percent, half up; None when ``whole`` is 0."""
    if part < 0 or whole < 0:
        raise ValueError("counts are never negative")
    if whole == 0:
        return None
    return (part * 2000 + whole) // (2 * whole)


def format_tenths(tenths: int | None, language: str = "fa") -> str:
    """ "۶۵٫۵٪" in Persian, "65.5%" in English, "—" for none."""
    if tenths is None:
        return "—"
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if language == "en":
        return f"{sign}{whole}.{tenth}%"
    return f"{sign}{to_persian_digits(whole)}\u066b{to_persian_digits(tenth)}\u066a"


def shown_count(count: int, minimum: int) -> int | None:
    """The count a public page may show: None (shown as "fewer than ``minimum``") for a
    group of 1 to ``minimum`` − 1, so that no one's vote can be inferred; nought is shown,
    since it tells nothing about anyone."""
    if minimum < 1:
        raise ValueError("the minimum count is at least 1")
    if 0 < count < minimum:
        return None
    return count


def voters_needed(eligible: int, target_tenths: int) -> int:
    """How many voters reach ``target_tenths`` of ``eligible`` (rounded up)."""
    target_tenths_check(target_tenths)
    return -(-eligible * target_tenths // 1000)


def peak_hour_load(
    eligible: int, stations: int, *, turnout_tenths: int, peak_share_tenths: int = 150
) -> int | None:
    """Voters expected at each station in the busiest hour: the eligible voters times the
    expected turnout times the peak hour's share of the day (15 % by default), spread over
    the stations; None where no station serves them."""
    target_tenths_check(turnout_tenths)
    target_tenths_check(peak_share_tenths)
    if stations <= 0:
        return None
    return -(-eligible * turnout_tenths * peak_share_tenths // (1_000_000 * stations))
