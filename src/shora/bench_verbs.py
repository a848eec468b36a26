"""The ``shora bench`` verbs: each measures a hot path beside the raw engine doing the same
work in the same run (docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

#: bench kind -> (module, function) of its command
_COMMANDS = {
    "import": ("shora.registers.bench", "bench_import_command"),
    "polling": ("shora.polling.bench", "bench_polling_command"),
    "participation": ("shora.participation.bench", "bench_participation_command"),
    "tally": ("shora.results.bench", "bench_tally_command"),
}


def _bench_handler(kind: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from shora.cli import django_setup

        django_setup()
        module, function = _COMMANDS[kind]
        try:
            command = getattr(importlib.import_module(module), function)
        except ModuleNotFoundError as missing:  # the raw engines and load generators: bench extra
            print(f"shora bench {kind} needs {missing.name}: pip install -e '.[bench]'")
            return 2
        result: int = command(args)
        return result

    return run


def _database_argument(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--database-url",
        default=f"postgres://postgres@127.0.0.1:5432/{name}",
        help="a PostgreSQL database, dropped and created anew (default %(default)s)",
    )


def add_bench_parser(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = verbs.add_parser("bench", help="measure a hot path beside the raw engine")
    bench_kinds = bench.add_subparsers(dest="bench_kind", metavar="WHAT", required=True)
    bench_import = bench_kinds.add_parser(
        "import", help="import a generated voter extract into PostgreSQL beside COPY"
    )
    bench_import.add_argument("--rows", type=int, default=3_600_000)
    _database_argument(bench_import, "shora_bench")
    bench_import.set_defaults(handler=_bench_handler("import"))
    bench_polling = bench_kinds.add_parser(
        "polling", help="identity claims and ballot batches over HTTP beside pgbench"
    )
    _database_argument(bench_polling, "shora_bench_polling")
    bench_polling.add_argument("--stations", type=int, default=200)
    bench_polling.add_argument("--voters", type=int, default=200_000)
    bench_polling.add_argument(
        "--claims", type=int, default=50_000, help="distinct voters claimed, at most"
    )
    bench_polling.add_argument(
        "--concurrency", type=int, default=64, help="requests in flight, and pgbench's clients"
    )
    bench_polling.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (default %(default)s)"
    )
    bench_polling.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    bench_polling.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker (gthread)"
    )
    bench_polling.add_argument(
        "--seconds", type=int, default=20, help="longest time of each measured phase"
    )
    bench_polling.set_defaults(handler=_bench_handler("polling"))
    bench_participation = bench_kinds.add_parser(
        "participation", help="the province's participation dashboard under the claims' load"
    )
    _database_argument(bench_participation, "shora_bench_participation")
    bench_participation.add_argument("--stations", type=int, default=1_000)
    bench_participation.add_argument("--voters", type=int, default=3_600_000)
    bench_participation.add_argument(
        "--voted", type=float, default=0.4, help="share of the register already voted"
    )
    bench_participation.add_argument("--claims", type=int, default=50_000)
    bench_participation.add_argument("--concurrency", type=int, default=64)
    bench_participation.add_argument("--workers", type=int, default=3)
    bench_participation.add_argument(
        "--seconds", type=int, default=20, help="longest time of the claims' load"
    )
    bench_participation.add_argument(
        "--requests", type=int, default=30, help="dashboard requests measured alone"
    )
    bench_participation.set_defaults(handler=_bench_handler("participation"))
    bench_tally = bench_kinds.add_parser(
        "tally", help="the real tally of a province's sealed ballots beside numpy's count"
    )
    _database_argument(bench_tally, "shora_bench_tally")
    bench_tally.add_argument("--constituencies", type=int, default=2_300)
    bench_tally.add_argument("--ballots", type=int, default=1_800_000)
    bench_tally.set_defaults(handler=_bench_handler("tally"))
