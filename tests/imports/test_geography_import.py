"""geography_import: good files import completely; any bad row imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.elections.errors import ElectionRefusal
from shora.elections.imports.geography import geography_import
from shora.elections.imports.result import file_sha256
from shora.elections.models import Constituency, County, District, Election
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    province_create,
)
from shora.spreadsheets.errors import RowsRefusedError, SpreadsheetRefusal
from shora.spreadsheets.report import RowProblem
from shora_domain.errors import DomainError
from tests.imports.sample_tables import (
    FIXTURES,
    GEOGRAPHY_HEADER,
    WriteTable,
    database_counts,
    geography_rows,
)

pytestmark = pytest.mark.django_db


def refused(election: Election, path: Path) -> list[RowProblem]:
    """The problems of a refused file, after checking that nothing at all was written."""
    before = database_counts()
    with pytest.raises(RowsRefusedError) as caught:
        geography_import(actor=None, election=election, path=path)
    assert database_counts() == before
    return caught.value.problems


def where(problems: list[RowProblem]) -> set[tuple[int, str, str]]:
    return {(problem.row, problem.column, problem.code) for problem in problems}


@pytest.mark.parametrize("name", ["geography.csv", "geography.xlsx"])
def test_good_file_imports_everything(
    election: Election, write_table: WriteTable, name: str
) -> None:
    path = write_table(name, geography_rows())
    before = database_counts()

    result = geography_import(actor=None, election=election, path=path)

    created = (result.counties_created, result.districts_created, result.constituencies_created)
    assert created == (2, 3, 4)
    assert result.rows == 4
    assert result.sha256 == file_sha256(path)
    after = database_counts()
    assert after["counties"] - before["counties"] == 2
    assert after["constituencies"] - before["constituencies"] == 4
    sizes = {
        c.code: (c.kind, c.population, c.members, c.alternates)
        for c in Constituency.objects.filter(election=election)
    }
    assert sizes == {
        "06010101": ("city", 1184788, 13, 8),
        "06010102": ("village", 1200, 3, 2),
        "06020101": ("city", 264709, 9, 6),
        "06020201": ("village", 2400, 5, 3),
    }
    dezful = County.objects.get(code="0602")
    assert (dezful.province, dezful.name, dezful.name_en) == (election.province, "دزفول", "Dezful")
    assert District.objects.get(code="060202").county == dezful
    # 2 counties + 3 districts + 4 constituencies, each audited by its service, plus one summary
    assert after["audit_events"] - before["audit_events"] == 10
    summary = AuditEvent.objects.get(event_type=AuditEventType.GEOGRAPHY_IMPORTED)
    assert summary.new == {
        "file": name,
        "sha256": result.sha256,
        "rows": 4,
        "counties": 2,
        "districts": 3,
        "constituencies": 4,
    }


def test_committed_sample_file_imports(election: Election) -> None:
    result = geography_import(actor=None, election=election, path=FIXTURES / "geography.xlsx")

    assert result.constituencies_created == Constituency.objects.filter(election=election).count()
    assert result.counties_created == 3
    assert Constituency.objects.get(election=election, code="06010101").name == "اهواز"


def test_arabic_letters_persian_digits_and_persian_headers(
    election: Election, write_table: WriteTable
) -> None:
    path = write_table("geography.csv", [
        ["کد شهرستان", "نام شهرستان", "کد بخش", "نام بخش", "کد حوزه", "نوع حوزه", "نام حوزه",
         "جمعیت"],
        ["۰۶۰۳", "شوشتر", "٠٦٠٣٠١", "مركزي", "۰۶۰۳۰۱۰۱", "شهر", "شوشتر", "۱۰۱٬۸۷۸"],
        ["۰۶۰۳", "شوشتر", "٠٦٠٣٠١", "مرکزی", "۰۶۰۳۰۱۰۲", "روستا", "كريم آباد", "٨٠٠"],
    ])  # fmt: skip

    geography_import(actor=None, election=election, path=path)

    district = District.objects.get(code="060301")
    assert (district.county.code, district.name) == ("0603", "مرکزی")
    village = Constituency.objects.get(election=election, code="06030102")
    assert (village.name, village.kind, village.population) == ("کریم آباد", "village", 800)
    city = Constituency.objects.get(election=election, code="06030101")
    assert (city.population, city.members, city.alternates) == (101878, 7, 5)


def test_existing_county_and_district_are_reused(
    election: Election, write_table: WriteTable
) -> None:
    county = county_create(actor=None, province=election.province, code="0601", name="اهواز")
    district_create(actor=None, county=county, code="060101", name="مرکزی")

    result = geography_import(
        actor=None, election=election, path=write_table("g.csv", geography_rows())
    )

    assert (result.counties_created, result.districts_created) == (1, 2)
    assert County.objects.filter(code="0601").count() == 1


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        (10, "-5", "import.negative"),
        (10, "25000000", "import.absurd"),
        (10, "12.5", "import.not_whole_number"),
        (10, "", "import.required"),
        (6, "۱۲a۳", "import.not_digits"),
        (0, "06-01", "import.not_digits"),
        (7, "town", "import.unknown_choice"),
        (8, "", "import.required"),
    ],
)
def test_bad_cell_names_row_and_column(
    election: Election, write_table: WriteTable, cell: int, value: str, code: str
) -> None:
    rows = geography_rows()
    rows[3][cell] = value

    problems = refused(election, write_table("g.csv", rows))

    assert where(problems) == {(4, GEOGRAPHY_HEADER[cell], code)}
    assert problems[0].value == value
    assert problems[0].fa and problems[0].en


def test_every_bad_row_is_reported_at_once(election: Election, write_table: WriteTable) -> None:
    rows = geography_rows()
    rows[1][10] = "-1"
    rows[4][7] = "قصبه"

    problems = refused(election, write_table("g.xlsx", rows))

    assert where(problems) == {
        (2, "population", "import.negative"),
        (5, "constituency_kind", "import.unknown_choice"),
    }
    assert "negative" in problems[0].en and "منفی" in problems[0].fa


def test_duplicate_code_in_file_reports_both_rows(
    election: Election, write_table: WriteTable
) -> None:
    rows = geography_rows()
    rows[4][6] = rows[2][6]

    problems = refused(election, write_table("g.csv", rows))

    assert where(problems) == {
        (3, "constituency_code", "import.duplicate_in_file"),
        (5, "constituency_code", "import.duplicate_in_file"),
    }
    assert "3, 5" in problems[0].en


def test_county_code_with_two_names(election: Election, write_table: WriteTable) -> None:
    rows = geography_rows()
    rows[2][1] = "اهوازز"

    problems = refused(election, write_table("g.csv", rows))

    assert where(problems) == {(3, "county_name", "import.name_mismatch")}
    assert "row 2" in problems[0].en


def test_district_code_under_two_counties(election: Election, write_table: WriteTable) -> None:
    rows = geography_rows()
    rows[3][3] = "060101"  # Dezful's row names Ahvaz's district

    problems = refused(election, write_table("g.csv", rows))

    assert (4, "district_code", "import.parent_mismatch") in where(problems)


def test_unknown_parent_district_in_database(election: Election, write_table: WriteTable) -> None:
    ahvaz = county_create(actor=None, province=election.province, code="0601", name="اهواز")
    district_create(actor=None, county=ahvaz, code="060201", name="حمیدیه")  # Dezful's code

    problems = refused(election, write_table("g.csv", geography_rows()))

    assert where(problems) == {(4, "district_code", "import.parent_mismatch")}
    assert "not county 0602" in problems[0].en


def test_existing_county_with_another_name(election: Election, write_table: WriteTable) -> None:
    county_create(actor=None, province=election.province, code="0602", name="اندیمشک")

    problems = refused(election, write_table("g.csv", geography_rows()))

    assert where(problems) == {
        (4, "county_name", "import.name_mismatch"),
        (5, "county_name", "import.name_mismatch"),
    }


def test_county_of_another_province(election: Election, write_table: WriteTable) -> None:
    tehran = province_create(actor=None, code="23", name="تهران")
    county_create(actor=None, province=tehran, code="0602", name="دزفول")

    problems = refused(election, write_table("g.csv", geography_rows()))

    assert {p.code for p in problems} == {"import.other_province"}
    assert {p.row for p in problems} == {4, 5}


def test_reimporting_the_same_file_is_refused(election: Election, write_table: WriteTable) -> None:
    path = write_table("g.xlsx", geography_rows())
    geography_import(actor=None, election=election, path=path)

    problems = refused(election, path)

    assert where(problems) == {
        (row, "constituency_code", "import.already_exists") for row in (2, 3, 4, 5)
    }


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([list(GEOGRAPHY_HEADER)], SpreadsheetRefusal.NO_DATA_ROWS),
        (
            [["county_code", "county_name", "population"], ["0601", "اهواز", "5"]],
            SpreadsheetRefusal.MISSING_COLUMNS,
        ),
    ],
)
def test_refused_files_change_nothing(
    election: Election, write_table: WriteTable, rows: list[list[str]], code: SpreadsheetRefusal
) -> None:
    before = database_counts()
    with pytest.raises(DomainError) as caught:
        geography_import(actor=None, election=election, path=write_table("g.csv", rows))
    assert caught.value.code is code
    assert database_counts() == before


def test_missing_columns_are_named(election: Election, write_table: WriteTable) -> None:
    path = write_table("g.csv", [["county_code", "county_name", "population"], ["1", "a", "2"]])

    with pytest.raises(DomainError) as caught:
        geography_import(actor=None, election=election, path=path)

    assert "district_code, district_name, constituency_code" in caught.value.en
    assert "Columns found: county_code, county_name, population" in caught.value.en


def test_new_district_with_the_name_of_an_existing_one(
    election: Election, write_table: WriteTable
) -> None:
    ahvaz = county_create(actor=None, province=election.province, code="0601", name="اهواز")
    district_create(actor=None, county=ahvaz, code="060199", name="مركزي")  # Arabic letters

    problems = refused(election, write_table("g.csv", geography_rows()))

    assert where(problems) == {
        (2, "district_name", "import.name_taken"),
        (3, "district_name", "import.name_taken"),
    }
    assert "060199" in problems[0].en


def test_a_failure_while_writing_rolls_back_every_row(
    election: Election, write_table: WriteTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a service refuse a row after the checks passed, the rows before it are undone."""
    from shora.elections.imports import geography

    calls: list[str] = []

    def refusing_third(**kwargs: object) -> object:
        calls.append(str(kwargs["code"]))
        if len(calls) == 3:
            raise DomainError(ElectionRefusal.DUPLICATE_CODE, fa="تکراری", en="taken meanwhile")
        return constituency_create(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(geography, "constituency_create", refusing_third)

    problems = refused(election, write_table("g.csv", geography_rows()))

    assert [(p.row, p.column, p.en) for p in problems] == [
        (4, "constituency_code", "taken meanwhile")
    ]
    assert County.objects.count() == 0


def test_progress_is_reported_for_reading_and_writing(
    election: Election, write_table: WriteTable
) -> None:
    calls: list[tuple[str, int, int | None]] = []

    geography_import(
        actor=None,
        election=election,
        path=write_table("g.csv", geography_rows()),
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )

    assert calls[0] == ("reading", 4, 4)
    assert calls[1:] == [("writing", n, 4) for n in range(1, 5)]


def test_an_election_past_review_refuses_the_import(
    election: Election, write_table: WriteTable
) -> None:
    Election.objects.filter(pk=election.pk).update(phase="ready")
    election.refresh_from_db()
    before = database_counts()
    with pytest.raises(DomainError) as caught:
        geography_import(actor=None, election=election, path=write_table("g.csv", geography_rows()))
    assert caught.value.code is ElectionRefusal.GEOGRAPHY_FROZEN
    assert database_counts() == before
