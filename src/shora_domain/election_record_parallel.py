"""The verifier's work spread over processes: the files' digests, the constituencies and
the stations are independent of one another, so each is checked in a worker and the
findings are put back together in the order one process would have found them; the
report is the same, discrepancy for discrepancy (tests/domain/test_election_record_parallel).

Workers are started with ``spawn``: a fresh interpreter that imports only this package,
whatever the calling process holds (threads, a database connection). They read the
record's files themselves; only paths, codes and findings travel between processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from .election_record_files import RecordedElection, files_check
from .election_record_findings import Findings
from .election_record_stations import StationEntry, station_check
from .election_record_tally import constituency_check

#: Below this many bytes of ballots.jsonl a record is checked in one process: starting
#: workers costs more than it saves.
PARALLEL_FROM_BYTES = 8_000_000
Item = TypeVar("Item")
Result = TypeVar("Result")


def processes_for(root: Path, codes: Sequence[str], asked: int | None) -> int:
    """``asked`` if given; else every core for a large record, one for a small one."""
    if asked is not None:
        return max(1, asked)
    size = 0
    for code in codes:
        place = root / "constituencies" / code / "ballots.jsonl"
        size += place.stat().st_size if place.is_file() else 0
    return (os.cpu_count() or 1) if size >= PARALLEL_FROM_BYTES else 1


def findings_merge(into: Findings, part: Findings) -> None:
    into.discrepancies.extend(part.discrepancies)
    into.files += part.files
    into.signatures += part.signatures
    into.receipts += part.receipts
    into.ballots += part.ballots


def _files_work(job: tuple[str, list[tuple[str, str]], list[str]]) -> Findings:
    root, listed, on_disk = job
    findings = Findings()
    files_check(Path(root), dict(listed), set(on_disk), findings)
    return findings


def _constituency_work(
    job: tuple[str, str, RecordedElection | None],
) -> tuple[Findings, list[StationEntry]]:
    root, code, election = job
    findings = Findings()
    entries = constituency_check(Path(root), code, election, findings)
    return findings, entries


def _station_work(job: tuple[str, list[StationEntry]]) -> Findings:
    code, entries = job
    findings = Findings()
    station_check(code, entries, findings)
    return findings


def _chunks(items: Sequence[Item], parts: int) -> list[list[Item]]:
    size = max(1, -(-len(items) // parts))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _mapped(processes: int, work: Callable[[Item], Result], jobs: Iterable[Item]) -> list[Result]:
    if processes <= 1:
        return [work(job) for job in jobs]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        return pool.map(work, list(jobs), chunksize=1)


def files_check_parallel(
    root: Path,
    listed: Mapping[str, str],
    on_disk: set[str],
    findings: Findings,
    processes: int,
) -> None:
    """``files_check`` with the listed files split among ``processes`` workers, in order."""
    ordered = sorted(listed.items())
    jobs = [
        (str(root), chunk, [path for path, _ in chunk if path in on_disk])
        for chunk in _chunks(ordered, processes * 4)
    ]
    for part in _mapped(processes, _files_work, jobs):
        findings_merge(findings, part)
    files_check(root, {}, on_disk - set(listed), findings)  # the files nobody listed


def constituencies_and_stations_check(
    root: Path,
    codes: Sequence[str],
    election: RecordedElection | None,
    findings: Findings,
    processes: int,
) -> int:
    """Every constituency, then every station it lists; the number of stations."""
    by_station: dict[str, list[StationEntry]] = {}
    jobs = [(str(root), code, election) for code in codes]
    for part, entries in _mapped(processes, _constituency_work, jobs):
        findings_merge(findings, part)
        for entry in entries:
            by_station.setdefault(entry.code, []).append(entry)
    station_jobs = [(station, by_station[station]) for station in sorted(by_station)]
    for found in _mapped(processes, _station_work, station_jobs):
        findings_merge(findings, found)
    return len(by_station)
