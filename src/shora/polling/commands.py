"""The polling verbs of the command line: an enrolment code for a station's process."""

from __future__ import annotations

import argparse

from rich.console import Console

from shora.elections.models import PollingStation
from shora.polling.services.devices import enrolment_code_issue


def enrolment_code_command(args: argparse.Namespace) -> int:
    console = Console()
    station = PollingStation.objects.filter(election_id=args.election, code=args.station).first()
    if station is None:
        console.print(f"[red]No station {args.station} in election {args.election}.[/red]")
        return 2
    code = enrolment_code_issue(actor=None, station=station)
    console.print(f"enrolment code for station {station.code} ({station.name}), valid 7 days:")
    console.print(code, markup=False, highlight=False)
    console.print(
        "On the station's machine: shora station enrol --centre URL --code CODE --journal PATH "
        "--console-password-file FILE"
    )
    return 0
