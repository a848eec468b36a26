"""``shora training expand-sessions [--election ID]``: write the weekly sessions missing up
to polling day (after the polling day moved later, say) for every series of the election
(the one asked for, else every real one), and print how many per county. Running it again
adds nothing. Exit codes: 0 done, 1 an unknown election (printed in both languages).
"""

from __future__ import annotations

import argparse
from collections import Counter

from rich.console import Console
from rich.table import Table

from shora.elections.models import Election
from shora.training.models import SessionSeries
from shora.training.services.sessions import series_expand


def expand_sessions_command(args: argparse.Namespace) -> int:
    console = Console(highlight=False)
    elections = Election.objects.order_by("pk")
    if args.election is not None:
        elections = elections.filter(pk=args.election)
        if not elections.exists():
            console.print(
                f"انتخاباتی با شناسهٔ {args.election} نیست. / "
                f"There is no election with id {args.election}."
            )
            return 1
    else:
        elections = elections.filter(is_drill=False)
    for election in elections:
        added: Counter[str] = Counter()
        for series in SessionSeries.objects.filter(election=election).select_related(
            "county", "election"
        ):
            added[series.county.name] += series_expand(series)
        table = Table(title=f"{election.name} · {election.pk}")
        table.add_column("شهرستان / county")
        table.add_column("جلسه‌های افزوده / sessions added", justify="right")
        for county, count in sorted(added.items()):
            table.add_row(county, str(count))
        console.print(table)
    return 0
