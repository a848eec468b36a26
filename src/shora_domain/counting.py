"""Counting a constituency's opened ballots: votes per candidate, and every ballot accounted for.

The rules (DOMAIN.md, "The ballot and the winners"; docs/results.md, "Counting"):

* **valid**: at least one candidate chosen; each chosen candidate gets one vote;
* **blank**: nothing keyed at all (no choice, nothing skipped); counts in turnout;
* **void**: only codes that are no candidate (no choice, something skipped); counts in
  turnout;
* **skipped codes**: the sum of ``skipped`` over the valid, blank and void ballots;
* **rejected**: a ballot that did not decrypt (``None``), or whose content breaks the
  ballot's rules (what ``cast_ballot_check`` refuses: another constituency, a code not on
  the ballot, more than N choices, choices repeated or out of ballot order), or whose
  number skipped is not a whole number ≥ 0. It is counted apart, never dropped; nothing
  of its content (votes or skipped codes) is counted.

So ``ballots == valid + blank + void + rejected`` always, and the result depends neither on
the order of the ballots nor on how they are split among stations: ``counts_merge`` of the
stations' counts equals the count of all their ballots together.

``count_ballots`` does the checks of ``cast_ballot_check`` itself, with the ballot's order
of codes worked out once, because the function builds that order again for every ballot
and a city's count is a million ballots of a ballot of 750 candidates; the tests check
that both refuse exactly the same ballots.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain

from .ballot_choices import CastBallot
from .ballot_definition import BallotDefinition
from .digits import to_persian_digits
from .errors import DomainError

# The valid ballots' choices are gathered and counted in batches of this many ballots, so
# that counting runs in C (Counter) without holding every ballot of a city in memory.
_BATCH = 65_536


class CountRefusal(enum.Enum):
    """Why counts could not be merged."""

    WRONG_CONSTITUENCY = "count.wrong_constituency"
    WRONG_CANDIDATES = "count.wrong_candidates"
    INCONSISTENT = "count.inconsistent"


@dataclass(frozen=True)
class Count:
    """The count of a constituency's ballots (or of one station's share of them)."""

    constituency_code: str
    votes: Mapping[str, int]  # every candidate code of the ballot, in ballot order, 0 included
    ballots: int  # = valid + blank + void + rejected
    valid: int
    blank: int
    void: int
    rejected: int
    skipped_codes: int


def count_ballots(ballot: BallotDefinition, casts: Iterable[CastBallot | None]) -> Count:
    """The count of ``casts`` (``None`` = a ballot that did not decrypt) on ``ballot``."""
    codes = [candidate.code for candidate in ballot.candidates]
    place = {code: number for number, code in enumerate(codes)}.get
    constituency, members = ballot.constituency_code, ballot.members
    tally: Counter[str] = Counter()
    batch: list[tuple[str, ...]] = []
    ballots = valid = blank = void = rejected = skipped_codes = 0
    for cast in casts:
        ballots += 1
        if cast is None or cast.constituency_code != constituency:
            rejected += 1
            continue
        choices, skipped = cast.choices, cast.skipped
        if type(skipped) is not int or skipped < 0 or len(choices) > members:
            rejected += 1
            continue
        previous = -1
        for code in choices:  # each code on the ballot, strictly after the one before
            number = place(code, -1)
            if number <= previous:
                rejected += 1
                break
            previous = number
        else:
            skipped_codes += skipped
            if choices:
                valid += 1
                batch.append(choices)
                if len(batch) == _BATCH:
                    tally.update(chain.from_iterable(batch))
                    batch.clear()
            elif skipped:
                void += 1
            else:
                blank += 1
    tally.update(chain.from_iterable(batch))
    return Count(
        constituency_code=constituency,
        votes={code: tally[code] for code in codes},
        ballots=ballots,
        valid=valid,
        blank=blank,
        void=void,
        rejected=rejected,
        skipped_codes=skipped_codes,
    )


def _check_part(ballot: BallotDefinition, count: Count, codes: frozenset[str]) -> None:
    if count.constituency_code != ballot.constituency_code:
        raise DomainError(
            CountRefusal.WRONG_CONSTITUENCY,
            fa=(
                f"شمارش حوزهٔ {to_persian_digits(count.constituency_code)} با برگهٔ رأی حوزهٔ "
                f"{to_persian_digits(ballot.constituency_code)} جمع نمی‌شود."
            ),
            en=(
                f"The count of constituency {count.constituency_code} cannot be added to "
                f"the ballot of constituency {ballot.constituency_code}."
            ),
        )
    if len(count.votes) != len(codes) or not codes.issuperset(count.votes):
        raise DomainError(
            CountRefusal.WRONG_CANDIDATES,
            fa="نامزدهای این شمارش همان نامزدهای برگهٔ رأی نیستند.",
            en="The candidates of this count are not those of the ballot.",
        )
    figures = [count.ballots, count.valid, count.blank, count.void, count.rejected]
    figures += [count.skipped_codes, *count.votes.values()]
    if (
        any(type(figure) is not int or figure < 0 for figure in figures)
        or count.ballots != count.valid + count.blank + count.void + count.rejected
        or sum(count.votes.values()) > count.valid * ballot.members
    ):
        raise DomainError(
            CountRefusal.INCONSISTENT,
            fa="ارقام این شمارش با هم نمی‌خوانند.",
            en="The figures of this count do not add up.",
        )


def counts_merge(ballot: BallotDefinition, counts: Iterable[Count]) -> Count:
    """The sum of ``counts`` (e.g. the stations' shares of a constituency's ballots);
    DomainError if one is of another constituency or ballot, or does not add up."""
    codes = [candidate.code for candidate in ballot.candidates]
    votes = dict.fromkeys(codes, 0)
    ballots = valid = blank = void = rejected = skipped_codes = 0
    for count in counts:
        _check_part(ballot, count, frozenset(codes))
        for code, number in count.votes.items():
            votes[code] += number
        ballots += count.ballots
        valid += count.valid
        blank += count.blank
        void += count.void
        rejected += count.rejected
        skipped_codes += count.skipped_codes
    return Count(
        constituency_code=ballot.constituency_code,
        votes=votes,
        ballots=ballots,
        valid=valid,
        blank=blank,
        void=void,
        rejected=rejected,
        skipped_codes=skipped_codes,
    )
