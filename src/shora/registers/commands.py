"""``shora import voters FILE --election ID [--birth-calendar jalali|gregorian]
[--import-good-rows] [--report PATH]``.

Progress with rows per second while the file is read, then what changed in the register.
Exit codes: 0 imported; 1 bad rows (nothing imported, the report says which); 2 the file,
the election or its phase refused the import; 130 interrupted (Ctrl-C), nothing imported.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console

from shora.elections.models import Election
from shora.registers.imports.running import ImportOutcome, VotersRefusedError, voters_import
from shora.registers.models import VoterImport
from shora.spreadsheets.progress import rich_progress
from shora.spreadsheets.report import RowProblem
from shora_domain.digits import format_number
from shora_domain.errors import DomainError


def _say(console: Console, text: str, style: str = "") -> None:
    console.print(text, style=style or None, markup=False, highlight=False, soft_wrap=True)


def _problems(console: Console, problems: list[RowProblem], total: int) -> None:
    for problem in problems:
        _say(console, f"ردیف {format_number(problem.row)}، ستون «{problem.column}»: {problem.fa}")
        _say(console, f"  row {problem.row}, column “{problem.column}”: {problem.en}", "dim")
    hidden = total - len(problems)
    if hidden > 0:
        _say(console, f"… و {format_number(hidden)} اشکال دیگر / … and {hidden} more")


def _reports(console: Console, outcome: ImportOutcome) -> None:
    for path in outcome.reports:
        _say(console, f"گزارش کامل اشکال‌ها / Full report of the problems: {path}")


def _summary(console: Console, record: VoterImport, seconds: float) -> None:
    counts_fa = (
        f"{format_number(record.added)} افزوده، {format_number(record.changed)} تغییر، "
        f"{format_number(record.removed)} حذف، {format_number(record.unchanged)} بی‌تغییر"
    )
    counts_en = (
        f"{record.added} added, {record.changed} changed, {record.removed} removed, "
        f"{record.unchanged} unchanged"
    )
    _say(
        console,
        f"فهرست رأی‌دهندگان از «{record.file_name}» ({format_number(record.rows_read)} ردیف) "
        f"به‌روز شد: {counts_fa}.",
        "bold green",
    )
    _say(
        console,
        f"The voter register was updated from “{record.file_name}” ({record.rows_read} rows): "
        f"{counts_en}.",
    )
    if record.rows_bad:
        _say(
            console,
            f"{format_number(record.rows_bad)} ردیف نادرست کنار گذاشته شد؛ "
            f"{format_number(record.kept)} رأی‌دهنده همان‌گونه که بود ماند.",
            "yellow",
        )
        _say(
            console,
            f"{record.rows_bad} bad rows were left out; "
            f"{record.kept} voters were kept as they were.",
            "yellow",
        )
    speed = record.rows_read / seconds if seconds > 0 else 0.0
    _say(console, f"{seconds:.1f} s, {speed:,.0f} rows/s · sha256 {record.file_sha256}", "dim")


def import_voters_command(args: argparse.Namespace) -> int:
    console = Console()
    election = Election.objects.select_related("province").filter(pk=args.election).first()
    if election is None:
        _say(console, f"انتخاباتی با شناسهٔ {args.election} نیست.", "bold red")
        _say(console, f"There is no election with id {args.election}.", "bold red")
        return 2
    if args.report and Path(args.report).suffix.lower() not in (".xlsx", ".csv"):
        _say(
            console,
            f"گزارش فقط ‎.xlsx‎ یا ‎.csv‎ است؛ کنار پرونده نوشته می‌شود. / The report must end in "
            f".xlsx or .csv, not “{Path(args.report).suffix}”; it goes beside the file instead.",
            "yellow",
        )
    started = time.monotonic()
    try:
        with rich_progress(console) as progress:
            outcome = voters_import(
                actor=None,
                election=election,
                path=args.file,
                birth_calendar=args.birth_calendar,
                import_good_rows=args.import_good_rows,
                report=args.report,
                progress=progress,
            )
    except VotersRefusedError as refused:
        _say(console, refused.fa, "bold red")
        _say(console, refused.en, "bold red")
        _problems(console, refused.outcome.first_problems, refused.outcome.voter_import.problems)
        _reports(console, refused.outcome)
        _say(
            console,
            "برای وارد کردن ردیف‌های درست، ‎--import-good-rows‎ را بیفزایید. / "
            "To import the good rows anyway, add --import-good-rows.",
        )
        return 1
    except DomainError as refusal:
        _say(console, refusal.fa, "bold red")
        _say(console, refusal.en, "bold red")
        _say(console, "هیچ چیز وارد نشد. / Nothing was imported.")
        return 2
    except KeyboardInterrupt:
        _say(console, "ورود متوقف شد؛ فهرست رأی‌دهندگان همان است که بود.", "bold red")
        _say(console, "Interrupted; the voter register is as it was.", "bold red")
        return 130
    record = outcome.voter_import
    _summary(console, record, time.monotonic() - started)
    if outcome.first_problems:
        _problems(console, outcome.first_problems, record.problems)
        _reports(console, outcome)
    return 0
