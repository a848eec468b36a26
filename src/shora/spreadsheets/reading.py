"""Reading a table from .xlsx or .csv one row at a time, never the whole file at once.

The first non-empty row is the header. Header names are compared after Persian
normalisation, lower-casing, and (for Latin names) spaces and hyphens read as "_", so
"County Code", "county-code" and "county_code" are one column; an import may add aliases
(such as Persian names). Rows are numbered as the spreadsheet shows them (the header of a
usual file is row 1); blank rows are skipped but still counted. Every value is text: a
whole number without ".0", a date as ISO 8601, an empty cell as "".

A .csv must be UTF-8 (a byte-order mark is fine); its delimiter is whichever of comma,
semicolon or tab the header line uses most. An .xlsx is read from its first sheet.
"""

from __future__ import annotations

import csv
import datetime
import itertools
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from shora.spreadsheets.errors import SpreadsheetRefusal
from shora_domain.errors import DomainError
from shora_domain.persian_text import normalize_persian

RawRows = Iterator[tuple[int, Sequence[Any]]]
ProgressCallback = Callable[[int], None]
PROGRESS_EVERY = 1000
_XLSX_ERRORS = (
    zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError,
    EOFError, ElementTree.ParseError,
)  # fmt: skip


def header_key(text: str) -> str:
    """The comparison form of a header name (see the module notes)."""
    key = normalize_persian(text).lower()
    if key.isascii():
        key = key.replace(" ", "_").replace("-", "_")
    return key


@dataclass(frozen=True)
class Columns:
    """The columns an import needs, may have, and the other names it accepts for them."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, key: str) -> str:
        """The column a header key names: itself, or the column it is an alias of."""
        table = {header_key(alias): column for alias, column in self.aliases.items()}
        return table.get(key, key)


def cell_text(value: object) -> str:
    """A cell's value as text: 12.0 → "12", a date → "2024-03-01", None → ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _refuse(code: SpreadsheetRefusal, *, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)


def _not_a_spreadsheet(path: Path, kind: str) -> DomainError:
    return _refuse(
        SpreadsheetRefusal.NOT_A_SPREADSHEET,
        fa=(
            f"پروندهٔ «{path.name}» یک {kind} سالم نیست؛ "
            "آن را دوباره از برنامهٔ صفحه‌گسترده ذخیره کنید."
        ),
        en=f"“{path.name}” is not a valid {kind} file; save it again from the spreadsheet program.",
    )


def _csv_rows(path: Path) -> RawRows:
    with path.open("rb") as binary:
        start = binary.read(4096)
    if start.startswith(b"PK\x03\x04") or b"\x00" in start:
        raise _not_a_spreadsheet(path, "CSV")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        number = 0
        try:
            first = stream.readline()
            counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
            delimiter = max(counts, key=lambda candidate: counts[candidate])
            if counts[delimiter] == 0:
                delimiter = ","
            records = csv.reader(itertools.chain([first], stream), delimiter=delimiter)
            for number, record in enumerate(records, start=1):
                yield number, record
        except UnicodeDecodeError as error:
            raise _refuse(
                SpreadsheetRefusal.NOT_UTF8,
                fa=(
                    f"پروندهٔ «{path.name}» (نزدیک ردیف {number + 1}) با UTF-8 نوشته نشده است؛ "
                    "در اکسل «CSV UTF-8» را برای ذخیره برگزینید."
                ),
                en=(
                    f"“{path.name}” (near row {number + 1}) is not UTF-8; "
                    "in Excel choose “CSV UTF-8” when saving."
                ),
            ) from error
        except csv.Error as error:
            raise _not_a_spreadsheet(path, "CSV") from error


def _xlsx_rows(path: Path) -> tuple[int | None, RawRows]:
    """The first sheet's rows, and the number of data rows its stated size promises."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        stated = sheet.max_row
    except _XLSX_ERRORS as error:
        raise _not_a_spreadsheet(path, "xlsx") from error

    def rows() -> RawRows:
        try:
            sheet.reset_dimensions()  # some programs state a wrong size; read what is there
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except _XLSX_ERRORS as error:
            raise _not_a_spreadsheet(path, "xlsx") from error
        finally:
            workbook.close()

    return (max(stated - 1, 0) if isinstance(stated, int) and stated > 1 else None), rows()


def _csv_line_count(path: Path) -> int:
    lines = 0
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            lines += chunk.count(b"\n")
    return lines


class TableReader:
    """The rows of one table after its header: iterate for ``(row_number, {column: text})``."""

    def __init__(
        self,
        path: Path,
        columns: Columns | None,
        raw: RawRows,
        *,
        total_rows: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.path = path
        self.total_rows = total_rows  # an estimate, for progress only
        self._raw = raw
        self._progress = progress
        self.header_row, header = self._header()
        columns = columns or Columns(required=())
        self._positions: list[tuple[int, str]] = []
        self.labels: dict[str, str] = {}
        duplicates: list[tuple[str, str]] = []
        for index, label in enumerate(cell_text(value) for value in header):
            if not label:
                continue
            column = columns.canonical(header_key(label))
            if column in self.labels:
                duplicates.append((self.labels[column], label))
            self.labels.setdefault(column, label)
            self._positions.append((index, column))
        if duplicates:
            self.close()
            raise _refuse(
                SpreadsheetRefusal.DUPLICATE_COLUMNS,
                fa="این ستون‌ها دو بار آمده‌اند: "
                + "، ".join(f"«{first}» و «{second}»" for first, second in duplicates)
                + ".",
                en="These columns appear twice: "
                + ", ".join(f"“{first}” and “{second}”" for first, second in duplicates)
                + ".",
            )
        missing = [column for column in columns.required if column not in self.labels]
        if missing:
            found = ", ".join(self.labels.values())
            self.close()
            raise _refuse(
                SpreadsheetRefusal.MISSING_COLUMNS,
                fa=f"ستون‌های لازم نیست: {'، '.join(missing)}. ستون‌های موجود: {found}.",
                en=f"Required columns are missing: {', '.join(missing)}. Columns found: {found}.",
            )
        self.columns = [column for _, column in self._positions]

    def _header(self) -> tuple[int, Sequence[Any]]:
        for number, values in self._raw:
            if any(cell_text(value) for value in values):
                return number, values
        self.close()
        raise _refuse(
            SpreadsheetRefusal.EMPTY_FILE,
            fa=f"پروندهٔ «{self.path.name}» خالی است؛ نه سطر عنوان دارد نه داده.",
            en=f"“{self.path.name}” is empty: it has no header row and no data.",
        )

    def label(self, column: str) -> str:
        """The column's header as written in the file (the column's own name if absent)."""
        return self.labels.get(column, column)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        done = 0
        for number, values in self._raw:
            row = {
                column: cell_text(values[index]) if index < len(values) else ""
                for index, column in self._positions
            }
            if not any(row.values()):
                continue
            done += 1
            if self._progress is not None and done % PROGRESS_EVERY == 0:
                self._progress(done)
            yield number, row
        if self._progress is not None:
            self._progress(done)

    def close(self) -> None:
        close = getattr(self._raw, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> TableReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def read_rows(
    path: Path | str, columns: Columns | None = None, *, progress: ProgressCallback | None = None
) -> TableReader:
    """Open ``path`` (.xlsx or .csv) and check its header; DomainError if it is refused.

    ``progress(rows_read)`` is called every few hundred rows and once at the end.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise _refuse(
            SpreadsheetRefusal.UNKNOWN_EXTENSION,
            fa=(
                f"پسوند «{path.suffix or 'بی‌پسوند'}» پشتیبانی نمی‌شود؛ پرونده را با قالب "
                "‎.xlsx‎ (اکسل) یا ‎.csv‎ (UTF-8) ذخیره کنید."
            ),
            en=f"Files ending in “{path.suffix}” are not read; save it as .xlsx or .csv (UTF-8).",
        )
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _refuse(
            SpreadsheetRefusal.NOT_A_SPREADSHEET,
            fa=f"پروندهٔ «{path}» خوانده نشد.",
            en=f"Could not read “{path}”: {error.strerror}.",
        ) from error
    if size == 0:
        raise _refuse(
            SpreadsheetRefusal.EMPTY_FILE,
            fa=f"پروندهٔ «{path.name}» خالی است (صفر بایت).",
            en=f"“{path.name}” is empty (zero bytes).",
        )
    total: int | None
    if suffix == ".csv":
        total, raw = max(_csv_line_count(path) - 1, 0), _csv_rows(path)
    else:
        total, raw = _xlsx_rows(path)
    return TableReader(path, columns, raw, total_rows=total, progress=progress)
