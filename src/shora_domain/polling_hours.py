"""Times on election day, cut to the hour: the finest time stored with a ballot.

Invariant 2 (secrecy): nothing stored, logged or published may link a voter to a ballot,
and an exact time would (the identity desk records when each voter came). So a ballot
keeps only the hour it was cast in, written "YYYY-MM-DDTHH:00" in the station's local
time; convert a moment to the election's time zone before labelling it.
"""

from __future__ import annotations

import datetime
import enum
import re

from .errors import DomainError

_HOUR_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})")


class PollingHourRefusal(enum.Enum):
    """Why an hour label was refused."""

    BAD_LABEL = "polling_hour.bad_label"
    NOT_ON_THE_HOUR = "polling_hour.not_on_the_hour"


def to_hour(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` with its minutes, seconds and microseconds set to zero (tzinfo kept)."""
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_label(moment: datetime.datetime) -> str:
    """The hour of ``moment`` on its own clock: "2026-05-01T08:00"."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:00"


def _bad_label() -> DomainError:
    return DomainError(
        PollingHourRefusal.BAD_LABEL,
        fa="ساعت باید به شکل YYYY-MM-DDTHH:00 و تاریخی درست باشد.",
        en="The hour must be a real date and hour written YYYY-MM-DDTHH:00.",
    )


def parse_hour_label(text: str) -> datetime.datetime:
    """The naive datetime of an hour label; DomainError unless it is exactly
    "YYYY-MM-DDTHH:00" with Latin digits and a real date and hour."""
    match = _HOUR_LABEL.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise _bad_label()
    year, month, day, hour, minute = (int(part) for part in match.groups())
    if minute != 0:
        raise DomainError(
            PollingHourRefusal.NOT_ON_THE_HOUR,
            fa="ساعت رأی فقط تا ساعت کامل ثبت می‌شود (دقیقه باید ۰۰ باشد).",
            en="A ballot's time is kept to the hour only: the minutes must be 00.",
        )
    try:
        # Naive on purpose: the label is the station's local wall-clock hour, with no zone.
        return datetime.datetime(year, month, day, hour)  # noqa: DTZ001
    except ValueError as error:
        raise _bad_label() from error
