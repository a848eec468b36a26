"""A recount of a constituency from its stored ballots, and where it differs from the result.

The centre keeps each tallied constituency's opened ballots, shuffled, one canonical JSON
line each (``null`` for a rejected ballot): the record's ``ballots.jsonl``. A recount reads
those lines again, counts them (``count_ballots``), decides the standings again with the
constituency's seed (``standings_decide``) and compares the count, the standings and the
ties with those stored at the tally, field by field (``json_differences``). A line that is
neither ``null`` nor a ballot this ballot allows is counted as rejected and reported: the
tally never stores one, so it can only be an alteration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .ballot_choices import CastBallot, cast_ballot_check, cast_ballot_from_bytes
from .ballot_definition import BallotDefinition
from .counting import Count, count_ballots
from .election_record import REJECTED_LINE, count_to_dict, standings_to_dict
from .errors import DomainError
from .json_differences import json_differences
from .standings import Standings, standings_decide

#: The names the differences give the two sides.
SIDES = ("the stored result", "the recount")


@dataclass(frozen=True)
class Recount:
    count: Count
    standings: Standings
    unreadable_lines: tuple[int, ...]  # line numbers (1…) counted as rejected, not null


def _casts(
    ballot: BallotDefinition, lines: Iterable[bytes], unreadable: list[int]
) -> Iterable[CastBallot | None]:
    for number, line in enumerate(lines, start=1):
        if line == REJECTED_LINE:
            yield None
            continue
        try:
            cast = cast_ballot_from_bytes(line)
            cast_ballot_check(ballot, cast)
        except DomainError:
            unreadable.append(number)
            yield None
            continue
        yield cast


def recount_lines(ballot: BallotDefinition, lines: Iterable[bytes], seed: str) -> Recount:
    """Count ``lines`` (each without its newline) and decide the standings with ``seed``."""
    unreadable: list[int] = []
    count = count_ballots(ballot, _casts(ballot, lines, unreadable))
    return Recount(count, standings_decide(ballot, count, seed), tuple(unreadable))


def recount_differences(
    recount: Recount,
    *,
    stored_count: Mapping[str, object],
    stored_standings: Sequence[object],
    stored_ties: Sequence[object],
) -> list[str]:
    """Every difference between the stored result and the recount, each naming the field
    and both values ("count.valid: the stored result has 250, the recount 249"); empty
    when they are the same. Unreadable lines are differences of their own."""
    again = standings_to_dict(recount.standings)
    found = json_differences(stored_count, count_to_dict(recount.count), "count", names=SIDES)
    found += json_differences(stored_standings, again["standings"], "standings", names=SIDES)
    found += json_differences(stored_ties, again["ties"], "ties", names=SIDES)
    if recount.unreadable_lines:
        shown = ", ".join(str(n) for n in recount.unreadable_lines[:20])
        more = " …" if len(recount.unreadable_lines) > 20 else ""
        found.append(
            f"ballots: {len(recount.unreadable_lines)} stored lines are neither null nor a "
            f"ballot of this constituency (lines {shown}{more}); counted as rejected"
        )
    return found
