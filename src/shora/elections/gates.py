"""Gates as data: what is still missing before an election may enter a phase.

Each check returns a list of problems (empty when satisfied). The settings page shows the
list; ``election_phase_advance`` refuses while it is not empty. The other parts of the
election (registers, candidates, boards, polling, results) add their checks to
``PHASE_CHECKS`` and what must happen on entering a phase (freezing the candidate lists on
entering "ready", say) to ``PHASE_ENTRY_ACTIONS``, from their AppConfig.ready().
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone

from shora.elections.models import Election, Phase
from shora_domain.digits import format_number


@dataclass(frozen=True)
class GateProblem:
    code: str
    fa: str
    en: str

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa


GateCheck = Callable[[Election], list[GateProblem]]
# (actor, election) → None; runs inside the phase move's transaction, after the gate passed.
PhaseEntryAction = Callable[[Any, Election], None]


def _polling_hours(election: Election) -> float:
    opens = datetime.datetime.combine(election.polling_date, election.opens_at)
    closes = datetime.datetime.combine(election.polling_date, election.closes_at)
    return (closes - opens).total_seconds() / 3600


def check_geography(election: Election) -> list[GateProblem]:
    problems: list[GateProblem] = []
    if not election.constituencies.exists():
        problems.append(
            GateProblem(
                "no_constituencies",
                "هیچ حوزهٔ انتخابیه‌ای تعریف نشده است.",
                "No constituency has been defined.",
            )
        )
    without_station = (
        election.constituencies.annotate(n=Count("stations")).filter(n=0).order_by("code")
    )
    for constituency in without_station[:50]:
        problems.append(
            GateProblem(
                "constituency_without_station",
                f"حوزهٔ «{constituency.name}» ({constituency.code}) هیچ شعبهٔ اخذ رأی ندارد.",
                f"Constituency {constituency.name_en or constituency.name} "
                f"({constituency.code}) has no polling station.",
            )
        )
    remaining = without_station.count() - 50
    if remaining > 0:
        problems.append(
            GateProblem(
                "constituency_without_station",
                f"و {format_number(remaining)} حوزهٔ دیگر بدون شعبه.",
                f"and {remaining} more constituencies without a station.",
            )
        )
    stations_without = election.stations.annotate(n=Count("constituencies")).filter(n=0)
    for station in stations_without.order_by("code")[:50]:
        problems.append(
            GateProblem(
                "station_without_constituency",
                f"شعبهٔ {station.code} به هیچ حوزه‌ای خدمت نمی‌دهد.",
                f"Station {station.code} serves no constituency.",
            )
        )
    return problems


def check_polling_hours(election: Election) -> list[GateProblem]:
    hours = _polling_hours(election)
    if hours < election.minimum_polling_hours:
        return [
            GateProblem(
                "polling_hours_too_short",
                f"ساعات اخذ رأی کمتر از {format_number(election.minimum_polling_hours)} ساعت است.",
                f"Polling lasts {hours:g} hours, less than the minimum of "
                f"{election.minimum_polling_hours}.",
            )
        ]
    return []


def check_polling_day_reached(election: Election) -> list[GateProblem]:
    today = timezone.localdate()
    if election.is_drill or today == election.polling_date:
        return []
    return [
        GateProblem(
            "not_polling_day",
            "امروز روز اخذ رأی نیست.",
            f"Today is not polling day ({election.polling_date.isoformat()}).",
        )
    ]


def check_polls_have_closed(election: Election) -> list[GateProblem]:
    if election.is_drill:
        return []
    now = timezone.localtime()
    closes = timezone.make_aware(
        datetime.datetime.combine(election.polling_date, election.closes_at)
    )
    if now >= closes:
        return []
    return [
        GateProblem(
            "polls_still_open",
            "زمان پایان اخذ رأی نرسیده است.",
            "The polls' closing time has not come yet.",
        )
    ]


PHASE_CHECKS: dict[str, list[GateCheck]] = {
    Phase.REGISTRATION: [check_geography, check_polling_hours],
    Phase.REVIEW: [],
    Phase.READY: [check_geography, check_polling_hours],
    Phase.POLLING: [check_polling_day_reached],
    Phase.CLOSED: [check_polls_have_closed],
    Phase.TALLIED: [],  # shora.results adds its check (every constituency tallied)
    Phase.CERTIFIED: [],  # shora.results adds its check (every constituency confirmed)
}


PHASE_ENTRY_ACTIONS: dict[str, list[PhaseEntryAction]] = {phase: [] for phase in Phase.values}


def phase_gate_problems(election: Election, target: str) -> list[GateProblem]:
    """What is still missing before ``election`` may enter phase ``target``."""
    problems: list[GateProblem] = []
    for check in PHASE_CHECKS.get(target, []):
        problems.extend(check(election))
    return problems


def next_phase(phase: str) -> str | None:
    order = list(Phase.values)
    index = order.index(phase)
    return order[index + 1] if index + 1 < len(order) else None
