"""stations_import: stations are linked to their constituencies; any bad row imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.elections.errors import ElectionRefusal
from shora.elections.imports.geography import geography_import
from shora.elections.imports.stations import stations_import
from shora.elections.models import Election, PollingStation
from shora.elections.services import county_create, district_create, province_create
from shora.spreadsheets.errors import RowsRefusedError
from shora.spreadsheets.report import RowProblem
from shora_domain.errors import DomainError
from tests.imports.sample_tables import (
    FIXTURES,
    STATIONS_HEADER,
    WriteTable,
    database_counts,
    geography_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def geography(election: Election, write_table: WriteTable) -> Election:
    """The election with Ahvaz (060101) and Dezful (060201, 060202) imported."""
    geography_import(
        actor=None, election=election, path=write_table("geography.csv", geography_rows())
    )
    return election


def stations_rows() -> list[list[str]]:
    return [
        list(STATIONS_HEADER),
        ["101", "دبستان شهید بهشتی", "060101", "اهواز، کیان‌پارس", "فیبر نوری", "06010101"],
        ["102", "مسجد جامع", "060101", "", "موبایل", "06010101، 06010102"],
        ["201", "دبیرستان دزفول", "060201", "", "copper", "06020101; 06020201"],
        ["202", "خانه بهداشت", "060202", "", "ندارد", "۰۶۰۲۰۲۰۱"],
    ]  # fmt: skip


def refused(election: Election, path: Path) -> list[RowProblem]:
    before = database_counts()
    with pytest.raises(RowsRefusedError) as caught:
        stations_import(actor=None, election=election, path=path)
    assert database_counts() == before
    return caught.value.problems


def where(problems: list[RowProblem]) -> set[tuple[int, str, str]]:
    return {(problem.row, problem.column, problem.code) for problem in problems}


@pytest.mark.parametrize("name", ["stations.csv", "stations.xlsx"])
def test_good_file_imports_stations(
    geography: Election, write_table: WriteTable, name: str
) -> None:
    before = database_counts()

    result = stations_import(
        actor=None, election=geography, path=write_table(name, stations_rows())
    )

    assert result.stations_created == 4
    served = {
        station.code: (
            station.district.code,
            station.connectivity,
            sorted(c.code for c in station.constituencies.all()),
        )
        for station in PollingStation.objects.filter(election=geography)
    }
    assert served == {
        "101": ("060101", "fibre", ["06010101"]),
        "102": ("060101", "mobile", ["06010101", "06010102"]),
        "201": ("060201", "copper", ["06020101", "06020201"]),
        "202": ("060202", "none", ["06020201"]),
    }
    assert PollingStation.objects.get(code="101").address == "اهواز، کیان‌پارس"
    assert database_counts()["audit_events"] - before["audit_events"] == 5
    summary = AuditEvent.objects.get(event_type=AuditEventType.STATIONS_IMPORTED)
    assert summary.new is not None
    assert (summary.new["file"], summary.new["stations"]) == (name, 4)


def test_committed_sample_files_import(election: Election) -> None:
    geography_import(actor=None, election=election, path=FIXTURES / "geography.xlsx")

    result = stations_import(actor=None, election=election, path=FIXTURES / "stations.csv")

    assert result.stations_created == 6
    station = PollingStation.objects.get(election=election, code="3001")
    assert sorted(c.name for c in station.constituencies.all()) == ["شوشتر", "عرب‌حسن"]


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        (4, "وای‌فای", "import.unknown_choice"),
        (4, "", "import.required"),
        (0, "۱۲a۳", "import.not_digits"),
        (5, "06010101، x1", "import.not_digits"),
        (5, "", "import.required"),
        (1, "", "import.required"),
    ],
)
def test_bad_cell_names_row_and_column(
    geography: Election, write_table: WriteTable, cell: int, value: str, code: str
) -> None:
    rows = stations_rows()
    rows[2][cell] = value

    problems = refused(geography, write_table("s.csv", rows))

    assert where(problems) == {(3, STATIONS_HEADER[cell], code)}


def test_unknown_district_and_constituency(geography: Election, write_table: WriteTable) -> None:
    rows = stations_rows()
    rows[1][2] = "069999"
    rows[3][5] = "06020101 06099999"

    problems = refused(geography, write_table("s.csv", rows))

    assert where(problems) == {
        (2, "district_code", "import.unknown_district"),
        (4, "constituency_codes", "import.unknown_constituency"),
    }
    assert "06099999" in problems[1].en


def test_district_of_another_province_is_unknown(
    geography: Election, write_table: WriteTable
) -> None:
    tehran = province_create(actor=None, code="23", name="تهران")
    county = county_create(actor=None, province=tehran, code="2301", name="تهران")
    district_create(actor=None, county=county, code="230101", name="مرکزی")
    rows = stations_rows()
    rows[1][2] = "230101"

    problems = refused(geography, write_table("s.csv", rows))

    assert (2, "district_code", "import.unknown_district") in where(problems)


def test_station_serving_a_constituency_of_another_county(
    geography: Election, write_table: WriteTable
) -> None:
    rows = stations_rows()
    rows[1][5] = "06010101 06020101"  # an Ahvaz station naming Dezful's city

    problems = refused(geography, write_table("s.csv", rows))

    assert where(problems) == {(2, "constituency_codes", "import.other_county")}
    assert problems[0].value == "06020101"
    assert "its own county only" in problems[0].en
    assert "دزفول" in problems[0].fa and "اهواز" in problems[0].fa


def test_duplicate_station_code_in_file(geography: Election, write_table: WriteTable) -> None:
    rows = stations_rows()
    rows[4][0] = "101"
    rows[4][4] = "نامعلوم"  # a row with another problem still takes part in the check

    problems = refused(geography, write_table("s.csv", rows))

    assert where(problems) == {
        (2, "station_code", "import.duplicate_in_file"),
        (5, "station_code", "import.duplicate_in_file"),
        (5, "connectivity", "import.unknown_choice"),
    }


def test_reimporting_the_same_file_is_refused(geography: Election, write_table: WriteTable) -> None:
    path = write_table("s.xlsx", stations_rows())
    stations_import(actor=None, election=geography, path=path)

    problems = refused(geography, path)

    assert where(problems) == {
        (row, "station_code", "import.already_exists") for row in (2, 3, 4, 5)
    }


def test_an_election_past_review_refuses_the_station_import(
    election: Election, write_table: WriteTable
) -> None:
    Election.objects.filter(pk=election.pk).update(phase="polling")
    election.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        stations_import(actor=None, election=election, path=write_table("s.csv", [["x"], ["y"]]))
    assert caught.value.code is ElectionRefusal.GEOGRAPHY_FROZEN
