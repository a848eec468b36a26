"""Opening, counting and shuffling one constituency's sealed ballots: the tally's work
that needs the key and the CPU but no database, so that the centre can run it for several
constituencies at once in worker processes (``shora.results.services.tally_parallel``).

For each station, in the order given: every sealed ballot's SHA-256 must be the digest its
receipt committed to (else the constituency is left out: ``altered_station``); it is opened
(``ballot_opener``) in the constituency's context and read (``cast_ballot_from_bytes``); one
that does not open or read is rejected, published as ``null``. The station's ballots are
counted; one that opened but breaks the ballot's rules is published as ``null`` too. The
count of all the ballots must equal the merge of the stations' counts and the number of
lines (else ``counts_disagree``). The lines are shuffled with ``secrets.SystemRandom``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .ballot_choices import CastBallot, cast_ballot_check, cast_ballot_from_bytes
from .ballot_definition import BallotDefinition
from .ballot_sealing import ballot_context, ballot_opener
from .counting import Count, count_ballots, counts_merge
from .errors import DomainError

#: The line of a ballot that did not open, could not be read or broke the ballot's rules.
REJECTED_LINE = b"null"


@dataclass(frozen=True)
class StationBallots:
    """A station's sealed ballots of one constituency, each with its receipt's digest."""

    code: str
    rows: Iterable[tuple[bytes, str]]  # a list when sent to a worker


@dataclass
class Opened:
    """The constituency opened: its shuffled lines, each station's count and the count of
    the whole; or why it cannot be counted."""

    constituency_code: str
    lines: list[bytes] = field(default_factory=list)
    station_counts: dict[str, Count] = field(default_factory=dict)
    count: Count | None = None
    altered_station: str | None = None  # a sealed ballot no longer matches its digest
    counts_disagree: bool = False


class _Altered(Exception):
    def __init__(self, station: str) -> None:
        super().__init__(station)
        self.station = station


def station_open(
    rows: Iterable[tuple[bytes, str]],
    opener: Callable[[bytes, bytes], bytes],
    context: bytes,
    station: str,
) -> tuple[list[bytes], list[CastBallot | None]]:
    lines: list[bytes] = []
    casts: list[CastBallot | None] = []
    sha256 = hashlib.sha256
    for stored, digest in rows:
        sealed = bytes(stored)
        if sha256(sealed).hexdigest() != digest:
            raise _Altered(station)
        try:
            plaintext = opener(sealed, context)
            cast: CastBallot | None = cast_ballot_from_bytes(plaintext)
        except DomainError:
            plaintext, cast = REJECTED_LINE, None
        lines.append(plaintext)
        casts.append(cast)
    return lines, casts


def _rules_broken_nulled(
    definition: BallotDefinition, lines: list[bytes], casts: list[CastBallot | None]
) -> None:
    """Publish as ``null`` the ballots that opened but break the ballot's rules; run only
    where the count found one (checking each ballot alone costs as much as opening it)."""
    for place, cast in enumerate(casts):
        if cast is None:
            continue
        try:
            cast_ballot_check(definition, cast)
        except DomainError:
            lines[place], casts[place] = REJECTED_LINE, None


def constituency_open(
    private_key: bytes,
    election_ref: str,
    definition: BallotDefinition,
    stations: Iterable[StationBallots],
) -> Opened:
    """Open, count and shuffle one constituency's ballots (module notes). ``stations``
    may be a generator: only one station's ballots need be held at a time."""
    code = definition.constituency_code
    context = ballot_context(election_ref, code)
    opener = ballot_opener(private_key)
    opened = Opened(code)

    def station_by_station() -> Iterator[CastBallot | None]:
        for station in stations:
            lines, casts = station_open(station.rows, opener, context, station.code)
            count = count_ballots(definition, casts)
            if count.rejected > casts.count(None):
                _rules_broken_nulled(definition, lines, casts)
            opened.station_counts[station.code] = count
            opened.lines.extend(lines)
            yield from casts

    try:
        # The count does not depend on the order of the ballots (property tests of
        # counting), so counting as they are read is the count of the shuffled list.
        count = count_ballots(definition, station_by_station())
    except _Altered as altered:
        return Opened(code, altered_station=altered.station)
    secrets.SystemRandom().shuffle(opened.lines)
    merged = counts_merge(definition, opened.station_counts.values())
    if len(opened.lines) != count.ballots or merged != count:
        return Opened(code, counts_disagree=True)
    opened.count = count
    return opened


def constituency_open_job(
    job: tuple[bytes, str, BallotDefinition, list[StationBallots]],
) -> Opened:
    """``constituency_open`` of one job, as a worker process receives it."""
    return constituency_open(*job)
