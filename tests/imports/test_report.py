"""write_report: a bad-row report a person can open in Excel, in Persian and English."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shora.spreadsheets.errors import SpreadsheetRefusal
from shora.spreadsheets.report import RowProblem, default_report_path, write_report
from shora_domain.errors import DomainError

PROBLEMS = [
    RowProblem(row=3, column="جمعیت", value="-5", code="import.negative",
               fa="«-5» منفی است.", en="“-5” is negative."),
    RowProblem(row=7, column="county_name", value="=HYPERLINK(\"x\")", code="import.name_mismatch",
               fa="نام دیگر", en="another name"),
]  # fmt: skip


def test_xlsx_report_is_right_to_left_and_readable(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.xlsx", PROBLEMS)

    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "ردیف / row",
        "ستون / column",
        "مقدار / value",
        "دلیل / reason (Persian)",
        "دلیل به انگلیسی / reason (English)",
    )
    assert rows[1] == (3, "جمعیت", "-5", "«-5» منفی است.", "“-5” is negative.")
    assert rows[2][2] == '=HYPERLINK("x")'
    assert sheet.cell(row=3, column=3).data_type == "s"  # text, never a formula


def test_csv_report_has_a_byte_order_mark_and_no_formulas(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.csv", PROBLEMS)

    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][0] == "ردیف / row"
    assert rows[1] == ["3", "جمعیت", "-5", "«-5» منفی است.", "“-5” is negative."]
    assert rows[2][2] == '\'=HYPERLINK("x")'


def test_report_with_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        write_report(tmp_path / "r.pdf", PROBLEMS)
    assert caught.value.code is SpreadsheetRefusal.UNKNOWN_EXTENSION
    assert not (tmp_path / "r.pdf").exists()


def test_default_report_path_is_beside_the_file() -> None:
    assert default_report_path(Path("/data/stations.csv")) == Path("/data/stations.errors.xlsx")
