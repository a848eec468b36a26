"""Women's presence in every group, side by side: for a scope, per unit one level down, and
over time through the election's phases (snapshots).

The groups are the eligible voters, the voters on the day, the registered and approved
candidates, the members elected and the alternates (from the results app's stored
standings, once a constituency is tallied), the board members and the station rosters
(``boards.womens_presence``). Each is a ``Share``: women of people, counts beside the
percentage. Every figure comes from grouped queries, never one per unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from shora.boards.models import BoardMembership, StaffPost
from shora.candidates.models import ACTIVE_STATUS_VALUES, BallotEntry, Candidacy
from shora.elections.models import Election
from shora.participation.access import Scope
from shora.participation.models import WomensGoal, WomensGroup
from shora.results.models import ConstituencyResult
from shora_domain.womens_share import FEMALE, NOBODY, Share

#: The groups that exist only once a constituency has been tallied.
ELECTED_GROUPS = (WomensGroup.WINNERS, WomensGroup.ALTERNATES)
#: The groups that have no meaning for a single constituency (they serve a district or more).
SERVING_GROUPS = (WomensGroup.BOARDS, WomensGroup.ROSTERS)


def _unit_path(scope: Scope) -> str:
    """The field, from a constituency, naming the unit one level below ``scope``."""
    return {
        "province": "district__county_id",
        "county": "district_id",
        "district": "id",
    }[scope.level]


def _in_scope(scope: Scope, prefix: str = "constituency__") -> Q:
    if scope.district is not None:
        return Q(**{f"{prefix}district": scope.district})
    if scope.county is not None:
        return Q(**{f"{prefix}district__county": scope.county})
    return Q()


@dataclass
class Elected:
    """Women among the members elected and the alternates, per unit one level down."""

    tallied: int = 0
    constituencies: int = 0
    winners: dict[int, Share] = field(default_factory=dict)
    alternates: dict[int, Share] = field(default_factory=dict)

    def total(self, group: WomensGroup) -> Share:
        shares = self.winners if group == WomensGroup.WINNERS else self.alternates
        total = NOBODY
        for share in shares.values():
            total = total + share
        return total


def elected_shares(election: Election, scope: Scope) -> Elected:
    """Women among the members and alternates of the tallied constituencies of ``scope``,
    read from each result's stored standings; a candidate's gender is that of the candidacy
    behind its code on the frozen ballot."""
    path = _unit_path(scope)
    constituencies = election.constituencies.filter(_in_scope(scope, ""))
    elected = Elected(constituencies=constituencies.count())
    results = list(
        ConstituencyResult.objects.filter(election=election)
        .filter(_in_scope(scope))
        .values_list("constituency_id", f"constituency__{path}", "standings")
    )
    elected.tallied = len(results)
    if not results:
        return elected
    women = {
        (constituency_id, code)
        for constituency_id, code in BallotEntry.objects.filter(
            constituency_id__in=[row[0] for row in results], candidacy__gender=FEMALE
        ).values_list("constituency_id", "code")
    }
    counts: dict[str, dict[int, list[int]]] = {
        "member": defaultdict(lambda: [0, 0]),
        "alternate": defaultdict(lambda: [0, 0]),
    }
    for constituency_id, unit_id, standings in results:
        for standing in standings:
            tally = counts.get(standing["outcome"])
            if tally is None:
                continue
            tally[unit_id][1] += 1
            if (constituency_id, standing["code"]) in women:
                tally[unit_id][0] += 1
    elected.winners = {unit: Share(w, n) for unit, (w, n) in counts["member"].items()}
    elected.alternates = {unit: Share(w, n) for unit, (w, n) in counts["alternate"].items()}
    return elected


def candidacy_shares(election: Election, scope: Scope) -> dict[int | None, dict[str, Share]]:
    """Women among registered (active) and approved candidates, per unit one level down;
    the key None holds the scope's own total."""
    path = f"constituency__{_unit_path(scope)}"
    counted = (
        Candidacy.objects.filter(election=election)
        .filter(_in_scope(scope))
        .values(path)
        .annotate(
            registered=Count("pk", filter=Q(status__in=ACTIVE_STATUS_VALUES)),
            registered_women=Count("pk", filter=Q(status__in=ACTIVE_STATUS_VALUES, gender=FEMALE)),
            approved=Count("pk", filter=Q(status="approved")),
            approved_women=Count("pk", filter=Q(status="approved", gender=FEMALE)),
        )
    )
    shares: dict[int | None, dict[str, Share]] = {}
    total = {"registered": NOBODY, "approved": NOBODY}
    for row in counted:
        own = {
            "registered": Share(row["registered_women"], row["registered"]),
            "approved": Share(row["approved_women"], row["approved"]),
        }
        shares[row[path]] = own
        total = {key: total[key] + own[key] for key in total}
    shares[None] = total
    return shares


def serving_shares(election: Election, scope: Scope) -> dict[int | None, dict[str, Share]]:
    """Board members and station rosters per unit one level down (a county's district
    boards counted in its county); None holds the scope's total. Nothing per constituency.

    The same seats and posts as ``boards.womens_presence`` (active ones; a county's boards
    are those whose county is it, a district's those of the district), counted here in two
    queries grouped by county and district: that function also lays out every board and
    station for the boards' own page, which the dashboard does not show."""
    counts = {"n": Count("pk"), "women": Count("pk", filter=Q(person__gender=FEMALE))}
    seats = BoardMembership.objects.filter(board__election=election, ended_at__isnull=True)
    posts = StaffPost.objects.filter(
        election=election, ended_at__isnull=True, station__isnull=False
    )
    if scope.district is not None:
        seats = seats.filter(board__district=scope.district)
        posts = posts.filter(station__district=scope.district)
    elif scope.county is not None:
        seats = seats.filter(board__county=scope.county)
        posts = posts.filter(station__district__county=scope.county)
    shares: dict[int | None, dict[str, Share]] = defaultdict(
        lambda: {"boards": NOBODY, "rosters": NOBODY}
    )

    def add(group: str, county: int | None, district: int | None, share: Share) -> None:
        keys: list[int | None] = [None]
        if scope.level == "province" and county is not None:
            keys.append(county)
        elif scope.level == "county" and district is not None:
            keys.append(district)
        for key in keys:
            shares[key] = {**shares[key], group: shares[key][group] + share}

    for county, district, n, women in (
        seats.values_list("board__county_id", "board__district_id")
        .annotate(**counts)
        .values_list("board__county_id", "board__district_id", "n", "women")
    ):
        add("boards", county, district, Share(women, n))
    for county, district, n, women in (
        posts.values_list("station__district__county_id", "station__district_id")
        .annotate(**counts)
        .values_list("station__district__county_id", "station__district_id", "n", "women")
    ):
        add("rosters", county, district, Share(women, n))
    return dict(shares)


@dataclass(frozen=True)
class WomensLine:
    group: WomensGroup
    share: Share
    goal_tenths: int | None
    pending: bool = False  # an elected group before any constituency is tallied

    @property
    def percent_tenths(self) -> int | None:
        return None if self.pending else self.share.percent_tenths

    @property
    def gap_tenths(self) -> int | None:
        if self.goal_tenths is None or self.percent_tenths is None:
            return None
        return self.percent_tenths - self.goal_tenths


def womens_goals(election: Election) -> dict[str, int]:
    return dict(WomensGoal.objects.filter(election=election).values_list("group", "goal_tenths"))


@dataclass
class WomensView:
    """The scope's line per group, and a row per unit one level down."""

    lines: list[WomensLine]
    units: list[tuple[Any, dict[str, Share | None]]]
    elected: Elected


def womens_view(
    election: Election, scope: Scope, figures: Any, unit_lines: Iterable[Any]
) -> WomensView:
    """Women's share of every group of ``scope`` with the HQ's goal, and per unit.

    ``figures`` and ``unit_lines`` are the dashboard's (``selectors.Figures``): their
    eligible and voters' women are already counted."""
    goals = womens_goals(election)
    candidacies = candidacy_shares(election, scope)
    serving = serving_shares(election, scope)
    elected = elected_shares(election, scope)
    totals = {
        WomensGroup.ELIGIBLE: figures.women_eligible_share,
        WomensGroup.VOTERS: figures.women_voters_share,
        WomensGroup.REGISTERED: candidacies[None]["registered"],
        WomensGroup.APPROVED: candidacies[None]["approved"],
        WomensGroup.WINNERS: elected.total(WomensGroup.WINNERS),
        WomensGroup.ALTERNATES: elected.total(WomensGroup.ALTERNATES),
        WomensGroup.BOARDS: serving.get(None, {}).get("boards", NOBODY),
        WomensGroup.ROSTERS: serving.get(None, {}).get("rosters", NOBODY),
    }
    lines = [
        WomensLine(
            group,
            totals[group],
            goals.get(group.value),
            pending=group in ELECTED_GROUPS and not elected.tallied,
        )
        for group in WomensGroup
    ]
    units: list[tuple[Any, dict[str, Share | None]]] = []
    for line in unit_lines:
        unit_id = int(line.key.split(":")[1])
        own = candidacies.get(unit_id, {})
        here = serving.get(unit_id) if scope.level != "district" else None
        units.append(
            (
                line,
                {
                    WomensGroup.ELIGIBLE.value: line.women_eligible_share,
                    WomensGroup.VOTERS.value: line.women_voters_share,
                    WomensGroup.REGISTERED.value: own.get("registered", NOBODY),
                    WomensGroup.APPROVED.value: own.get("approved", NOBODY),
                    WomensGroup.WINNERS.value: elected.winners.get(unit_id)
                    if elected.tallied
                    else None,
                    WomensGroup.ALTERNATES.value: elected.alternates.get(unit_id)
                    if elected.tallied
                    else None,
                    WomensGroup.BOARDS.value: here["boards"] if here else None,
                    WomensGroup.ROSTERS.value: here["rosters"] if here else None,
                },
            )
        )
    return WomensView(lines, units, elected)
