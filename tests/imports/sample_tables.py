"""Real files for the import tests: writers for csv and xlsx, good rows, database counts."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook

from shora.audit.models import AuditEvent
from shora.elections.models import Constituency, County, District, PollingStation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
GEOGRAPHY_HEADER = (
    "county_code", "county_name", "county_name_en", "district_code", "district_name",
    "district_name_en", "constituency_code", "constituency_kind", "constituency_name",
    "constituency_name_en", "population",
)  # fmt: skip
STATIONS_HEADER = (
    "station_code", "station_name", "district_code", "address", "connectivity",
    "constituency_codes",
)  # fmt: skip

Cell = str | int | float | datetime.date | None
WriteTable = Callable[[str, Sequence[Sequence[Cell]]], Path]


def write_csv(
    path: Path, rows: Sequence[Sequence[Cell]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Cell]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def database_counts() -> dict[str, int]:
    """How many of each thing the imports write, the audit log included."""
    return {
        "counties": County.objects.count(),
        "districts": District.objects.count(),
        "constituencies": Constituency.objects.count(),
        "stations": PollingStation.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def geography_rows() -> list[list[Cell]]:
    """Two counties, three districts, four constituencies (a good file's rows, header first)."""
    return [
        list(GEOGRAPHY_HEADER),
        ["0601", "اهواز", "Ahvaz", "060101", "مرکزی", "Central", "06010101", "city", "اهواز",
         "Ahvaz", 1184788],
        ["0601", "اهواز", "Ahvaz", "060101", "مرکزی", "Central", "06010102", "village",
         "ده نو", "", 1200],
        ["0602", "دزفول", "Dezful", "060201", "مرکزی", "Central", "06020101", "city", "دزفول",
         "Dezful", 264709],
        ["0602", "دزفول", "Dezful", "060202", "شهیون", "Shahyun", "06020201", "village",
         "شمس‌آباد", "", 2400],
    ]  # fmt: skip
