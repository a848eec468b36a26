"""Who used the machine's processors during a phase: the centre's gunicorn processes,
PostgreSQL's, this process (the load generator), its finished children (pgbench), and
everything else, read from /proc (Linux).

Processor time per claim is the figure that other work on a shared machine disturbs
least: wall-clock rates fall when someone else's tests run, the processor time a claim
costs hardly moves. Two cores divided by it bound the rate this machine could reach.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
CENTRE, DATABASE, LOAD = "centre (gunicorn)", "PostgreSQL", "load generator"
PGBENCH, EVERYONE = "pgbench", "all processes"


def _stat(path: Path) -> tuple[str, int, float, float] | None:
    """(command name, parent pid, its own processor seconds, its reaped children's)."""
    try:
        text = path.read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    own = (int(fields[11]) + int(fields[12])) / TICKS
    children = (int(fields[13]) + int(fields[14])) / TICKS
    return name, int(fields[1]), own, children


def _busy_seconds() -> float:
    """Processor seconds the whole machine has spent busy (not idle, not waiting)."""
    first = Path("/proc/stat").read_text().split("\n", 1)[0]
    fields = [int(value) for value in first.split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / TICKS


def cpu_seconds(centre_pid: int | None) -> dict[str, float]:
    """Processor seconds used so far by each part. PostgreSQL's include its backends that
    have ended (the postmaster is charged with them), so a phase's connections count even
    when they close before the second reading."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = {
        EVERYONE: _busy_seconds(),
        CENTRE: 0.0,
        DATABASE: 0.0,
        LOAD: 0.0,
        PGBENCH: children.ru_utime + children.ru_stime,
    }
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        found = _stat(folder / "stat")
        if found is None:
            continue
        name, parent, own, reaped = found
        pid = int(folder.name)
        if centre_pid is not None and centre_pid in (pid, parent):
            used[CENTRE] += own
        elif name == "postgres":
            used[DATABASE] += own + reaped
        elif pid == os.getpid():
            used[LOAD] += own
    return used


def used_between(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {who: after[who] - before[who] for who in after}


def cpu_share_line(used: dict[str, float], seconds: float) -> str:
    """How many of the machine's cores each part kept busy on average."""
    cores = os.cpu_count() or 1
    parts = {who: used[who] / seconds for who in (CENTRE, DATABASE, LOAD, PGBENCH) if used[who]}
    everyone = used[EVERYONE] / seconds
    return (
        f"cores busy (of {cores}): "
        + ", ".join(f"{who} {share:.2f}" for who, share in parts.items())
        + f", anything else {max(0.0, everyone - sum(parts.values())):.2f}; "
        f"idle {max(0.0, cores - everyone):.2f}"
    )


def cpu_per_unit(used: dict[str, float], units: int) -> dict[str, float]:
    """Processor milliseconds per claim (or transaction) of each part that did work."""
    return {
        who: 1000 * used[who] / max(units, 1)
        for who in (CENTRE, DATABASE, LOAD, PGBENCH)
        if used[who]
    }


def cpu_per_unit_line(per_unit: dict[str, float], unit: str) -> str:
    cores = os.cpu_count() or 1
    total = sum(per_unit.values())
    bound = 1000 * cores / total if total else float("nan")
    return (
        f"processor time per {unit}: "
        + ", ".join(f"{who} {ms:.2f} ms" for who, ms in per_unit.items())
        + f"; {total:.2f} ms in all → at most {bound:,.0f} {unit}s/s on {cores} cores"
    )
