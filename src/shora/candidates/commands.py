"""``shora import candidates FILE --election ID --county CODE [--report PATH]``.

Shows progress, then the summary and any warnings (the same name and birth date under two
national codes). On bad rows: the count, the first problems in Persian and English, the
full report written (to --report, or ``<name>.errors.xlsx`` beside the file), exit code 1.
On a refused file or an unknown election or county: exit code 2. Nothing is registered
unless every row is good. The command acts for the county's executive board.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from shora.candidates.imports import candidates_import
from shora.elections.imports.commands import report_refused_rows, say
from shora.elections.models import County, Election
from shora.spreadsheets.errors import RowsRefusedError
from shora.spreadsheets.progress import rich_progress
from shora_domain.digits import format_number, to_latin_digits
from shora_domain.errors import DomainError


def import_candidates_command(args: argparse.Namespace) -> int:
    console = Console()
    election = Election.objects.select_related("province").filter(pk=args.election).first()
    if election is None:
        say(console, f"انتخاباتی با شناسهٔ {args.election} نیست.", "bold red")
        say(console, f"There is no election with id {args.election}.", "bold red")
        return 2
    code = to_latin_digits(str(args.county)).strip()
    county = County.objects.filter(code=code, province=election.province).first()
    if county is None:
        say(console, f"شهرستانی با کد {code} در استان این انتخابات نیست.", "bold red")
        say(console, f"No county {code} in this election's province.", "bold red")
        return 2
    source = Path(args.file)
    try:
        with rich_progress(console) as progress:
            result = candidates_import(
                actor=None, election=election, county=county, path=source, progress=progress
            )
    except RowsRefusedError as error:
        report_refused_rows(console, error, source, args.report)
        return 1
    except DomainError as error:
        say(console, error.fa, "bold red")
        say(console, error.en, "bold red")
        say(console, "هیچ چیز وارد نشد. / Nothing was imported.")
        return 2
    for row, fa, en in result.warnings:
        say(console, f"هشدار، ردیف {format_number(row)}: {fa}", "yellow")
        say(console, f"  warning, row {row}: {en}", "dim")
    say(
        console,
        f"ثبت‌نام شد: {format_number(result.registered)} داوطلب از «{result.file_name}» "
        f"در شهرستان {county.name}.",
        "bold green",
    )
    say(console, f"Registered: {result.registered} candidates from “{result.file_name}”.")
    say(console, f"sha256 {result.sha256}", "dim")
    return 0
