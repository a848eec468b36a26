"""Bad rows and bad files: every problem found and reported, nothing imported unless asked."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.registers.imports.running import VotersRefusedError
from shora.registers.models import ImportStatus, Voter, VoterImport
from shora.spreadsheets.errors import SpreadsheetRefusal
from shora_domain.errors import DomainError
from tests.registers.conftest import (
    AHMAD,
    EXTRACT,
    HEADER,
    NASRIN,
    ZAHRA,
    Import,
    WriteExtract,
    codes_in_register,
    register_state,
)

pytestmark = pytest.mark.django_db


def refused(import_voters: Import, path: Path, **options: object) -> VotersRefusedError:
    with pytest.raises(VotersRefusedError) as caught:
        import_voters(path, **options)
    return caught.value


def with_cell(row: list[str], column: str, value: str) -> list[str]:
    changed = list(row)
    changed[HEADER.index(column)] = value
    return changed


BAD_CELLS = [
    ("national_code", "0012345678", "national_code.wrong_check_digit"),
    ("national_code", "1111111111", "national_code.repeated_digits"),
    ("national_code", "12345", "national_code.wrong_length"),
    ("national_code", "00123x5679", "national_code.not_digits"),
    ("national_code", "", "national_code.empty"),
    ("first_name", "", "person.name_empty"),
    ("first_name", "احمد۲", "person.name_not_letters"),
    ("first_name", "=HYPERLINK()", "person.name_not_letters"),
    ("last_name", "ر" * 101, "person.name_too_long"),
    ("father_name", "<script>", "person.name_not_letters"),
    ("birth_date", "1360/13/01", "jalali.no_such_date"),
    ("birth_date", "1404/12/30", "jalali.no_such_date"),
    ("birth_date", "1981-08-11", "register.date_other_calendar"),
    ("birth_date", "20/05/1360", "register.date_unreadable"),
    ("birth_date", "1410/01/01", "register.born_in_future"),
    ("birth_date", "", "register.date_empty"),
    ("gender", "نامعلوم", "register.gender_unknown"),
    ("constituency_code", "9999", "register.unknown_constituency"),
    ("constituency_code", "", "register.unknown_constituency"),
    ("deceased", "شاید", "register.flag_unknown"),
    ("barred", "2", "register.flag_unknown"),
]


@pytest.mark.parametrize(("column", "value", "code"), BAD_CELLS)
def test_a_bad_cell_refuses_the_file_and_says_where_and_why(
    geo, write_extract: WriteExtract, import_voters: Import, column: str, value: str, code: str
) -> None:
    rows = [HEADER, ZAHRA, with_cell(AHMAD, column, value), NASRIN]
    before = register_state()

    error = refused(import_voters, write_extract("bad.csv", rows))

    assert register_state()["voters"] == before["voters"] == []
    outcome = error.outcome
    assert [(p.row, p.column, p.code) for p in outcome.first_problems] == [(3, column, code)]
    problem = outcome.first_problems[0]
    assert problem.fa and problem.en and problem.fa != problem.en
    assert problem.value == value[:200] + ("…" if len(value) > 200 else "")
    record = outcome.voter_import
    assert record.status == ImportStatus.REFUSED
    assert (record.rows_read, record.rows_bad, record.problems) == (3, 1, 1)


def test_every_problem_of_every_row_is_found_in_one_run(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    rows = [
        HEADER,
        ["0012345678", "", "رضایی", "علی", "1360/13/01", "?", "9999", "شاید", "0"],
        ZAHRA,
        with_cell(NASRIN, "gender", ""),
    ]

    error = refused(import_voters, write_extract("bad.csv", rows))

    found = [(p.row, p.column) for p in error.outcome.first_problems]
    assert found == [
        (2, "national_code"), (2, "first_name"), (2, "birth_date"), (2, "gender"),
        (2, "constituency_code"), (2, "deceased"), (4, "gender"),
    ]  # fmt: skip
    assert error.outcome.voter_import.rows_bad == 2
    assert error.en == "7 problems in 2 rows; nothing was imported."
    assert "۷ اشکال در ۲ ردیف" in error.fa


def test_the_report_in_xlsx_and_csv_lists_every_problem(
    geo, write_extract: WriteExtract, import_voters: Import, tmp_path: Path
) -> None:
    rows = (
        [HEADER]
        + [with_cell(AHMAD, "birth_date", "1360/13/01")] * 1
        + [
            with_cell(ZAHRA, "constituency_code", "۹۹۹۹"),
            NASRIN,
            NASRIN,
        ]
    )
    error = refused(import_voters, write_extract("extract.csv", rows))

    xlsx, csv_path = error.outcome.reports
    assert (xlsx, csv_path) == (tmp_path / "extract.errors.xlsx", tmp_path / "extract.errors.csv")
    sheet = load_workbook(xlsx).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "ردیف / row"
    assert [row[:3] for row in table[1:]] == [
        (2, "birth_date", "1360/13/01"),
        (3, "constituency_code", "۹۹۹۹"),
        (4, "national_code", "1234567891"),
        (5, "national_code", "1234567891"),
    ]
    assert "۹۹۹۹" in table[2][3] and "9999" not in table[2][3].replace("۹۹۹۹", "")
    assert "appears in 2 rows (4, 5)" in table[3][4]
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream))[1:] == [[str(cell) for cell in row] for row in table[1:]]


def test_a_report_goes_where_asked(
    geo, write_extract: WriteExtract, import_voters: Import, tmp_path: Path
) -> None:
    wanted = tmp_path / "reports" / "problems.csv"
    error = refused(
        import_voters,
        write_extract("bad.csv", [HEADER, with_cell(AHMAD, "gender", "?")]),
        report=str(wanted),
    )
    assert error.outcome.reports == [wanted.with_suffix(".xlsx"), wanted]
    assert wanted.exists() and wanted.with_suffix(".xlsx").exists()


def test_duplicate_codes_in_the_file_are_all_bad(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    again = with_cell(with_cell(AHMAD, "first_name", "حمید"), "national_code", "۰۰۱۲۳۴۵۶۷۹")
    rows = [HEADER, AHMAD, ZAHRA, again, NASRIN, AHMAD]

    error = refused(import_voters, write_extract("twice.csv", rows))

    problems = error.outcome.first_problems
    assert [(p.row, p.code) for p in problems] == [
        (2, "register.duplicate_in_file"),
        (4, "register.duplicate_in_file"),
        (6, "register.duplicate_in_file"),
    ]
    assert "(2, 4, 6)" in problems[0].en and "(۲، ۴، ۶)" in problems[0].fa
    assert error.outcome.voter_import.rows_bad == 3


def test_good_rows_mode_imports_the_rest_and_still_reports(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    rows = [HEADER, AHMAD, with_cell(ZAHRA, "birth_date", "bad"), NASRIN, NASRIN, EXTRACT[3]]

    outcome = import_voters(write_extract("mixed.csv", rows), import_good_rows=True)

    record = outcome.voter_import
    assert record.status == ImportStatus.APPLIED
    assert (record.rows_read, record.rows_bad, record.problems, record.added) == (5, 3, 3, 2)
    assert codes_in_register() == {AHMAD[0], EXTRACT[3][0]}
    assert len(outcome.reports) == 2 and all(path.exists() for path in outcome.reports)
    assert [p.row for p in outcome.first_problems] == [3, 4, 5]


def test_a_file_of_only_bad_rows_changes_nothing_even_in_good_rows_mode(
    imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    before = register_state()
    rows = [HEADER, with_cell(AHMAD, "gender", "?"), with_cell(ZAHRA, "gender", "?")]

    with pytest.raises(DomainError) as caught:
        import_voters(write_extract("all-bad.csv", rows), import_good_rows=True)

    assert caught.value.code.value == "register.no_good_rows"
    assert register_state()["voters"] == before["voters"]
    assert VoterImport.objects.latest("pk").status == ImportStatus.FAILED


def test_huge_values_are_refused_and_shown_cut(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    huge = "ب" * 100_000
    rows = [HEADER, with_cell(AHMAD, "last_name", huge), with_cell(ZAHRA, "gender", "x" * 5000)]

    error = refused(import_voters, write_extract("huge.xlsx", rows))

    problems = error.outcome.first_problems
    assert [p.code for p in problems] == ["person.name_too_long", "register.gender_unknown"]
    assert all(len(p.value) <= 201 for p in problems)
    assert Voter.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", SpreadsheetRefusal.EMPTY_FILE),
        ("header.csv", ",".join(HEADER).encode(), SpreadsheetRefusal.NO_DATA_ROWS),
        ("latin1.csv", ",".join(HEADER).encode() + "\n\xe9\xe9".encode("latin-1") * 3,
         SpreadsheetRefusal.NOT_UTF8),
        ("columns.csv", b"national_code,first_name\n0012345679,a\n",
         SpreadsheetRefusal.MISSING_COLUMNS),
        ("binary.csv", b"\x00\x01\x02\x03" * 100, SpreadsheetRefusal.NOT_A_SPREADSHEET),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", SpreadsheetRefusal.NOT_A_SPREADSHEET),
        ("voters.txt", b"whatever", SpreadsheetRefusal.UNKNOWN_EXTENSION),
    ],
)  # fmt: skip
def test_a_refused_file_imports_nothing_and_is_recorded_as_failed(
    imported, import_voters: Import, tmp_path: Path, name: str, content: bytes, code: object
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = register_state()

    with pytest.raises(DomainError) as caught:
        import_voters(path)

    assert caught.value.code is code
    assert register_state()["voters"] == before["voters"]
    record = VoterImport.objects.latest("pk")
    assert record.status == ImportStatus.FAILED
    assert record.message_en == caught.value.en
    failed = AuditEvent.objects.filter(event_type=AuditEventType.VOTER_IMPORT_FAILED)
    assert failed.count() == 1


def test_not_utf8_in_the_middle_of_a_large_file(geo, import_voters: Import, tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    good = ",".join(AHMAD).encode()
    path.write_bytes(",".join(HEADER).encode() + b"\n" + (good + b"\n") * 3000 + b"\xff\xfe\n")

    with pytest.raises(DomainError) as caught:
        import_voters(path)

    assert caught.value.code is SpreadsheetRefusal.NOT_UTF8
    # "near": the text is decoded a block at a time, so the row is where that block began.
    near = int(caught.value.en.split("near row ")[1].split(")")[0])
    assert 2000 < near <= 3002
    assert Voter.objects.count() == 0


def test_a_calendar_named_column_must_match_the_option(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    header = [*HEADER[:4], "birth_date_gregorian", *HEADER[5:]]
    with pytest.raises(DomainError) as caught:
        import_voters(write_extract("named.csv", [header, AHMAD]))
    assert "--birth-calendar gregorian" in caught.value.en
    assert Voter.objects.count() == 0


def test_a_missing_file(geo, import_voters: Import, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        import_voters(tmp_path / "nowhere.csv")
    assert "Could not read" in caught.value.en
    assert VoterImport.objects.count() == 0
