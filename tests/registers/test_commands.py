"""``shora import voters``: exit codes, what it prints, reports, and Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.cli import main
from shora.registers.imports import rows as rows_module
from shora.registers.models import ImportStatus, VoterImport
from tests.registers.conftest import AHMAD, EXTRACT, HEADER, ZAHRA, WriteExtract, register_state

pytestmark = pytest.mark.django_db


def shora_import(path: Path, election: int, *options: str) -> int:
    return main(["import", "voters", str(path), "--election", str(election), *options])


def test_a_good_extract_exits_0_and_says_what_changed(
    geo, write_extract: WriteExtract, capsys: pytest.CaptureFixture[str]
) -> None:
    code = shora_import(write_extract("extract.csv", EXTRACT), geo.election.pk)

    out = capsys.readouterr().out
    assert code == 0
    assert "6 added, 0 changed, 0 removed, 0 unchanged" in out
    assert "۶ افزوده، ۰ تغییر، ۰ حذف، ۰ بی‌تغییر" in out
    assert "rows/s" in out and "sha256 " in out


def test_bad_rows_exit_1_with_the_problems_and_both_reports(
    geo, write_extract: WriteExtract, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [HEADER, [*AHMAD[:5], "?", *AHMAD[6:]], ZAHRA]
    before = register_state()

    code = shora_import(write_extract("bad.csv", rows), geo.election.pk)

    out = capsys.readouterr().out
    assert code == 1
    assert register_state()["voters"] == before["voters"]
    assert "1 problems in 1 rows; nothing was imported." in out
    assert "row 2, column “gender”" in out and "ردیف ۲، ستون «gender»" in out
    assert str(tmp_path / "bad.errors.xlsx") in out and str(tmp_path / "bad.errors.csv") in out
    assert "--import-good-rows" in out


def test_good_rows_mode_exits_0_and_reports_what_was_left_out(
    geo, write_extract: WriteExtract, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEADER, [*AHMAD[:5], "?", *AHMAD[6:]], ZAHRA]

    code = shora_import(write_extract("bad.csv", rows), geo.election.pk, "--import-good-rows")

    out = capsys.readouterr().out
    assert code == 0
    assert "1 added" in out and "1 bad rows were left out" in out
    assert "bad.errors.csv" in out


def test_a_refused_file_or_election_exits_2(
    geo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert shora_import(empty, geo.election.pk) == 2
    assert "Nothing was imported." in capsys.readouterr().out
    assert shora_import(empty, 987654) == 2
    assert "There is no election with id 987654." in capsys.readouterr().out


def test_a_wrong_report_suffix_is_said_and_the_report_goes_beside_the_file(
    geo, write_extract: WriteExtract, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_extract("bad.csv", [HEADER, [*AHMAD[:5], "?", *AHMAD[6:]]])
    code = shora_import(path, geo.election.pk, "--report", str(tmp_path / "report.pdf"))
    out = capsys.readouterr().out
    assert code == 1
    assert "not “.pdf”" in out
    assert (tmp_path / "bad.errors.xlsx").exists()


def test_gregorian_option(geo, write_extract: WriteExtract) -> None:
    rows = [HEADER, [*AHMAD[:4], "1981-08-11", *AHMAD[5:]]]
    path = write_extract("g.csv", rows)
    assert shora_import(path, geo.election.pk) == 1  # read as Jalali: another calendar's year
    assert shora_import(path, geo.election.pk, "--birth-calendar", "gregorian") == 0


def test_ctrl_c_in_the_middle_leaves_the_register_as_it_was(
    geo, imported, write_extract: WriteExtract, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = register_state()
    checked = 0
    real_check = rows_module.VoterRowChecker.check

    def check_then_interrupt(self, number, cells):  # type: ignore[no-untyped-def]
        nonlocal checked
        checked += 1
        if checked == 3:
            raise KeyboardInterrupt
        return real_check(self, number, cells)

    monkeypatch.setattr(rows_module.VoterRowChecker, "check", check_then_interrupt)
    rows = [HEADER, [*AHMAD[:1], "احمدرضا", *AHMAD[2:]], *EXTRACT[2:]]

    code = shora_import(write_extract("update.csv", rows), geo.election.pk)

    assert code == 130
    assert "Interrupted; the voter register is as it was." in capsys.readouterr().out
    after = register_state()
    assert after["voters"] == before["voters"]
    record = VoterImport.objects.latest("pk")
    assert record.status == ImportStatus.INTERRUPTED and record.process == ""
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.VOTER_IMPORT_INTERRUPTED).count() == 1
    )
    monkeypatch.undo()
    assert shora_import(write_extract("update.csv", rows), geo.election.pk) == 0
