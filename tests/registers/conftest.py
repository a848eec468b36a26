"""Fixtures of the register tests: real extract files (csv, xlsx) and imports into ``geo``.

The people of ``EXTRACT`` live in the shared geography (tests/conftest.py): city A
(Ahvaz, code 1001) in county A's district A1, village A (1002) in district A2, city B
(Abadan, 2001) in county B.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from shora.audit.models import AuditEvent
from shora.registers.imports.running import ImportOutcome, voters_import
from shora.registers.models import Voter, VoterImport
from tests.conftest import Geography
from tests.imports.sample_tables import Cell, write_csv, write_xlsx

HEADER = [
    "national_code", "first_name", "last_name", "father_name", "birth_date", "gender",
    "constituency_code", "deceased", "barred",
]  # fmt: skip
# Valid codes (their check digits worked out by national_code_check_digit).
AHMAD = ["0012345679", "احمد", "رضایی", "علی", "1360/05/20", "مرد", "1001", "0", "0"]
ZAHRA = ["0013542419", "زهرا", "موسوی‌نژاد", "حسین", "1365/01/01", "زن", "1001", "", ""]
YOUNG = ["0023456787", "سارا", "کریمی", "رضا", "1390/02/12", "زن", "1001", "0", "0"]
DEAD = ["0034567895", "عباس", "نوروزی", "قاسم", "1320/07/07", "مرد", "1002", "1", "0"]
BARRED = ["0045678901", "مجید", "صادقی", "جواد", "1355/03/03", "مرد", "1002", "0", "1"]
NASRIN = ["1234567891", "نسرین", "کعبی", "فیصل", "1370/11/30", "زن", "2001", "0", "0"]
EXTRACT = [HEADER, AHMAD, ZAHRA, YOUNG, DEAD, BARRED, NASRIN]

REGISTER_FIELDS = (
    "national_code", "first_name", "last_name", "father_name", "birth_date", "gender",
    "constituency__code", "deceased", "barred", "residence_since", "removed_by_id",
)  # fmt: skip

REGISTER_FIELDS = (
    "national_code", "first_name", "last_name", "father_name", "birth_date", "gender",
    "constituency__code", "deceased", "barred", "residence_since", "removed_by_id",
)  # fmt: skip

WriteExtract = Callable[[str, Sequence[Sequence[Cell]]], Path]
Import = Callable[..., ImportOutcome]


@pytest.fixture
def write_extract(tmp_path: Path) -> WriteExtract:
    """Write ``rows`` (header first) to ``tmp_path/name``; .csv or .xlsx by the name."""

    def write(name: str, rows: Sequence[Sequence[Cell]]) -> Path:
        path = tmp_path / name
        return write_xlsx(path, rows) if name.endswith(".xlsx") else write_csv(path, rows)

    return write


@pytest.fixture
def import_voters(geo: Geography) -> Import:
    """Import a file into the shared election (keyword options as ``voters_import``'s)."""

    def run(path: Path, **options: Any) -> ImportOutcome:
        return voters_import(actor=None, election=geo.election, path=path, **options)

    return run


@pytest.fixture
def imported(geo: Geography, write_extract: WriteExtract, import_voters: Import) -> ImportOutcome:
    """The six people of ``EXTRACT`` in the register."""
    return import_voters(write_extract("extract.csv", EXTRACT))


def register_state() -> dict[str, Any]:
    """Everything an import may change: the register's rows and the audit log's length."""
    return {
        "voters": sorted(Voter.objects.values_list(*REGISTER_FIELDS)),
        "audit_events": AuditEvent.objects.count(),
        "applied_imports": VoterImport.objects.filter(status="applied").count(),
    }


def codes_in_register() -> set[str]:
    return set(
        Voter.objects.filter(removed_by__isnull=True).values_list("national_code", flat=True)
    )
