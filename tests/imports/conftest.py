"""Fixtures of the import tests: a Khuzestan election and a writer of real files."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

import pytest

from shora.elections.models import Election
from shora.elections.services import election_create, province_create
from tests.imports.sample_tables import Cell, WriteTable, write_csv, write_xlsx


@pytest.fixture
def write_table(tmp_path: Path) -> WriteTable:
    """Write ``rows`` (header first) to ``tmp_path/name``; .csv or .xlsx by the name."""

    def write(name: str, rows: Sequence[Sequence[Cell]]) -> Path:
        path = tmp_path / name
        return write_xlsx(path, rows) if name.endswith(".xlsx") else write_csv(path, rows)

    return write


@pytest.fixture
def election(db: None) -> Election:
    """An election of Khuzestan with no geography yet (overrides the shared one)."""
    province = province_create(actor=None, code="06", name="خوزستان", name_en="Khuzestan")
    return election_create(
        actor=None,
        province=province,
        name="انتخابات شوراها ۱۴۰۵",
        polling_date=datetime.date(2026, 6, 19),
        opens_at=datetime.time(8),
        closes_at=datetime.time(20),
    )
