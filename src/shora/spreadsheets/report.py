"""The bad-row report: one line per problem, as .xlsx (right-to-left sheet) or .csv.

Columns, each headed in Persian and English: row (as the spreadsheet shows it, the header
being row 1), column (the header as written in the file), value (as found), reason in
Persian, reason in English. The csv is UTF-8 with a byte-order mark so that Excel shows the
Persian text correctly. A value that a spreadsheet would run as a formula is written as
text (xlsx) or behind an apostrophe (csv).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shora.spreadsheets.errors import SpreadsheetRefusal
from shora_domain.errors import DomainError

REPORT_HEADERS = (
    ("ردیف", "row"),
    ("ستون", "column"),
    ("مقدار", "value"),
    ("دلیل", "reason (Persian)"),
    ("دلیل به انگلیسی", "reason (English)"),
)
_COLUMN_WIDTHS = (8, 22, 24, 60, 60)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in one cell; ``code`` is stable, ``fa`` and ``en`` are for people."""

    row: int
    column: str
    value: str
    code: str
    fa: str
    en: str


def default_report_path(source: Path) -> Path:
    """``stations.csv`` → ``stations.errors.xlsx``, next to the input."""
    return source.with_name(f"{source.stem}.errors.xlsx")


def write_report(path: Path, problems: Iterable[RowProblem]) -> Path:
    """Write the report to ``path``; .xlsx or .csv by its extension."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path, problems)
    elif suffix == ".csv":
        _write_csv(path, problems)
    else:
        raise DomainError(
            SpreadsheetRefusal.UNKNOWN_EXTENSION,
            fa=f"گزارش فقط با پسوند ‎.xlsx‎ یا ‎.csv‎ نوشته می‌شود، نه «{path.suffix}».",
            en=f"The report must end in .xlsx or .csv, not “{path.suffix}”.",
        )
    return path


def _cells(problem: RowProblem) -> tuple[int, str, str, str, str]:
    return (problem.row, problem.column, problem.value, problem.fa, problem.en)


def _write_xlsx(path: Path, problems: Iterable[RowProblem]) -> None:
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet("اشکال‌ها")
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_COLUMN_WIDTHS):
        sheet.column_dimensions["ABCDE"[index]].width = width
    header = []
    for persian, english in REPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=f"{persian} / {english}")
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for problem in problems:
        row = []
        for value in _cells(problem):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the file held
                cell.alignment = wrap
            row.append(cell)
        sheet.append(row)
    workbook.save(path)


def _csv_text(value: int | str) -> int | str:
    """The value, behind an apostrophe if a spreadsheet would run it (a negative number is kept)."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    if value.startswith("-") and value[1:].replace(".", "", 1).isdigit():
        return value
    return "'" + value


def _write_csv(path: Path, problems: Iterable[RowProblem]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([f"{persian} / {english}" for persian, english in REPORT_HEADERS])
        for problem in problems:
            writer.writerow([_csv_text(value) for value in _cells(problem)])
