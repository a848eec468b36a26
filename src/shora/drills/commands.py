"""``shora simulate --election DRILL_ID --county CODE [--voters N] [--seed S]``.

Prints one line per station (time to open, seconds per voter at the desk, time to close
and transmit, errors, score) and the county's totals. Exit codes: 0 every station's drill
passed, 1 a refusal (not a drill election, an unknown county …) printed in both languages,
3 the drill ran but a station did not pass.
"""

from __future__ import annotations

import argparse
import logging
import statistics

from rich.console import Console
from rich.table import Table

from shora.drills.simulate import SimulationReport, simulate


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def report_table(report: SimulationReport) -> Table:
    table = Table(title=f"drill of county {report.county_code} (election {report.election_id})")
    table.add_column("شعبه\nstation", no_wrap=True)
    for header in (
        "رأی‌دهنده\nvoters",
        "گشایش\nopen s",
        "هر نفر\ns/voter",
        "بستن\nclose s",
        "خطا\nerrors",
        "امتیاز\nscore",
    ):
        table.add_column(header, justify="right", no_wrap=True)
    for outcome in report.stations:
        table.add_row(
            outcome.station_code,
            str(outcome.voters),
            _seconds(outcome.seconds_to_open),
            _seconds(outcome.seconds_per_voter),
            _seconds(outcome.seconds_to_close),
            str(outcome.errors),
            f"{outcome.score} {'✓' if outcome.passed else '✗'}",
        )
    scores = [o.score for o in report.stations]
    table.add_section()
    table.add_row(
        f"{len(report.stations)} stations",
        str(sum(o.voters for o in report.stations)),
        "",
        "",
        "",
        str(sum(o.errors for o in report.stations)),
        f"median {statistics.median(scores):g}" if scores else "—",
    )
    return table


#: The in-process centre and the station code log every refusal and batch: the script's
#: refusals are expected, and the table says what happened.
QUIET_LOGGERS = ("django.request", "django.server", "shora.station")


def simulate_command(args: argparse.Namespace) -> int:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    report = simulate(
        election_id=args.election, county_code=args.county, voters=args.voters, seed=args.seed
    )
    console = Console()
    prepared = report.prepared
    console.print(
        f"prepared: {prepared.voters_added} voters, {prepared.ballots_frozen} ballots frozen, "
        f"{prepared.stations_staffed} stations staffed, key made: {prepared.key_made}, "
        f"phase set to polling: {prepared.phase_set}"
    )
    console.print(report_table(report))
    if report.skipped:
        console.print(
            "skipped, a drill is running there / رها شد، تمرینی در جریان است: "
            + ", ".join(report.skipped)
        )
    console.print(f"{report.seconds:.1f} s in all")
    return 0 if all(outcome.passed for outcome in report.stations) else 3
