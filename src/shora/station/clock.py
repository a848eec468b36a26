"""The station's clock: Tehran time, cut to the hour for ballots and tokens and to the
minute for incidents (invariant 2: nothing finer is kept). One place, so tests can hold
it still."""

from __future__ import annotations

import datetime

from shora_domain.jalali import TEHRAN
from shora_domain.polling_hours import hour_label, to_hour


def now() -> datetime.datetime:
    """The station's wall clock, in Tehran."""
    return datetime.datetime.now(TEHRAN)


def this_hour() -> datetime.datetime:
    """The start of the current hour, in Tehran (aware)."""
    return to_hour(now())


def this_hour_label() -> str:
    """The current hour as the journal and the centre write it: "2026-05-01T10:00"."""
    return hour_label(this_hour())


def this_minute_iso() -> str:
    """The current minute with its offset, as incidents are dated: "2026-05-01T10:17:00+03:30"."""
    return now().replace(second=0, microsecond=0).isoformat()
