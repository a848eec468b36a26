"""Reading a whole import file into parsed rows and row problems, before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from shora.elections.imports.cells import RowCheck
from shora.spreadsheets.errors import RowsRefusedError, SpreadsheetRefusal
from shora.spreadsheets.progress import StageProgress
from shora.spreadsheets.reading import Columns, read_rows
from shora.spreadsheets.report import RowProblem
from shora_domain.errors import DomainError

Row = TypeVar("Row")


@dataclass
class ImportTable(Generic[Row]):
    """The rows that parsed, the problems of those that did not, and the file's header names."""

    rows: list[Row]
    problems: list[RowProblem]
    labels: dict[str, str]

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def refuse_if_problems(self) -> None:
        """RowsRefusedError listing every problem by row and then by column, if there are any."""
        if self.problems:
            position = {label: index for index, label in enumerate(self.labels.values())}
            ordered = sorted(
                self.problems, key=lambda problem: (problem.row, position.get(problem.column, 0))
            )
            raise RowsRefusedError(ordered)

    def refused_while_writing(self, row: int, column: str, error: Exception) -> RowsRefusedError:
        """A service refused a row that passed the checks (a change made meanwhile)."""
        fa = error.fa if isinstance(error, DomainError) else f"پایگاه داده نپذیرفت: {error}"
        en = error.en if isinstance(error, DomainError) else f"The database refused it: {error}"
        return RowsRefusedError(
            [
                RowProblem(
                    row=row,
                    column=self.label(column),
                    value="",
                    code="import.refused_while_writing",
                    fa=fa,
                    en=en,
                )
            ]
        )

    def problem(self, row: int, column: str, value: str, code: str, *, fa: str, en: str) -> None:
        self.problems.append(
            RowProblem(row=row, column=self.label(column), value=value, code=code, fa=fa, en=en)
        )


def import_table_read(
    *,
    path: Path,
    columns: Columns,
    parse: Callable[[RowCheck], Row | None],
    progress: StageProgress | None = None,
) -> ImportTable[Row]:
    """Parse every row of ``path`` with ``parse``; DomainError if the file itself is refused."""

    def reading(done: int) -> None:
        if progress is not None:
            progress("reading", done, reader.total_rows)

    reader = read_rows(path, columns, progress=reading)
    table: ImportTable[Row] = ImportTable(rows=[], problems=[], labels=reader.labels)
    seen = 0
    with reader:
        for number, row in reader:
            seen += 1
            parsed = parse(
                RowCheck(number=number, row=row, label=reader.label, problems=table.problems)
            )
            if parsed is not None:
                table.rows.append(parsed)
    if not seen:
        raise DomainError(
            SpreadsheetRefusal.NO_DATA_ROWS,
            fa=f"پروندهٔ «{path.name}» فقط سطر عنوان دارد و هیچ ردیف داده‌ای در آن نیست.",
            en=f"“{path.name}” has a header row but no data rows.",
        )
    return table
