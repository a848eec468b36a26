"""``shora import geography|stations``: exit codes, messages, the report, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shora.cli import main
from shora.elections.models import Constituency, Election, PollingStation
from tests.imports.sample_tables import FIXTURES, database_counts

pytestmark = pytest.mark.django_db


def test_geography_then_stations_succeed(
    election: Election, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["import", "geography", str(FIXTURES / "geography.xlsx"), "--election", str(election.pk)]
    )
    assert code == 0
    assert "Imported: 3 counties, 5 districts, 8 constituencies" in capsys.readouterr().out

    code = main(
        ["import", "stations", str(FIXTURES / "stations.csv"), "--election", str(election.pk)]
    )
    assert code == 0
    assert "Imported: 6 stations" in capsys.readouterr().out
    assert PollingStation.objects.filter(election=election).count() == 6


def test_bad_rows_exit_1_and_write_the_report_beside_the_file(
    election: Election, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(shutil.copy(FIXTURES / "geography-with-errors.csv", tmp_path))
    before = database_counts()

    code = main(["import", "geography", str(source), "--election", str(election.pk)])

    assert code == 1
    assert database_counts() == before
    out = capsys.readouterr().out
    assert "8 problems in 4 rows; nothing was imported." in out
    assert "row 3, column “population”: “-40” is negative" in out
    assert "منفی است" in out
    report = tmp_path / "geography-with-errors.errors.xlsx"
    assert str(report) in out
    rows = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 8
    assert rows[1][:3] == (2, "constituency_code", "06040101")
    assert (5, "population", "90000000") in {row[:3] for row in rows}


def test_report_goes_where_asked(election: Election, tmp_path: Path) -> None:
    report = tmp_path / "out" / "problems.csv"
    report.parent.mkdir()

    code = main(
        [
            "import",
            "geography",
            str(FIXTURES / "geography-with-errors.csv"),
            "--election",
            str(election.pk),
            "--report",
            str(report),
        ]
    )

    assert code == 1
    assert report.read_text(encoding="utf-8-sig").count("\n") == 1 + 8


def test_stations_before_geography_exit_1(election: Election, tmp_path: Path) -> None:
    code = main(
        [
            "import",
            "stations",
            str(FIXTURES / "stations.csv"),
            "--election",
            str(election.pk),
            "--report",
            str(tmp_path / "r.xlsx"),
        ]
    )

    assert code == 1
    assert PollingStation.objects.count() == 0
    rows = list(load_workbook(tmp_path / "r.xlsx").worksheets[0].iter_rows(values_only=True))
    assert [row[:2] for row in rows[1:]] == [
        (n, column) for n in range(2, 8) for column in ("district_code", "constituency_codes")
    ]
    assert rows[1][4].startswith("No district with code 060101")
    assert rows[2][4] == "These codes are not constituencies of this election: 06010101."


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        ("county_code,county_name\n1,a\n", "g.csv", "Required columns are missing"),
        ("", "g.csv", "is empty"),
        ("county_code,county_name\n", "g.xlsx", "is not a valid xlsx file"),
        ("", "g.ods", "are not read"),
    ],
)
def test_refused_file_exits_2(
    election: Election,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    name: str,
    says: str,
) -> None:
    path = tmp_path / name
    path.write_text(content)
    before = database_counts()

    assert main(["import", "geography", str(path), "--election", str(election.pk)]) == 2

    out = capsys.readouterr().out
    assert says in out
    assert "Nothing was imported." in out
    assert database_counts() == before
    assert not list(tmp_path.glob("*.errors.xlsx"))


def test_unknown_election_exits_2(election: Election, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", "geography", str(FIXTURES / "geography.xlsx"), "--election", "9999"])

    assert code == 2
    assert "There is no election with id 9999." in capsys.readouterr().out
    assert Constituency.objects.count() == 0


def test_only_the_first_problems_are_printed(
    election: Election, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.csv"
    rows = ["county_code,county_name,district_code,district_name,constituency_code,"
            "constituency_kind,constituency_name,population"]  # fmt: skip
    rows += [f"0601,اهواز,060101,مرکزی,{n},city,شهر {n},-1" for n in range(1, 26)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    assert main(["import", "geography", str(path), "--election", str(election.pk)]) == 1

    out = capsys.readouterr().out
    assert out.count("is negative") == 20
    assert "… and 5 more" in out
    report = load_workbook(tmp_path / "many.errors.xlsx").worksheets[0]
    assert len(list(report.iter_rows(values_only=True))) == 1 + 25
