"""read_rows: csv and xlsx read alike, row by row, with clear refusals for bad files."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from shora.spreadsheets.errors import SpreadsheetRefusal
from shora.spreadsheets.reading import Columns, cell_text, header_key, read_rows
from shora_domain.errors import DomainError
from tests.imports.sample_tables import write_csv, write_xlsx

COLUMNS = Columns(
    required=("code", "name"), optional=("note",), aliases={"کد": "code", "نام": "name"}
)


def rows_of(path: Path, columns: Columns | None = COLUMNS) -> list[tuple[int, dict[str, str]]]:
    with read_rows(path, columns) as reader:
        return list(reader)


def refusal(path: Path, columns: Columns | None = COLUMNS) -> DomainError:
    with pytest.raises(DomainError) as caught:
        rows_of(path, columns)
    assert caught.value.fa and caught.value.en
    return caught.value


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (",", "utf-8-sig"), (";", "utf-8-sig"), ("\t", "utf-8")],
)
def test_csv_delimiters_and_byte_order_mark(tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["code", "name"], ["1", "اهواز, مرکزی"], ["2", "ب"]],
        delimiter=delimiter,
        encoding=encoding,
    )

    assert rows_of(path) == [
        (2, {"code": "1", "name": "اهواز, مرکزی"}),
        (3, {"code": "2", "name": "ب"}),
    ]


def test_headers_are_normalised_and_aliases_accepted(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [[" CODE ", "نام", "Extra-Column"], ["7", "دزفول", "x"]])

    with read_rows(path, COLUMNS) as reader:
        assert reader.columns == ["code", "name", "extra_column"]
        assert reader.label("name") == "نام"
        assert list(reader) == [(2, {"code": "7", "name": "دزفول", "extra_column": "x"})]


def test_arabic_letters_in_a_header_match_the_alias(tmp_path: Path) -> None:
    assert header_key("كد شهرستان") == header_key("کد شهرستان")
    assert header_key("County Code") == "county_code"
    path = write_csv(tmp_path / "t.csv", [["كد", "نام"], ["1", "a"]])  # Arabic kaf

    assert rows_of(path) == [(2, {"code": "1", "name": "a"})]


def test_xlsx_values_become_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["code", "name", "note"],
            [12.0, "  اهواز  ", datetime.date(2026, 6, 19)],
            [1234567, "x", datetime.datetime(2026, 6, 19, 8, 30)],
            ["0601", 2.5, None],
        ],
    )

    assert rows_of(path) == [
        (2, {"code": "12", "name": "اهواز", "note": "2026-06-19"}),
        (3, {"code": "1234567", "name": "x", "note": "2026-06-19T08:30:00"}),
        (4, {"code": "0601", "name": "2.5", "note": ""}),
    ]


@pytest.mark.parametrize("name", ["t.csv", "t.xlsx"])
def test_blank_rows_are_skipped_but_counted(tmp_path: Path, name: str) -> None:
    rows = [["", ""], ["code", "name"], ["1", "a"], ["", ""], ["2", "b"]]
    path = (
        write_xlsx(tmp_path / name, rows)
        if name.endswith("xlsx")
        else write_csv(tmp_path / name, rows)
    )

    with read_rows(path, COLUMNS) as reader:
        assert reader.header_row == 2
        assert [number for number, _ in reader] == [3, 5]


def test_cell_text() -> None:
    assert [cell_text(v) for v in (None, " a ", 3, 3.0, 0.5, True, datetime.time(8, 0))] == [
        "",
        "a",
        "3",
        "3",
        "0.5",
        "TRUE",
        "08:00:00",
    ]


@pytest.mark.parametrize("name", ["t.csv", "t.xlsx"])
def test_progress_is_reported_with_an_estimate(tmp_path: Path, name: str) -> None:
    rows = [["code", "name"], *[[str(n), "x"] for n in range(2500)]]
    path = (
        write_xlsx(tmp_path / name, rows)
        if name.endswith("xlsx")
        else write_csv(tmp_path / name, rows)
    )
    calls: list[int] = []

    with read_rows(path, COLUMNS, progress=calls.append) as reader:
        assert reader.total_rows == 2500
        assert sum(1 for _ in reader) == 2500
    assert calls == [1000, 2000, 2500]


@pytest.mark.parametrize("name", ["t.xls", "t.txt", "t", "t.ods"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("code,name\n1,a\n")

    assert refusal(path).code is SpreadsheetRefusal.UNKNOWN_EXTENSION


@pytest.mark.parametrize(
    ("name", "content"), [("t.csv", b""), ("t.xlsx", b""), ("t.csv", b"\n , \n\n")]
)
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert refusal(path).code is SpreadsheetRefusal.EMPTY_FILE


def test_junk_bytes_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(bytes(range(256)) * 20)

    error = refusal(path)
    assert error.code is SpreadsheetRefusal.NOT_A_SPREADSHEET
    assert "not a valid xlsx" in error.en


def test_csv_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_text("code,name\n1,a\n")

    assert refusal(path).code is SpreadsheetRefusal.NOT_A_SPREADSHEET


def test_xlsx_file_named_csv(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "t.xlsx", [["code", "name"], ["1", "a"]]).rename(tmp_path / "t.csv")

    assert refusal(tmp_path / "t.csv").code is SpreadsheetRefusal.NOT_A_SPREADSHEET


def test_csv_not_in_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["code", "name"], ["1", "اهواز"]], encoding="cp1256")

    error = refusal(path)
    assert error.code is SpreadsheetRefusal.NOT_UTF8
    assert "CSV UTF-8" in error.en


def test_missing_columns_say_which_and_what_was_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["کد", "Note"], ["1", "x"]])

    error = refusal(path)
    assert error.code is SpreadsheetRefusal.MISSING_COLUMNS
    assert error.en == "Required columns are missing: name. Columns found: کد, Note."


@pytest.mark.parametrize("header", [["code", "name", "code"], ["code", "name", "کد"]])
def test_duplicate_columns(tmp_path: Path, header: list[str]) -> None:
    path = write_csv(tmp_path / "t.csv", [header, ["1", "a", "2"]])

    error = refusal(path)
    assert error.code is SpreadsheetRefusal.DUPLICATE_COLUMNS
    assert error.en == f"These columns appear twice: “code” and “{header[2]}”."
