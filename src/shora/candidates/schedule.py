"""The registration and review calendar: its defaults, windows, deadlines, and the clock.

Defaults are the 7th round's dates (DOMAIN.md: cities register 21–27 Dey 1404, villages
24–30 Bahman 1404, 08:00–16:00; the supervisory board's results for cities on 3 Esfand
1404), kept as days before polling day so that any election (a drill, say) gets the same
rhythm. The other deadlines are not in the public sources and are settings: the
executive board decides within 10 days of a city's registration closing (7 Bahman); the
high board hears cities' appeals by 20 Esfand; villages: executive 10 Esfand,
supervisory 25 Esfand, high board 15 Farvardin 1405. The provincial HQ corrects them on
the schedule page before review begins.

``now`` is the one clock of this app (tests move it); deadlines and windows are read on
Tehran's wall clock.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from shora_domain.candidacy import RegistrationWindow
from shora_domain.candidate_review import Board
from shora_domain.jalali import TEHRAN

if TYPE_CHECKING:
    from shora.candidates.models import CandidacySchedule
    from shora.elections.models import Election

#: Date fields of the schedule → days before polling day (7th round: 11 Ordibehesht 1405).
DEFAULT_DAYS_BEFORE_POLLING = {
    "city_registration_opens_on": 110,  # 21 Dey 1404
    "city_registration_closes_on": 104,  # 27 Dey 1404
    "village_registration_opens_on": 77,  # 24 Bahman 1404
    "village_registration_closes_on": 71,  # 30 Bahman 1404
    "city_executive_deadline": 94,  # 7 Bahman 1404
    "city_supervisory_deadline": 68,  # 3 Esfand 1404
    "city_high_board_deadline": 51,  # 20 Esfand 1404
    "village_executive_deadline": 61,  # 10 Esfand 1404
    "village_supervisory_deadline": 46,  # 25 Esfand 1404
    "village_high_board_deadline": 27,  # 15 Farvardin 1405
}
DEFAULT_HOURS = {
    "registration_opens_at": datetime.time(8),
    "registration_closes_at": datetime.time(16),
}
#: The order the dates of one kind must keep.
ORDER_OF_DATES = (
    "registration_opens_on",
    "registration_closes_on",
    "executive_deadline",
    "supervisory_deadline",
    "high_board_deadline",
)
_DEADLINE_FIELD = {
    Board.EXECUTIVE: "executive_deadline",
    Board.SUPERVISORY: "supervisory_deadline",
    Board.HIGH_BOARD: "high_board_deadline",
}


def now() -> datetime.datetime:
    """The present moment (aware). The one clock of this app, so that tests can move it."""
    return timezone.now()


def tehran_time(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` on Tehran's wall clock, without its zone."""
    return moment.astimezone(TEHRAN).replace(tzinfo=None)


def tehran_today() -> datetime.date:
    return tehran_time(now()).date()


def schedule_defaults(election: Election) -> dict[str, datetime.date | datetime.time]:
    values: dict[str, datetime.date | datetime.time] = {
        field: election.polling_date - datetime.timedelta(days=days)
        for field, days in DEFAULT_DAYS_BEFORE_POLLING.items()
    }
    values.update(DEFAULT_HOURS)
    return values


def registration_window(schedule: CandidacySchedule, kind: str) -> RegistrationWindow:
    return RegistrationWindow(
        opens_on=getattr(schedule, f"{kind}_registration_opens_on"),
        closes_on=getattr(schedule, f"{kind}_registration_closes_on"),
        opens_at=schedule.registration_opens_at,
        closes_at=schedule.registration_closes_at,
    )


def step_deadline(schedule: CandidacySchedule, kind: str, board: Board) -> datetime.date | None:
    """The last day on which ``board`` may decide for a constituency of ``kind``."""
    field = _DEADLINE_FIELD.get(board)
    return getattr(schedule, f"{kind}_{field}") if field else None
