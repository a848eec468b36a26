"""The tally's opening spread over worker processes.

Opening the ballots (an X25519 exchange, HKDF and AES-GCM each, then reading the JSON) is
most of a tally and runs on one core. Constituencies are independent, so the centre reads
each ready constituency's sealed ballots from the database and hands them to a pool of
worker processes that open, count and shuffle them (``shora_domain.tally_opening``, pure:
no database, no Django in the workers); this process stores each result as it comes back
(the standings, the result row, the compressed lines, the audit event), in the tally's
own transaction, while the workers open the next ones. The largest constituencies go
first, so that one large constituency does not finish alone at the end. At most
``processes + 1`` constituencies' ballots are in memory at a time.

The workers are started with ``spawn`` (a fresh interpreter, nothing inherited from this
process: no database connection, no thread) and are given the election's private key with
each constituency; each holds it in its memory until the pool ends with the tally, as the
tallying process itself does (docs/results.md, "Where the shares live").

As with any ``spawn`` pool, each worker imports the calling program's main module: a
program that runs the tally must keep its work under ``if __name__ == "__main__":`` (the
``shora`` command, gunicorn and pytest do); a bare script would be run again by each
worker, which would then wait for the locks the tally holds, and the tally for them.

Settings: ``SHORA_TALLY_PROCESSES`` (default: the machine's cores; 1 turns it off) and
``SHORA_TALLY_PARALLEL_FROM`` (ballots; below it the tally stays in this process, where
starting workers would cost more than they save; default 20,000).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult

from django.conf import settings
from django.db.models import Count as Rows

from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency
from shora.polling.models import Ballot, StationDay
from shora.results.selectors import tallied_stations
from shora_domain.ballot_definition import BallotDefinition
from shora_domain.tally_opening import Opened, StationBallots, constituency_open_job

DEFAULT_PARALLEL_FROM = 20_000
Job = tuple[Constituency, BallotDefinition, tuple[list[StationDay], list[str]]]


def _ballots_of(constituencies: list[Constituency]) -> dict[int, int]:
    rows = (
        Ballot.objects.filter(constituency__in=constituencies)
        .values("constituency")
        .annotate(n=Rows("pk"))
        .values_list("constituency", "n")
    )
    return dict(rows)


def tally_processes(constituencies: list[Constituency]) -> int:
    """How many worker processes open these constituencies: 1 (none) for a small tally."""
    wanted = getattr(settings, "SHORA_TALLY_PROCESSES", None) or os.cpu_count() or 1
    if wanted <= 1 or len(constituencies) < 2:
        return 1
    threshold = getattr(settings, "SHORA_TALLY_PARALLEL_FROM", DEFAULT_PARALLEL_FROM)
    if sum(_ballots_of(constituencies).values()) < threshold:
        return 1
    return int(wanted)


def _stations_read(constituency: Constituency, days: list[StationDay]) -> list[StationBallots]:
    """Each counted station's sealed ballots of ``constituency``, as plain bytes (sent to
    a worker)."""
    from shora.results.services.tally import CHUNK_ROWS, _station_ballots

    return [
        StationBallots(
            day.station.code,
            [
                (bytes(sealed), digest)
                for sealed, digest in _station_ballots(constituency, day.station_id).iterator(
                    chunk_size=CHUNK_ROWS
                )
            ],
        )
        for day in days
    ]


def _first_done(
    pending: deque[tuple[Job, AsyncResult[Opened]]],
) -> tuple[Constituency, BallotDefinition, tuple[list[StationDay], list[str]], Opened]:
    """Remove and return the first job the workers have finished (a large constituency
    sent first must not keep the others' results, and the idle worker, waiting)."""
    while True:
        for item in pending:
            if item[1].ready():
                pending.remove(item)
                (constituency, definition, stations), result = item
                return constituency, definition, stations, result.get()
        pending[0][1].wait(0.02)


def constituencies_opened(
    constituencies: list[Constituency], private_key: bytes, processes: int
) -> Iterator[tuple[Constituency, BallotDefinition, tuple[list[StationDay], list[str]], Opened]]:
    """Each constituency opened by the workers, with its ballot and counted stations, as
    soon as it comes back (sent largest first)."""
    sizes = _ballots_of(constituencies)
    ordered = sorted(constituencies, key=lambda c: (-sizes.get(c.pk, 0), c.code))
    pending: deque[tuple[Job, AsyncResult[Opened]]] = deque()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for constituency in ordered:
            definition = frozen_ballot(constituency)
            assert definition is not None  # the gate checked it
            stations = tallied_stations(constituency)
            job = (
                private_key,
                str(constituency.election_id),
                definition,
                _stations_read(constituency, stations[0]),
            )
            pending.append(
                (
                    (constituency, definition, stations),
                    pool.apply_async(constituency_open_job, (job,)),
                )
            )
            while len(pending) > processes:  # wait for whichever is done first
                yield _first_done(pending)
        while pending:
            yield _first_done(pending)
