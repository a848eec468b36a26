"""``shora bench polling``: the identity desk's claims and the ballot forwarding over HTTP,
beside PostgreSQL's ``pgbench`` doing a claim's transaction.

1. The PostgreSQL database named by the URL is dropped if it exists and created anew; the
   command then runs itself again with that database as its own (``SHORA_DATABASE_URL``).
2. It migrates and builds the election day (``election_day``): stations enrolled and
   opened, a register of voters.
3. It serves the centre with gunicorn (``centre``) and fires, from this process, the
   claims of distinct voters at many stations with a few people coming back (``load``),
   after a warm-up that is not counted; then each station's signed batches of ballots.
4. It sends a few hundred claims through Django in this process, timed and under cProfile
   (``profiling``), to say where a claim's time goes.
5. It runs ``pgbench`` with a claim's transaction at the same concurrency (``pgbench``).
6. It prints the figures side by side, the ratio, and the processor time each part used.
"""

from __future__ import annotations

import argparse
import datetime
import os
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from shora.bench_database import (
    is_postgres_url,
    machine_description,
    rerun_on_fresh_database,
)
from shora.polling.bench.centre import Centre, centre_serving
from shora.polling.bench.cpu_share import (
    cpu_per_unit,
    cpu_per_unit_line,
    cpu_seconds,
    cpu_share_line,
    used_between,
)
from shora.polling.bench.election_day import BenchDay, election_day_build
from shora.polling.bench.load import Timings, batches_fire, claims_fire
from shora.polling.bench.pgbench import PgbenchResult, lookup_table_fill, pgbench_claims
from shora.polling.bench.profiling import ClaimCost, claims_profile
from shora.polling.bench.traffic import batch_calls, claim_calls, count_entries

MARK = "SHORA_BENCH_POLLING_DATABASE"
GOAL_PER_SECOND, GOAL_P99_MS = 2000, 100.0
WARM_UP_MAX, PROFILE_MAX = 500, 300


@dataclass(frozen=True)
class VoterSlices:
    """Which voters each part uses, so that no part claims a voter another part claimed."""

    warm_up: range
    claims: range
    profile: range
    pgbench: range

    @classmethod
    def of(cls, voters: int, claims: int) -> VoterSlices:
        warm = min(WARM_UP_MAX, max(1, claims // 10))
        spare = voters - warm - claims
        profile = min(PROFILE_MAX, max(0, spare // 2))
        return cls(
            warm_up=range(0, warm),
            claims=range(warm, warm + claims),
            profile=range(warm + claims, warm + claims + profile),
            pgbench=range(warm + claims + profile, voters),
        )


@dataclass(frozen=True)
class Measured:
    """A measured phase: its answers and the processor time each part spent on it."""

    timings: Timings
    cpu: dict[str, float]
    seconds: float

    def cpu_lines(self, units: int, unit: str) -> str:
        return (
            f"  {cpu_share_line(self.cpu, self.seconds)}\n"
            f"  {cpu_per_unit_line(cpu_per_unit(self.cpu, units), unit)}"
        )


def _line(label: str, count: int, seconds: float, rate: str, p50: float, p99: float) -> str:
    return (
        f"{label:<30} {count:8,} in {seconds:5.1f} s  {rate:>18}  "
        f"p50 {p50:7.1f} ms  p99 {p99:7.1f} ms"
    )


def _timings_line(label: str, timings: Timings, unit: str) -> str:
    return _line(
        label,
        timings.count,
        timings.seconds,
        f"{timings.per_second:,.0f} {unit}/s",
        timings.percentile_ms(0.5),
        timings.percentile_ms(0.99),
    )


def _pgbench_line(raw: PgbenchResult) -> str:
    line = _line(
        "claims, pgbench (SQL only)",
        raw.transactions,
        raw.seconds,
        f"{raw.tps:,.0f} tps",
        raw.p50_ms,
        raw.p99_ms,
    )
    return line + (f"  ({raw.failed} failed)" if raw.failed else "")


def _outcomes(timings: Timings) -> str:
    return ", ".join(f"{outcome}: {n:,}" for outcome, n in timings.outcomes.most_common())


def _participations() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM polling_participation")
        return int(cursor.fetchone()[0])


def _report_comparison(ours: Measured, raw: PgbenchResult, raw_cpu: dict[str, float]) -> None:
    claims = ours.timings
    print(_timings_line("claims, shora over HTTP", claims, "claims"))
    print(_pgbench_line(raw))
    print(
        f"ratio shora ÷ pgbench: {claims.per_second / raw.tps:.3f} of the throughput "
        f"(pgbench {raw.tps / max(claims.per_second, 1e-9):.1f}× ours); "
        f"p99 {claims.percentile_ms(0.99) / raw.p99_ms:.1f}× pgbench's"
    )
    ours_ms = sum(cpu_per_unit(ours.cpu, claims.count).values())
    raw_ms = sum(cpu_per_unit(raw_cpu, raw.transactions).values())
    print(
        f"processor time per claim, all parts: shora {ours_ms:.2f} ms, pgbench {raw_ms:.2f} ms "
        f"({ours_ms / raw_ms:.1f}×)"
    )
    met = claims.per_second >= GOAL_PER_SECOND and claims.percentile_ms(0.99) < GOAL_P99_MS
    print(
        f"goal {GOAL_PER_SECOND:,} claims/s with p99 under {GOAL_P99_MS:.0f} ms: "
        + ("met" if met else "NOT met")
    )


def _report_cost(cost: ClaimCost) -> None:
    print(
        f"one claim through Django in this process, alone: {cost.ms_per_claim:.2f} ms "
        f"({cost.cpu_ms_per_claim:.2f} ms of this process's processor time), "
        f"{cost.database_ms_per_claim:.2f} ms of it waiting on PostgreSQL in "
        f"{cost.queries_per_claim:.1f} queries ({cost.claims} claims; answers "
        f"{dict(cost.outcomes)})"
    )
    print("  self time by package under cProfile:")
    for package, share in cost.by_package:
        print(f"    {100 * share:5.1f} %  {package}")
    print("  the costliest functions (own time per claim under cProfile):")
    for name, ms in cost.top_functions:
        print(f"    {ms:7.3f} ms  {name}")


def _claims_phase(
    centre: Centre, day: BenchDay, slices: VoterSlices, args: argparse.Namespace
) -> tuple[Measured, dict[int, list[str]]]:
    warm_timings, warm_answers = claims_fire(
        centre.url, claim_calls(day, slices.warm_up), concurrency=args.concurrency, seconds=60
    )
    print(f"warm-up: {warm_timings.count:,} claims ({_outcomes(warm_timings)}), not counted")
    calls = claim_calls(day, slices.claims)
    before, started = cpu_seconds(centre.pid), time.perf_counter()
    timings, answers = claims_fire(
        centre.url, calls, concurrency=args.concurrency, seconds=args.seconds
    )
    measured = Measured(
        timings, used_between(before, cpu_seconds(centre.pid)), time.perf_counter() - started
    )
    print(_timings_line("claims, shora over HTTP", timings, "claims"))
    print(
        f"  answers: {_outcomes(timings)} ({timings.repeats_sent:,} claims were of people "
        "who had voted)"
    )
    print(measured.cpu_lines(timings.count, "claim"))
    print(f"  participations in the database: {_participations():,}")
    tokens = warm_answers.tokens
    for station, issued in answers.tokens.items():
        tokens.setdefault(station, []).extend(issued)
    return measured, tokens


def _batches_phase(
    centre: Centre, day: BenchDay, tokens: dict[int, list[str]], args: argparse.Namespace
) -> None:
    started = time.perf_counter()
    stations = batch_calls(day, tokens)
    print(
        f"sealed and signed {count_entries(stations):,} ballots in "
        f"{sum(len(s) for s in stations):,} batches in {time.perf_counter() - started:.1f} s "
        "(not counted)"
    )
    before, started = cpu_seconds(centre.pid), time.perf_counter()
    timings = batches_fire(
        centre.url,
        stations,
        concurrency=max(1, min(args.concurrency, len(stations))),
        seconds=args.seconds,
    )
    measured = Measured(
        timings, used_between(before, cpu_seconds(centre.pid)), time.perf_counter() - started
    )
    print(_timings_line("batches, shora over HTTP", timings, "batches"))
    print(
        f"{'ballots in those batches':<30} {timings.entries_stored:8,} stored  "
        f"{timings.entries_stored / max(timings.seconds, 1e-9):,.0f} ballots/s"
    )
    print(f"  answers: {_outcomes(timings)}")
    print(measured.cpu_lines(timings.entries_stored, "ballot"))


def _pgbench_phase(
    args: argparse.Namespace, day: BenchDay, slices: VoterSlices
) -> tuple[PgbenchResult, dict[str, float]]:
    lookup_table_fill(
        [
            (day.voter_codes[i], day.stations_of(day.constituency_of_voter(i))[0].pk)
            for i in slices.pgbench
        ]
    )
    before = cpu_seconds(None)
    raw = pgbench_claims(
        args.database_url,
        election_id=day.election_id,
        voters=len(slices.pgbench),
        clients=args.concurrency,
        seconds=args.seconds,
    )
    used = used_between(before, cpu_seconds(None))
    print(_pgbench_line(raw))
    print(f"  {cpu_share_line(used, raw.seconds)}")
    print(f"  {cpu_per_unit_line(cpu_per_unit(used, raw.transactions), 'transaction')}")
    return raw, used


def _run(args: argparse.Namespace) -> int:
    call_command("migrate", interactive=False, verbosity=0)
    print(
        f"shora bench polling: {args.stations:,} stations, {args.voters:,} voters, "
        f"{args.claims:,} claims at concurrency {args.concurrency} · "
        f"{datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}"
    )
    print(machine_description())
    print("load average before the run: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    slices = VoterSlices.of(args.voters, args.claims)
    started = time.perf_counter()
    day = election_day_build(stations=args.stations, voters=args.voters)
    print(
        f"built in {time.perf_counter() - started:.0f} s: {len(day.stations)} stations open in "
        f"{len(day.constituency_codes)} constituencies, {len(day.voter_codes):,} voters "
        f"(polling today, {timezone.localdate().isoformat()})"
    )
    with centre_serving(
        args.database_url,
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
    ) as centre:
        print(f"centre: {centre.describe()}")
        claims, tokens = _claims_phase(centre, day, slices, args)
        _batches_phase(centre, day, tokens, args)
    _report_cost(claims_profile(claim_calls(day, slices.profile)))
    raw, raw_cpu = _pgbench_phase(args, day, slices)
    print()
    _report_comparison(claims, raw, raw_cpu)
    return 0


def _refusal(args: argparse.Namespace) -> str | None:
    if not is_postgres_url(args.database_url):
        return "shora bench polling needs a PostgreSQL database URL (postgres://…)."
    if min(args.stations, args.claims, args.concurrency, args.workers, args.seconds) < 1:
        return "stations, claims, concurrency, workers and seconds must be at least 1."
    if args.voters < args.claims + min(WARM_UP_MAX, max(1, args.claims // 10)) + 20:
        return "--voters must exceed --claims by a tenth of the claims (at most 500) and 20."
    return None


def bench_polling_command(args: argparse.Namespace) -> int:
    refusal = _refusal(args)
    if refusal:
        print(refusal)
        return 2
    url = args.database_url
    rerun_on_fresh_database(url, MARK, args.command_line)
    return _run(args)
