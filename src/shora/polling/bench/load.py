"""The load generator: many stations' calls fired at the centre over HTTP from one asyncio
loop (aiohttp, connections kept alive where the server allows), each call's latency
measured from sending the request to reading the whole answer.

It runs in the benchmark's own process, on the same machine as the centre and PostgreSQL:
the goal of 2,000 claims a second was set "load generator included".
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiohttp

from shora.polling.bench.traffic import Call


@dataclass
class Timings:
    """What a phase of the load did: each answer's latency (seconds) and status or code."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    entries_stored: int = 0
    repeats_sent: int = 0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        """The latency below which ``fraction`` of the answers came, in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class ClaimAnswers:
    """The tokens issued, per station id, for the ballots the stations will forward."""

    tokens: dict[int, list[str]] = field(default_factory=dict)


def _outcome(status: int, body: bytes) -> tuple[str, dict[str, object]]:
    try:
        parsed = json.loads(body)
    except ValueError:
        return f"{status} (not JSON)", {}
    if status == 200:
        return "200", parsed
    return f"{status} {parsed.get('code', '?')}", parsed


async def _send(
    session: aiohttp.ClientSession, base: str, call: Call, timings: Timings
) -> dict[str, object]:
    headers = {
        "Authorization": f"Bearer {call.station.device_token}",
        "Content-Type": "application/json",
    }
    started = time.perf_counter()
    async with session.post(base + call.path, data=call.body, headers=headers) as response:
        body = await response.read()
    timings.latencies.append(time.perf_counter() - started)
    outcome, parsed = _outcome(response.status, body)
    timings.outcomes[outcome] += 1
    return parsed


def _session(concurrency: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False, ttl_dns_cache=None)
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=120),
        skip_auto_headers=["User-Agent"],
    )


async def _claims(
    base: str, calls: Sequence[Call], concurrency: int, seconds: float
) -> tuple[Timings, ClaimAnswers]:
    timings, answers = Timings(), ClaimAnswers()
    pending = iter(calls)
    async with _session(concurrency) as session:
        started = time.perf_counter()
        deadline = started + seconds

        async def desk() -> None:
            for call in pending:
                if time.perf_counter() > deadline:
                    return
                timings.repeats_sent += call.repeat
                parsed = await _send(session, base, call, timings)
                token = parsed.get("token")
                if isinstance(token, str):
                    answers.tokens.setdefault(call.station.pk, []).append(token)

        await asyncio.gather(*(desk() for _ in range(concurrency)))
        timings.seconds = time.perf_counter() - started
    return timings, answers


def claims_fire(
    base: str, calls: Sequence[Call], *, concurrency: int, seconds: float
) -> tuple[Timings, ClaimAnswers]:
    """Fire ``calls`` from ``concurrency`` desks at once until all are answered or
    ``seconds`` have passed."""
    return asyncio.run(_claims(base, calls, concurrency, seconds))


async def _batches(
    base: str, stations: Sequence[Sequence[Call]], concurrency: int, seconds: float
) -> Timings:
    timings = Timings()
    pending = iter(stations)
    async with _session(concurrency) as session:
        started = time.perf_counter()
        deadline = started + seconds

        async def forwarder() -> None:
            for batches in pending:  # one station's batches, in seq order
                for call in batches:
                    if time.perf_counter() > deadline:
                        return
                    parsed = await _send(session, base, call, timings)
                    stored = parsed.get("stored")
                    timings.entries_stored += stored if isinstance(stored, int) else 0

        await asyncio.gather(*(forwarder() for _ in range(concurrency)))
        timings.seconds = time.perf_counter() - started
    return timings


def batches_fire(
    base: str, stations: Sequence[Sequence[Call]], *, concurrency: int, seconds: float
) -> Timings:
    """Forward each station's batches in order, ``concurrency`` stations at once."""
    return asyncio.run(_batches(base, stations, concurrency, seconds))
