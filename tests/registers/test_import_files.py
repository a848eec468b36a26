"""Good extracts, as csv and xlsx: what the register holds afterwards, and the import's record."""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import pytest
from django.db.models import F

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.registers.bench.extract import extract_write
from shora.registers.models import ImportStatus, Voter, VoterImport
from shora_domain.jalali import from_jalali
from shora_domain.persian_text import search_key
from tests.registers.conftest import AHMAD, EXTRACT, HEADER, Import, WriteExtract

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registers"


@pytest.mark.parametrize("name", ["extract.csv", "extract.xlsx"])
def test_an_extract_fills_the_register(
    geo, write_extract: WriteExtract, import_voters: Import, name: str
) -> None:
    path = write_extract(name, EXTRACT)

    outcome = import_voters(path)

    record = outcome.voter_import
    assert record.status == ImportStatus.APPLIED
    assert (record.rows_read, record.rows_bad, record.added) == (6, 0, 6)
    assert (record.changed, record.removed, record.unchanged) == (0, 0, 0)
    assert record.file_name == name
    assert record.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.file_size == path.stat().st_size
    assert record.finished_at is not None and record.process == ""
    assert outcome.reports == []
    ahmad = Voter.objects.get(national_code="0012345679")
    assert (ahmad.first_name, ahmad.last_name, ahmad.father_name) == ("احمد", "رضایی", "علی")
    assert ahmad.birth_date == from_jalali(1360, 5, 20)
    assert ahmad.gender == "male"
    assert ahmad.constituency == geo.city_a
    assert ahmad.election == geo.election
    assert ahmad.imported_by == record
    assert ahmad.name_key == f"{search_key('رضایی')} {search_key('احمد')}"
    assert Voter.objects.get(national_code="0034567895").deceased
    assert Voter.objects.get(national_code="0045678901").barred
    assert not Voter.objects.get(national_code="0013542419").deceased  # an empty flag is "no"


def test_the_import_is_audited_and_the_chain_holds(imported) -> None:
    events = list(
        AuditEvent.objects.filter(event_type__gte=400, event_type__lt=500).order_by("number")
    )
    assert [event.event_type for event in events] == [
        AuditEventType.VOTER_IMPORT_STARTED,
        AuditEventType.VOTERS_IMPORTED,
    ]
    applied = events[-1]
    assert applied.actor_name == "system"
    assert applied.unit == "province:06"
    assert applied.new["added"] == 6 and applied.new["sha256"] == imported.voter_import.file_sha256
    assert audit_chain_problems()[1] == []


def test_arabic_letters_persian_digits_and_zwnj_in_every_field(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    row = ["۰۰۱۲۳۴۵۶۷۹", "علي", "كريمي\u200cپور", "يوسف", "۱۳۶۰/۰۵/۲۰", "مذكر", "۱۰۰۲", "۰", "٠"]
    import_voters(write_extract("arabic.csv", [HEADER, row]))

    voter = Voter.objects.get()
    assert voter.national_code == "0012345679"
    assert voter.first_name == "علی" and voter.father_name == "یوسف"
    assert voter.last_name == "کریمی\u200cپور"  # stored as given, ZWNJ kept
    assert voter.name_key == f"{search_key('کریمی پور')} {search_key('علی')}"
    assert voter.birth_date == from_jalali(1360, 5, 20)
    assert voter.gender == "male"
    assert voter.constituency == geo.village_a
    assert not voter.deceased and not voter.barred


def test_persian_headers_and_a_gregorian_column(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    header = ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "تاریخ تولد میلادی", "جنسیت",
              "کد حوزه", "فوت", "محروم"]  # fmt: skip
    row = ["0012345679", "احمد", "رضایی", "علی", "1981-08-11", "مرد", "1001", "خیر", "خیر"]
    import_voters(write_extract("gregorian.csv", [header, row]), birth_calendar="gregorian")

    assert Voter.objects.get().birth_date == datetime.date(1981, 8, 11)


def test_xlsx_date_cells_on_the_gregorian_calendar(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    row = [*AHMAD[:4], datetime.date(1981, 8, 11), *AHMAD[5:]]
    import_voters(write_extract("dates.xlsx", [HEADER, row]), birth_calendar="gregorian")

    assert Voter.objects.get().birth_date == datetime.date(1981, 8, 11)


def test_a_residence_column_is_read_when_present(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    rows = [[*HEADER, "residence_since"], [*AHMAD, "1400/01/15"], [*EXTRACT[2], ""]]
    import_voters(write_extract("residence.csv", rows))

    assert Voter.objects.get(national_code="0012345679").residence_since == from_jalali(1400, 1, 15)
    assert Voter.objects.get(national_code="0013542419").residence_since is None


def test_semicolons_a_bom_and_blank_rows(
    geo, write_extract: WriteExtract, import_voters: Import, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    lines = [";".join(HEADER), ";".join(AHMAD), "", ";" * 8, " ; ; ", ";".join(EXTRACT[2])]
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")

    record = import_voters(path).voter_import

    assert (record.rows_read, record.added) == (2, 2)


def test_the_committed_samples_hold_the_same_people(
    geo, import_voters: Import, tmp_path: Path
) -> None:
    # voters.xlsx has Persian headers, Persian digits, yes/no in words and Arabic ي/ك in
    # some names: read, it is the same register as voters.csv.
    first = import_voters(Path(shutil.copy(FIXTURES / "voters.csv", tmp_path))).voter_import
    second = import_voters(Path(shutil.copy(FIXTURES / "voters.xlsx", tmp_path))).voter_import

    assert (first.added, first.rows_bad) == (12, 0)
    assert (second.added, second.changed, second.removed, second.unchanged) == (0, 0, 0, 12)
    assert VoterImport.objects.filter(status=ImportStatus.APPLIED).count() == 2


def test_every_voter_belongs_to_the_election_of_their_constituency(imported) -> None:
    assert Voter.objects.count() == 6
    assert not Voter.objects.exclude(election_id=F("constituency__election_id")).exists()


def test_a_larger_generated_extract_streams_in_batches_with_progress(
    geo, import_voters: Import, tmp_path: Path
) -> None:
    path = extract_write(tmp_path / "generated.csv", 12_345, ["1001", "1002", "2001"], [5, 1, 2])
    seen: dict[str, list[tuple[int, int | None]]] = {}

    record = import_voters(
        path, progress=lambda stage, done, total: seen.setdefault(stage, []).append((done, total))
    ).voter_import

    assert (record.rows_read, record.added, record.rows_bad) == (12_345, 12_345, 0)
    assert Voter.objects.filter(constituency=geo.city_a).count() > 12_345 // 2
    assert Voter.objects.filter(last_name__contains="\u200c").exists()  # ZWNJ kept
    assert not Voter.objects.filter(
        first_name__regex="[يك]"
    ).exists()  # Arabic letters made Persian
    assert [done for done, _ in seen["reading"]] == [10_000, 12_345]
    assert seen["applying"][-1] == (12_345, 12_345)
