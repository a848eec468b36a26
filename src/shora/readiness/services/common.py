"""What the readiness services share: who acted, when, and the checks every write makes."""

from __future__ import annotations

import datetime
from typing import Any

from shora.elections.models import Election, PollingStation
from shora.readiness import clock
from shora.readiness.errors import ReadinessRefusal, refuse
from shora_domain.jalali import format_jalali_datetime
from shora_domain.readiness_deadlines import refuse_after_polling_day

#: The system (the demo, a scheduled command) acts as nobody in particular.
SYSTEM_NAME = "system"
_ARABIC_TO_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


_EDGE_MARKS = "\u200c\u200d\u200e\u200f\u061c\ufeff"


def clean_text(text: str) -> str:
    """Text as stored for people to read: Persian yeh and kaf, single spaces, ZWNJ kept
    inside words but not left alone or at a word's ends."""
    words = (word.strip(_EDGE_MARKS) for word in text.translate(_ARABIC_TO_PERSIAN).split())
    return " ".join(word for word in words if word)


def person_name(actor: Any) -> str:
    """The name an actor is shown and compared by: full name, else username."""
    if actor is None:
        return SYSTEM_NAME
    return clean_text(actor.get_full_name() or actor.get_username())


def person_key(actor: Any, name: str) -> str:
    """Who someone is, for the "no self-verification" rule: the account when there is one,
    else the name the system recorded."""
    if actor is not None:
        return f"user:{actor.pk}"
    return f"name:{clean_text(name)}" if name.strip() else ""


def moment(at: datetime.datetime | None) -> datetime.datetime:
    """When something happened: now, or the past moment a record is entered for."""
    current = clock.now()
    if at is None:
        return current
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a readiness service needs an aware datetime, got a naive one")
    if at > current + datetime.timedelta(minutes=5):
        raise refuse(
            ReadinessRefusal.IN_THE_FUTURE,
            fa=f"زمان {format_jalali_datetime(at)} هنوز نرسیده است.",
            en=f"{format_jalali_datetime(at, 'en')} has not come yet.",
        )
    return at


def refuse_if_history(election: Election, at: datetime.datetime) -> None:
    """Once polling day has passed the checklist no longer changes."""
    refuse_after_polling_day(clock.local_date(at), election.polling_date)


def station_unit(station: PollingStation) -> str:
    return f"district:{station.district.code}"
