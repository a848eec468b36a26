"""``shora import geography|stations FILE --election ID [--report PATH]``.

Shows progress, then the summary. On bad rows: the count, the first problems in Persian and
English, the full report written (to --report, or ``<name>.errors.xlsx`` beside the file),
exit code 1. On a refused file (wrong columns, empty, not a spreadsheet): exit code 2.
Nothing is written to the database unless the whole file is good.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console

from shora.elections.imports.geography import geography_import
from shora.elections.imports.result import ImportResult
from shora.elections.imports.stations import stations_import
from shora.elections.models import Election
from shora.spreadsheets.errors import RowsRefusedError
from shora.spreadsheets.progress import StageProgress, rich_progress
from shora.spreadsheets.report import default_report_path, write_report
from shora_domain.digits import format_number
from shora_domain.errors import DomainError


class Importer(Protocol):
    def __call__(
        self, *, actor: Any, election: Election, path: Path | str, progress: StageProgress | None
    ) -> ImportResult: ...


PROBLEMS_SHOWN = 20


def say(console: Console, text: str, style: str = "") -> None:
    console.print(text, style=style or None, markup=False, highlight=False, soft_wrap=True)


def report_refused_rows(
    console: Console, error: RowsRefusedError, source: Path, wanted: str | None
) -> None:
    say(console, error.fa, "bold red")
    say(console, error.en, "bold red")
    for problem in error.problems[:PROBLEMS_SHOWN]:
        say(console, f"ردیف {format_number(problem.row)}، ستون «{problem.column}»: {problem.fa}")
        say(console, f"  row {problem.row}, column “{problem.column}”: {problem.en}", "dim")
    hidden = len(error.problems) - PROBLEMS_SHOWN
    if hidden > 0:
        say(console, f"… و {format_number(hidden)} اشکال دیگر / … and {hidden} more")
    path = Path(wanted) if wanted else default_report_path(source)
    try:
        write_report(path, error.problems)
    except DomainError as refused:
        say(console, f"{refused.fa} / {refused.en}", "yellow")
        path = write_report(default_report_path(source), error.problems)
    say(console, f"گزارش کامل اشکال‌ها: {path}")
    say(console, f"Full report of the problems: {path}")


Counted = tuple[tuple[str, str, str], ...]  # (Persian, English, ImportResult field)
GEOGRAPHY_COUNTED: Counted = (
    ("شهرستان", "counties", "counties_created"),
    ("بخش", "districts", "districts_created"),
    ("حوزه", "constituencies", "constituencies_created"),
)
STATIONS_COUNTED: Counted = (("شعبه", "stations", "stations_created"),)


def _summary(console: Console, result: ImportResult, counted: Counted) -> None:
    counts = [(fa, en, int(getattr(result, field))) for fa, en, field in counted]
    created_fa = "، ".join(f"{format_number(count)} {fa}" for fa, _, count in counts)
    created_en = ", ".join(f"{count} {en}" for _, en, count in counts)
    say(
        console,
        f"وارد شد: {created_fa} از «{result.file_name}» ({format_number(result.rows)} ردیف).",
        "bold green",
    )
    say(console, f"Imported: {created_en} from “{result.file_name}” ({result.rows} rows).")
    say(console, f"sha256 {result.sha256}", "dim")


def _import_command(args: argparse.Namespace, importer: Importer, counted: Counted) -> int:
    console = Console()
    election = Election.objects.select_related("province").filter(pk=args.election).first()
    if election is None:
        say(console, f"انتخاباتی با شناسهٔ {args.election} نیست.", "bold red")
        say(console, f"There is no election with id {args.election}.", "bold red")
        return 2
    source = Path(args.file)
    try:
        with rich_progress(console) as progress:
            result = importer(actor=None, election=election, path=source, progress=progress)
    except RowsRefusedError as error:
        report_refused_rows(console, error, source, args.report)
        return 1
    except DomainError as error:
        say(console, error.fa, "bold red")
        say(console, error.en, "bold red")
        say(console, "هیچ چیز وارد نشد. / Nothing was imported.")
        return 2
    _summary(console, result, counted)
    return 0


def import_geography_command(args: argparse.Namespace) -> int:
    return _import_command(args, geography_import, GEOGRAPHY_COUNTED)


def import_stations_command(args: argparse.Namespace) -> int:
    return _import_command(args, stations_import, STATIONS_COUNTED)
