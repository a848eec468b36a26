"""``voters_import``: the civil registry's extract into an election's register.

1. The file's digest is taken and the election's import lock held (one import at a time).
2. The import is recorded as running (audited).
3. The file is streamed once: each row checked (``rows``), written to the session's staging
   table (``staging``), each problem spilled to a temporary file (``problems``).
4. Codes repeated in the file are found in the staging table, all their rows bad.
5. With any problem and no ``import_good_rows``: the report is written, the import recorded
   as refused, nothing applied. Otherwise the difference is applied to the register in ONE
   transaction with the import's record and audit event (``services.voter_import_apply``).

A crash or Ctrl-C before that transaction commits leaves the register exactly as it was:
the staging table dies with the session, and the import's record says "interrupted" (at
once on Ctrl-C; a killed process's record is marked by the next import).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from shora.elections.imports.result import file_sha256
from shora.elections.models import Election
from shora.registers.errors import RegisterRefusal
from shora.registers.imports.applying import set_local_bulk_settings
from shora.registers.imports.columns import extract_open
from shora.registers.imports.lease import register_import_lock
from shora.registers.imports.problems import (
    SHOWN,
    ProblemSink,
    merged_by_row,
    reports_write,
)
from shora.registers.imports.rows import VoterRowChecker
from shora.registers.imports.staging import StagingTable, staging_writer
from shora.registers.models import VoterImport
from shora.registers.services import (
    refuse_unless_register_open,
    voter_import_apply,
    voter_import_begin,
    voter_import_fail,
    voter_import_interrupt,
    voter_import_refuse,
)
from shora.spreadsheets.errors import SpreadsheetRefusal
from shora.spreadsheets.progress import StageProgress
from shora.spreadsheets.report import RowProblem, default_report_path
from shora_domain.civil_registry import Calendar
from shora_domain.digits import format_number
from shora_domain.errors import DomainError

PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (its record), its first problems and the reports written."""

    voter_import: VoterImport
    first_problems: list[RowProblem] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)


class VotersRefusedError(DomainError):
    """Some rows were bad, so nothing was imported; the report lists every problem."""

    def __init__(self, outcome: ImportOutcome) -> None:
        record = outcome.voter_import
        super().__init__(
            SpreadsheetRefusal.BAD_ROWS,
            fa=(
                f"{format_number(record.problems)} اشکال در {format_number(record.rows_bad)} "
                "ردیف پیدا شد؛ هیچ چیز وارد نشد."
            ),
            en=(
                f"{format_number(record.problems, 'en')} problems in "
                f"{format_number(record.rows_bad, 'en')} rows; nothing was imported."
            ),
        )
        self.outcome = outcome


@dataclass
class _Reading:
    rows: int = 0
    problems: ProblemSink = field(default_factory=ProblemSink)
    duplicates: ProblemSink = field(default_factory=ProblemSink)
    bad_rows: int = 0

    @property
    def problem_count(self) -> int:
        return self.problems.count + self.duplicates.count

    def first_problems(self) -> list[RowProblem]:
        first = merged_by_row(self.problems.first, self.duplicates.first)
        return list(itertools.islice(first, SHOWN))

    def every_problem(self) -> Iterator[RowProblem]:
        return merged_by_row(self.problems, self.duplicates)

    def close(self) -> None:
        self.problems.close()
        self.duplicates.close()


def _stage(
    *,
    election: Election,
    path: Path,
    calendar: Calendar,
    table: StagingTable,
    reading: _Reading,
    progress: StageProgress | None,
) -> None:
    """Read, check and stage every row; find the codes repeated in the file."""
    extract = extract_open(path, calendar)
    checker = VoterRowChecker(
        constituencies=dict(election.constituencies.values_list("code", "pk")),
        calendar=calendar,
        today=timezone.localdate(),
        label=extract.label,
        problems=reading.problems,
    )
    table.create()
    with staging_writer(table) as writer:
        for number, cells in extract.rows:
            reading.rows += 1
            code, staged = checker.check(number, cells)
            if staged is not None:
                writer.good(number, staged)
            elif code is not None:
                writer.bad(number, code)
            if progress is not None and reading.rows % PROGRESS_EVERY == 0:
                progress("reading", reading.rows, extract.total_rows)
    if progress is not None:
        progress("reading", reading.rows, reading.rows)
    if reading.rows == 0:
        raise DomainError(
            SpreadsheetRefusal.NO_DATA_ROWS,
            fa=f"پروندهٔ «{path.name}» فقط سطر عنوان دارد و هیچ ردیف داده‌ای در آن نیست.",
            en=f"“{path.name}” has a header row but no data rows.",
        )
    table.prepare_for_comparing()
    with transaction.atomic():
        set_local_bulk_settings()
        newly_bad = 0
        if table.has_duplicates():
            for problem in table.duplicate_problems(extract.label("national_code")):
                reading.duplicates.add(problem)
            newly_bad = table.mark_duplicates_bad()
    reading.bad_rows = checker.bad_rows + newly_bad


def _reports(path: Path, wanted: str | None, reading: _Reading) -> list[Path]:
    try:
        return reports_write(path, wanted, reading.every_problem, reading.problem_count)
    except OSError:
        if wanted is None:
            raise
        fallback = str(default_report_path(path))
        return reports_write(path, fallback, reading.every_problem, reading.problem_count)


def _no_good_rows(path: Path) -> DomainError:
    return DomainError(
        RegisterRefusal.NO_GOOD_ROWS,
        fa=(
            f"هیچ ردیف درستی در «{path.name}» نیست؛ فهرست رأی‌دهندگان دست نخورد "
            "(فهرستی خالی همه را حذف می‌کرد)."
        ),
        en=(
            f"“{path.name}” has no good row; the register was left as it was "
            "(an empty extract would remove everyone)."
        ),
    )


def voters_import(
    *,
    actor: Any,
    election: Election,
    path: Path | str,
    birth_calendar: str = Calendar.JALALI.value,
    import_good_rows: bool = False,
    report: str | None = None,
    progress: StageProgress | None = None,
) -> ImportOutcome:
    """Import the extract at ``path`` into ``election``'s register (see the module notes).

    Raises VotersRefusedError when rows are bad and ``import_good_rows`` is not set, and
    DomainError when the file itself or the election's state refuses the import.
    """
    path = Path(path)
    calendar = Calendar(birth_calendar)
    refuse_unless_register_open(election)
    try:
        sha256, size = file_sha256(path), path.stat().st_size
    except OSError as error:
        raise DomainError(
            SpreadsheetRefusal.NOT_A_SPREADSHEET,
            fa=f"پروندهٔ «{path}» خوانده نشد.",
            en=f"Could not read “{path}”: {error.strerror}.",
        ) from error
    with register_import_lock(election):
        record = voter_import_begin(
            actor=actor,
            election=election,
            file_name=path.name,
            file_sha256=sha256,
            file_size=size,
            birth_calendar=calendar.value,
            import_good_rows=import_good_rows,
        )
        table = StagingTable.for_import(record.pk)
        reading = _Reading()
        try:
            _stage(
                election=election,
                path=path,
                calendar=calendar,
                table=table,
                reading=reading,
                progress=progress,
            )
            counts: dict[str, int] = {
                "rows_read": reading.rows,
                "rows_bad": reading.bad_rows,
                "problems": reading.problem_count,
            }
            reports = _reports(path, report, reading) if reading.problem_count else []
            if reading.problem_count and not import_good_rows:
                record = voter_import_refuse(actor=actor, voter_import=record, **counts)
                raise VotersRefusedError(ImportOutcome(record, reading.first_problems(), reports))
            if reading.rows == reading.bad_rows:
                raise _no_good_rows(path)
            good = reading.rows - reading.bad_rows
            if progress is not None:
                progress("applying", 0, good)
            record = voter_import_apply(actor=actor, voter_import=record, table=table, **counts)
            if progress is not None:
                progress("applying", good, good)
            return ImportOutcome(record, reading.first_problems(), reports)
        except VotersRefusedError:
            raise
        except DomainError as refusal:
            voter_import_fail(actor=actor, voter_import=record, refusal=refusal)
            raise
        except BaseException:
            # If the connection went with the error, the next import marks this one.
            with contextlib.suppress(DatabaseError):
                voter_import_interrupt(actor=actor, voter_import=record)
            raise
        finally:
            reading.close()
            with contextlib.suppress(DatabaseError):  # it ends with the session anyway
                table.drop()
