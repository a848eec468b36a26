"""Registering from a real spreadsheet: all or nothing, every bad cell reported; the CLI verb."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.candidates.imports import candidates_import
from shora.candidates.models import Candidacy, ReviewStep
from shora.cli import main
from shora.elections.models import Phase
from shora.spreadsheets.errors import RowsRefusedError
from shora_domain.digits import to_persian_digits
from tests.candidates.conftest import national_code
from tests.imports.sample_tables import write_csv, write_xlsx

pytestmark = pytest.mark.django_db

PERSIAN_HEADER = [
    "کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "کد حوزه",
    "مدرک تحصیلی", "نظام وظیفه", "ایثارگری", "تاریخ گواهی عدم سوءپیشینه", "سکونت",
]  # fmt: skip
ENGLISH_HEADER = [
    "national_code", "first_name", "last_name", "father_name", "gender", "birth_date",
    "constituency_code", "degree", "military_service", "veteran_status", "clean_record_date",
    "residence",
]  # fmt: skip


def good_rows() -> list[list[str]]:
    return [
        [to_persian_digits(national_code(11)), "محمد", "حسين\u200cزاده", "علي", "مرد",
         "۱۳۶۰/۰۱/۰۱", "۱۰۰۱", "لیسانس", "کارت پایان خدمت", "جانباز", "۱۴۰۴/۱۰/۰۱", "بله"],
        [national_code(12), "فاطمه", "كريمي", "حسن", "زن", "1365/6/30", "1001",
         "فوق لیسانس", "", "", "1404/09/15", "yes"],
    ]  # fmt: skip


def snapshot() -> tuple[int, int, int]:
    return Candidacy.objects.count(), ReviewStep.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("name", "header"), [("c.xlsx", PERSIAN_HEADER), ("c.csv", ENGLISH_HEADER)]
)
def test_a_good_file_registers_every_row(registering, tmp_path, name, header):
    path = tmp_path / name
    (write_xlsx if name.endswith("xlsx") else write_csv)(path, [header, *good_rows()])
    result = candidates_import(
        actor=None, election=registering.election, county=registering.county_a, path=path
    )
    assert (result.rows, result.registered, result.warnings) == (2, 2, [])
    names = set(Candidacy.objects.values_list("first_name", "last_name", "veteran_status"))
    assert names == {("محمد", "حسین\u200cزاده", "disabled_veteran"), ("فاطمه", "کریمی", "none")}
    summary = AuditEvent.objects.filter(event_type=AuditEventType.CANDIDATES_IMPORTED).get()
    assert summary.new["sha256"] == result.sha256 and summary.unit == "county:0601"
    assert AuditEvent.objects.filter(event_type=AuditEventType.CANDIDACY_REGISTERED).count() == 2


def test_every_bad_row_is_reported_and_nothing_is_registered(registering, register, tmp_path):
    register(national_code=national_code(99))
    rows = [
        ENGLISH_HEADER,
        *good_rows(),
        [national_code(13), "سارا", "احمدی", "رضا", "زن", "1385/01/01", "1001", "bachelor",
         "", "", "1404/10/01", "yes"],  # 4: under 25
        ["1234567890", "رضا", "", "علی", "male", "1360/13/01", "1001", "phd?", "card", "", "",
         "بله"],  # 5: bad code, empty surname, no such month, unknown degree
        [national_code(11), "محمد", "حسینزاده", "علی", "male", "1360/01/01", "1001", "bachelor",
         "card", "", "1404/10/01", "yes"],  # 6: the same code as row 2
        [national_code(99), "علی", "رضایی", "حسن", "male", "1360/01/01", "1001", "bachelor",
         "card", "", "1404/10/01", "yes"],  # 7: registered already
        [national_code(14), "علی", "نوری", "حسن", "male", "1360/01/01", "2001", "bachelor",
         "card", "", "1404/10/01", "yes"],  # 8: Abadan's constituency, not this county's
        [national_code(15), "علی", "نوری", "حسن", "male", "1360/01/01", "1002", "diploma",
         "temporary_exemption", "", "1403/01/01", "no"],  # 9: village window closed, 4 more
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = snapshot()
    with pytest.raises(RowsRefusedError) as caught:
        candidates_import(
            actor=None, election=registering.election, county=registering.county_a, path=path
        )
    assert snapshot() == before
    found = {(p.row, p.column, p.code) for p in caught.value.problems}
    assert found == {
        (4, "birth_date", "candidacy.under_age"),
        (5, "national_code", "import.refused_by_rule"),
        (5, "last_name", "import.refused_by_rule"),
        (5, "birth_date", "import.not_whole_number"),
        (5, "degree", "import.unknown_choice"),
        (2, "national_code", "import.duplicate_in_file"),
        (6, "national_code", "import.duplicate_in_file"),
        (7, "national_code", "candidacy.already_registered"),
        (8, "constituency_code", "import.unknown_constituency"),
        (9, "constituency_code", "candidacy.registration_closed"),
        (9, "residence", "candidacy.no_residence"),
        (9, "military_service", "candidacy.military_service_missing"),
        (9, "clean_record_date", "candidacy.clean_record_too_old"),
    }
    month = next(p for p in caught.value.problems if p.column == "birth_date" and p.row == 5)
    assert "ماه ۱۳ وجود ندارد" in month.fa


def test_the_same_name_and_birth_date_under_two_codes_is_a_warning(registering, tmp_path):
    rows = [ENGLISH_HEADER, *good_rows()]
    twin = list(rows[1])
    twin[0] = national_code(21)
    path = write_csv(tmp_path / "twins.csv", [*rows, twin])
    result = candidates_import(
        actor=None, election=registering.election, county=registering.county_a, path=path
    )
    assert result.registered == 3
    assert sorted(row for row, _, _ in result.warnings) == [2, 4]


def test_the_command_registers_and_reports(registering, tmp_path, capsys):
    path = write_xlsx(tmp_path / "ok.xlsx", [PERSIAN_HEADER, *good_rows()])
    election = str(registering.election.pk)
    assert main(["import", "candidates", str(path), "--election", election,
                 "--county", "۰۶۰۱"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Registered: 2 candidates" in out and "ثبت‌نام شد" in out

    bad = write_csv(tmp_path / "bad.csv", [ENGLISH_HEADER, *good_rows()])
    report = tmp_path / "report.csv"
    assert main(["import", "candidates", str(bad), "--election", election, "--county", "0601",
                 "--report", str(report)]) == 1  # fmt: skip
    out = capsys.readouterr().out
    assert "nothing was imported" in out and "پیش‌تر" in out
    assert report.read_text(encoding="utf-8-sig").count("candidacy.") == 0  # codes not shown
    assert "already registered" in report.read_text(encoding="utf-8-sig")
    assert main(["import", "candidates", str(bad), "--election", election,
                 "--county", "9999"]) == 2  # fmt: skip
    assert main(["import", "candidates", str(bad), "--election", "999999",
                 "--county", "0601"]) == 2  # fmt: skip
    assert Candidacy.objects.count() == 2


def test_a_file_is_refused_outside_registration_and_when_malformed(registering, tmp_path, capsys):
    election = registering.election
    empty = tmp_path / "empty.xlsx"
    write_xlsx(empty, [["national_code", "first_name"]])
    assert main(["import", "candidates", str(empty), "--election", str(election.pk),
                 "--county", "0601"]) == 2  # fmt: skip
    assert "Required columns are missing" in capsys.readouterr().out
    election.phase = Phase.REVIEW
    election.save(update_fields=["phase"])
    path = write_xlsx(tmp_path / "ok.xlsx", [PERSIAN_HEADER, *good_rows()])
    assert main(["import", "candidates", str(path), "--election", str(election.pk),
                 "--county", "0601"]) == 2  # fmt: skip
    assert not Candidacy.objects.exists()


def test_the_report_is_a_right_to_left_workbook(registering, tmp_path):
    rows = [ENGLISH_HEADER, [national_code(31), "", "", "", "", "", "1001", "", "", "", "", ""]]
    path = write_csv(tmp_path / "blank.csv", rows)
    assert main(["import", "candidates", str(path), "--election", str(registering.election.pk),
                 "--county", "0601"]) == 1  # fmt: skip
    report = Path(tmp_path / "blank.errors.xlsx")
    sheet = load_workbook(report).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert sheet.max_row - 1 >= 7  # names, gender, birth date, degree, residence…


def test_county_staff_upload_a_file_on_the_web(
    registering, client_of, county_user, client_as, tmp_path
):
    url = f"/candidates/counties/{registering.county_a.pk}/import/"
    client = client_of(county_user)
    assert client.get(url).status_code == 200
    bad = write_csv(tmp_path / "bad.csv", [ENGLISH_HEADER, [*good_rows()[0][:6], "2001",
                                                           *good_rows()[0][7:]]])  # fmt: skip
    with bad.open("rb") as stream:
        response = client.post(url, {"file": stream})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="problems"' in page and "شهرستان «اهواز»" in page
    assert not Candidacy.objects.exists()
    good = write_xlsx(tmp_path / "good.xlsx", [PERSIAN_HEADER, *good_rows()])
    with good.open("rb") as stream:
        response = client.post(url, {"file": stream})
    assert response.status_code == 302
    assert Candidacy.objects.count() == 2
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with text.open("rb") as stream:
        assert client.post(url, {"file": stream}).status_code == 400
    assert client_as("supervisor").get(url).status_code == 403
    abadan = f"/candidates/counties/{registering.county_b.pk}/import/"
    assert client.get(abadan).status_code == 403
