"""Where a claim's time goes: a few hundred claims through the whole Django stack in this
process (django.test.Client, the same middleware, API and service as gunicorn runs), first
timed plainly with the time spent waiting on PostgreSQL counted, then under cProfile."""

from __future__ import annotations

import cProfile
import logging
import pstats
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test import Client

from shora.polling.bench.traffic import Call

SITE_PACKAGES = "site-packages/"


@dataclass
class ClaimCost:
    """One claim's cost in this process, single-threaded, and where cProfile saw it go."""

    claims: int = 0
    ms_per_claim: float = 0.0
    cpu_ms_per_claim: float = 0.0
    database_ms_per_claim: float = 0.0
    queries_per_claim: float = 0.0
    outcomes: Counter[int] = field(default_factory=Counter)
    top_functions: list[tuple[str, float]] = field(default_factory=list)
    by_package: list[tuple[str, float]] = field(default_factory=list)


class _DatabaseClock:
    """Counts the queries and the time spent in them (the round trip to PostgreSQL)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def _post(client: Client, call: Call) -> int:
    response = client.post(
        call.path,
        data=call.body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {call.station.device_token}"},
    )
    return int(response.status_code)


def _where(filename: str, function: str) -> tuple[str, str]:
    """(package, readable name) of a profiled function."""
    if filename == "~":
        return "C code (sockets, psycopg, json…)", function
    if SITE_PACKAGES in filename:
        inside = filename.split(SITE_PACKAGES, 1)[1]
        return inside.split("/", 1)[0], f"{inside}:{function}"
    if "/src/shora" in filename:
        inside = filename.split("/src/", 1)[1]
        return inside.split("/", 1)[0], f"{inside}:{function}"
    prefix = sys.base_prefix.rstrip("/") + "/lib/"
    if filename.startswith(prefix):
        return "python stdlib", f"{filename.removeprefix(prefix)}:{function}"
    return "other", f"{filename}:{function}"


def _summary(
    profile: cProfile.Profile, claims: int, top: int
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    stats = pstats.Stats(profile)
    own: list[tuple[str, float]] = []
    packages: Counter[str] = Counter()
    for (filename, _line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        self_seconds = row[2]
        package, name = _where(filename, function)
        own.append((name, self_seconds))
        packages[package] += self_seconds
    total = sum(packages.values()) or 1.0
    own.sort(key=lambda item: item[1], reverse=True)
    functions = [(name, 1000 * seconds / claims) for name, seconds in own[:top]]
    shares = [(package, seconds / total) for package, seconds in packages.most_common(8)]
    return functions, shares


def claims_profile(calls: Sequence[Call], *, top: int = 15) -> ClaimCost:
    """Send half of ``calls`` plainly (timed, queries counted), the other half under cProfile."""
    client = Client(HTTP_HOST="127.0.0.1")
    # Django logs each 409 as a warning; here it would only interleave with the report.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    plain, profiled = calls[: len(calls) // 2], calls[len(calls) // 2 :]
    cost = ClaimCost(claims=len(plain))
    clock = _DatabaseClock()
    with connection.execute_wrapper(clock):
        started, processor = time.perf_counter(), time.process_time()
        for call in plain:
            cost.outcomes[_post(client, call)] += 1
        elapsed = time.perf_counter() - started
        processor = time.process_time() - processor
    cost.ms_per_claim = 1000 * elapsed / max(1, len(plain))
    cost.cpu_ms_per_claim = 1000 * processor / max(1, len(plain))
    cost.database_ms_per_claim = 1000 * clock.seconds / max(1, len(plain))
    cost.queries_per_claim = clock.queries / max(1, len(plain))
    profile = cProfile.Profile()
    profile.enable()
    for call in profiled:
        cost.outcomes[_post(client, call)] += 1
    profile.disable()
    cost.top_functions, cost.by_package = _summary(profile, max(1, len(profiled)), top)
    return cost
