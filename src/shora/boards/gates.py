"""The boards' part of the gate to "ready": every county's executive and supervisory boards
complete, every station with its chair and secretary (the roster's minimums)."""

from __future__ import annotations

from shora.boards.places import BoardPlace
from shora.boards.selectors import board_summaries, counties_in_election, stations_with_roster_gaps
from shora.elections.gates import GateProblem
from shora.elections.models import Election
from shora_domain.digits import format_number, to_persian_digits
from shora_domain.staff_roles import BoardKind

#: Problems listed one by one before the rest are counted ("and N more").
LISTED = 50

READY_BOARD_KINDS = (BoardKind.COUNTY_EXECUTIVE, BoardKind.COUNTY_SUPERVISORY)


def _capped(
    problems: list[GateProblem], code: str, what_fa: str, what_en: str
) -> list[GateProblem]:
    if len(problems) <= LISTED:
        return problems
    rest = len(problems) - LISTED
    return [
        *problems[:LISTED],
        GateProblem(
            code, f"و {format_number(rest)} {what_fa} دیگر.", f"and {rest} more {what_en}."
        ),
    ]


def check_boards_complete(election: Election) -> list[GateProblem]:
    places = [
        BoardPlace(election, kind, county.province, county)
        for county in counties_in_election(election).select_related("province")
        for kind in READY_BOARD_KINDS
    ]
    problems = []
    for summary in board_summaries(places):
        gaps = summary.gaps
        if gaps:
            problems.append(
                GateProblem(
                    "board_incomplete",
                    f"{summary.place.label('fa')}: {'، '.join(g.fa for g in gaps)}.",
                    f"{summary.place.label('en')}: {'; '.join(g.en for g in gaps)}.",
                )
            )
    return _capped(problems, "board_incomplete", "هیئت ناقص", "incomplete boards")


def check_station_rosters(election: Election) -> list[GateProblem]:
    problems = [
        GateProblem(
            "station_roster_incomplete",
            f"شعبهٔ {to_persian_digits(station.code)}: {'، '.join(g.fa for g in gaps)}.",
            f"Station {station.code}: {'; '.join(g.en for g in gaps)}.",
        )
        for station, gaps in stations_with_roster_gaps(election, election.stations.all())
    ]
    return _capped(problems, "station_roster_incomplete", "شعبهٔ ناقص", "incomplete stations")
