"""The extract's columns, and its rows as tuples of cell texts in the order of ``FIELDS``.

The header is checked by the shared reader (``read_rows``: missing or doubled columns,
empty files, not UTF-8, not a spreadsheet). An .xlsx is then read through it. A .csv, the
civil registry's usual form and millions of rows long, is read again with the plain csv
module: the same delimiter rule, the same row numbers (the header is row 1, blank rows
are skipped but counted), without building a dictionary per row, which is most of the
shared reader's time at this size.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from shora.spreadsheets.errors import SpreadsheetRefusal
from shora.spreadsheets.reading import Columns, TableReader, cell_text, header_key, read_rows
from shora_domain.civil_registry import Calendar
from shora_domain.errors import DomainError

FIELDS = (
    "national_code", "first_name", "last_name", "father_name", "birth_date", "gender",
    "constituency_code", "deceased", "barred", "residence_since",
)  # fmt: skip
NATIONAL_CODE, FIRST, LAST, FATHER, BIRTH, GENDER, CONSTITUENCY, DECEASED, BARRED, RESIDENCE = (
    range(len(FIELDS))
)

# A birth-date column whose name says its calendar.
_JALALI_NAMES = ("birth_date_jalali", "birth date jalali", "تاریخ تولد شمسی",
                 "تاریخ تولد خورشیدی", "تاریخ تولد جلالی")  # fmt: skip
_GREGORIAN_NAMES = ("birth_date_gregorian", "birth date gregorian", "تاریخ تولد میلادی")

VOTER_COLUMNS = Columns(
    required=FIELDS[:-1],
    optional=("residence_since",),
    aliases={
        "کد ملی": "national_code", "شماره ملی": "national_code", "national_id": "national_code",
        "نام": "first_name", "given_name": "first_name",
        "نام خانوادگی": "last_name", "surname": "last_name", "family_name": "last_name",
        "نام پدر": "father_name", "father's name": "father_name", "fathers_name": "father_name",
        "تاریخ تولد": "birth_date", "date_of_birth": "birth_date", "birthdate": "birth_date",
        **dict.fromkeys(_JALALI_NAMES + _GREGORIAN_NAMES, "birth_date"),
        "جنسیت": "gender", "جنس": "gender", "sex": "gender",
        "کد حوزه": "constituency_code", "کد حوزه انتخابیه": "constituency_code",
        "حوزه": "constituency_code", "constituency": "constituency_code",
        "فوت": "deceased", "فوت شده": "deceased", "متوفی": "deceased", "dead": "deceased",
        "محروم": "barred", "محروم از رأی": "barred", "محروم از حق رأی": "barred",
        "محرومیت": "barred", "barred_from_voting": "barred",
        "تاریخ اقامت": "residence_since", "اقامت از": "residence_since",
        "ساکن از": "residence_since", "resident_since": "residence_since",
        "residence_from": "residence_since",
    },
)  # fmt: skip


def _named_calendar(label: str) -> Calendar | None:
    key = header_key(label)
    if key in {header_key(name) for name in _JALALI_NAMES}:
        return Calendar.JALALI
    if key in {header_key(name) for name in _GREGORIAN_NAMES}:
        return Calendar.GREGORIAN
    return None


@dataclass
class ExtractTable:
    """An open extract: its header as written, and its rows."""

    path: Path
    labels: dict[str, str]
    total_rows: int | None
    rows: Iterator[tuple[int, Sequence[str]]]
    has_residence: bool

    def label(self, field: str) -> str:
        return self.labels.get(field, field)


def _check_calendar(reader: TableReader, calendar: Calendar) -> None:
    named = _named_calendar(reader.label("birth_date"))
    if named is None or named is calendar:
        return
    reader.close()
    raise DomainError(
        SpreadsheetRefusal.MISSING_COLUMNS,
        fa=(
            f"ستون «{reader.label('birth_date')}» تاریخ "
            f"{'میلادی' if named is Calendar.GREGORIAN else 'خورشیدی'} است؛ فرمان را با "
            f"‎--birth-calendar {named.value}‎ اجرا کنید."
        ),
        en=(
            f"The column “{reader.label('birth_date')}” holds {named.value.capitalize()} "
            f"dates; run the command with --birth-calendar {named.value}."
        ),
    )


def _xlsx_rows(reader: TableReader) -> Iterator[tuple[int, Sequence[str]]]:
    with reader:
        for number, row in reader:
            yield number, [row.get(field, "") for field in FIELDS]


def _csv_refusal(path: Path, number: int, error: Exception) -> DomainError:
    if isinstance(error, UnicodeDecodeError):
        return DomainError(
            SpreadsheetRefusal.NOT_UTF8,
            fa=(
                f"پروندهٔ «{path.name}» (نزدیک ردیف {number + 1}) با UTF-8 نوشته نشده است؛ "
                "در اکسل «CSV UTF-8» را برای ذخیره برگزینید."
            ),
            en=(
                f"“{path.name}” (near row {number + 1}) is not UTF-8; "
                "in Excel choose “CSV UTF-8” when saving."
            ),
        )
    return DomainError(
        SpreadsheetRefusal.NOT_A_SPREADSHEET,
        fa=f"ردیف {number + 1} پروندهٔ «{path.name}» CSV سالم نیست ({error}).",
        en=f"Row {number + 1} of “{path.name}” is not valid CSV ({error}).",
    )


def _csv_rows(path: Path, header_row: int) -> Iterator[tuple[int, Sequence[str]]]:
    number = 0
    with path.open(encoding="utf-8-sig", newline="") as stream:
        try:
            first = stream.readline()
            counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
            delimiter = max(counts, key=lambda candidate: counts[candidate])
            if counts[delimiter] == 0:
                delimiter = ","
            records = csv.reader(itertools.chain([first], stream), delimiter=delimiter)
            header: list[str] = []
            for number, record in enumerate(records, start=1):
                if number == header_row:
                    header = record
                    break
            found = {
                VOTER_COLUMNS.canonical(header_key(cell_text(value))): index
                for index, value in enumerate(header)
                if cell_text(value)
            }
            # A column the file lacks reads the "" appended to every row (position -1).
            positions = [found.get(field, -1) for field in FIELDS]
            width = max(positions) + 1
            cells_of = itemgetter(*positions)
            for number, record in enumerate(records, start=header_row + 1):
                if len(record) >= width:
                    record.append("")
                    cells: Sequence[str] = cells_of(record)
                else:
                    cells = [record[i] if 0 <= i < len(record) else "" for i in positions]
                # Skip blank rows (only their cells' texts are stripped: the checks take
                # surrounding spaces in their stride).
                if any(cells) and (cells[0].strip() or "".join(cells).strip()):
                    yield number, cells
        except (UnicodeDecodeError, csv.Error) as error:
            raise _csv_refusal(path, number, error) from error


def extract_open(path: Path, calendar: Calendar) -> ExtractTable:
    """Check the file's header and open its rows; DomainError if the file is refused."""
    reader = read_rows(path, VOTER_COLUMNS)
    _check_calendar(reader, calendar)
    labels = dict(reader.labels)
    has_residence = "residence_since" in labels
    if path.suffix.lower() == ".xlsx":
        return ExtractTable(path, labels, reader.total_rows, _xlsx_rows(reader), has_residence)
    header_row, total = reader.header_row, reader.total_rows
    reader.close()
    return ExtractTable(path, labels, total, _csv_rows(path, header_row), has_residence)
