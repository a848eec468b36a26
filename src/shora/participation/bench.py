"""``shora bench participation``: the province's participation dashboard, timed while the
centre takes the polling benchmark's claims, beside the raw engine running the dashboard's
main aggregate.

1. The PostgreSQL database named by the URL is dropped and created anew; the command runs
   itself again with it as its own database (as ``shora bench polling`` does).
2. It builds the polling benchmark's election day (``polling.bench.election_day``: stations
   enrolled and opened, the register by COPY), sets every county's target and last turnout,
   and records that a share of the register has already voted (``--voted``), spread over
   the hours of the day so far, in one INSERT … SELECT: the dashboard is measured as it
   would be in the afternoon, not on an empty table.
3. The dashboard alone: ``--requests`` requests of the province's page, one after the
   other (Django's test client in a child process, signed in as the provincial HQ: the
   centre's gunicorn signs sessions with a key of its own).
4. The same while the polling benchmark's claims are fired at the centre (gunicorn) from
   this process: the child requests the page back to back until the claims are done.
5. The raw engine: the dashboard's two grouped queries (eligible and voters per county
   by gender and age band, ``selectors.unit_queries``) as plain SQL through psycopg.
6. It prints p50 and p95 of each, and whether the goal (p95 under 300 ms under load) is met.
"""

from __future__ import annotations

import argparse
import datetime
import math
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import dj_database_url
import psycopg
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from shora.bench_database import (
    is_postgres_url,
    machine_description,
    rerun_on_fresh_database,
)
from shora.elections.models import Election, PollingStation
from shora.participation.access import Scope
from shora.participation.services import county_target_set
from shora.polling.bench.election_day import BenchDay, election_day_build
from shora.polling.models import Participation
from shora.registers.models import Voter

MARK = "SHORA_BENCH_PARTICIPATION_DATABASE"
GOAL_P95_MS = 300.0
HQ_USERNAME = "bench-hq"


@dataclass
class Latencies:
    """Answers' latencies in seconds and the statuses seen."""

    seconds: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def percentile_ms(self, fraction: float) -> float:
        if not self.seconds:
            return math.nan
        ordered = sorted(self.seconds)
        return 1000 * ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

    def line(self, label: str) -> str:
        return (
            f"{label:<38} {len(self.seconds):6,} requests  "
            f"p50 {self.percentile_ms(0.5):8.1f} ms  p95 {self.percentile_ms(0.95):8.1f} ms  "
            f"max {1000 * max(self.seconds or [0]):8.1f} ms"
        )


def already_voted(day: BenchDay, start: int, count: int) -> int:
    """Record that voters ``start`` … ``start + count - 1`` have voted, each at a station of
    their constituency, in an hour of the day so far; one INSERT … SELECT. The register was
    copied in one COPY, so voter ``i``'s id is the first id plus ``i``."""
    through = PollingStation.constituencies.through
    hours = timezone.localtime().hour + 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT min(id) FROM {Voter._meta.db_table} WHERE election_id = %s",  # noqa: S608 - our table
            [day.election_id],
        )
        first = cursor.fetchone()[0]
        cursor.execute(
            f"""
            INSERT INTO {Participation._meta.db_table}
                (election_id, voter_id, station_id, constituency_id, hour, document, fingerprint)
            SELECT v.election_id, v.id, serving.station, v.constituency_id,
                   date_trunc('hour', now()) - (v.id %% %s) * interval '1 hour',
                   'bench', 'bench'
            FROM {Voter._meta.db_table} v
            JOIN LATERAL (
                SELECT min(pollingstation_id) AS station FROM {through._meta.db_table}
                WHERE constituency_id = v.constituency_id
            ) serving ON true
            WHERE v.election_id = %s AND v.id >= %s AND v.id < %s
            """,  # noqa: S608 - table names from our models, values as parameters
            [hours, day.election_id, first + start, first + start + count],
        )
        inserted = cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Participation._meta.db_table}")
    return int(inserted)


def _targets(election: Election) -> None:
    for county in election.province.counties.all():
        county_target_set(
            actor=None, election=election, county=county, target="65", last_turnout="58"
        )


def _hq_client() -> Any:
    """A test client signed in as the provincial HQ, its second factor done."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shora.accounts.models import User

    user = User.objects.get(username=HQ_USERNAME)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    device = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)[0]
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def dashboard_probe(
    url: str, *, count: int | None = None, until: Callable[[], bool] | None = None
) -> Latencies:
    """Request the dashboard ``count`` times, or until ``until()`` is true, one at a time."""
    client = _hq_client()
    client.get(url)  # not counted: the first view compiles the templates (and folds the day)
    found = Latencies()
    while (count is not None and len(found.seconds) < count) or (
        count is None and until is not None and not until()
    ):
        started = time.perf_counter()
        answer = client.get(url)
        found.seconds.append(time.perf_counter() - started)
        found.statuses[answer.status_code] = found.statuses.get(answer.status_code, 0) + 1
    return found


def _probe_child(url: str, stop: Any, out: Any) -> None:
    connections.close_all()  # the parent's connection is not this process's to use
    found = dashboard_probe(url, until=stop.is_set)
    out.put((found.seconds, found.statuses))


def raw_aggregate(database_url: str, election: Election, runs: int) -> Latencies:
    """The dashboard's two grouped queries as plain SQL through psycopg, ``runs`` times."""
    from shora.participation.selectors import unit_queries

    eligible, voted = unit_queries(election, Scope(), "constituency__district__county")
    statements = [query.query.sql_with_params() for query in (eligible, voted)]
    settings = dj_database_url.parse(database_url)
    found = Latencies()
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or 5432,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    ) as raw:
        for _ in range(runs):
            started = time.perf_counter()
            for sql, params in statements:
                raw.execute(sql, params).fetchall()
            found.seconds.append(time.perf_counter() - started)
    return found


def _run(args: argparse.Namespace) -> int:
    from shora.accounts.services import user_create
    from shora.polling.bench.centre import centre_serving
    from shora.polling.bench.load import claims_fire
    from shora.polling.bench.traffic import claim_calls

    call_command("migrate", interactive=False, verbosity=0)
    print(
        f"shora bench participation: {args.stations:,} stations, {args.voters:,} voters, "
        f"{args.voted:.0%} already voted, {args.claims:,} claims at concurrency "
        f"{args.concurrency} · {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}"
    )
    print(machine_description())
    started = time.perf_counter()
    day = election_day_build(stations=args.stations, voters=args.voters)
    election = Election.objects.get(pk=day.election_id)
    _targets(election)
    prefilled = already_voted(day, args.claims, int(args.voted * args.voters))
    user_create(
        actor=None,
        username=HQ_USERNAME,
        password="a-long-bench-password-1405",  # noqa: S106 - a throwaway bench account
        role="province_hq",
        province=election.province,
    )
    print(
        f"built in {time.perf_counter() - started:.0f} s: {len(day.stations):,} stations in "
        f"{len(day.constituency_codes):,} constituencies, {len(day.voter_codes):,} voters, "
        f"{prefilled:,} participations already recorded"
    )
    url = f"/elections/{election.pk}/participation/"
    alone = dashboard_probe(url, count=args.requests)
    print(alone.line("dashboard alone"))
    context = multiprocessing.get_context("fork")
    stop, out = context.Event(), context.Queue()
    connections.close_all()
    with centre_serving(args.database_url, workers=args.workers) as centre:
        print(f"centre: {centre.describe()}")
        child = context.Process(target=_probe_child, args=(url, stop, out))
        child.start()
        timings, _ = claims_fire(
            centre.url,
            claim_calls(day, range(0, args.claims)),
            concurrency=args.concurrency,
            seconds=args.seconds,
        )
        stop.set()
        seconds, statuses = out.get(timeout=600)
        child.join()
    loaded = Latencies(seconds, statuses)
    print(
        f"claims meanwhile: {timings.count:,} in {timings.seconds:.1f} s, "
        f"{timings.per_second:,.0f} claims/s, p99 {timings.percentile_ms(0.99):.1f} ms"
    )
    print(loaded.line("dashboard under the claims"))
    print(f"  answers: {loaded.statuses}")
    raw = raw_aggregate(args.database_url, election, args.requests)
    print(raw.line("the same aggregate, psycopg (SQL only)"))
    met = loaded.percentile_ms(0.95) < GOAL_P95_MS
    print(f"goal p95 under {GOAL_P95_MS:.0f} ms under the claims: " + ("met" if met else "NOT met"))
    return 0


def _refusal(args: argparse.Namespace) -> str | None:
    if not is_postgres_url(args.database_url):
        return "shora bench participation needs a PostgreSQL database URL (postgres://…)."
    if min(args.stations, args.claims, args.concurrency, args.workers, args.requests) < 1:
        return "stations, claims, concurrency, workers and requests must be at least 1."
    if not 0 <= args.voted < 1:
        return "--voted is a fraction of the register, from 0 up to (not including) 1."
    if args.voters < args.claims + int(args.voted * args.voters):
        return "--voters must cover the claims and the voters already recorded."
    return None


def bench_participation_command(args: argparse.Namespace) -> int:
    refusal = _refusal(args)
    if refusal:
        print(refusal)
        return 2
    url = args.database_url
    rerun_on_fresh_database(url, MARK, args.command_line)
    return _run(args)
