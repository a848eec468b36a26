"""An updated extract: the difference applied, and counted (added, changed, removed, kept)."""

from __future__ import annotations

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.elections.services import constituency_create, election_create, election_phase_advance
from shora.registers.errors import RegisterRefusal
from shora.registers.imports.running import voters_import
from shora.registers.models import ImportStatus, Voter, VoterImport
from shora.registers.selectors import voter_by_national_code
from shora_domain.errors import DomainError
from tests.registers.conftest import (
    AHMAD,
    BARRED,
    DEAD,
    EXTRACT,
    HEADER,
    NASRIN,
    YOUNG,
    ZAHRA,
    Import,
    WriteExtract,
    codes_in_register,
    register_state,
)

pytestmark = pytest.mark.django_db
NEW = ["0056789017", "یاسمن", "بختیار", "میلاد", "1379/04/04", "زن", "2001", "0", "0"]


def test_the_same_extract_again_changes_nothing(
    imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    before = register_state()["voters"]

    record = import_voters(write_extract("again.xlsx", EXTRACT)).voter_import

    assert (record.added, record.changed, record.removed, record.unchanged) == (0, 0, 0, 6)
    assert register_state()["voters"] == before


def test_added_changed_removed_and_unchanged(
    geo, imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    first = imported.voter_import
    moved = [*NASRIN[:6], "1001", *NASRIN[7:]]  # moved to Ahvaz
    renamed = [*AHMAD[:1], "احمدرضا", *AHMAD[2:]]
    died = [*BARRED[:7], "1", "1"]
    rows = [HEADER, renamed, ZAHRA, YOUNG, died, moved, NEW]  # DEAD left out

    record = import_voters(write_extract("update.csv", rows)).voter_import

    assert (record.added, record.changed, record.removed, record.unchanged) == (1, 3, 1, 2)
    assert codes_in_register() == {r[0] for r in rows[1:]}
    assert voter_by_national_code(election=geo.election, national_code=NASRIN[0]).constituency == (
        geo.city_a
    )
    ahmad = Voter.objects.get(national_code=AHMAD[0])
    assert ahmad.first_name == "احمدرضا" and ahmad.imported_by == record
    assert Voter.objects.get(national_code=ZAHRA[0]).imported_by == first
    gone = Voter.objects.get(national_code=DEAD[0])
    assert gone.removed_by == record and not gone.in_register
    assert voter_by_national_code(election=geo.election, national_code=DEAD[0]) is None
    applied = AuditEvent.objects.filter(event_type=AuditEventType.VOTERS_IMPORTED).last()
    assert applied is not None
    assert (applied.new["added"], applied.new["changed"], applied.new["removed"]) == (1, 3, 1)


def test_a_removed_voter_comes_back(
    imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    import_voters(write_extract("without.csv", [HEADER, AHMAD, ZAHRA]))
    assert codes_in_register() == {AHMAD[0], ZAHRA[0]}

    record = import_voters(write_extract("with.csv", EXTRACT)).voter_import

    assert (record.added, record.changed, record.removed, record.unchanged) == (4, 0, 0, 2)
    assert codes_in_register() == {row[0] for row in EXTRACT[1:]}
    assert Voter.objects.count() == 6  # the same rows, restored, not new ones


def test_a_voter_whose_row_is_bad_is_kept_as_they_were(
    imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    before = Voter.objects.get(national_code=ZAHRA[0])
    broken = [*ZAHRA[:4], "1365/13/13", *ZAHRA[5:]]
    rows = [HEADER, AHMAD, broken, YOUNG, DEAD, BARRED]  # NASRIN left out

    record = import_voters(write_extract("partly.csv", rows), import_good_rows=True).voter_import

    assert (record.rows_bad, record.kept, record.removed, record.unchanged) == (1, 1, 1, 4)
    after = Voter.objects.get(national_code=ZAHRA[0])
    assert after.in_register and after.birth_date == before.birth_date
    assert NASRIN[0] not in codes_in_register()


def test_a_refused_update_leaves_the_register_exactly_as_it_was(
    imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    before = register_state()
    rows = [HEADER, [*AHMAD[:1], "احمدرضا", *AHMAD[2:]], [*ZAHRA[:6], "404", *ZAHRA[7:]]]

    with pytest.raises(DomainError):
        import_voters(write_extract("bad-update.csv", rows))

    after = register_state()
    assert after["voters"] == before["voters"]
    assert after["applied_imports"] == before["applied_imports"]
    assert VoterImport.objects.latest("pk").status == ImportStatus.REFUSED


def test_the_register_is_frozen_once_the_election_is_ready(
    geo, imported, write_extract: WriteExtract, import_voters: Import
) -> None:
    for phase in ("registration", "review"):
        election_phase_advance(actor=None, election=geo.election, to_phase=phase)
    geo.election.phase = "ready"
    geo.election.save(update_fields=["phase"])
    before = register_state()

    with pytest.raises(DomainError) as caught:
        import_voters(write_extract("late.csv", EXTRACT))

    assert caught.value.code is RegisterRefusal.REGISTER_FROZEN
    assert register_state() == before


def test_another_elections_register_is_untouched(
    geo, imported, write_extract: WriteExtract
) -> None:
    drill = election_create(
        actor=None,
        province=geo.province,
        name="مانور",
        polling_date=geo.election.polling_date,
        opens_at=geo.election.opens_at,
        closes_at=geo.election.closes_at,
        is_drill=True,
    )
    constituency_create(
        actor=None, election=drill, district=geo.district_a1, code="1001", kind="city",
        name="اهواز", population=1_184_788,
    )  # fmt: skip

    voters_import(actor=None, election=drill, path=write_extract("drill.csv", [HEADER, AHMAD]))

    assert Voter.objects.filter(election=geo.election, removed_by__isnull=True).count() == 6
    assert Voter.objects.filter(election=drill).count() == 1
    assert Voter.objects.filter(national_code=AHMAD[0]).count() == 2
