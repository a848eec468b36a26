"""Who is elected: members, alternates in order, and every tie that had to be broken, and how.

The rules (DOMAIN.md, "The ballot and the winners"; docs/results.md):

* candidates are ordered by votes, highest first; there is no minimum of votes;
* the first N (N = the ballot's members) are members, the next M (its alternates) are
  alternates in that order, the rest are not elected; with fewer candidates than seats all
  are members, then alternates as far as there are candidates;
* candidates with equal votes are a tie. A tie **matters** when its places are not all
  members' places nor all places of the not elected: it straddles the last member's seat
  (``last_member``), or the last alternate's place (``last_alternate``), or lies among the
  alternates, whose order decides who fills a vacancy first (``alternate_order``);
* a tie that matters is broken by the law: veterans first; among those still tied where it
  matters, the higher degree (``Degree`` order); among those still tied where it matters,
  the lottery (``shora_domain.lottery``) of the constituency's seed, one draw of all the
  codes still tied, each still-tied part put in the draw's order (the draw of a part is
  the draw of all restricted to it, so this is the same as a draw per part). The
  ``TieBreak`` says the last of these that was needed;
* candidates whose order does not matter (a tie among members only, or among the not
  elected only, or a part left so after the veterans or the degree) stay in ballot-code
  order, and no tie is recorded for a tie that does not matter.

Everything is decided from the ballot, the count and the seed alone, so ``shora verify``
decides the same from the published record.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from .ballot_definition import BallotCandidate, BallotDefinition
from .counting import Count
from .digits import to_persian_digits
from .errors import DomainError
from .lottery import LotteryDraw, lottery_draw, lottery_seed_check

MEMBER = "member"
ALTERNATE = "alternate"
NOT_ELECTED = "not_elected"

LAST_MEMBER = "last_member"
LAST_ALTERNATE = "last_alternate"
ALTERNATE_ORDER = "alternate_order"

BY_VETERANS = "veterans"
BY_DEGREE = "degree"
BY_LOTTERY = "lottery"


class StandingsRefusal(enum.Enum):
    """Why a count could not be turned into standings."""

    WRONG_CONSTITUENCY = "standings.wrong_constituency"
    WRONG_CANDIDATES = "standings.wrong_candidates"
    BAD_VOTES = "standings.bad_votes"


@dataclass(frozen=True)
class Standing:
    """One candidate's place in the final order."""

    code: str
    name: str
    votes: int
    place: int  # 1.. in the final order
    outcome: str  # "member" | "alternate" | "not_elected"


@dataclass(frozen=True)
class TieBreak:
    """A tie that mattered, and how the law broke it."""

    votes: int
    codes: tuple[str, ...]  # the tied candidates, in ballot-code order
    boundary: str  # "last_member" | "last_alternate" | "alternate_order"
    decided_by: str  # "veterans" | "degree" | "lottery"
    order: tuple[str, ...]  # the order decided
    draw: LotteryDraw | None


@dataclass(frozen=True)
class Standings:
    """A constituency's final order, and the ties that were broken to reach it."""

    constituency_code: str
    standings: tuple[Standing, ...]
    ties: tuple[TieBreak, ...]


@dataclass(frozen=True)
class _Seats:
    members: int
    alternates: int

    def order_matters(self, start: int, end: int) -> bool:
        """Whether the order of places start..end-1 (0-based) changes anyone's outcome or
        rank as an alternate."""
        return end - start > 1 and end > self.members and start < self.members + self.alternates

    def boundary(self, start: int, end: int) -> str:
        if start < self.members < end:
            return LAST_MEMBER
        if start < self.members + self.alternates < end:
            return LAST_ALTERNATE
        return ALTERNATE_ORDER

    def outcome(self, place: int) -> str:
        if place < self.members:
            return MEMBER
        return ALTERNATE if place < self.members + self.alternates else NOT_ELECTED


def _check_count(ballot: BallotDefinition, count: Count) -> None:
    if count.constituency_code != ballot.constituency_code:
        raise DomainError(
            StandingsRefusal.WRONG_CONSTITUENCY,
            fa=(
                f"شمارش حوزهٔ {to_persian_digits(count.constituency_code)} از آنِ برگهٔ رأی "
                f"حوزهٔ {to_persian_digits(ballot.constituency_code)} نیست."
            ),
            en=(
                f"The count of constituency {count.constituency_code} is not of the ballot "
                f"of constituency {ballot.constituency_code}."
            ),
        )
    codes = {candidate.code for candidate in ballot.candidates}
    if len(count.votes) != len(codes) or not codes.issuperset(count.votes):
        raise DomainError(
            StandingsRefusal.WRONG_CANDIDATES,
            fa="نامزدهای شمارش همان نامزدهای برگهٔ رأی نیستند.",
            en="The candidates of the count are not those of the ballot.",
        )
    if any(type(votes) is not int or votes < 0 for votes in count.votes.values()):
        raise DomainError(
            StandingsRefusal.BAD_VOTES,
            fa="آرای هر نامزد باید عددی درست و نامنفی باشد.",
            en="Each candidate's votes must be a whole number, not negative.",
        )


_Part = list[BallotCandidate]


def _refine(
    parts: list[_Part], start: int, seats: _Seats, key: Callable[[BallotCandidate], int]
) -> list[_Part]:
    """Each part whose order still matters, sorted by ``key`` and split where it changes;
    the other parts as they were."""
    refined: list[_Part] = []
    for part in parts:
        if seats.order_matters(start, start + len(part)):
            ordered = sorted(part, key=key)  # stable: ballot-code order within equal keys
            refined.extend(list(same) for _, same in groupby(ordered, key=key))
        else:
            refined.append(part)
        start += len(part)
    return refined


def _still_tied(parts: list[_Part], start: int, seats: _Seats) -> list[_Part]:
    tied: list[_Part] = []
    for part in parts:
        if seats.order_matters(start, start + len(part)):
            tied.append(part)
        start += len(part)
    return tied


def _veterans_first(candidate: BallotCandidate) -> int:
    return 0 if candidate.veteran else 1


def _higher_degree_first(candidate: BallotCandidate) -> int:
    return -candidate.degree.rank


def _tie_break(
    group: _Part, start: int, votes: int, seats: _Seats, seed: str
) -> tuple[_Part, TieBreak]:
    """The group of candidates with ``votes``, at places start.. (0-based), in the order the
    law decides, and the record of how it was decided."""
    parts: list[_Part] = [group]
    decided_by, draw = BY_LOTTERY, None
    for decider, key in ((BY_VETERANS, _veterans_first), (BY_DEGREE, _higher_degree_first)):
        parts = _refine(parts, start, seats, key)
        if not _still_tied(parts, start, seats):
            decided_by = decider
            break
    else:
        tied = _still_tied(parts, start, seats)
        tied_codes = {candidate.code for part in tied for candidate in part}
        draw = lottery_draw(seed, [c.code for c in group if c.code in tied_codes])
        drawn_place = {code: number for number, code in enumerate(draw.order)}
        parts = [
            sorted(part, key=lambda c: drawn_place[c.code])
            if any(part is other for other in tied)
            else part
            for part in parts
        ]
    decided = [candidate for part in parts for candidate in part]
    return decided, TieBreak(
        votes=votes,
        codes=tuple(candidate.code for candidate in group),
        boundary=seats.boundary(start, start + len(group)),
        decided_by=decided_by,
        order=tuple(candidate.code for candidate in decided),
        draw=draw,
    )


def standings_decide(ballot: BallotDefinition, count: Count, seed: str) -> Standings:
    """Members, alternates and the not elected of ``ballot`` by ``count``, ties broken by
    the law with the lottery of ``seed`` (see the module notes); DomainError if the count
    is not of this ballot or the seed is malformed."""
    lottery_seed_check(seed)
    _check_count(ballot, count)
    seats = _Seats(ballot.members, ballot.alternates)
    by_votes = sorted(ballot.candidates, key=lambda c: -count.votes[c.code])
    order: list[BallotCandidate] = []
    ties: list[TieBreak] = []
    for votes, same in groupby(by_votes, key=lambda c: count.votes[c.code]):
        group = list(same)
        start = len(order)
        if seats.order_matters(start, start + len(group)):
            decided, tie = _tie_break(group, start, votes, seats, seed)
            order.extend(decided)
            ties.append(tie)
        else:
            order.extend(group)
    return Standings(
        constituency_code=ballot.constituency_code,
        standings=tuple(
            Standing(
                code=candidate.code,
                name=candidate.name,
                votes=count.votes[candidate.code],
                place=place + 1,
                outcome=seats.outcome(place),
            )
            for place, candidate in enumerate(order)
        ),
        ties=tuple(ties),
    )
